// What every check shares: the model being built, diagnostics (each reported once), resolved
// references, name lookup and scopes.
import type * as A from "../ast.js";
import type { ParseResult } from "../parse.js";
import type { DiagnosticCode } from "../diagnostics.js";
import { foldName } from "../fold.js";
import { keywordSpellings } from "../lexer.js";
import { arabicForm } from "../language/numerals.js";
import { UNIT_TYPES } from "../language/units.js";
import type { Annotations, CalculatorInfo, Model, Reference, Sym } from "../model.js";
import * as Ty from "../types.js";
import type { Type } from "../types.js";

export interface RawDiagnostic {
  code: DiagnosticCode;
  message: string;
  span: A.Span;
  uri: string;
}

/** One file of an analysis, as parsed: its text, tokens, comments, CST and AST. */
export interface SourceFile extends ParseResult {
  uri: string;
  text: string;
}

export interface Scope {
  calc?: CalculatorInfo;
  locals: Map<string, Sym>;
  /** Steps declared later in the same calculator: referring to them is E191, not E101. */
  later: Set<string>;
  remaining?: Type;
  ann: Annotations;
  uri: string;
}

const KEYWORD_PREFIXES = Object.values(keywordSpellings()).flat();

/**
 * A map of the model that tells the unit being recorded (check/reuse.ts) which names it looked
 * up, found or not.
 */
class Watched<V> extends Map<string, V> {
  constructor(
    private readonly ctx: CheckContext,
    private readonly kind: string,
  ) {
    super();
  }
  override get(key: string): V | undefined {
    this.ctx.recording?.deps.add(`${this.kind}:${key}`);
    return super.get(key);
  }
  override has(key: string): boolean {
    this.ctx.recording?.deps.add(`${this.kind}:${key}`);
    return super.has(key);
  }
}

export class CheckContext {
  readonly diagnostics: RawDiagnostic[] = [];
  /** The unit being recorded for the next version (check/reuse.ts): its reports and the names it looked up. */
  recording?: { reports: RawDiagnostic[]; deps: Set<string> };
  /** Where the unit being recorded annotates expressions of the file's scope. */
  unitAnn?: Annotations;
  private readonly seen = new Set<string>();
  readonly model: Model;
  /** The file being checked (the last; the others are its bases). */
  readonly main: SourceFile;
  readonly docNumbers = new Map<string, string>();
  /** The symbol object shared by every use of a parameter or bracket, by declaration. */
  private readonly shared = new Map<object, Sym>();

  constructor(readonly files: SourceFile[]) {
    this.main = files[files.length - 1];
    const docNumbers = this.docNumbers;
    this.model = {
      uri: this.main.uri,
      meta: { name: "" },
      enums: new Watched(this, "enum"),
      params: new Watched(this, "param"),
      brackets: new Watched(this, "bracket"),
      calculators: new Watched(this, "calc"),
      examples: [],
      references: [],
      ann: { types: new Map(), refs: new Map() },
      docNumberFor: (uri) => docNumbers.get(uri),
    };
  }

  report(code: DiagnosticCode, span: A.Span, message: string, uri: string) {
    this.recording?.reports.push({ code, message, span, uri });
    const id = `${uri}:${code}:${span.start}:${span.end}:${message}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.diagnostics.push({ code, message, span, uri });
  }

  define<T>(map: Map<string, T>, name: A.Name, value: T, uri: string, isAmendment: boolean, what: string) {
    const prev = map.get(name.key) as (T & { uri?: string }) | undefined;
    if (prev && prev.uri === uri) {
      this.report("E102", name.span, `${what}「${name.text}」重复定义`, uri);
      return;
    }
    if (isAmendment && !prev && (what === "参数" || what === "分段")) {
      this.report("E170", name.span, `基础政策中没有${what}「${name.text}」，修订只能改写基础政策已有的${what}`, uri);
    }
    map.set(name.key, value);
  }

  inferParamType(d: A.ParamDecl): Type {
    const v = d.value ?? d.table?.[0]?.value ?? d.versions?.[0]?.value ?? d.versions?.[0]?.table?.[0]?.value;
    if (v?.kind === "Number") return literalType(v);
    return Ty.UNKNOWN;
  }

  resolveType(t: A.TypeRef, uri: string): Type {
    const builtin = builtinType(t.name.key);
    if (builtin) return builtin;
    const key = t.name.key;
    if (key === foldName("集合") || key === foldName("列表")) {
      if (!t.arg) {
        this.report("E110", t.span, `「${t.name.text}」须写明元素类型，例如「${t.name.text}（特殊人群）」`, uri);
        return Ty.UNKNOWN;
      }
      const inner = builtinType(t.arg.key);
      if (key === foldName("列表")) {
        if (inner) return { k: "list", of: inner };
      }
      const e = this.model.enums.get(t.arg.key);
      if (!e) {
        if (inner) return { k: "list", of: inner };
        this.report("E101", t.arg.span, `未知的枚举「${t.arg.text}」`, uri);
        return Ty.UNKNOWN;
      }
      this.ref(t.arg.span, uri, { kind: "enum", decl: e, uri: e.uri });
      return { k: "set", of: e.name.text, ofKey: e.name.key };
    }
    const e = this.model.enums.get(key);
    if (e) {
      this.ref(t.name.span, uri, { kind: "enum", decl: e, uri: e.uri });
      return { k: "enum", name: e.name.text, key: e.name.key };
    }
    this.report("E101", t.name.span, `未知的类型「${t.name.text}」；可用：${Object.keys(Ty.BUILTIN_TYPES).join("、")}、集合（枚举）或已定义的枚举`, uri);
    return Ty.UNKNOWN;
  }

  ref(span: A.Span, uri: string, sym: Sym) {
    this.model.references.push({ span, uri, sym } satisfies Reference);
  }

  enumMember(enumKey: string, name: A.Name): A.Name | undefined {
    return this.model.enums.get(enumKey)?.members.find((m) => m.key === name.key);
  }

  globalScope(uri: string, ann: Annotations = this.unitAnn ?? this.model.ann): Scope {
    return { locals: new Map(), later: new Set(), ann, uri };
  }

  lookup(name: A.Name, scope: Scope): Sym | undefined {
    const local = scope.locals.get(name.key);
    if (local) return local;
    const p = this.model.params.get(name.key);
    if (p) return { kind: "param", decl: p.decl, type: p.type, uri: p.uri };
    const b = this.model.brackets.get(name.key);
    if (b) return { kind: "bracket", decl: b.decl, resultType: b.resultType, uri: b.uri };
    return undefined;
  }

  /** The symbol object shared by every use of a parameter or bracket (identity matters for `uses`). */
  canonical(sym: Sym): Sym {
    if (sym.kind !== "param" && sym.kind !== "bracket") return sym;
    let s = this.shared.get(sym.decl);
    if (!s) this.shared.set(sym.decl, (s = sym));
    return s;
  }

  unknownName(name: A.Name, scope: Scope) {
    if (scope.later.has(name.key)) {
      this.report("E191", name.span, `「${name.text}」在定义之前被使用；请把它的定义移到前面`, scope.uri);
      return;
    }
    const prefix = KEYWORD_PREFIXES.find((k) => name.text.startsWith(k) && name.text.length > k.length && this.lookup({ ...name, key: foldName(name.text.slice(k.length)) }, scope));
    const arabic = prefix ? undefined : arabicForm(name.key);
    const truth = /^(?:true|false|真|假|对|錯|错|對)$/i.test(name.text) ? `：布尔值写作「${keywordSpellings().True[0]}」或「${keywordSpellings().False[0]}」` : "";
    const hint = prefix ? `；若「${prefix}」是关键字，请在它后面加空格` : arabic ? `：数值用阿拉伯数字写，如「${arabic}」` : truth;
    const members = this.membersNamed(name.key);
    if (members.length > 1 && !hint) {
      this.report("E101", name.span, `「${name.text}」同时是${members.map((m) => `「${m.enumName}」`).join("、")}的成员，无法确定所指；请与相应字段比较`, scope.uri);
      return;
    }
    this.report("E101", name.span, `未知的名称「${name.text}」${hint}`, scope.uri);
  }

  membersNamed(key: string): Member[] {
    this.recording?.deps.add(`member:${key}`);
    return (this.members ??= membersByKey(this.model)).get(key) ?? [];
  }
  /** Enum members by key, made on first use (the enums are complete once collected). */
  private members?: Map<string, Member[]>;

  set(e: A.Expr, t: Type, scope: Scope): Type {
    scope.ann.types.set(e, t);
    return t;
  }
}

type Member = { enumKey: string; enumName: string; name: A.Name; uri: string };

/** Each key with the members of that name, in the enums' order, each enum's first such member. */
function membersByKey(model: Model): Map<string, Member[]> {
  const out = new Map<string, Member[]>();
  for (const e of model.enums.values()) {
    const seen = new Set<string>();
    for (const m of e.members) {
      if (seen.has(m.key)) continue;
      seen.add(m.key);
      const member = { enumKey: e.name.key, enumName: e.name.text, name: m, uri: e.uri };
      const list = out.get(m.key);
      if (list) list.push(member);
      else out.set(m.key, [member]);
    }
  }
  return out;
}

let builtinTypes: Map<string, Type> | undefined;
export function builtinType(key: string): Type | undefined {
  if (!builtinTypes) {
    // Folded once: folding every name on every lookup showed in the profile.
    builtinTypes = new Map();
    for (const [name, t] of Object.entries(Ty.BUILTIN_TYPES)) if (!builtinTypes.has(foldName(name))) builtinTypes.set(foldName(name), t);
  }
  return builtinTypes.get(key);
}

export function literalType(n: A.NumberLiteral): Type {
  return UNIT_TYPES[n.unit];
}
