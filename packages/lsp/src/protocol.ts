// What the server takes from the protocol package, in one place. vscode-languageserver is
// CommonJS: in the server's single-file build (scripts/bundle.mjs) every module importing it
// made its own ES namespace of the package's 308 exports, a getter each, thirteen times — 18 ms
// of the server's load in a CPU profile of its start. Imported from here, it is made once.
export type * from "vscode-languageserver/node.js";
export {
  CodeActionKind,
  CompletionItemKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FoldingRangeKind,
  InsertTextFormat,
  MarkupKind,
  ProposedFeatures,
  ResponseError,
  SemanticTokensBuilder,
  SymbolKind,
  TextDocuments,
} from "vscode-languageserver/node.js";
