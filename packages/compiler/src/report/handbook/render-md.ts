// The handbook as Markdown (charts linked as charts/*.svg beside it).
import { mdCite, mdTable } from "../markdown.js";
import type { Block, Cell, Handbook, Mark, Section } from "./document.js";

function marked(text: string, mark: Mark | undefined): string {
  return mark ? `**${text}** [${mark.label}](#${mark.id})` : text;
}

function cell(c: Cell): string {
  return marked(c.text, c.mark);
}

function block(b: Block): string {
  switch (b.k) {
    case "para":
      return b.strong ? `**${b.text}**\n` : `${b.text}\n`;
    case "cites":
      return b.cites.length ? `> 依据${b.label ? `（${b.label}）` : ""}：${b.cites.map(mdCite).join("；")}\n` : "";
    case "table": {
      const head = b.head.length ? b.head[0].map(cell) : b.rows[0].map(() => "");
      const caption = b.caption ? `**${b.caption}**\n\n` : "";
      return caption + mdTable(head, b.rows.map((r) => r.map(cell)), head.map((_, i) => (b.rows.some((r) => r[i]?.numeric) ? "r" : "l")));
    }
    case "list":
      return (
        b.items
          .map((i) => {
            const lead = i.id ? `<a id="${i.id}"></a>` : "";
            const cites = i.cites?.length ? `\n  依据：${i.cites.map(mdCite).join("；")}` : "";
            return `- ${lead}${i.id ? i.text : marked(i.text, i.mark)}${cites}`;
          })
          .join("\n") + "\n"
      );
    case "charts":
      return (
        b.charts.map((c) => `![${c.title}](charts/${c.file})${c.notes?.length ? `\n\n${c.notes.map((n) => `- ${n}`).join("\n")}` : ""}\n`).join("\n") +
        (b.caption ? `\n${b.caption}\n` : "")
      );
    case "trace":
      return `<details><summary>${b.summary}</summary>\n\n${b.steps.map((s, i) => `${i + 1}. ${s.说明}（${s.依据}）`).join("\n")}\n\n</details>\n`;
  }
}

function renderSection(s: Section, depth: number): string {
  const parts = [`${"#".repeat(Math.min(depth, 6))} ${s.title}\n`, ...s.blocks.map(block), ...s.children.map((c) => renderSection(c, depth + 1))];
  return parts.filter((p) => p !== "").join("\n");
}

export function handbookMarkdown(h: Handbook): string {
  return `# ${h.title}\n\n${h.subtitle}\n\n${h.sections.map((s) => renderSection(s, 2)).join("\n")}`;
}
