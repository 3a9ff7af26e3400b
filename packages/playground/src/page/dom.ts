// A few DOM helpers: elements built from data are filled with text, never with markup.
type Attrs = Record<string, string | number | boolean | undefined | ((e: Event) => void)>;
type Child = Node | string | false | null | undefined;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === "function") el.addEventListener(k.replace(/^on/, ""), v);
    else if (k === "class") el.className = String(v);
    else if (k in el && k !== "list" && typeof v !== "string") (el as unknown as Record<string, unknown>)[k] = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) if (c !== false && c !== null && c !== undefined) el.append(c);
  return el;
}

export function $(selector: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`页面缺少元素 ${selector}`);
  return el;
}

/** Run `fn` once `ms` after the last call. */
export function debounce<A extends unknown[]>(ms: number, fn: (...args: A) => void): (...args: A) => void {
  let t: ReturnType<typeof setTimeout> | undefined;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

const ALLOWED = new Set(["P", "STRONG", "EM", "B", "I", "CODE", "PRE", "UL", "OL", "LI", "BLOCKQUOTE", "BR", "HR", "H1", "H2", "H3", "H4", "H5", "H6", "TABLE", "THEAD", "TBODY", "TR", "TH", "TD", "SPAN", "DEL"]);

/**
 * Hover text is Markdown rendered to HTML, and the Markdown quotes policy text — which a shared
 * link may carry from anyone. Keep only plain formatting elements, with no attribute but `class` (code highlighting).
 */
export function sanitizeHTML(html: string): string {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  const clean = (node: Element) => {
    for (const child of [...node.children]) {
      if (!ALLOWED.has(child.tagName)) {
        child.replaceWith(document.createTextNode(child.textContent ?? ""));
        continue;
      }
      for (const a of [...child.attributes]) if (a.name !== "class") child.removeAttribute(a.name);
      clean(child);
    }
  };
  clean(doc.body);
  return doc.body.innerHTML;
}
