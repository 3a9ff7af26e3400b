// The page every HTML report is printed on: self-contained (inline CSS and SVG, no script, no
// network), readable on a phone, printable on A4.

export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** An id usable in a URL fragment, stable for the same text. */
export function anchor(text: string): string {
  return encodeURIComponent(text.replace(/\s+/g, "-")).replace(/%/g, "");
}

const STYLE = `
:root { --ink:#1f2328; --muted:#57606a; --line:#d0d7de; --soft:#f6f8fa; --accent:#0b5cad; --up:#0b6bcb; --down:#c2410c; --mark:#fff4c2; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.65 "Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei","PingFang SC","Microsoft YaHei",sans-serif; }
main { max-width: 1080px; margin: 0 auto; padding: 24px 20px 64px; }
h1 { font-size: 26px; margin: 8px 0 4px; line-height: 1.3; }
h2 { font-size: 20px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 17px; margin: 26px 0 8px; }
h4 { font-size: 15px; margin: 18px 0 6px; }
p, ul, ol { margin: 6px 0 10px; }
a { color: var(--accent); }
.sub { color: var(--muted); margin: 0 0 16px; }
.note, .cite { color: var(--muted); font-size: 13px; }
.cite q { quotes: "「" "」"; }
table { border-collapse: collapse; margin: 8px 0 14px; max-width: 100%; font-size: 14px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid var(--line); padding: 5px 8px; vertical-align: top; text-align: left; }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.up { color: var(--up); } td.down { color: var(--down); }
td.amended, span.amended { background: var(--mark); }
td.amended a, span.amended a { text-decoration: none; }
sup.mark { color: var(--down); font-weight: 700; margin-left: 2px; }
.kind { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; background: var(--soft); border: 1px solid var(--line); }
.kind.changed { background: #fde7d9; border-color: #f2b48f; } .kind.added { background: #dcf2e3; border-color: #9bd3ad; }
.kind.removed { background: #f9dcdc; border-color: #e3a1a1; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 12px; margin: 8px 0 16px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 4px; padding: 6px; background: #fff; break-inside: avoid; }
figure.wide { grid-column: 1 / -1; }
figcaption { font-size: 13px; color: var(--muted); margin-top: 4px; }
svg { display: block; width: 100%; height: auto; }
details { margin: 4px 0 10px; } summary { cursor: pointer; color: var(--accent); }
ol.trace { font-size: 13px; padding-left: 22px; } ol.trace li { margin: 2px 0; }
nav.toc ol { padding-left: 20px; } nav.toc li { margin: 1px 0; }
nav.toc ol ol { columns: 4 150px; font-size: 14px; margin: 2px 0 8px; }
code, .mono { font-family: "Noto Sans Mono CJK SC","WenQuanYi Zen Hei Mono",ui-monospace,monospace; font-size: 13px; }
.summary { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 8px; margin: 10px 0 16px; }
.summary div { border: 1px solid var(--line); border-radius: 4px; padding: 8px 10px; background: var(--soft); }
.summary b { display: block; font-size: 20px; }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; }
  table, figure { break-inside: avoid; }
  details > summary { display: none; }
  details { display: block; }
  nav.toc { display: none; }
}
`;

export function page(options: { title: string; subtitle?: string; body: string }): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(options.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${esc(options.title)}</h1>
${options.subtitle ? `<p class="sub">${options.subtitle}</p>` : ""}
${options.body}
</main>
</body>
</html>
`;
}

/** A cell: text (escaped) or raw HTML, with optional classes and spans. */
export type HtmlCell = string | { html?: string; text?: string; className?: string; colspan?: number; rowspan?: number; header?: boolean };

function cell(c: HtmlCell, tag: "td" | "th"): string {
  if (typeof c === "string") return `<${tag}>${esc(c)}</${tag}>`;
  const t = c.header ? "th" : tag;
  const attrs = [
    c.className ? ` class="${c.className}"` : "",
    c.colspan && c.colspan > 1 ? ` colspan="${c.colspan}"` : "",
    c.rowspan && c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : "",
  ].join("");
  return `<${t}${attrs}>${c.html ?? esc(c.text ?? "")}</${t}>`;
}

export function htmlTable(options: { caption?: string; head?: HtmlCell[][]; rows: HtmlCell[][]; id?: string; className?: string }): string {
  const head = options.head?.length ? `<thead>${options.head.map((r) => `<tr>${r.map((c) => cell(c, "th")).join("")}</tr>`).join("")}</thead>` : "";
  const body = `<tbody>${options.rows.map((r) => `<tr>${r.map((c) => cell(c, "td")).join("")}</tr>`).join("\n")}</tbody>`;
  const attrs = `${options.id ? ` id="${esc(options.id)}"` : ""}${options.className ? ` class="${options.className}"` : ""}`;
  return `<table${attrs}>${options.caption ? `<caption>${esc(options.caption)}</caption>` : ""}${head}${body}</table>\n`;
}

/** A citation as a reader sees it: the clause, then the quoted sentence. */
export function citeHtml(c: { clause: string; quote?: string }): string {
  return `<span class="cite">${esc(c.clause)}${c.quote ? ` <q>${esc(c.quote)}</q>` : ""}</span>`;
}
