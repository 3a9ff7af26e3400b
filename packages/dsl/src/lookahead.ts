// The grammar's lookahead, worked out ahead of time. Building the parser, Chevrotain computes
// the lookahead paths of every decision (each OR, MANY, OPTION …) and the re-synchronisation
// follows of error recovery by walking the grammar: ~55 of its ~80 ms (traceInitPerf), paid by
// every process that parses (the language server before its first diagnostics, a cold `check`).
// The paths depend on the grammar alone, so scripts/gen-lookahead.mjs writes them once to
// lookahead.generated.ts (a test keeps that file current) and the parser builds its lookahead
// functions from them. The grammar itself is there too: Chevrotain records it by running every
// rule once in a recording mode (its "Grammar Recording", most of what was left of building the
// parser in a profile of the language server's start), and the parser reads it instead.
import { Alternation, Alternative, LLkLookaheadStrategy, NonTerminal, Option, Repetition, RepetitionMandatory, RepetitionMandatoryWithSeparator, RepetitionWithSeparator, Rule, Terminal, type ILookaheadStrategy, type IOrAlt, type IProduction, type IToken, type TokenType } from "chevrotain";

type AlternationOptions = Parameters<ILookaheadStrategy["buildLookaheadForAlternation"]>[0];
type OptionalOptions = Parameters<ILookaheadStrategy["buildLookaheadForOptional"]>[0];

/** Paths by decision: for each alternative (one for MANY, OPTION …), its paths of token names. */
export type LookaheadTable = Readonly<Record<string, readonly (readonly (readonly string[])[])[]>>;
/** Error recovery's follows, by Chevrotain's key: token names. */
export type FollowsTable = Readonly<Record<string, readonly string[]>>;

export const decisionKey = (rule: string, prodType: string, occurrence: number) => `${rule}|${prodType}|${occurrence}`;

type Matcher = (token: IToken, type: TokenType) => boolean;
/** What Chevrotain adds to each token type when the parser is made (its `augmentTokenTypes`). */
interface Augmented extends TokenType {
  tokenTypeIdx: number;
  categoryMatches: number[];
  categoryMatchesMap: Record<number, boolean>;
  isParent: boolean;
}
type Paths = Augmented[][][];
/** The parser as its lookahead functions see it (`this`): Chevrotain's unchecked LA. */
interface Parser {
  LA_FAST(i: number): IToken;
}

/**
 * Chevrotain's LL(k) strategy with the paths read from the table instead of computed. A decision
 * the table does not have (a grammar changed without running the script) is computed as before.
 */
export class TableLookahead implements ILookaheadStrategy {
  private readonly computed: ILookaheadStrategy;

  constructor(
    private readonly table: LookaheadTable,
    private readonly tokenNamed: (name: string) => TokenType,
    maxLookahead: number,
  ) {
    this.computed = new LLkLookaheadStrategy({ maxLookahead });
  }

  validate(options: Parameters<ILookaheadStrategy["validate"]>[0]) {
    return this.computed.validate(options);
  }

  private paths(rule: Rule, prodType: string, occurrence: number): Paths | undefined {
    const names = this.table[decisionKey(rule.name, prodType, occurrence)];
    return names?.map((alt) => alt.map((path) => path.map((n) => this.tokenNamed(n) as Augmented)));
  }

  buildLookaheadForAlternation(options: AlternationOptions): (orAlts?: IOrAlt<unknown>[]) => number | undefined {
    const alts = this.paths(options.rule, "Alternation", options.prodOccurrence);
    if (!alts) return this.computed.buildLookaheadForAlternation(options);
    return alternativesLookahead(alts, options.hasPredicates, matcherFor(alts), options.dynamicTokensEnabled);
  }

  buildLookaheadForOptional(options: OptionalOptions): () => boolean {
    const alts = this.paths(options.rule, options.prodType, options.prodOccurrence);
    if (!alts) return this.computed.buildLookaheadForOptional(options);
    return singleAlternativeLookahead(alts[0], matcherFor(alts), options.dynamicTokensEnabled);
  }
}

// The two functions below are Chevrotain 11.2's buildAlternativesLookAheadFunc and
// buildSingleAlternativeLookaheadFunction (lib/src/parse/grammar/lookahead.ts, Apache-2.0),
// which it does not export, without lodash.

const matchOne: Matcher = (token, type) => {
  const t = type as Augmented;
  return token.tokenTypeIdx === t.tokenTypeIdx || (t.isParent === true && t.categoryMatchesMap[token.tokenTypeIdx!] === true);
};
const matchNoCategories: Matcher = (token, type) => token.tokenTypeIdx === (type as Augmented).tokenTypeIdx;
const matcherFor = (alts: Paths): Matcher => (alts.every((alt) => alt.every((path) => path.every((t) => t.categoryMatches.length === 0))) ? matchNoCategories : matchOne);

function pathMatches(parser: Parser, path: Augmented[], matches: Matcher): boolean {
  for (let i = 0; i < path.length; i++) if (!matches(parser.LA_FAST(i + 1), path[i])) return false;
  return true;
}

function alternativesLookahead(alts: Paths, hasPredicates: boolean, matches: Matcher, dynamicTokensEnabled: boolean): (this: Parser, orAlts?: IOrAlt<unknown>[]) => number | undefined {
  const oneToken = alts.every((alt) => alt.every((path) => path.length === 1));
  if (hasPredicates) {
    return function (this: Parser, orAlts) {
      for (let t = 0; t < alts.length; t++) {
        const gate = orAlts?.[t]?.GATE;
        if (gate !== undefined && gate.call(this) === false) continue;
        for (const path of alts[t]) if (pathMatches(this, path, matches)) return t;
      }
      return undefined;
    };
  }
  if (oneToken && !dynamicTokensEnabled) {
    const choice: Record<number, number> = {};
    alts.forEach((alt, idx) => {
      for (const path of alt) {
        const type = path[0];
        if (!(type.tokenTypeIdx in choice)) choice[type.tokenTypeIdx] = idx;
        for (const sub of type.categoryMatches) if (!(sub in choice)) choice[sub] = idx;
      }
    });
    return function (this: Parser) {
      return choice[this.LA_FAST(1).tokenTypeIdx!];
    };
  }
  return function (this: Parser) {
    for (let t = 0; t < alts.length; t++) for (const path of alts[t]) if (pathMatches(this, path, matches)) return t;
    return undefined;
  };
}

function singleAlternativeLookahead(alt: Augmented[][], matches: Matcher, dynamicTokensEnabled: boolean): (this: Parser) => boolean {
  if (alt.every((path) => path.length === 1) && !dynamicTokensEnabled) {
    const types = alt.map((path) => path[0]);
    if (types.length === 1 && types[0].categoryMatches.length === 0) {
      const only = types[0].tokenTypeIdx;
      return function (this: Parser) {
        return this.LA_FAST(1).tokenTypeIdx === only;
      };
    }
    const expected: boolean[] = [];
    for (const type of types) {
      expected[type.tokenTypeIdx] = true;
      for (const sub of type.categoryMatches) expected[sub] = true;
    }
    return function (this: Parser) {
      return expected[this.LA_FAST(1).tokenTypeIdx!] === true;
    };
  }
  return function (this: Parser) {
    for (const path of alt) if (pathMatches(this, path, matches)) return true;
    return false;
  };
}

/** A production as the grammar's table holds it: token, rule and production kinds by name. */
export type ProductionEntry =
  | { kind: "Terminal"; idx: number; token: string; label?: string }
  | { kind: "NonTerminal"; idx: number; rule: string; label?: string }
  | { kind: "Option" | "Repetition" | "RepetitionMandatory"; idx: number; def: ProductionEntry[]; maxLookahead?: number }
  | { kind: "RepetitionWithSeparator" | "RepetitionMandatoryWithSeparator"; idx: number; separator: string; def: ProductionEntry[]; maxLookahead?: number }
  | { kind: "Alternation"; idx: number; def: ProductionEntry[]; ignoreAmbiguities: boolean; hasPredicates: boolean; maxLookahead?: number }
  | { kind: "Alternative"; def: ProductionEntry[]; ignoreAmbiguities: boolean };
/** Each rule's definition. */
export type GrammarTable = Readonly<Record<string, readonly ProductionEntry[]>>;

/** The fields Chevrotain's recording sets on a production (its declarations have some of them). */
interface Recorded {
  definition: IProduction[];
  idx?: number;
  label?: string;
  maxLookahead?: number;
  ignoreAmbiguities?: boolean;
  hasPredicates?: boolean;
}
/** Without the keys Chevrotain's recording leaves undefined, so that a table reads back as recorded. */
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** The table of rules as Chevrotain recorded them. */
export function grammarEntries(rules: readonly Rule[]): GrammarTable {
  const entry = (p: IProduction): ProductionEntry => {
    const r = p as unknown as Recorded;
    const def = () => r.definition.map(entry);
    const common = { idx: r.idx!, maxLookahead: r.maxLookahead };
    if (p instanceof Terminal) return defined({ kind: "Terminal", idx: p.idx, token: p.terminalType.name, label: p.label });
    if (p instanceof NonTerminal) return defined({ kind: "NonTerminal", idx: p.idx, rule: p.nonTerminalName, label: p.label });
    if (p instanceof Alternation) return defined({ kind: "Alternation", ...common, def: def(), ignoreAmbiguities: r.ignoreAmbiguities!, hasPredicates: r.hasPredicates! });
    if (p instanceof Alternative) return { kind: "Alternative", def: def(), ignoreAmbiguities: p.ignoreAmbiguities };
    if (p instanceof RepetitionWithSeparator || p instanceof RepetitionMandatoryWithSeparator) {
      const kind = p instanceof RepetitionWithSeparator ? "RepetitionWithSeparator" : "RepetitionMandatoryWithSeparator";
      return defined({ kind, ...common, separator: p.separator.name, def: def() });
    }
    if (p instanceof Option || p instanceof Repetition || p instanceof RepetitionMandatory) {
      return defined({ kind: p instanceof Option ? "Option" : p instanceof Repetition ? "Repetition" : "RepetitionMandatory", ...common, def: def() });
    }
    throw new Error(`内部错误：语法表不认识产生式 ${p.constructor.name}`);
  };
  return Object.fromEntries(rules.map((r) => [r.name, r.definition.map(entry)]));
}

/**
 * Chevrotain's productions for the table, as its recording makes them (what a rule names is
 * resolved afterwards, as after a recording). Made without their constructors, which copy every
 * option through lodash (pickBy, assign): so made, the table took as long as the recording it
 * replaces (a profile: 18 ms). Assigning `definition` goes through the productions' own setter.
 */
export function grammarRules(table: GrammarTable, tokenNamed: (name: string) => TokenType): Record<string, Rule> {
  const make = <P>(Kind: abstract new (...args: never[]) => P, fields: object): P => Object.assign(Object.create(Kind.prototype) as object, defined(fields)) as P;
  const production = (e: ProductionEntry): IProduction => {
    const definition = "def" in e ? e.def.map(production) : [];
    switch (e.kind) {
      case "Terminal":
        return make(Terminal, { idx: e.idx, terminalType: tokenNamed(e.token), label: e.label });
      case "NonTerminal":
        return make(NonTerminal, { idx: e.idx, nonTerminalName: e.rule, label: e.label });
      case "Alternative":
        return make(Alternative, { definition, ignoreAmbiguities: e.ignoreAmbiguities });
      case "Alternation":
        return make(Alternation, { definition, idx: e.idx, ignoreAmbiguities: e.ignoreAmbiguities, hasPredicates: e.hasPredicates, maxLookahead: e.maxLookahead });
      case "RepetitionWithSeparator":
      case "RepetitionMandatoryWithSeparator":
        return make(e.kind === "RepetitionWithSeparator" ? RepetitionWithSeparator : RepetitionMandatoryWithSeparator, { definition, idx: e.idx, separator: tokenNamed(e.separator), maxLookahead: e.maxLookahead });
      default:
        return make(e.kind === "Option" ? Option : e.kind === "Repetition" ? Repetition : RepetitionMandatory, { definition, idx: e.idx, maxLookahead: e.maxLookahead });
    }
  };
  return Object.fromEntries(Object.entries(table).map(([name, def]) => [name, make(Rule, { name, orgText: "", definition: def.map(production) })]));
}

/** lookahead.generated.ts for these tables. */
export function tablesSource(t: { lookahead: LookaheadTable; follows: FollowsTable; grammar: GrammarTable }): string {
  const json = (v: unknown) => JSON.stringify(v);
  const lines = (o: Readonly<Record<string, unknown>>) => Object.entries(o).map(([k, v]) => `  ${json(k)}: ${json(v)},\n`).join("");
  return [
    "// Generated by scripts/gen-lookahead.mjs from the grammar (parser.ts). Do not edit.\n",
    'import type { FollowsTable, GrammarTable, LookaheadTable } from "./lookahead.js";\n\n',
    `export const LOOKAHEAD: LookaheadTable = {\n${lines(t.lookahead)}};\n`,
    `export const FOLLOWS: FollowsTable | undefined = {\n${lines(t.follows)}};\n`,
    `export const GRAMMAR: GrammarTable | undefined = {\n${lines(t.grammar)}};\n`,
  ].join("");
}
