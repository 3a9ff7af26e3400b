// The documents the server knows: open ones (the editor's text wins) and *.policy files on
// disk, each analysed by analyze() and cached until it or a file it is based on changes.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { analyze, symbolTable, type Analysis, type AnalyzeHost, type SymbolTable } from "@zhengce/dsl";
import { canonicalUri, pathToUri, uriToPath } from "./util.js";

export interface OpenDocument {
  uri: string;
  version: number;
  getText(): string;
}

export interface DocumentSource {
  get(uri: string): OpenDocument | undefined;
  all(): OpenDocument[];
}

export interface FileAccess {
  read(path: string): string | undefined;
  /** Every *.policy file under a folder (skipping node_modules, dist and dot folders). */
  policies(folder: string): string[];
}

export const diskFiles: FileAccess = {
  read(path) {
    try {
      return readFileSync(path, "utf8");
    } catch {
      return undefined;
    }
  },
  policies(folder) {
    const out: string[] = [];
    const walk = (dir: string, depth: number) => {
      if (depth > 12 || out.length > 5000) return;
      let entries: string[];
      try {
        entries = readdirSync(dir);
      } catch {
        return;
      }
      for (const name of entries) {
        if (name.startsWith(".") || name === "node_modules" || name === "dist") continue;
        const p = join(dir, name);
        let isDir = false;
        try {
          isDir = statSync(p).isDirectory();
        } catch {
          continue;
        }
        if (isDir) walk(p, depth + 1);
        else if (name.endsWith(".policy")) out.push(p);
      }
    };
    walk(folder, 0);
    return out;
  },
};

interface Entry {
  /** Version of the open document, or its text for a file read from disk. */
  stamp: number | string;
  analysis: Analysis;
  /** Every other file the analysis read (its bases), canonical URIs; a change to one invalidates it. */
  deps: Set<string>;
}

export class PolicyWorkspace {
  /** Workspace folders, as paths. */
  folders: string[] = [];
  private readonly entries = new Map<string, Entry>();
  private readonly tables = new WeakMap<Analysis, SymbolTable>();
  /** The last analysis of each document whose entry an edit dropped: the next one reuses its parse. */
  private readonly previous = new Map<string, Analysis>();

  constructor(
    private readonly docs: DocumentSource,
    private readonly files: FileAccess = diskFiles,
  ) {}

  /** The open document with this URI, in whatever spelling the client used. */
  openDocument(uri: string): OpenDocument | undefined {
    const direct = this.docs.get(uri);
    if (direct) return direct;
    const c = canonicalUri(uri);
    return this.docs.all().find((d) => canonicalUri(d.uri) === c);
  }

  /** Current text: the editor's if open, else the file on disk. */
  text(uri: string): string | undefined {
    const doc = this.openDocument(uri);
    if (doc) return doc.getText();
    const path = uriToPath(uri);
    return path === undefined ? undefined : this.files.read(path);
  }

  host(record?: Set<string>): AnalyzeHost {
    return {
      readFile: (uri) => {
        record?.add(canonicalUri(uri));
        return this.text(uri);
      },
      resolve: (from, relative) => {
        const target = resolveUri(from, relative);
        // Name an open document exactly as the client does, so locations land in its editor.
        return this.openDocument(target)?.uri ?? target;
      },
    };
  }

  /** The analysis of an open document or a policy file on disk (cached). */
  analysis(uri: string): Analysis | undefined {
    const doc = this.openDocument(uri);
    const key = canonicalUri(uri);
    const entry = this.entries.get(key);
    if (doc) {
      if (entry && entry.stamp === doc.version) return entry.analysis;
      return this.store(key, doc.version, doc.getText(), doc.uri);
    }
    const text = this.text(uri);
    if (text === undefined) return undefined;
    if (entry && entry.stamp === text) return entry.analysis;
    return this.store(key, text, text, uri);
  }

  symbols(uri: string): { analysis: Analysis; table: SymbolTable } | undefined {
    const analysis = this.analysis(uri);
    if (!analysis) return undefined;
    // Made once per analysis: hover, completion, colouring and navigation all read it.
    let table = this.tables.get(analysis);
    if (!table) this.tables.set(analysis, (table = symbolTable(analysis)));
    return { analysis, table };
  }

  private store(key: string, stamp: number | string, text: string, uri: string): Analysis {
    const deps = new Set<string>();
    const previous = this.entries.get(key)?.analysis ?? this.previous.get(key);
    const analysis = analyze(text, uri, this.host(deps), { previous, incremental: true });
    this.previous.delete(key);
    deps.delete(key);
    this.entries.set(key, { stamp, analysis, deps });
    return analysis;
  }

  /**
   * The files the current analysis of `uri` read, the file itself first, with their texts (URI,
   * text; null for a file it looked for and did not find); undefined when it is out of date.
   */
  filesRead(uri: string): [string, string | null][] | undefined {
    const key = canonicalUri(uri);
    const entry = this.entries.get(key);
    const text = this.text(key);
    if (!entry || text === undefined) return undefined;
    return [[key, text], ...[...entry.deps].map((u): [string, string | null] => [u, this.text(u) ?? null])];
  }

  /**
   * Forget what depends on `uri` after it changed (opened, edited, closed, changed on disk).
   * Returns the open documents whose analysis read it, which must be checked again.
   */
  invalidate(uri: string): string[] {
    const key = canonicalUri(uri);
    const affected: string[] = [];
    this.drop(key);
    for (const [k, e] of this.entries) {
      if (e.deps.has(key)) {
        this.drop(k);
        const doc = this.openDocument(k);
        if (doc) affected.push(doc.uri);
      }
    }
    return affected;
  }

  /** An entry out of date: its analysis is kept only as the previous one of the next. */
  private drop(key: string) {
    const e = this.entries.get(key);
    if (e) this.previous.set(key, e.analysis);
    this.entries.delete(key);
  }

  /** Drop a closed document's cache entry (its file on disk is read afresh when needed). */
  forget(uri: string) {
    this.entries.delete(canonicalUri(uri));
    this.previous.delete(canonicalUri(uri));
  }

  /** Open documents and files under the workspace folders, as URIs (open ones in the client's spelling). */
  knownFiles(): string[] {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const d of this.docs.all()) {
      seen.add(canonicalUri(d.uri));
      out.push(d.uri);
    }
    for (const folder of this.folders) {
      for (const p of this.files.policies(folder)) {
        const u = pathToUri(p);
        if (!seen.has(u)) {
          seen.add(u);
          out.push(u);
        }
      }
    }
    return out;
  }

  /** Open documents and workspace files whose analysis reads `uri` (its amendments). */
  amendmentsOf(uri: string): string[] {
    const key = canonicalUri(uri);
    return this.knownFiles().filter((u) => {
      if (canonicalUri(u) === key) return false;
      const text = this.text(u);
      // Only files that say 基于 can be based on anything; skip the rest without analysing them.
      if (!text || !/基[于於]/.test(text)) return false;
      this.analysis(u);
      return this.entries.get(canonicalUri(u))?.deps.has(key) ?? false;
    });
  }
}

/** `基于 「./base.policy」` resolved against the amending file's URI. */
export function resolveUri(from: string, relative: string): string {
  const rel = relative.trim();
  if (/^[a-z][a-z0-9+.-]+:/i.test(rel)) return canonicalUri(rel);
  if (isAbsolute(rel)) return pathToUri(rel);
  try {
    return canonicalUri(new URL(rel.replace(/\\/g, "/"), from).href);
  } catch {
    return rel;
  }
}
