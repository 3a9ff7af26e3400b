// How the operators of one expression bind. The grammar reads an expression as a flat chain,
// operand (operator operand)* (parser.ts); this groups the chain by precedence (language/symbols.ts,
// loosest first: 或, 且, 非, comparisons, + −, × ÷), each level's run of operators as one chain
// read left to right. The AST builder and the formatter both read expressions through it, so
// the two can never disagree on what binds to what.
import type { IToken } from "chevrotain";
import type { ExpressionCstNode, OperandCstNode } from "./cst.generated.js";
import { binaryOperator, PRECEDENCE, type Level } from "./language/symbols.js";

export type OperatorTree =
  /** One operand: its unary minuses, its primary and suffixes (its 非 are `not` nodes above it). */
  | { kind: "operand"; node: OperandCstNode | undefined }
  | { kind: "not"; not: IToken; operand: OperatorTree }
  /** `first op operand op operand …`, every `op` of the same level. */
  | { kind: "chain"; level: Level; first: OperatorTree; rest: { op: IToken; operand: OperatorTree }[] };

const LEVEL = new Map<Level, number>(PRECEDENCE.map((l, i) => [l, i]));
const AND = LEVEL.get("and")!;
const levelOf = (op: IToken): number => LEVEL.get(binaryOperator(op.tokenType.name)?.level ?? "or")!;

export function operatorTree(n: ExpressionCstNode): OperatorTree {
  const operands = (n.children.operand ?? []) as OperandCstNode[];
  const ops = (n.children.op ?? []) as IToken[];
  // The operand being read (ops[at] follows it) and how many of its 非 are read.
  let at = 0;
  let notsRead = 0;
  const nots = () => (operands[at]?.children.Not ?? []) as IToken[];

  const operand = (): OperatorTree => {
    // 非 where the grammar does not allow it (after + or =; the parser reported it): on the operand alone.
    const left = nots().slice(notsRead);
    notsRead += left.length;
    return left.reduceRight<OperatorTree>((inner, not) => ({ kind: "not", not, operand: inner }), { kind: "operand", node: operands[at] });
  };
  // 非 binds looser than a comparison and tighter than 且.
  const negation = (): OperatorTree => {
    const not = nots()[notsRead];
    if (!not) return level(AND + 1);
    notsRead++;
    return { kind: "not", not, operand: negation() };
  };
  const level = (l: number): OperatorTree => {
    const next = () => (l === PRECEDENCE.length - 1 ? operand() : l === AND ? negation() : level(l + 1));
    const first = next();
    const rest: { op: IToken; operand: OperatorTree }[] = [];
    while (at < ops.length && levelOf(ops[at]) === l) {
      const op = ops[at];
      at++;
      notsRead = 0;
      rest.push({ op, operand: next() });
    }
    return rest.length ? { kind: "chain", level: PRECEDENCE[l], first, rest } : first;
  };
  return level(0);
}
