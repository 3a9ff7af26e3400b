// The editor of one policy file: CodeMirror 6 with the LSP client's completion, hover,
// formatting, rename, go to definition and references, plus what the client leaves to its
// user — diagnostics with the server's quick fixes, colouring from the server's semantic tokens
// (the dsl's lexer and symbol table: the same token definitions as the CLI and VS Code), and
// sending every change at once so that edit → diagnostics is the server's time, not a timer's.
import { autocompletion, closeBrackets, closeBracketsKeymap, CompletionContext, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { indentUnit } from "@codemirror/language";
import { lintGutter, lintKeymap, setDiagnostics, type Action, type Diagnostic } from "@codemirror/lint";
import {
  findReferencesKeymap,
  formatKeymap,
  hoverTooltips,
  jumpToDefinitionKeymap,
  LSPPlugin,
  renameKeymap,
  serverCompletionSource,
  type LSPClient,
} from "@codemirror/lsp-client";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { EditorState, RangeSetBuilder, StateEffect, StateField, type Extension } from "@codemirror/state";
import {
  Decoration,
  drawSelection,
  dropCursor,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  ViewPlugin,
  type DecorationSet,
} from "@codemirror/view";
import type * as lsp from "vscode-languageserver-protocol";

/** What the page does when the server has checked a version of a file. */
export interface EditorHooks {
  checked(uri: string, view: EditorView, diagnostics: lsp.Diagnostic[]): void;
  cursorMoved(uri: string, view: EditorView): void;
  changed(uri: string, view: EditorView): void;
}

// ── sending changes ──

/**
 * Each change goes to the server in the same task (the server debounces, not the editor) —
 * except while an input method is composing: the pinyin on its way to 淮 is not policy text.
 */
const syncNow = ViewPlugin.fromClass(
  class {
    queued = false;
    constructor(readonly view: EditorView) {}
    update(u: { docChanged: boolean; view: EditorView }) {
      if (u.docChanged && !u.view.composing) this.sync();
    }
    sync() {
      if (this.queued) return;
      this.queued = true;
      queueMicrotask(() => {
        this.queued = false;
        LSPPlugin.get(this.view)?.client.sync();
      });
    }
  },
  { eventHandlers: { compositionend() { this.sync(); } } },
);

// ── diagnostics and quick fixes ──

const SEVERITY = ["error", "error", "warning", "info", "hint"] as const;

/** Offsets in the current document of a range the server gave for the version it last saw. */
export function fromServer(plugin: LSPPlugin, range: lsp.Range): { from: number; to: number } {
  const from = plugin.unsyncedChanges.mapPos(plugin.fromPosition(range.start, plugin.syncedDoc));
  const to = plugin.unsyncedChanges.mapPos(plugin.fromPosition(range.end, plugin.syncedDoc));
  return { from, to: Math.max(from, to) };
}

/** Apply a WorkspaceEdit from the server to the open editors; false when a file is not open. */
export function applyWorkspaceEdit(client: LSPClient, edit: lsp.WorkspaceEdit): boolean {
  const byUri = new Map<string, lsp.TextEdit[]>();
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) byUri.set(uri, edits);
  for (const dc of edit.documentChanges ?? []) if ("textDocument" in dc) byUri.set(dc.textDocument.uri, dc.edits as lsp.TextEdit[]);
  let all = true;
  for (const [uri, edits] of byUri) {
    const view = client.workspace.getFile(uri)?.getView();
    const plugin = view && LSPPlugin.get(view);
    if (!view || !plugin) {
      all = false;
      continue;
    }
    const changes = edits.map((e) => ({ ...fromServer(plugin, e.range), insert: e.newText }));
    view.dispatch({ changes, userEvent: "input.fix" });
  }
  return all;
}

function toLint(plugin: LSPPlugin, d: lsp.Diagnostic, actions?: Action[]): Diagnostic {
  const code = d.code === undefined ? "" : String(d.code);
  return {
    ...fromServer(plugin, d.range),
    severity: SEVERITY[d.severity ?? 1],
    message: d.message,
    renderMessage: () => {
      const el = document.createElement("span");
      if (code) {
        const c = document.createElement("code");
        c.className = "zc-diagnostic-code";
        c.textContent = code;
        el.append(c, " ");
      }
      el.append(d.message);
      return el;
    },
    ...(actions?.length ? { actions } : {}),
  };
}

/**
 * publishDiagnostics → lint markers now, then the same markers with the server's quick fixes
 * (textDocument/codeAction per diagnostic) once those arrive for the same version.
 */
export function diagnosticsHandler(hooks: () => EditorHooks) {
  return (client: LSPClient, params: lsp.PublishDiagnosticsParams): boolean => {
    const file = client.workspace.getFile(params.uri);
    if (!file || (params.version != null && params.version !== file.version)) return true;
    const view = file.getView();
    const plugin = view && LSPPlugin.get(view);
    if (!view || !plugin) return true;
    view.dispatch(setDiagnostics(view.state, params.diagnostics.map((d) => toLint(plugin, d))));
    hooks().checked(params.uri, view, params.diagnostics);
    const version = file.version;
    const wanted = params.diagnostics.slice(0, 40);
    if (!wanted.length) return true;
    void Promise.all(
      wanted.map((d) =>
        client
          .request<lsp.CodeActionParams, (lsp.CodeAction | lsp.Command)[] | null>("textDocument/codeAction", {
            textDocument: { uri: params.uri },
            range: d.range,
            context: { diagnostics: [d], only: ["quickfix"] },
          })
          .catch(() => null),
      ),
    ).then((results) => {
      if (client.workspace.getFile(params.uri)?.version !== version) return;
      const fixes = results.map((r) => (r ?? []).filter((a): a is lsp.CodeAction => "edit" in a && !!a.edit && (a.kind ?? "quickfix").startsWith("quickfix")));
      if (!fixes.some((f) => f.length)) return;
      const lint = params.diagnostics.map((d, i) =>
        toLint(
          plugin,
          d,
          (fixes[i] ?? []).map((a) => ({
            name: a.title,
            apply: () => {
              if (client.workspace.getFile(params.uri)?.version === version) applyWorkspaceEdit(client, a.edit!);
            },
          })),
        ),
      );
      view.dispatch(setDiagnostics(view.state, lint));
    });
    return true;
  };
}

// ── colouring from semantic tokens ──

const setTokens = StateEffect.define<DecorationSet>();

const tokenField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setTokens)) return e.value;
    return tr.docChanged ? value.map(tr.changes) : value;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const marks = new Map<string, Decoration>();
const mark = (cls: string) => {
  let m = marks.get(cls);
  if (!m) marks.set(cls, (m = Decoration.mark({ class: cls })));
  return m;
};

/** Ask the server for the file's semantic tokens and colour the editor with them. */
export async function refreshTokens(client: LSPClient, view: EditorView): Promise<void> {
  const plugin = LSPPlugin.get(view);
  const legend = client.serverCapabilities?.semanticTokensProvider?.legend;
  if (!plugin || !legend) return;
  const version = client.workspace.getFile(plugin.uri)?.version;
  const result = await client.request<lsp.SemanticTokensParams, lsp.SemanticTokens | null>("textDocument/semanticTokens/full", {
    textDocument: { uri: plugin.uri },
  });
  if (!result || client.workspace.getFile(plugin.uri)?.version !== version) return;
  const doc = plugin.syncedDoc;
  const builder = new RangeSetBuilder<Decoration>();
  let line = 0;
  let char = 0;
  const d = result.data;
  for (let i = 0; i + 4 < d.length; i += 5) {
    line += d[i];
    char = d[i] === 0 ? char + d[i + 1] : d[i + 1];
    if (line + 1 > doc.lines) break;
    const start = doc.line(line + 1).from + char;
    const end = Math.min(start + d[i + 2], doc.length);
    const type = legend.tokenTypes[d[i + 3]] ?? "unknown";
    const declaration = d[i + 4] & 1 ? " zc-declaration" : "";
    const from = plugin.unsyncedChanges.mapPos(start, 1);
    const to = plugin.unsyncedChanges.mapPos(end, -1);
    if (to > from) builder.add(from, to, mark(`zc-${type}${declaration}`));
  }
  view.dispatch({ effects: setTokens.of(builder.finish()) });
}

// ── completion in Chinese ──

const HAN = /\p{Script=Han}/u;

/**
 * The LSP client asks for completions on Latin identifier characters and the server's trigger
 * characters; policy names are Chinese, so a Han character typed (or composed by an input
 * method) asks too.
 */
const completionSource = (context: CompletionContext) => {
  if (!context.explicit && HAN.test(context.state.sliceDoc(context.pos - 1, context.pos))) {
    return serverCompletionSource(new CompletionContext(context.state, context.pos, true, context.view));
  }
  return serverCompletionSource(context);
};

// ── the editor ──

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "14px" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.6" },
  ".cm-content": { paddingBottom: "40vh" },
});

export function editorState(client: LSPClient, uri: string, text: string, hooks: () => EditorHooks): EditorState {
  return EditorState.create({
    doc: text,
    extensions: [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightSpecialChars(),
      history(),
      drawSelection(),
      dropCursor(),
      EditorState.allowMultipleSelections.of(true),
      closeBrackets(),
      highlightActiveLine(),
      highlightSelectionMatches(),
      indentUnit.of("  "),
      EditorState.tabSize.of(2),
      lintGutter(),
      autocompletion({ override: [completionSource], activateOnTypingDelay: 60 }),
      hoverTooltips({ hoverTime: 250 }),
      keymap.of([
        ...closeBracketsKeymap,
        ...defaultKeymap,
        ...searchKeymap,
        ...historyKeymap,
        ...completionKeymap,
        ...lintKeymap,
        ...formatKeymap,
        ...renameKeymap,
        ...jumpToDefinitionKeymap,
        ...findReferencesKeymap,
        indentWithTab,
      ]),
      client.plugin(uri, "zhengce"),
      syncNow,
      tokenField,
      theme,
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ lang: "zh-CN", spellcheck: "false", "aria-label": "政策文本" }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) hooks().changed(uri, u.view);
        if (u.selectionSet) hooks().cursorMoved(uri, u.view);
      }),
    ],
  });
}
