// The grammar, as a Chevrotain CST parser. One instance is reused; `parseCst` never throws.
// Declarations start with a keyword, so error recovery re-synchronises on the next keyword
// and one mistake never hides the rest of the file.
import { CstParser, EOF, getLookaheadPaths, LLkLookaheadStrategy, MismatchedTokenException, type CstNode, type IOrAlt, type ILookaheadStrategy, type IRecognitionException, type IToken, type LookaheadProductionType, type Rule, type TokenType } from "chevrotain";
import * as T from "./lexer.js";
import { MODIFIER_VERBS } from "./language/modifiers.js";
import { binaryOperator, operatorTokens, PRECEDENCE, type Level } from "./language/symbols.js";
import { limitNesting, type NestingCut } from "./nesting.js";
import { decisionKey, grammarEntries, grammarRules, TableLookahead, type FollowsTable, type GrammarTable, type LookaheadTable } from "./lookahead.js";
import { FOLLOWS, GRAMMAR, LOOKAHEAD } from "./lookahead.generated.js";
import type { DeclarationCstNode } from "./cst.generated.js";

const K = T.keywords;
const TOKENS = new Map<string, TokenType>([...T.allTokens, EOF].map((t) => [t.name, t]));
/** A token type by its name (language tables, lookahead.generated.ts). */
function tokenNamed(name: string): TokenType {
  const t = TOKENS.get(name);
  if (!t) throw new Error(`内部错误：词法中没有记号「${name}」（改了语法后运行 node packages/dsl/scripts/gen-lookahead.mjs）`);
  return t;
}
/** The tokens that write the binary operators of one precedence level (language/symbols.ts). */
const OPERATORS_AT = (level: Level): TokenType[] => operatorTokens(level).map(tokenNamed);
const VERBS = MODIFIER_VERBS.map((v) => tokenNamed(v.keyword));

const MAX_LOOKAHEAD = 4;
const ARITHMETIC = new Set<Level>(["additive", "multiplicative"]);

/** Errors whose message the parser states itself (`refuse`), in Chinese, to be shown as they are. */
export const STATED = new WeakSet<IRecognitionException>();

const DECLARATION_STARTS = new Set<TokenType>([K.Policy, K.Enum, K.Param, K.Bracket, K.Calculator, K.Example]);

/**
 * Rules inside one another, at most. The nesting limits (nesting.ts) keep a policy's expressions
 * within about 100 (the seed policies reach 24; records nest one rule a level). Error recovery
 * can read on through what the first pass took for the end of an expression and go far deeper: a
 * fuzzed text of 31 000 characters went 17 000 frames deep, re-syncing at each level, for minutes —
 * or ran out of stack after 5 s, depending on how small V8's optimised frames had become after
 * earlier parses. Past this depth the parser stops, and `parseCst` parses again in strict mode.
 */
const MAX_RULE_DEPTH = 1000;

/** The parser went deeper than MAX_RULE_DEPTH: handled as the stack running out (parseCst, analyze). */
export class ParserTooDeep extends RangeError {
  constructor() {
    super(`语法规则嵌套超过 ${MAX_RULE_DEPTH} 层`);
  }
}

class PolicyParser extends CstParser {
  /**
   * `tables`: the grammar's rules, lookahead paths and recovery follows read from
   * lookahead.generated.ts (lookahead.ts); `computed`: worked out by Chevrotain, as the script
   * writing that file needs;
   * `validated`: computed and Chevrotain's grammar validations run too (ambiguities, left
   * recursion …). The validations were about half of building the parser (node --cpu-prof: 400
   * of 680 ms cold); a grammar that passes them once always does, so the tests run them
   * (`validateGrammar`) and tools skip them.
   */
  constructor(build: "tables" | "computed" | "validated" = "tables", lookaheadStrategy?: ILookaheadStrategy) {
    const tables = build === "tables" && FOLLOWS !== undefined;
    super(T.allTokens, {
      recoveryEnabled: true,
      maxLookahead: MAX_LOOKAHEAD,
      nodeLocationTracking: "full",
      skipValidations: build !== "validated",
      // Chevrotain takes a key set to undefined for a strategy.
      ...((lookaheadStrategy ?? tables) && { lookaheadStrategy: lookaheadStrategy ?? new TableLookahead(LOOKAHEAD, tokenNamed, MAX_LOOKAHEAD) }),
    });
    if (!tables) {
      this.performSelfAnalysis();
      this.limitDepth();
      return;
    }
    // The grammar from the table when it has every rule, instead of recording it (Recording below).
    const rules = (this as unknown as Recording).definedRulesNames;
    const grammar = GRAMMAR;
    if (grammar && rules.length === Object.keys(grammar).length && rules.every((r) => r in grammar)) {
      (this as unknown as Recording).fromTable = grammarRules(grammar, tokenNamed);
    }
    // Chevrotain computes recovery's follows only with recovery enabled: from the table instead.
    const recovery = this as unknown as { recoveryEnabled: boolean };
    recovery.recoveryEnabled = false;
    this.performSelfAnalysis();
    recovery.recoveryEnabled = true;
    const follows: Record<string, TokenType[]> = {};
    for (const key in FOLLOWS) follows[key] = FOLLOWS[key].map(tokenNamed);
    (this as unknown as { resyncFollows: Record<string, TokenType[]> }).resyncFollows = follows;
    this.limitDepth();
  }

  /** Every rule Chevrotain invokes (after it has recorded the grammar) checks the depth it is at. */
  private limitDepth(): void {
    const engine = this as unknown as { ruleInvocationStateUpdate(...args: unknown[]): void; RULE_STACK_IDX: number };
    const enter = engine.ruleInvocationStateUpdate;
    engine.ruleInvocationStateUpdate = function (this: typeof engine, ...args: unknown[]) {
      enter.apply(this, args);
      if (this.RULE_STACK_IDX >= MAX_RULE_DEPTH) throw new ParserTooDeep();
    };
  }

  /**
   * The alternatives of the ORs every operand goes through (a name, the binary operators, a
   * primary …), made on the first call and kept, as Chevrotain's performance guide advises:
   * written inline, each call made the array, its objects and their closures again. A profile of
   * the language server's first analysis had the operator levels rebuilding their operator lists
   * (operatorTokens) at 32 ms self, and the garbage collector at a quarter of the analysis.
   */
  private readonly alts: Partial<Record<"name" | "binary" | "suffix" | "primary", IOrAlt<unknown>[]>> = {};

  // Recovery never deletes the keyword that starts a declaration: a half-typed line before it
  // stays one error instead of swallowing the next declaration.
  protected override canTokenTypeBeDeletedInRecovery(tokType: TokenType): boolean {
    return !DECLARATION_STARTS.has(this.LA(1).tokenType) && super.canTokenTypeBeDeletedInRecovery(tokType);
  }

  file = this.RULE("file", () => {
    this.MANY(() => this.SUBRULE(this.declaration));
  });

  declaration = this.RULE("declaration", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.policyHeader) },
      { ALT: () => this.SUBRULE(this.enumDecl) },
      { ALT: () => this.SUBRULE(this.paramDecl) },
      { ALT: () => this.SUBRULE(this.bracketDecl) },
      { ALT: () => this.SUBRULE(this.calculatorDecl) },
      { ALT: () => this.SUBRULE(this.exampleDecl) },
    ]);
  });

  name = this.RULE("name", () => {
    this.OR((this.alts.name ??= [{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.Quoted) }]));
  });

  citation = this.RULE("citation", () => {
    this.CONSUME(K.Citation);
    this.MANY(() => this.CONSUME(T.ClauseRef));
    this.OPTION(() => this.CONSUME(T.CitationQuote));
  });

  // 行政性 <clause…> 「reason」: a clause of the source that computes nothing.
  administrative = this.RULE("administrative", () => {
    this.CONSUME(K.Administrative);
    this.MANY(() => this.CONSUME(T.ClauseRef));
    this.OPTION(() => this.CONSUME(T.CitationQuote));
  });

  validity = this.RULE("validity", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.Since);
          this.CONSUME(T.Date);
          this.OPTION(() => this.CONSUME(K.From));
          this.OPTION2(() => {
            this.CONSUME(K.To);
            this.CONSUME2(T.Date, { LABEL: "until" });
          });
        },
      },
      {
        // A date alone is that day, a year alone (`2014年度`) the whole year.
        ALT: () => {
          this.CONSUME3(T.Date);
          this.OPTION3(() =>
            this.OR2([
              { ALT: () => this.CONSUME2(K.From) },
              {
                ALT: () => {
                  this.CONSUME2(K.To);
                  this.CONSUME4(T.Date, { LABEL: "until" });
                },
              },
            ]),
          );
        },
      },
    ]);
  });

  // 政策 名称 { 文号 「…」 机关 「…」 发布 2017-05-11 有效期 2018-01-01 起 基于 「base.policy」 原文 「notice.txt」 行政性 二、（六）「…」 }
  policyHeader = this.RULE("policyHeader", () => {
    this.CONSUME(K.Policy);
    this.SUBRULE(this.name);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(K.DocNumber);
            this.OPTION(() => this.CONSUME(T.Colon));
            this.SUBRULE2(this.name, { LABEL: "docNumber" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.Issuer);
            this.OPTION2(() => this.CONSUME2(T.Colon));
            this.SUBRULE3(this.name, { LABEL: "issuer" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.Published);
            this.OPTION3(() => this.CONSUME3(T.Colon));
            this.CONSUME(T.Date, { LABEL: "published" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.Validity);
            this.OPTION4(() => this.CONSUME4(T.Colon));
            this.SUBRULE(this.validity);
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.BasedOn);
            this.OPTION5(() => this.CONSUME5(T.Colon));
            this.CONSUME(T.Quoted, { LABEL: "basedOn" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.Source);
            this.OPTION6(() => this.CONSUME6(T.Colon));
            this.CONSUME2(T.Quoted, { LABEL: "source" });
          },
        },
        { ALT: () => this.SUBRULE(this.administrative) },
        { ALT: () => this.SUBRULE(this.citation) },
      ]);
    });
    this.CONSUME(T.RBrace);
  });

  enumDecl = this.RULE("enumDecl", () => {
    this.CONSUME(K.Enum);
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(T.Colon));
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE2(this.name, { LABEL: "member" });
      this.OPTION2(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RBrace);
    this.MANY2(() => this.SUBRULE(this.citation));
  });

  typeRef = this.RULE("typeRef", () => {
    this.CONSUME(T.Identifier);
    this.OPTION({
      GATE: () => this.LA(2).tokenType === T.Identifier || this.LA(2).tokenType === T.Quoted,
      DEF: () => {
      this.CONSUME(T.LParen);
      this.SUBRULE(this.name, { LABEL: "arg" });
      this.CONSUME(T.RParen);
      },
    });
  });

  // 参数 名称：类型 [按 枚举] = 值 | { 表 / 版本 }
  paramDecl = this.RULE("paramDecl", () => {
    this.CONSUME(K.Param);
    this.SUBRULE(this.name);
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE(this.typeRef);
    });
    this.OPTION2(() => {
      this.CONSUME(K.By);
      this.SUBRULE2(this.name, { LABEL: "by" });
    });
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.EqualsOp);
          this.SUBRULE(this.expression, { LABEL: "value" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LBrace);
          this.MANY(() => {
            // Alternatives in the order completion proposes their keywords (assist.ts).
            this.OR2([
              { ALT: () => this.SUBRULE(this.tableEntry) },
              { ALT: () => this.SUBRULE(this.citation, { LABEL: "innerCitation" }) },
              { ALT: () => this.SUBRULE(this.modifier, { LABEL: "innerModifier" }) },
              { ALT: () => this.SUBRULE(this.versionEntry) },
            ]);
          });
          this.CONSUME(T.RBrace);
        },
      },
    ]);
    this.MANY2(() => this.SUBRULE2(this.citation));
    this.MANY3(() => this.SUBRULE2(this.modifier));
  });

  tableEntry = this.RULE("tableEntry", () => {
    this.OR([
      { ALT: () => this.CONSUME(K.Other) },
      {
        ALT: () => {
          this.SUBRULE(this.name, { LABEL: "key" });
          this.MANY(() => {
            this.CONSUME(T.Comma);
            this.SUBRULE2(this.name, { LABEL: "key" });
          });
        },
      },
    ]);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expression, { LABEL: "value" });
    this.MANY2(() => this.SUBRULE(this.citation));
  });

  versionEntry = this.RULE("versionEntry", () => {
    this.SUBRULE(this.validity);
    this.CONSUME(T.Colon);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LBrace);
          this.MANY(() => this.SUBRULE(this.tableEntry));
          this.CONSUME(T.RBrace);
        },
      },
      { ALT: () => this.SUBRULE(this.expression, { LABEL: "value" }) },
    ]);
    this.MANY2(() => this.SUBRULE(this.citation));
  });

  // 分段 名称[：类型]（累进|全额）[按 枚举] { 段… 依据… 当…：… }
  bracketDecl = this.RULE("bracketDecl", () => {
    this.CONSUME(K.Bracket);
    this.SUBRULE(this.name);
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE(this.typeRef);
    });
    this.CONSUME(T.LParen);
    this.OR([{ ALT: () => this.CONSUME(K.Marginal) }, { ALT: () => this.CONSUME(K.Whole) }]);
    this.CONSUME(T.RParen);
    this.OPTION2(() => {
      this.CONSUME(K.By);
      this.SUBRULE2(this.name, { LABEL: "by" });
    });
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.OR2([
        { ALT: () => this.SUBRULE(this.slice) },
        { ALT: () => this.SUBRULE(this.citation) },
        { ALT: () => this.SUBRULE(this.modifier) },
      ]);
    });
    this.CONSUME(T.RBrace);
    this.MANY2(() => this.SUBRULE2(this.citation, { LABEL: "outerCitation" }));
  });

  /** An operand without 非 or unary minus. */
  boundValue = this.RULE("boundValue", () => {
    this.SUBRULE(this.primary);
    this.MANY(() => this.OR(this.suffixes()));
  });

  // 超过 X [以上] [至 上界] | 不超过 X | 不满 X | X[（含）] (以上 [至 上界] | 以内 | 以下 | 至 上界)
  slice = this.RULE("slice", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.Exceeds);
          this.SUBRULE(this.boundValue, { LABEL: "lowerValue" });
          this.OPTION(() => this.CONSUME(T.InclusionMark, { LABEL: "lowerMark" }));
          this.OPTION2(() => this.CONSUME(K.AndAbove, { LABEL: "lowerRedundant" }));
          this.OPTION3(() => {
            this.SUBRULE(this.rangeJoin);
            this.SUBRULE(this.upperBound);
          });
        },
      },
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(K.AtMost) }, { ALT: () => this.CONSUME(K.Under) }]);
          this.SUBRULE2(this.boundValue, { LABEL: "upperOnlyValue" });
          this.OPTION4(() => this.CONSUME2(T.InclusionMark, { LABEL: "upperOnlyMark" }));
        },
      },
      {
        ALT: () => {
          this.SUBRULE3(this.boundValue, { LABEL: "bareValue" });
          this.OPTION5(() => this.CONSUME3(T.InclusionMark, { LABEL: "bareMark" }));
          this.OR3([
            {
              ALT: () => {
                this.CONSUME2(K.AndAbove, { LABEL: "bareAbove" });
                this.OPTION6(() => {
                  this.SUBRULE2(this.rangeJoin);
                  this.SUBRULE2(this.upperBound);
                });
              },
            },
            {
              ALT: () => {
                this.CONSUME(K.Beyond, { LABEL: "bareBeyond" });
                this.OPTION9(() => {
                  this.CONSUME4(K.To);
                  this.SUBRULE4(this.upperBound);
                });
              },
            },
            { ALT: () => this.CONSUME(K.Within, { LABEL: "bareWithin" }) },
            { ALT: () => this.CONSUME(K.AndBelow, { LABEL: "bareBelow" }) },
            {
              // 至, a range dash (—, ～, ~: spellings of 至), or a hyphen between amounts (`5000-20万`)
              ALT: () => {
                this.OR5([{ ALT: () => this.CONSUME3(K.To) }, { ALT: () => this.CONSUME(T.Minus, { LABEL: "dash" }) }]);
                this.SUBRULE3(this.upperBound);
              },
            },
          ]);
          this.OPTION7(() => this.CONSUME4(T.InclusionMark, { LABEL: "bareMarkAfter" }));
        },
      },
    ]);
    this.CONSUME(T.Colon);
    // One token of lookahead, and the GATE, decide. At the parser's depth of 4 the keyed and the
    // plain value (both may start with a name) stay alike for all 4 tokens: 2 763 lookahead paths,
    // most of the time spent building the parser (node --cpu-prof), and scanned at every slice.
    this.OR4({
      MAX_LOOKAHEAD: 1,
      DEF: [
        {
          ALT: () => {
            this.CONSUME(K.Every);
            this.SUBRULE4(this.boundValue, { LABEL: "stepWidth" });
            this.CONSUME(K.Raise);
            this.SUBRULE(this.expression, { LABEL: "stepIncrement" });
          },
        },
        {
          GATE: () => {
            const a = this.LA(1).tokenType;
            const b = this.LA(2).tokenType;
            return (a === T.Identifier || a === T.Quoted) && (b === T.NumberLit || b === T.Minus);
          },
          ALT: () => {
            this.AT_LEAST_ONE(() => {
              this.SUBRULE(this.name, { LABEL: "key" });
              this.SUBRULE2(this.expression, { LABEL: "keyedValue" });
              this.OPTION8(() => this.CONSUME(T.Comma));
            });
          },
        },
        { ALT: () => this.SUBRULE3(this.expression, { LABEL: "value" }) },
      ],
    });
    this.MANY(() => this.SUBRULE(this.citation));
  });

  // 至 between a slice's bounds, or the notices' 「、」「，」 (`5000元以上、20万元（含20万元）以内`): the
  // slice's 「：」 has not come yet, so the comma cannot end it.
  rangeJoin = this.RULE("rangeJoin", () => {
    this.OR([
      { ALT: () => this.CONSUME(K.To) },
      {
        GATE: () => /^[、，,]$/.test(this.LA(1).image),
        ALT: () => {
          this.CONSUME(T.Comma);
          this.OPTION(() => this.CONSUME2(K.To));
        },
      },
    ]);
  });

  upperBound = this.RULE("upperBound", () => {
    this.OR([
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(K.AtMost) }, { ALT: () => this.CONSUME(K.Under) }]);
          this.SUBRULE(this.boundValue, { LABEL: "value" });
          this.OPTION(() => this.CONSUME(T.InclusionMark, { LABEL: "mark" }));
        },
      },
      {
        ALT: () => {
          this.SUBRULE2(this.boundValue, { LABEL: "value" });
          this.OPTION2(() => this.CONSUME2(T.InclusionMark, { LABEL: "mark" }));
          this.OPTION3(() =>
            this.OR3([
              { ALT: () => this.CONSUME(K.Within, { LABEL: "word" }) },
              { ALT: () => this.CONSUME(K.AndBelow, { LABEL: "word" }) },
            ]),
          );
          this.OPTION4(() => this.CONSUME3(T.InclusionMark, { LABEL: "markAfter" }));
        },
      },
    ]);
  });

  // 当 条件：动作，动作 依据…
  modifier = this.RULE("modifier", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.When);
          this.SUBRULE(this.expression, { LABEL: "cond" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.ElseWhen);
          this.SUBRULE2(this.expression, { LABEL: "cond" });
        },
      },
      { ALT: () => this.CONSUME(K.Else) },
    ]);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.action);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.action);
    });
    this.MANY2(() => this.SUBRULE(this.citation));
  });

  action = this.RULE("action", () => {
    this.OR(VERBS.map((verb) => ({ ALT: () => this.CONSUME(verb, { LABEL: "verb" }) })));
    const value = this.SUBRULE(this.expression, { LABEL: "value" });
    this.ACTION(() => {
      // An amount: arithmetic only (a comparison, 且, 或 or 非 here was a slip of the pen).
      const not = (value.children.operand?.[0] as CstNode | undefined)?.children.Not?.[0] as IToken | undefined;
      const op = (value.children.op as IToken[] | undefined)?.find((o) => !ARITHMETIC.has(binaryOperator(o.tokenType.name)?.level ?? "or"));
      const bad = not ?? op;
      if (bad) this.refuse(`修正的数值只能是算术式，不能含「${bad.image}」`, bad);
    });
  });

  calculatorDecl = this.RULE("calculatorDecl", () => {
    this.CONSUME(K.Calculator);
    this.SUBRULE(this.name);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(K.Validity);
            this.OPTION(() => this.CONSUME(T.Colon));
            this.SUBRULE(this.validity);
          },
        },
        { ALT: () => this.SUBRULE(this.citation) },
        { ALT: () => this.SUBRULE(this.inputsBlock) },
        { ALT: () => this.SUBRULE(this.accumulatorDecl) },
        { ALT: () => this.SUBRULE(this.stepDecl) },
        { ALT: () => this.SUBRULE(this.layeredBlock) },
        { ALT: () => this.SUBRULE(this.refusal) },
      ]);
    });
    this.CONSUME(T.RBrace);
  });

  inputsBlock = this.RULE("inputsBlock", () => {
    this.CONSUME(K.Inputs);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.inputField));
    this.CONSUME(T.RBrace);
  });

  // 名称：类型[，默认 值][，不小于 值][，不大于 值]
  inputField = this.RULE("inputField", () => {
    this.SUBRULE(this.name);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeRef);
    this.MANY({
      GATE: () => this.LA(2).tokenType === K.Default || this.LA(2).tokenType === K.GreaterEq || this.LA(2).tokenType === K.LessEq,
      DEF: () => {
      this.CONSUME(T.Comma);
      this.OR([
        {
          ALT: () => {
            this.CONSUME(K.Default);
            this.SUBRULE(this.expression, { LABEL: "default" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.GreaterEq);
            this.SUBRULE2(this.expression, { LABEL: "min" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.LessEq);
            this.SUBRULE3(this.expression, { LABEL: "max" });
          },
        },
      ]);
      },
    });
    // Fields may also be separated by commas on one line: 输入 { 费用：金额，急诊：布尔 }.
    this.OPTION(() => this.CONSUME2(T.Comma));
  });

  // 累计 名称（按年）{ 字段：累加 表达式 … } | 累计 名称（按月）：累加 表达式
  accumulatorDecl = this.RULE("accumulatorDecl", () => {
    this.CONSUME(K.Accumulator);
    this.SUBRULE(this.name);
    this.CONSUME(T.LParen);
    this.OR([{ ALT: () => this.CONSUME(K.PerYear) }, { ALT: () => this.CONSUME(K.PerMonth) }]);
    this.CONSUME(T.RParen);
    this.OR2([
      {
        ALT: () => {
          this.CONSUME(T.LBrace);
          this.MANY(() => {
            this.SUBRULE2(this.name, { LABEL: "field" });
            this.CONSUME(T.Colon);
            this.CONSUME(K.Add);
            this.SUBRULE(this.expression, { LABEL: "add" });
          });
          this.CONSUME(T.RBrace);
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.Colon);
          this.CONSUME2(K.Add);
          this.SUBRULE2(this.expression, { LABEL: "scalarAdd" });
        },
      },
    ]);
    this.MANY2(() => this.SUBRULE(this.citation));
  });

  // 输出|令 名称[：类型] = 表达式 [说明「…」] 依据… 当…
  stepDecl = this.RULE("stepDecl", () => {
    this.OR([{ ALT: () => this.CONSUME(K.Output) }, { ALT: () => this.CONSUME(K.Let) }]);
    this.SUBRULE(this.name);
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE(this.typeRef);
    });
    this.CONSUME(T.EqualsOp);
    this.SUBRULE(this.expression, { LABEL: "value" });
    this.OPTION2(() => {
      this.CONSUME(K.Explain);
      this.CONSUME(T.Quoted, { LABEL: "explain" });
    });
    this.MANY(() => this.SUBRULE(this.citation));
    this.MANY2(() => this.SUBRULE(this.modifier));
  });

  layeredBlock = this.RULE("layeredBlock", () => {
    this.CONSUME(K.Layered);
    this.SUBRULE(this.expression, { LABEL: "initial" });
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.OR([{ ALT: () => this.SUBRULE(this.stepDecl) }, { ALT: () => this.SUBRULE(this.citation) }]);
    });
    this.CONSUME(T.RBrace);
  });

  // 拒绝 字段 当 条件：「理由」
  refusal = this.RULE("refusal", () => {
    this.CONSUME(K.Refuse);
    this.SUBRULE(this.name, { LABEL: "field" });
    this.CONSUME(K.When);
    this.SUBRULE(this.expression, { LABEL: "cond" });
    this.CONSUME(T.Colon);
    this.CONSUME(T.Quoted, { LABEL: "reason" });
    this.MANY(() => this.SUBRULE(this.citation));
  });

  // 例 计算名「标题」{ 输入 {…} 期望 {…} … }
  exampleDecl = this.RULE("exampleDecl", () => {
    this.CONSUME(K.Example);
    this.CONSUME(T.Identifier, { LABEL: "calculator" });
    this.OPTION(() => this.CONSUME(T.Quoted, { LABEL: "title" }));
    this.CONSUME(T.LBrace);
    this.AT_LEAST_ONE(() => {
      this.CONSUME(K.Inputs);
      this.SUBRULE(this.record, { LABEL: "input" });
      this.CONSUME(K.Expect);
      this.SUBRULE2(this.record, { LABEL: "expect" });
    });
    this.CONSUME(T.RBrace);
  });

  record = this.RULE("record", () => {
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.name, { LABEL: "field" });
      this.CONSUME(T.Colon);
      this.OR([
        { ALT: () => this.SUBRULE(this.record, { LABEL: "value" }) },
        { ALT: () => this.SUBRULE(this.expression, { LABEL: "value" }) },
      ]);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RBrace);
  });

  // ── expressions ──
  // One rule reads a whole chain of operands and binary operators: how the operators bind
  // (language/symbols.ts) is the operator tree's business (operator-tree.ts), not the grammar's.
  // A rule per precedence level made every operand go through ten rules; a cold profile of the
  // language server's first analysis had the parse at ~40 % of it, most of it entering rules.
  expression = this.RULE("expression", () => {
    let operand = this.SUBRULE(this.operand, { LABEL: "operand" });
    let comparison: IToken | undefined;
    this.MANY(() => {
      const op = this.OR(this.binaryOperators()) as IToken;
      operand = this.SUBRULE2(this.operand, { LABEL: "operand" });
      this.ACTION(() => {
        const level = binaryOperator(op.tokenType.name)?.level;
        if (level === "or" || level === "and") comparison = undefined;
        else if (level === "comparison") {
          if (comparison) this.refuse(`比较不能连写：「${comparison.image}」之后又有「${op.image}」，两个比较请用「且」连接`, op);
          comparison = op;
        }
        const not = (operand.children.Not as IToken[] | undefined)?.[0];
        if (not && level !== "or" && level !== "and") this.refuse(`「非」只能写在条件开头或「且」「或」之后：请加括号，如「${op.image}（非 …）」`, not);
      });
    });
  });

  /** 非 …, then unary minus …, then a primary and its suffixes (one rule: each rule entered costs, see `expression`). */
  operand = this.RULE("operand", () => {
    this.MANY(() => this.CONSUME(K.Not));
    this.MANY2(() => this.CONSUME(T.Minus));
    this.SUBRULE(this.primary);
    this.MANY3(() => this.OR(this.suffixes()));
  });

  /** Every binary operator as an alternative, each labelled `op`: made once and kept. */
  private binaryOperators(): IOrAlt<unknown>[] {
    return (this.alts.binary ??= PRECEDENCE.flatMap(OPERATORS_AT).map((op) => ({ ALT: () => this.CONSUME(op, { LABEL: "op" }) })));
  }

  /** A syntax error the grammar's shape cannot state (syntax-errors.ts shows its message as it is). */
  private refuse(message: string, token: IToken): void {
    const e = new MismatchedTokenException(message, token, this.LA(0));
    STATED.add(e);
    // Chevrotain's own way of recording an error (not in its typings): it adds the rule stack.
    (this as unknown as { SAVE_ERROR(e: IRecognitionException): void }).SAVE_ERROR(e);
  }

  /** `.字段`, `[键]`, `⁺` after a primary, each its own alternative (its token labelled `suffix`): made once and kept. */
  private suffixes(): IOrAlt<unknown>[] {
    return (this.alts.suffix ??= [
      {
        ALT: () => {
          this.CONSUME(T.Dot, { LABEL: "suffix" });
          this.SUBRULE(this.name, { LABEL: "field" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LBracket, { LABEL: "suffix" });
          this.SUBRULE(this.expression, { LABEL: "index" });
          this.CONSUME(T.RBracket);
        },
      },
      { ALT: () => this.CONSUME(T.PositivePart, { LABEL: "suffix" }) },
    ]);
  }

  primary = this.RULE("primary", () => {
    this.OR((this.alts.primary ??= [
      { ALT: () => this.CONSUME(T.NumberLit) },
      { ALT: () => this.CONSUME(T.Date) },
      { ALT: () => this.CONSUME(K.True) },
      { ALT: () => this.CONSUME(K.False) },
      { ALT: () => this.CONSUME(K.None) },
      { ALT: () => this.CONSUME(K.Remaining) },
      {
        ALT: () => {
          this.CONSUME(T.Identifier);
          this.OPTION(() => {
            this.CONSUME(T.LParen);
            this.OPTION2(() => {
              this.SUBRULE(this.argument);
              this.MANY(() => {
                this.CONSUME(T.Comma);
                this.SUBRULE2(this.argument);
              });
            });
            this.CONSUME(T.RParen);
          });
        },
      },
      { ALT: () => this.CONSUME(T.Quoted) },
      {
        ALT: () => {
          this.CONSUME2(T.LParen, { LABEL: "group" });
          this.SUBRULE(this.expression);
          this.CONSUME2(T.RParen);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          this.OPTION3(() => {
            this.SUBRULE2(this.expression, { LABEL: "item" });
            this.MANY2(() => {
              this.CONSUME2(T.Comma);
              this.SUBRULE3(this.expression, { LABEL: "item" });
            });
          });
          this.CONSUME(T.RBracket);
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.If);
          this.SUBRULE4(this.expression, { LABEL: "cond" });
          this.CONSUME(K.Then);
          this.SUBRULE5(this.expression, { LABEL: "then" });
          this.CONSUME(K.Else);
          this.SUBRULE6(this.expression, { LABEL: "else" });
        },
      },
    ]));
  });

  argument = this.RULE("argument", () => {
    this.OPTION(() => this.CONSUME(K.Accumulated));
    this.SUBRULE(this.expression);
  });
}

/**
 * Chevrotain's grammar recording, as `performSelfAnalysis` calls it: each rule run once in a
 * recording mode to make its productions. Where the parser has the grammar from the table
 * (`fromTable`), each rule's productions come from there and the recording mode is never entered.
 */
interface Recording {
  definedRulesNames: string[];
  fromTable?: Record<string, Rule>;
  enableRecording(): void;
  disableRecording(): void;
  topLevelRuleRecord(name: string, grammarAction: () => void): Rule;
}
{
  const recording = PolicyParser.prototype as unknown as Recording;
  const { enableRecording, disableRecording, topLevelRuleRecord } = recording;
  recording.enableRecording = function (this: Recording) {
    if (!this.fromTable) enableRecording.call(this);
  };
  recording.disableRecording = function (this: Recording) {
    if (!this.fromTable) disableRecording.call(this);
  };
  recording.topLevelRuleRecord = function (this: Recording, name, grammarAction) {
    return this.fromTable?.[name] ?? topLevelRuleRecord.call(this, name, grammarAction);
  };
}

export const parser = new PolicyParser();

/** Build the grammar again with Chevrotain's validations; throws on a grammar defect. */
export function validateGrammar(): void {
  new PolicyParser("validated");
}

/** The rules Chevrotain records for the grammar, and the lookahead paths and recovery follows it computes, by token and rule name (lookahead.generated.ts). */
export function grammarTables(): { lookahead: LookaheadTable; follows: FollowsTable; grammar: GrammarTable } {
  const lookahead: Record<string, string[][][]> = {};
  const record = (rule: Rule, prodType: LookaheadProductionType, occurrence: number, maxLookahead: number) => {
    const paths = getLookaheadPaths({ occurrence, rule, prodType, maxLookahead });
    lookahead[decisionKey(rule.name, prodType, occurrence)] = paths.map((alt) => alt.map((path) => path.map((t) => t.name)));
  };
  const llk = new LLkLookaheadStrategy({ maxLookahead: MAX_LOOKAHEAD });
  const recording: ILookaheadStrategy = {
    validate: (o) => llk.validate(o),
    buildLookaheadForAlternation(o) {
      record(o.rule, "Alternation", o.prodOccurrence, o.maxLookahead);
      return llk.buildLookaheadForAlternation(o);
    },
    buildLookaheadForOptional(o) {
      record(o.rule, o.prodType, o.prodOccurrence, o.maxLookahead);
      return llk.buildLookaheadForOptional(o);
    },
  };
  const computed = new PolicyParser("computed", recording);
  const resync = (computed as unknown as { resyncFollows: Record<string, TokenType[]> }).resyncFollows;
  const follows: Record<string, string[]> = {};
  for (const key of Object.keys(resync).sort()) follows[key] = resync[key].map((t) => t.name);
  return { lookahead, follows, grammar: grammarEntries(Object.values(computed.getGAstProductions())) };
}

export interface CstResult {
  cst: CstNode;
  tokens: IToken[];
  comments: IToken[];
  lexErrors: { offset: number; length: number; message: string }[];
  parseErrors: IRecognitionException[];
  /** Expressions nested beyond the limit, which the parser saw as one placeholder. */
  nestingCuts: NestingCut[];
}

/**
 * The CST of one declaration's tokens (already within the nesting limits), or undefined where it
 * has a syntax error or nests past the parser's depth: the caller parses the whole text then.
 */
export function declarationCst(tokens: IToken[]): DeclarationCstNode | undefined {
  parser.input = tokens;
  try {
    const cst = parser.declaration() as DeclarationCstNode;
    return parser.errors.length ? undefined : cst;
  } catch (e) {
    if (e instanceof ParserTooDeep) return undefined;
    throw e;
  }
}

export function parseCst(text: string): CstResult {
  const lex = T.tokenize(text);
  let limited = limitNesting(lex.tokens, T.NumberLit);
  parser.input = limited.tokens;
  let cst: CstNode;
  try {
    cst = parser.file();
  } catch (e) {
    // Error recovery read on through what the first pass took for the end of an expression: out of
    // stack, or past MAX_RULE_DEPTH.
    if (!(e instanceof RangeError)) throw e;
    limited = limitNesting(lex.tokens, T.NumberLit, true);
    parser.input = limited.tokens;
    cst = parser.file();
  }
  return {
    cst,
    tokens: lex.tokens,
    comments: (lex.groups.comments as IToken[] | undefined) ?? [],
    lexErrors: lex.errors.map((e) => ({ offset: e.offset, length: e.length, message: e.message })),
    parseErrors: parser.errors,
    nestingCuts: limited.cuts,
  };
}
