// The 大纲 tab: the server's document symbols (with the server's own detail: 参数 按 医院级别,
// 计算, 输入 …) as a tree; a click shows the declaration.
import type * as lsp from "vscode-languageserver-protocol";
import { h } from "./dom.js";

export function renderOutline(symbols: (lsp.DocumentSymbol | lsp.SymbolInformation)[], reveal: (range: lsp.Range) => void): HTMLElement {
  const item = (s: lsp.DocumentSymbol | lsp.SymbolInformation): HTMLElement => {
    const range = "selectionRange" in s ? s.selectionRange : s.location.range;
    const children = "children" in s && s.children?.length ? h("ul", {}, s.children.map(item)) : null;
    return h(
      "li",
      {},
      h("button", { type: "button", class: "outline-item", onclick: () => reveal(range) }, s.name, "detail" in s && s.detail ? h("span", { class: "outline-detail" }, s.detail) : null),
      children,
    );
  };
  return symbols.length ? h("ul", { class: "outline" }, symbols.map(item)) : h("p", { class: "notice" }, "没有声明。");
}
