// The handbook as a format-neutral document: sections of paragraphs, tables, lists, charts and
// explanations. One builder fills it; the HTML and Markdown renderers only lay it out.
import type { Cite } from "../view.js";

/** A cell or item restated by an amendment: marked, and linked to the amending clause. */
export interface Mark {
  /** Anchor of the entry in the section 本次修订. */
  id: string;
  /** ※1, ※2 … */
  label: string;
  /** 修改 or 重述. */
  kind: string;
}

export interface Cell {
  text: string;
  mark?: Mark;
  numeric?: boolean;
  header?: boolean;
  colspan?: number;
}

export interface Chart {
  title: string;
  svg: string;
  /** File name under charts/ (the Markdown handbook links it). */
  file: string;
  /** What a reader should notice (where a cap bites), printed under the chart. */
  notes?: string[];
}

export interface TraceLine {
  说明: string;
  依据: string;
}

export type Block =
  | { k: "para"; text: string; note?: boolean; strong?: boolean }
  | { k: "cites"; cites: Cite[]; label?: string }
  | { k: "table"; caption?: string; head: Cell[][]; rows: Cell[][]; id?: string }
  | { k: "list"; items: { text: string; mark?: Mark; cites?: Cite[]; id?: string }[] }
  | { k: "charts"; charts: Chart[]; caption?: string }
  | { k: "trace"; summary: string; steps: TraceLine[] };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
  children: Section[];
}

export interface Handbook {
  title: string;
  subtitle: string;
  sections: Section[];
}

export function section(id: string, title: string, blocks: Block[] = [], children: Section[] = []): Section {
  return { id, title, blocks, children };
}
