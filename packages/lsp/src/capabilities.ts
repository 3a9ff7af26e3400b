// What the server answers to `initialize`: its capabilities, the same whether the front of a
// server process answers at once (front.ts) or startServer() does. No import of the language
// front end, nor of vscode-languageserver: the front answers before either is loaded.
import type { InitializeResult, SemanticTokensLegend } from "./protocol.js";

/** Semantic token types, in the order their indexes are sent (semantic-tokens.ts). */
export const TOKEN_TYPES = [
  "keyword",
  "enum",
  "enumMember",
  "variable",
  "function",
  "class",
  "parameter",
  "property",
  "struct",
  "type",
  "number",
  "string",
  "comment",
  "operator",
  "decorator",
] as const;
const TOKEN_MODIFIERS = ["declaration", "readonly", "defaultLibrary"] as const;

export const legend: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

export function initializeResult(): InitializeResult {
  return {
    capabilities: {
      // TextDocumentSyncKind.Incremental
      textDocumentSync: { openClose: true, change: 2 },
      hoverProvider: true,
      completionProvider: { triggerCharacters: ["=", "＝", "[", "［", "【", "、", ".", "．"], resolveProvider: false },
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: { label: "政策" },
      workspaceSymbolProvider: true,
      semanticTokensProvider: { legend, full: true, range: true },
      foldingRangeProvider: true,
      // CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite
      codeActionProvider: { codeActionKinds: ["quickfix", "refactor.rewrite"] },
      documentFormattingProvider: true,
    },
    serverInfo: { name: "zhengce-lsp", version: "0.1.0" },
  };
}
