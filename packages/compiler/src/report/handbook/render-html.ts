// The handbook as one self-contained web page (inline CSS and SVG), printable.
import { citeHtml, esc, htmlTable, page, type HtmlCell } from "../html.js";
import type { Block, Cell, Handbook, Mark, Section } from "./document.js";

function marked(text: string, mark: Mark | undefined): string {
  const body = esc(text).replace(/\n/g, "<br>");
  if (!mark) return body;
  return `<a href="#${mark.id}" title="${esc(`本文件${mark.kind}，见本次修订 ${mark.label}`)}">${body}<sup class="mark">${esc(mark.label)}</sup></a>`;
}

function cell(c: Cell): HtmlCell {
  const classes = [c.numeric ? "num" : "", c.mark ? "amended" : ""].filter(Boolean).join(" ");
  return { html: marked(c.text, c.mark), className: classes || undefined, header: c.header, colspan: c.colspan };
}

function block(b: Block): string {
  switch (b.k) {
    case "para":
      return `<p${b.note ? ' class="note"' : ""}>${b.strong ? `<b>${esc(b.text)}</b>` : esc(b.text)}</p>`;
    case "cites":
      return b.cites.length ? `<p class="cite">依据${b.label ? `（${esc(b.label)}）` : ""}：${b.cites.map(citeHtml).join("；")}</p>` : "";
    case "table":
      return htmlTable({ caption: b.caption, id: b.id, head: b.head.map((r) => r.map(cell)), rows: b.rows.map((r) => r.map(cell)) });
    case "list":
      return `<ul>${b.items
        .map((i) => `<li${i.id ? ` id="${esc(i.id)}"` : ""}>${i.mark && !i.id ? `<span class="amended">${marked(i.text, i.mark)}</span>` : esc(i.text)}${i.cites?.length ? `<br>${i.cites.map(citeHtml).join("<br>")}` : ""}</li>`)
        .join("\n")}</ul>`;
    case "charts":
      return `<div class="charts">${b.charts
        .map((c) => `<figure>${c.svg}${c.notes?.length ? `<figcaption>${c.notes.map(esc).join("<br>")}</figcaption>` : ""}</figure>`)
        .join("\n")}</div>${b.caption ? `<p class="note">${esc(b.caption)}</p>` : ""}`;
    case "trace":
      return `<details><summary>${esc(b.summary)}</summary><ol class="trace">${b.steps.map((s) => `<li>${esc(s.说明)} <span class="cite">（${esc(s.依据)}）</span></li>`).join("")}</ol></details>`;
  }
}

function renderSection(s: Section, depth: number): string {
  const h = `h${Math.min(depth, 4)}`;
  return `<section id="${esc(s.id)}"><${h}>${esc(s.title)}</${h}>\n${s.blocks.map(block).join("\n")}\n${s.children.map((c) => renderSection(c, depth + 1)).join("\n")}</section>`;
}

function toc(sections: Section[]): string {
  // Two levels: the parts and their calculators (not each chart or example list).
  const items = (list: Section[], depth: number): string =>
    `<ol>${list
      .map((s) => {
        const children = depth < 2 ? s.children.filter((c) => !c.id.startsWith("chart-") && !c.id.startsWith("examples-")) : [];
        return `<li><a href="#${esc(s.id)}">${esc(s.title)}</a>${children.length ? items(children, depth + 1) : ""}</li>`;
      })
      .join("")}</ol>`;
  return `<nav class="toc"><b>目录</b>${items(sections, 1)}</nav>`;
}

export function handbookHtml(h: Handbook): string {
  return page({ title: h.title, subtitle: esc(h.subtitle), body: toc(h.sections) + h.sections.map((s) => renderSection(s, 2)).join("\n") });
}
