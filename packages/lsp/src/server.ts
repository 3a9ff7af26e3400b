// The language server: documents in, diagnostics and answers out. Every fact comes from
// analyze() (through PolicyWorkspace); this file only wires LSP requests to the feature
// modules, debounces checking, and makes sure no input can stop the server.
import {
  DidChangeWatchedFilesNotification,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from "./protocol.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import { initializeResult } from "./capabilities.js";
import { codeActions } from "./code-actions.js";
import { completion } from "./completion.js";
import { definition } from "./definition.js";
import { exampleDiagnostics, exampleOf, fileDiagnostics, hasErrors } from "./diagnostics.js";
import type { ExampleRunner } from "./examples.js";
import { foldingRanges } from "./folding.js";
import { formatting } from "./formatting.js";
import { hover } from "./hover.js";
import { noticeActions, noticeDefinition, noticeHover } from "./notice.js";
import { loadCompiler, loadFormatter, type CompilerApi, type ExampleOutcome, type FormatterApi } from "./optional.js";
import { references } from "./references.js";
import { prepareRename, rename } from "./rename.js";
import { semanticTokens } from "./semantic-tokens.js";
import { documentSymbols, workspaceSymbols } from "./symbols.js";
import { guard, toOffset, uriToPath } from "./util.js";
import { PolicyWorkspace, type FileAccess } from "./workspace.js";
import type { Analysis } from "@zhengce/dsl";

export interface ServerOptions {
  /** Delay between the last edit and checking, in ms (150). */
  debounceMs?: number;
  /** Where compileAnalysis() comes from (default: @zhengce/compiler, when it is built). */
  loadCompiler?: () => Promise<CompilerApi | undefined>;
  /** Where formatPolicy() comes from (default: prettier-plugin-zhengce, when it is built). */
  loadFormatter?: () => Promise<FormatterApi | undefined>;
  /** File system for base files and workspace symbols (default: the disk). */
  files?: FileAccess;
  /**
   * Publish the checker's diagnostics before the worked examples run, then again with their
   * outcomes (the playground: edit → diagnostics is the checker's time). Default: once, with both.
   */
  publishBeforeExamples?: boolean;
  /**
   * Runs the worked examples off this thread (runServer(): a worker thread). Then the compiler
   * is not loaded here: the checker's diagnostics are published at once and the examples'
   * failures follow when they have run.
   */
  examples?: ExampleRunner;
  /**
   * Told what the checker published (worked examples aside) for a document just opened, and for
   * one closed whose last check was of the text on disk, with every file that check read, the
   * document first (URI, text, null for a file looked for and absent): a server process keeps it
   * for its next start (diagnostics-cache.ts).
   */
  checked?: (diagnostics: ReturnType<typeof fileDiagnostics>, files: [string, string | null][]) => void;
}

export interface PolicyServer {
  workspace: PolicyWorkspace;
  /** Resolves when the optional compiler and formatter have been looked for (reading it starts looking). */
  readonly ready: Promise<void>;
  dispose(): void;
}

/** Lets the event loop take the messages that arrived meanwhile. */
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function startServer(connection: Connection, options: ServerOptions = {}): PolicyServer {
  const debounceMs = options.debounceMs ?? 150;
  const documents = new TextDocuments(TextDocument);
  const ws = new PolicyWorkspace(documents, options.files);
  const log = { error: (m: string) => connection.console.error(m) };
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const justOpened = new Set<string>();
  /** Documents opened and not checked since. */
  const unchecked = new Set<string>();
  /** The version each open document was last checked at, with what the checker published. */
  const lastChecked = new Map<string, { version: number; diagnostics: ReturnType<typeof fileDiagnostics> }>();
  const outcomes = new WeakMap<Analysis, ExampleOutcome[]>();
  /**
   * Each open document's latest failing worked examples, with the text of each example: while a
   * newer version's examples run, the failure of an example whose text is unchanged stays shown
   * (an E181 vanished and came back on every keystroke while the worker ran them again).
   */
  const latestFailures = new Map<string, { outcome: ExampleOutcome; text?: string }[]>();
  const exampleText = (analysis: Analysis, o: ExampleOutcome) => {
    const ex = exampleOf(analysis, o);
    return ex && analysis.text.slice(ex.span.start, ex.span.end);
  };
  const keep = (uri: string, analysis: Analysis, results: ExampleOutcome[]) => {
    outcomes.set(analysis, results);
    latestFailures.set(uri, results.filter((o) => !o.passed).map((outcome) => ({ outcome, text: exampleText(analysis, outcome) })));
  };
  /** This version's example failures, or until they are known the latest ones of unchanged examples. */
  const exampleFailures = (uri: string, analysis: Analysis) => {
    const known = outcomes.get(analysis);
    if (known) return exampleDiagnostics(analysis, known);
    const unchanged = (latestFailures.get(uri) ?? []).filter((f) => f.text !== undefined && exampleText(analysis, f.outcome) === f.text);
    return exampleDiagnostics(analysis, unchanged.map((f) => f.outcome));
  };
  let compiler: CompilerApi | undefined;
  let formatter: FormatterApi | undefined;
  let watchFiles = false;
  let initialized = false;
  let disposed = false;

  /** Where a piece is missing or fails to load, its feature is skipped. */
  const optional = async <T>(load: (() => Promise<T | undefined>) | undefined, fallback: () => Promise<T | undefined>) => {
    try {
      return await (load ?? fallback)();
    } catch {
      return undefined;
    }
  };
  // With examples off this thread, the compiler is loaded there, not here.
  const compilerHere = options.examples ? async () => undefined : options.loadCompiler;
  let looking: Promise<void> | undefined;
  /** Look for the optional compiler and formatter, once. */
  const ready = (): Promise<void> =>
    (looking ??= Promise.all([optional(compilerHere, loadCompiler), optional(options.loadFormatter, loadFormatter)]).then(([c, f]) => {
      compiler = c;
      formatter = f;
    }));

  // ── checking ──

  const schedule = (uri: string, delay = debounceMs) => {
    if (disposed) return;
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void validate(uri);
      }, delay),
    );
  };

  /** The examples' outcomes from the runner off this thread, published after the checker's diagnostics. */
  const examplesOff = guard(log, "examples", undefined, async (runner: ExampleRunner, uri: string, version: number, analysis: Analysis, diagnostics: ReturnType<typeof fileDiagnostics>) => {
    const results = await runner.run(analysis);
    if (!results || documents.get(uri)?.version !== version || disposed) return;
    const shown = exampleFailures(uri, analysis);
    keep(uri, analysis, results);
    const failures = exampleDiagnostics(analysis, results);
    // Published again only when what is shown changes.
    if (JSON.stringify(failures) !== JSON.stringify(shown)) await connection.sendDiagnostics({ uri, version, diagnostics: [...diagnostics, ...failures] });
  });

  const validate = guard(log, "diagnostics", undefined, async (uri: string) => {
    // The first check waits for the compiler to be looked for, so that examples run from the start
    // (not when they run elsewhere: nothing is loaded here for them).
    if (initialized && !options.examples) await ready();
    const doc = documents.get(uri);
    if (!doc || disposed) return;
    const version = doc.version;
    let analysis: Analysis | undefined;
    try {
      analysis = ws.analysis(uri);
    } catch (e) {
      // analyze() never throws by contract; should it all the same, the old list must not stay on screen.
      log.error(`[diagnostics] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      await connection.sendDiagnostics({ uri, version, diagnostics: [{ range, severity: 1, source: "zhengce", message: `内部错误：无法检查此文件（${e instanceof Error ? e.message : String(e)}）` }] });
      return;
    }
    if (!analysis) return;
    const diagnostics = fileDiagnostics(analysis);
    const first = unchecked.delete(uri);
    /** After the checker's diagnostics are out: remembered, and told when the document was just opened. */
    const opened = () => {
      if (documents.get(uri)?.version !== version) return;
      const checked = fileDiagnostics(analysis!);
      lastChecked.set(uri, { version, diagnostics: checked });
      const files = first && options.checked ? ws.filesRead(uri) : undefined;
      if (files) options.checked!(checked, files);
    };
    const runsExamples = !hasErrors(analysis) && analysis.ast.declarations.some((d) => d.kind === "ExampleDecl");
    if (options.examples) {
      const known = outcomes.get(analysis);
      await connection.sendDiagnostics({ uri, version, diagnostics: runsExamples ? [...diagnostics, ...exampleFailures(uri, analysis)] : diagnostics });
      if (runsExamples && !known) void examplesOff(options.examples, uri, version, analysis, diagnostics);
      opened();
      void ready();
      return;
    }
    // Worked examples run only on a policy that checks, and only when the compiler is there.
    if (compiler && !hasErrors(analysis) && analysis.ast.declarations.some((d) => d.kind === "ExampleDecl")) {
      try {
        let results = outcomes.get(analysis);
        if (!results) {
          if (options.publishBeforeExamples) {
            await connection.sendDiagnostics({ uri, version, diagnostics: [...diagnostics, ...exampleFailures(uri, analysis)] });
            if (documents.get(uri)?.version !== version || disposed) return;
          }
          // Compiling and running the examples hold the thread: requests already queued (hover,
          // completion) and newer edits go first, and a newer version drops this run.
          const current = () => documents.get(uri)?.version === version && !disposed;
          await nextTurn();
          if (!current()) return;
          const compiled = await compiler.compileAnalysis(analysis);
          await nextTurn();
          if (!current()) return;
          results = await compiled.runExamples();
          keep(uri, analysis, results);
        }
        diagnostics.push(...exampleDiagnostics(analysis, results));
      } catch (e) {
        log.error(`[examples] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
    }
    // A newer edit has its own check on the way: do not publish a stale list.
    if (documents.get(uri)?.version !== version || disposed) return;
    await connection.sendDiagnostics({ uri, version, diagnostics });
    opened();
  });

  const changed = (uri: string) => {
    for (const dependent of ws.invalidate(uri)) if (dependent !== uri) schedule(dependent);
  };

  documents.onDidOpen((e) => {
    justOpened.add(e.document.uri);
    unchecked.add(e.document.uri);
    changed(e.document.uri);
    schedule(e.document.uri, 0);
  });
  documents.onDidChangeContent((e) => {
    if (justOpened.delete(e.document.uri)) return;
    changed(e.document.uri);
    schedule(e.document.uri);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    // Closed as it is on disk (the file's text is read now that the document is closed): told,
    // for the next start to publish at once.
    const last = lastChecked.get(uri);
    lastChecked.delete(uri);
    const files = last?.version === e.document.version && options.checked ? ws.filesRead(uri) : undefined;
    if (files?.[0][1] === e.document.getText()) void guard(log, "checked", undefined, options.checked!)(last!.diagnostics, files);
    justOpened.delete(uri);
    unchecked.delete(uri);
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    changed(uri);
    ws.forget(uri);
    latestFailures.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });
  connection.onDidChangeWatchedFiles(
    guard(log, "watchedFiles", undefined, (p) => {
      for (const c of p.changes) if (!documents.get(c.uri)) changed(c.uri);
    }),
  );

  // ── lifecycle ──

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    try {
      const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
      ws.folders = folders.map(uriToPath).filter((p): p is string => !!p);
      if (!ws.folders.length && params.rootPath) ws.folders = [params.rootPath];
      watchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    } catch (e) {
      log.error(`[initialize] ${String(e)}`);
    }
    return initializeResult();
  });

  connection.onInitialized(() => {
    initialized = true;
    if (watchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/*.policy" }] }).catch(() => undefined);
    }
    // With examples off this thread, only the formatter is left to load here: it waits for the
    // first diagnostics (a profile of the server's start had it ahead of the first check), or a
    // formatting request.
    if (!options.examples) void ready();
  });

  // The examples' worker goes at shutdown, so that the exit that follows is not kept waiting.
  connection.onShutdown(() => options.examples?.dispose());

  // ── requests ──

  const at = (uri: string, position: { line: number; character: number }) => {
    const s = ws.symbols(uri);
    return s && { ...s, offset: toOffset(s.analysis.text, position) };
  };
  const source = { symbols: (u: string) => ws.symbols(u), amendmentsOf: (u: string) => ws.amendmentsOf(u), host: () => ws.host() };

  connection.onHover(
    guard(log, "hover", null, (p) => {
      const s = at(p.textDocument.uri, p.position);
      return s ? (noticeHover(s.analysis, s.offset) ?? hover(s.analysis, s.table, s.offset)) : null;
    }),
  );
  connection.onCompletion(
    guard(log, "completion", [], (p) => {
      const s = at(p.textDocument.uri, p.position);
      return s ? completion(s.analysis, s.table, s.offset) : [];
    }),
  );
  connection.onDefinition(
    guard(log, "definition", [], (p) => {
      const s = at(p.textDocument.uri, p.position);
      if (!s) return [];
      const inNotice = noticeDefinition(s.analysis, s.offset);
      return inNotice.length ? inNotice : definition(s.analysis, s.table, s.offset);
    }),
  );
  connection.onReferences(
    guard(log, "references", [], (p) => {
      const s = at(p.textDocument.uri, p.position);
      return s ? references(source, s.analysis.uri, s.offset, p.context.includeDeclaration) : [];
    }),
  );
  connection.onPrepareRename(
    guard(log, "prepareRename", null, (p) => {
      const s = at(p.textDocument.uri, p.position);
      return s ? prepareRename(source, s.analysis.uri, s.offset) : null;
    }),
  );
  connection.onRenameRequest(
    guard(log, "rename", null, (p) => {
      const s = at(p.textDocument.uri, p.position);
      return s ? rename(source, s.analysis.uri, s.offset, p.newName) : null;
    }),
  );
  connection.onDocumentSymbol(
    guard(log, "documentSymbol", [], (p) => {
      const a = ws.analysis(p.textDocument.uri);
      return a ? documentSymbols(a) : [];
    }),
  );
  connection.onWorkspaceSymbol(
    guard(log, "workspaceSymbol", [], (p) => {
      const out = [];
      for (const uri of ws.knownFiles()) {
        const a = ws.analysis(uri);
        if (a) out.push(...workspaceSymbols(a, p.query));
        if (out.length > 2000) break;
      }
      return out;
    }),
  );
  connection.languages.semanticTokens.on(
    guard(log, "semanticTokens", { data: [] }, (p) => {
      const s = ws.symbols(p.textDocument.uri);
      return s ? semanticTokens(s.analysis, s.table) : { data: [] };
    }),
  );
  connection.languages.semanticTokens.onRange(
    guard(log, "semanticTokensRange", { data: [] }, (p) => {
      const s = ws.symbols(p.textDocument.uri);
      if (!s) return { data: [] };
      const text = s.analysis.text;
      return semanticTokens(s.analysis, s.table, { start: toOffset(text, p.range.start), end: toOffset(text, p.range.end) });
    }),
  );
  connection.onFoldingRanges(
    guard(log, "foldingRange", [], (p) => {
      const a = ws.analysis(p.textDocument.uri);
      return a ? foldingRanges(a) : [];
    }),
  );
  connection.onCodeAction(
    guard(log, "codeAction", [], (p) => {
      const a = ws.analysis(p.textDocument.uri);
      if (!a) return [];
      const range = { start: toOffset(a.text, p.range.start), end: toOffset(a.text, p.range.end) };
      return [...codeActions(a, ws.host(), range, p.context.diagnostics), ...noticeActions(a, p.context.diagnostics)];
    }),
  );
  connection.onDocumentFormatting(
    guard(log, "formatting", [], async (p) => {
      await ready();
      const a = ws.analysis(p.textDocument.uri);
      return a ? formatting(a, formatter) : [];
    }),
  );

  // Versions only go up (LSP): a change that does not is stale or repeated, and is dropped
  // rather than applied on top of a newer text.
  documents.listen({
    onDidOpenTextDocument: (h) => connection.onDidOpenTextDocument(h),
    onDidCloseTextDocument: (h) => connection.onDidCloseTextDocument(h),
    onWillSaveTextDocument: (h) => connection.onWillSaveTextDocument(h),
    onWillSaveTextDocumentWaitUntil: (h) => connection.onWillSaveTextDocumentWaitUntil(h),
    onDidSaveTextDocument: (h) => connection.onDidSaveTextDocument(h),
    onDidChangeTextDocument: (h) =>
      connection.onDidChangeTextDocument((p) => {
        const doc = documents.get(p.textDocument.uri);
        if (doc && p.textDocument.version <= doc.version) {
          connection.console.warn(`[didChange] 忽略版本 ${p.textDocument.version} 的修改：文档已是版本 ${doc.version}`);
          return;
        }
        return h(p);
      }),
  });
  connection.listen();

  return {
    workspace: ws,
    get ready() {
      return ready();
    },
    dispose() {
      disposed = true;
      options.examples?.dispose();
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
