// Depth limits for expressions. The parser, the AST builder, the checker, the lowering and the
// printers all recurse over expressions, and about 150 nested （, 2 000 unary minuses or a sum of
// 1 500 terms overflow the stack. So before parsing, one pass over the tokens tracks how deeply
// each expression nests and cuts what goes beyond a limit that real policies never approach:
// the parser sees one placeholder operand instead (or the chain of operations simply ends), and
// the file gets an E004 at the token that crossed the limit.
//
// The pass reads expressions as the grammar does and starts afresh at any token no expression
// holds. The parser's error recovery may read on through such a token (deleting it), so when
// the parser still goes too deep (out of stack, or past its own depth: parser.ts
// MAX_RULE_DEPTH), `parseCst` asks again in strict mode: only a matching closing bracket ends a
// bracket (records' braces included), which bounds the parser's depth whatever it recovers from.
import type { IToken, TokenType } from "chevrotain";

/** Brackets, 非, unary −, 如果 inside one another: at most this many. */
export const MAX_NESTING = 32;
/** Nesting plus chained operations (+ − × ÷ 且 或 . ⁺ [ ]) of one expression: at most this many. */
export const MAX_DEPTH = 128;

export interface NestingCut {
  /** The token that crossed the limit, where the diagnostic points. */
  at: { start: number; end: number };
  /** The text the parser did not see; diagnostics inside it only follow from the cut. */
  region: { start: number; end: number };
  message: string;
}

const OPERAND = new Set(["NumberLit", "Date", "True", "False", "None", "Remaining", "Identifier", "Quoted"]);
const OPEN: Record<string, string> = { LParen: "（", LBracket: "[" };
const CLOSE: Record<string, string> = { RParen: "（", RBracket: "[" };
/** Braces nest records (`甲：{ 乙：{ … } }`): counted in strict mode only. */
const BRACES: Record<string, string> = { LBrace: "{" };
const BRACE_CLOSE: Record<string, string> = { RBrace: "{", CitationRBrace: "{" };
const CHAIN = new Set(["Plus", "Minus", "Times", "Divide", "And", "Or"]);
const SUFFIX = new Set(["Dot", "PositivePart"]);
/** Tokens inside an expression that neither nest nor chain. Any token not named here ends the expression. */
const NEUTRAL = new Set([
  ...["EqualsOp", "NotEqualsOp", "LessEqOp", "GreaterEqOp", "LessOp", "GreaterOp"],
  ...["Equals", "NotEquals", "Greater", "Less", "GreaterEq", "LessEq", "Contains", "In", "NotIn"],
  ...["Then", "Else", "Accumulated"],
]);

/** What a token type is to the pass, by its name (the tables above). */
interface Role {
  operand: boolean;
  open?: string;
  close?: string;
  brace?: string;
  braceClose?: string;
  chain: boolean;
  suffix: boolean;
  neutral: boolean;
}
const roles = new Map<TokenType, Role>();
/** The role of a token type, looked up by name once per type: a profile of a cold `calc` had this pass at 2.5 % of the process, most of it in the lookups by name. */
function roleOf(type: TokenType): Role {
  let role = roles.get(type);
  if (!role) {
    const name = type.name;
    role = { operand: OPERAND.has(name), open: OPEN[name], close: CLOSE[name], brace: BRACES[name], braceClose: BRACE_CLOSE[name], chain: CHAIN.has(name), suffix: SUFFIX.has(name), neutral: NEUTRAL.has(name) };
    roles.set(type, role);
  }
  return role;
}

interface Frame {
  kind: "root" | "open" | "prefix" | "if";
  ops: number;
  /** Which bracket opened an "open" frame. */
  bracket?: string;
}

interface Cut {
  kind: "nest" | "chain";
  frame: Frame;
  /** Stack index of `frame`. */
  index: number;
  first: IToken;
  last: IToken;
  message: string;
}

const NEST_MESSAGE = `表达式嵌套过深：括号、「非」、「−」和「如果」层层相套超过 ${MAX_NESTING} 层；请拆成几个「令」步骤`;
const CHAIN_MESSAGE = `表达式过长：一个表达式中的运算超过 ${MAX_DEPTH} 个；请拆成几个「令」步骤`;

/**
 * The tokens the parser should read, and where they differ from the lexer's: a cut expression
 * becomes one placeholder number token spanning the text it replaces.
 */
export function limitNesting(tokens: IToken[], placeholderType: TokenType, strict = false): { tokens: IToken[]; cuts: NestingCut[] } {
  const out: IToken[] = [];
  const cuts: NestingCut[] = [];
  let stack: Frame[] = [{ kind: "root", ops: 0 }];
  let ops = 0; // the sum of `ops` over the stack
  let afterOperand = false;
  let cut: Cut | undefined;

  const depth = () => stack.length - 1 + ops;
  const pop = () => {
    ops -= stack.pop()!.ops;
  };
  const push = (t: IToken, kind: Frame["kind"], bracket?: string) => {
    const frame: Frame = { kind, ops: 0, bracket };
    stack.push(frame);
    if (!cut && (stack.length - 1 > MAX_NESTING || depth() > MAX_DEPTH)) {
      cut = { kind: "nest", frame, index: stack.length - 1, first: t, last: t, message: stack.length - 1 > MAX_NESTING ? NEST_MESSAGE : CHAIN_MESSAGE };
    }
  };
  const chain = (t: IToken) => {
    const top = stack[stack.length - 1];
    top.ops++;
    ops++;
    if (!cut && depth() > MAX_DEPTH) cut = { kind: "chain", frame: top, index: stack.length - 1, first: t, last: t, message: CHAIN_MESSAGE };
  };
  /** An operand is complete: the prefix operators waiting for it are done. */
  const operandEnd = () => {
    while (stack[stack.length - 1].kind === "prefix") pop();
  };
  const finish = (through: IToken | undefined) => {
    const c = cut!;
    const last = through ?? c.last;
    cuts.push({
      at: { start: c.first.startOffset, end: c.first.endOffset! + 1 },
      region: { start: c.first.startOffset, end: last.endOffset! + 1 },
      message: c.message,
    });
    if (c.kind === "nest") {
      out.push({ ...c.first, image: "0", tokenType: placeholderType, tokenTypeIdx: placeholderType.tokenTypeIdx!, endOffset: last.endOffset, endLine: last.endLine, endColumn: last.endColumn });
    }
    cut = undefined;
  };

  for (const t of tokens) {
    const name = t.tokenType.name;
    const role = roleOf(t.tokenType);
    const opens = role.open ?? (strict ? role.brace : undefined);
    const closes = role.close ?? (strict ? role.braceClose : undefined);
    /** The stack index of the bracket this token closes, when it closes one. */
    let closed = -1;
    if (role.operand) {
      operandEnd();
      afterOperand = true;
    } else if (opens) {
      if (afterOperand) chain(t); // a call's arguments or an index: one more operation on the operand
      push(t, "open", opens);
      afterOperand = false;
    } else if (closes) {
      let open = stack.length - 1;
      while (open > 0 && stack[open].kind !== "open") open--;
      // Strict: only the bracket it matches.
      if (open > 0 && (!strict || stack[open].bracket === closes)) {
        while (stack.length - 1 > open) pop();
        closed = open;
        pop();
        operandEnd();
      }
      afterOperand = true;
    } else if (name === "Comma") {
      // The next item of a list or argument of a call starts afresh.
      while (stack.length > 1 && stack[stack.length - 1].kind !== "open") pop();
      const top = stack[stack.length - 1];
      ops -= top.ops;
      top.ops = 0;
      afterOperand = false;
    } else if (name === "Not" || (name === "Minus" && !afterOperand)) {
      push(t, "prefix");
      afterOperand = false;
    } else if (name === "If") {
      push(t, "if");
      afterOperand = false;
    } else if (role.chain || role.suffix) {
      chain(t);
      afterOperand = name === "PositivePart";
    } else if (role.neutral) {
      afterOperand = false;
    } else if (strict) {
      // Not part of any expression; what is open stays open, but chains start afresh.
      for (const f of stack) f.ops = 0;
      ops = 0;
      afterOperand = false;
    } else {
      // Not part of any expression: whatever was open has ended (most tokens of a file: a bare
      // root stays, its count reset, as a fresh one would be).
      if (stack.length === 1) stack[0]!.ops = 0;
      else stack = [{ kind: "root", ops: 0 }];
      ops = 0;
      afterOperand = false;
    }

    if (!cut) {
      out.push(t);
      continue;
    }
    if (cut.first === t) continue;
    const c = cut;
    // A chain ends where its frame's operations start afresh (a comma, a token of no expression).
    const alive = stack[c.index] === c.frame && (c.kind === "nest" || c.frame.ops > 0);
    if (alive) {
      c.last = t;
      continue;
    }
    // The cut frame has ended with this token. It belongs to the cut when it completed the
    // frame's own operand or bracket; otherwise (an enclosing bracket, a comma, a new
    // statement) it is read as usual.
    const completes = c.kind === "nest" && (role.operand || (closed >= 0 && closed >= c.index));
    if (completes) finish(t);
    else {
      finish(undefined);
      out.push(t);
    }
  }
  if (cut) finish(undefined);
  return { tokens: out, cuts };
}
