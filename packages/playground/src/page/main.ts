// The playground page: tabs of open policies (an amendment opens with its base), the editor, the
// 运行, 对比 and 大纲 tabs, the policy menu, open / save / format / share. Everything runs here and in
// the language-server worker; the site is static files.
import { formatDocument, LSPPlugin, type LSPClient } from "@codemirror/lsp-client";
import { EditorSelection } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import type * as lsp from "vscode-languageserver-protocol";
import * as P from "../protocol.js";
import { createClient, PageWorkspace } from "./client.js";
import { ComparePanel } from "./compare.js";
import { $, debounce, h } from "./dom.js";
import { diagnosticsHandler, editorState, fromServer, refreshTokens, type EditorHooks } from "./editor.js";
import { loadIndex, pickFiles, readFiles, saveText, type LocalFile } from "./files.js";
import { renderOutline } from "./outline.js";
import { RunPanel } from "./run.js";
import { decodeShare, encodeShare, type SharedState } from "./share.js";

// The worker is started by index.html before this script arrives (it has the most to load).
const worker = (window as unknown as { zhengceWorker?: Worker }).zhengceWorker ?? new Worker("worker.js");

const uriOf = (path: string) => `file://${path.split("/").map(encodeURIComponent).join("/")}`;
const pathOf = (uri: string) => decodeURIComponent(new URL(uri).pathname);
const shortName = (path: string) => path.replace(/^\/(policies\/)?/, "");

interface Tab {
  uri: string;
  path: string;
  view: EditorView;
  button: HTMLButtonElement;
  /** The text as last loaded or saved, to mark the tab as modified. */
  saved: string;
  handle?: FileSystemFileHandle;
}

/** Timings the budget benchmark reads (scripts/bench.mjs). */
const perf = {
  editToDiagnostics: [] as number[],
  pendingEdit: new Map<string, number>(),
};
(window as unknown as { __zhengce: unknown }).__zhengce = perf;

class Playground {
  readonly client: LSPClient;
  private readonly tabs = new Map<string, Tab>();
  private active?: Tab;
  /** Every policy the page knows, by path: the site's, the user's, a shared link's. */
  private readonly known = new Map<string, P.SiteFile>();
  private served = false;
  private catalogue = new Map<string, P.CatalogueEntry>();
  private readonly run: RunPanel;
  private readonly compare: ComparePanel;
  private checkedOnce = false;

  private readonly hooks: EditorHooks = {
    checked: (uri, view, diagnostics) => this.checked(uri, view, diagnostics),
    changed: (uri) => this.changed(uri),
    cursorMoved: (uri, view) => this.cursorSoon(uri, view),
  };

  constructor() {
    this.client = createClient(worker, { "textDocument/publishDiagnostics": diagnosticsHandler(() => this.hooks) as never });
    (this.client.workspace as PageWorkspace).display = { display: (uri) => this.display(uri) };
    this.run = new RunPanel($("#run-pane"), {
      request: (method, params) => this.client.request(method, params),
      reveal: (loc) => void this.reveal(loc.uri, loc.range),
    });
    this.compare = new ComparePanel($("#compare-pane"), {
      request: (method, params) => this.client.request(method, params),
      reveal: (loc) => void this.reveal(loc.uri, loc.range),
    });
  }

  async start() {
    this.wireToolbar();
    let shared: SharedState | undefined;
    let failure: string | undefined;
    const [index] = await Promise.all([
      loadIndex(),
      decodeShare(location.hash).then(
        (s) => (shared = s),
        (e: Error) => (failure = e.message),
      ),
    ]);
    this.served = !!index.served;
    for (const f of index.files) this.known.set(f.path, f);
    for (const f of shared?.files ?? []) if (!this.known.has(f.path)) this.known.set(f.path, { path: f.path, text: f.text });
    this.client.notification<P.FilesParams>(P.FILES, { files: [...this.known.values()].map(({ path, text }) => ({ path, text })) });
    this.fillMenu();
    if (shared) {
      if (shared.run) this.run.restore(shared.run);
      if (shared.compare) this.compare.restore(shared.compare);
      if (shared.pane) this.showPane(shared.pane);
      for (const f of shared.files) this.openTab(f.path, f.text);
      this.activate(this.tabs.get(uriOf(shared.active)) ?? [...this.tabs.values()][0]);
    } else {
      const first = [index.open, "/policies/jiangmen/base.policy"].find((p) => p && this.known.has(p)) ?? [...this.known.keys()][0];
      if (first) this.openPolicy(first);
    }
    if (failure) this.say(failure, true);
    performance.mark("zc:editor");
  }

  /** Titles and bases of every known policy, asked for once the first check is out (it parses them all). */
  private async loadCatalogue() {
    const entries = await this.client.request<object, P.CatalogueEntry[]>(P.CATALOGUE, {});
    this.catalogue = new Map(entries.map((e) => [e.uri, e]));
    this.fillMenu();
    // An amendment opened before the catalogue came: open its base beside it.
    const base = this.active && this.catalogue.get(this.active.uri)?.base;
    if (base && !this.tabs.has(base) && this.known.has(pathOf(base))) this.openTab(pathOf(base));
  }

  // ── the menu and tabs ──

  private fillMenu() {
    const menu = $("#policy") as HTMLSelectElement;
    const groups = new Map<string, HTMLOptGroupElement>();
    // The menu lists policies; a notice (原文) is opened by going to a 依据's definition.
    const options = [...this.known.keys()].filter((p) => p.endsWith(".policy")).sort().map((path) => {
      const uri = uriOf(path);
      const entry = this.catalogue.get(uri);
      const base = entry?.base ? `（修订 ${shortName(pathOf(entry.base)).split("/").pop()}）` : "";
      const option = h("option", { value: path, title: entry?.title ?? "" }, `${shortName(path)}${base}${entry ? ` — ${entry.title}` : ""}`);
      const folder = shortName(path).split("/").slice(0, -1).join("/") || "其他";
      let g = groups.get(folder);
      if (!g) groups.set(folder, (g = h("optgroup", { label: folder })));
      g.append(option);
      return option;
    });
    menu.replaceChildren(...groups.values());
    if (!options.length) menu.append(h("option", { value: "" }, "（没有政策）"));
    if (this.active) menu.value = this.active.path;
  }

  /** Open a policy from the menu: it, and its base when it is an amendment (the other tabs close). */
  openPolicy(path: string) {
    const closing = [...this.tabs.values()].filter((t) => t.path !== path);
    const unsaved = closing.filter((t) => t.view.state.doc.toString() !== t.saved).map((t) => `「${t.path.split("/").pop()}」`);
    if (unsaved.length && !confirm(`${unsaved.join("、")}有未保存的修改，关闭后将丢失（可先保存或用分享链接留存）。仍要打开其他政策吗？`)) {
      if (this.active) ($("#policy") as HTMLSelectElement).value = this.active.path;
      return;
    }
    for (const tab of closing) this.closeTab(tab);
    const tab = this.openTab(path);
    const base = this.catalogue.get(tab.uri)?.base;
    if (base && this.known.has(pathOf(base))) this.openTab(pathOf(base));
    this.activate(tab);
  }

  private openTab(path: string, text?: string): Tab {
    const uri = uriOf(path);
    const open = this.tabs.get(uri);
    if (open) return open;
    const known = this.known.get(path);
    const content = text ?? known?.text ?? "";
    const parent = h("div", { class: "editor", hidden: true, "data-uri": uri });
    $("#editors").append(parent);
    const view = new EditorView({ state: editorState(this.client, uri, content, () => this.hooks), parent });
    const button = h("button", { type: "button", role: "tab", class: "tab", title: shortName(path), onclick: () => this.activate(this.tabs.get(uri)) }, path.split("/").pop() ?? path);
    $("#tabs").append(button);
    const tab: Tab = { uri, path, view, button, saved: known?.text ?? content };
    this.tabs.set(uri, tab);
    this.markModified(tab);
    return tab;
  }

  private closeTab(tab: Tab) {
    tab.view.destroy();
    tab.view.dom.parentElement?.remove();
    tab.button.remove();
    this.tabs.delete(tab.uri);
    if (this.active === tab) this.active = undefined;
  }

  private activate(tab: Tab | undefined) {
    if (!tab) return;
    this.active = tab;
    for (const t of this.tabs.values()) {
      const on = t === tab;
      (t.view.dom.parentElement as HTMLElement).hidden = !on;
      t.button.setAttribute("aria-selected", String(on));
    }
    ($("#policy") as HTMLSelectElement).value = this.known.has(tab.path) ? tab.path : "";
    document.title = `${tab.path.split("/").pop()} — 政策练习场`;
    tab.view.requestMeasure();
    void this.afterCheck(tab);
  }

  private async display(uri: string): Promise<EditorView | null> {
    let tab = this.tabs.get(uri);
    if (!tab && this.known.has(pathOf(uri))) tab = this.openTab(pathOf(uri));
    if (!tab) return null;
    this.activate(tab);
    return tab.view;
  }

  private async reveal(uri: string, range: lsp.Range) {
    const view = await this.display(uri);
    const tab = this.tabs.get(uri);
    if (!view || !tab) return;
    const plugin = LSPPlugin.get(view);
    const { from, to } = plugin ? fromServer(plugin, range) : { from: 0, to: 0 };
    // The cursor at the start of the rule (its line is the active one), the rule selected.
    view.dispatch({ selection: EditorSelection.range(to, from), effects: EditorView.scrollIntoView(from, { y: "center" }) });
    view.focus();
  }

  private markModified(tab: Tab) {
    const modified = tab.view.state.doc.toString() !== tab.saved;
    tab.button.classList.toggle("modified", modified);
    tab.button.title = `${shortName(tab.path)}${modified ? "（已修改）" : ""}`;
  }

  // ── after each check ──

  /** The version of each file whose colours, outline and results are shown. */
  private readonly shownVersion = new Map<string, number>();

  private checked(uri: string, view: EditorView, diagnostics: lsp.Diagnostic[]) {
    const t = perf.pendingEdit.get(uri);
    if (t !== undefined) {
      perf.pendingEdit.delete(uri);
      requestAnimationFrame(() => perf.editToDiagnostics.push(performance.now() - t));
    }
    if (!this.checkedOnce) {
      this.checkedOnce = true;
      performance.mark("zc:ready");
      document.body.dataset.ready = "true";
      void this.loadCatalogue().catch(() => undefined);
    }
    // A version is published twice (the checker's diagnostics, then the examples'): only the
    // first changes the colours, the outline and the results; the second, the examples' count.
    const version = this.client.workspace.getFile(uri)?.version ?? -1;
    const fresh = this.shownVersion.get(uri) !== version;
    this.shownVersion.set(uri, version);
    if (fresh) void refreshTokens(this.client, view);
    const tab = this.tabs.get(uri);
    if (tab && tab === this.active) {
      this.status(diagnostics);
      this.freshPending ||= fresh;
      this.afterCheckSoon(tab);
    }
  }

  private freshPending = false;

  private status(diagnostics: lsp.Diagnostic[]) {
    const errors = diagnostics.filter((d) => (d.severity ?? 1) === 1).length;
    const warnings = diagnostics.filter((d) => d.severity === 2).length;
    const el = $("#status");
    el.className = errors ? "status errors" : "status ok";
    el.textContent = errors || warnings ? [errors && `${errors} 个错误`, warnings && `${warnings} 个警告`].filter(Boolean).join("，") : "检查通过";
  }

  private readonly afterCheckSoon = debounce(60, (tab: Tab) => {
    const fresh = this.freshPending;
    this.freshPending = false;
    void this.afterCheck(tab, fresh);
  });

  /** Refresh the 运行 tab (rerunning the case when the text changed) and the outline if it is shown. */
  private async afterCheck(tab: Tab, fresh = true) {
    if (tab !== this.active || !this.checkedOnce) return;
    const view = tab.view;
    const pos = view.state.selection.main.head;
    const line = view.state.doc.lineAt(pos);
    const outline = fresh && !$("#outline-pane").hidden ? this.outline(tab) : undefined;
    if (fresh && !$("#compare-pane").hidden) this.compareSoon();
    await Promise.all([this.run.refresh(tab.uri, { line: line.number - 1, character: pos - line.from }, fresh), outline]);
  }

  /** Compare the active policy with its base (or the open amendment of it), once typing pauses. */
  private compareSoon() {
    if (this.active) this.compare.refresh(this.active.uri, [...this.tabs.keys()], this.run.state().calculator);
  }

  private async outline(tab: Tab) {
    const symbols = await this.client.request<lsp.DocumentSymbolParams, (lsp.DocumentSymbol | lsp.SymbolInformation)[] | null>("textDocument/documentSymbol", {
      textDocument: { uri: tab.uri },
    });
    if (tab !== this.active) return;
    $("#outline-pane").replaceChildren(renderOutline(symbols ?? [], (range) => void this.reveal(tab.uri, range)));
  }

  private changed(uri: string) {
    if (!perf.pendingEdit.has(uri)) perf.pendingEdit.set(uri, performance.now());
    const tab = this.tabs.get(uri);
    if (tab) this.markModifiedSoon(tab);
  }

  private readonly markModifiedSoon = debounce(200, (tab: Tab) => this.markModified(tab));

  private readonly cursorSoon = debounce(250, (uri: string, view: EditorView) => {
    const pos = view.state.selection.main.head;
    const line = view.state.doc.lineAt(pos);
    if (this.active?.uri === uri) void this.run.cursor(uri, { line: line.number - 1, character: pos - line.from });
  });

  // ── toolbar ──

  private say(message: string, error = false) {
    const el = $("#message");
    el.textContent = message;
    el.className = error ? "message error" : "message";
  }

  private wireToolbar() {
    $("#policy").addEventListener("change", (e) => {
      const path = (e.target as HTMLSelectElement).value;
      if (path) this.openPolicy(path);
    });
    $("#open").addEventListener("click", () => void this.openLocal(pickFiles()));
    $("#save").addEventListener("click", () => void this.save());
    $("#format").addEventListener("click", () => {
      if (this.active) formatDocument(this.active.view);
    });
    $("#share").addEventListener("click", () => void this.share());
    const editors = $("#editors");
    editors.addEventListener("dragover", (e) => e.preventDefault());
    editors.addEventListener("drop", (e) => {
      e.preventDefault();
      if (e.dataTransfer?.files.length) void this.openLocal(readFiles(e.dataTransfer.files));
    });
    for (const button of document.querySelectorAll<HTMLButtonElement>("#side-tabs button")) {
      button.addEventListener("click", () => this.showPane(button.dataset.pane!));
    }
    window.addEventListener("keydown", (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key === "s") {
        e.preventDefault();
        void this.save();
      }
    });
  }

  /** Show one side tab (运行, 对比, 大纲) and fill it. */
  private showPane(pane: string) {
    const buttons = [...document.querySelectorAll<HTMLButtonElement>("#side-tabs button")];
    if (!buttons.some((b) => b.dataset.pane === pane)) return;
    for (const b of buttons) {
      const on = b.dataset.pane === pane;
      b.setAttribute("aria-selected", String(on));
      $(`#${b.dataset.pane}`).hidden = !on;
    }
    if (pane === "outline-pane" && this.active) void this.outline(this.active);
    if (pane === "compare-pane" && this.checkedOnce) this.compareSoon();
  }

  private async openLocal(picked: Promise<LocalFile[]>) {
    try {
      const files = await picked;
      if (!files.length) return;
      for (const f of files) this.known.set(f.path, { path: f.path, text: f.text });
      this.client.notification<P.FilesParams>(P.FILES, { files: files.map(({ path, text }) => ({ path, text })) });
      let first: Tab | undefined;
      for (const f of files) {
        const open = this.tabs.get(uriOf(f.path));
        if (open) this.closeTab(open);
        const tab = this.openTab(f.path, f.text);
        tab.handle = f.handle;
        first ??= tab;
      }
      this.fillMenu();
      this.activate(first);
      this.say(`已打开 ${files.map((f) => f.path.split("/").pop()).join("、")}`);
    } catch (e) {
      this.say(`无法打开文件：${(e as Error).message}`, true);
    }
  }

  private async save() {
    const tab = this.active;
    if (!tab) return;
    const text = tab.view.state.doc.toString();
    try {
      const served = this.served && !!this.known.get(tab.path)?.writable;
      const { message, handle } = await saveText({ path: tab.path, handle: tab.handle, served }, text);
      if (handle) tab.handle = handle;
      if (message !== "未保存") {
        tab.saved = text;
        this.markModified(tab);
        // The server reads bases of other files from this set: keep it current.
        this.known.set(tab.path, { ...(this.known.get(tab.path) ?? { path: tab.path }), text });
        this.client.notification<P.FilesParams>(P.FILES, { files: [{ path: tab.path, text }] });
      }
      this.say(message);
    } catch (e) {
      this.say(`保存失败：${(e as Error).message}`, true);
    }
  }

  private async share() {
    if (!this.active) return;
    const state: SharedState = {
      v: 1,
      files: [...this.tabs.values()].map((t) => ({ path: t.path, text: t.view.state.doc.toString() })),
      active: this.active.path,
      run: this.run.state(),
      pane: document.querySelector<HTMLButtonElement>('#side-tabs button[aria-selected="true"]')?.dataset.pane,
      compare: this.compare.state(),
    };
    const hash = await encodeShare(state);
    history.replaceState(null, "", hash);
    const link = location.href;
    const field = $("#share-link") as HTMLInputElement;
    field.value = link;
    field.hidden = false;
    field.select();
    try {
      await navigator.clipboard.writeText(link);
      this.say(`分享链接已复制（${Math.ceil(link.length / 1024)} KB）：打开它即得到同样的文本与输入`);
    } catch {
      this.say("分享链接已放入地址栏和下面的框中");
    }
  }
}

void new Playground().start().catch((e: Error) => {
  const el = document.getElementById("message");
  if (el) {
    el.textContent = `练习场无法启动：${e.message}`;
    el.className = "message error";
  }
});
