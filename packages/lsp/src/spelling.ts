// E101 on a misspelt name (起付标淮表 for 起付标准表): offer the declared names it is closest
// to — the names visible where it stands, by edit distance on folded names (so a traditional
// or full-width spelling of the right name is distance 0 and offered too).
import { BUILTIN_TYPES, foldName, type Analysis } from "@zhengce/dsl";
import { CodeActionKind, type CodeAction, type Diagnostic } from "./protocol.js";

/** Damerau–Levenshtein distance (adjacent transpositions count one) over code points, stopping past `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[t.length];
}

/** Names a reference at `offset` could mean, by what the message says is unknown. */
function candidates(analysis: Analysis, offset: number, message: string): string[] {
  const model = analysis.model;
  const enums = [...model.enums.values()].map((e) => e.name.text);
  if (message.startsWith("未知的枚举")) return enums;
  if (message.startsWith("未知的类型")) return [...Object.keys(BUILTIN_TYPES), ...enums];
  const names = [
    ...[...model.params.values()].map((p) => p.decl.name.text),
    ...[...model.brackets.values()].map((b) => b.decl.name.text),
    ...[...model.enums.values()].flatMap((e) => e.members.map((m) => m.text)),
  ];
  // Inside a calculator: its inputs, accumulators and steps; elsewhere (a parameter's modifier
  // reads the inputs of the calculators using it): every calculator's inputs.
  const calcs = [...model.calculators.values()];
  const inside = calcs.filter((c) => c.uri === analysis.uri && c.decl.span.start <= offset && offset <= c.decl.span.end);
  for (const c of inside.length ? inside : calcs) {
    names.push(...c.inputs.map((i) => i.name));
    if (!inside.length) continue;
    names.push(...c.accumulators.map((a) => a.decl.name.text));
    for (const item of c.decl.body) {
      if (item.kind === "StepDecl") names.push(item.name.text);
      if (item.kind === "LayeredBlock") names.push(...item.steps.map((s) => s.name.text));
    }
  }
  return names;
}

export function similarNames(analysis: Analysis, at: number, diagnostic: Diagnostic): CodeAction[] {
  const unknown = /^未知的(?:名称|枚举|类型)「(.+?)」/.exec(diagnostic.message)?.[1];
  if (!unknown) return [];
  const key = foldName(unknown);
  const limit = [...key].length <= 3 ? 1 : 2;
  const ranked = new Map<string, number>();
  for (const name of candidates(analysis, at, diagnostic.message)) {
    const k = foldName(name);
    if (k === key || ranked.has(name)) continue;
    const d = editDistance(key, k, limit);
    if (d <= limit && d < [...k].length) ranked.set(name, d);
  }
  const best = [...ranked].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0], "zh")).slice(0, 3);
  // The name as written may be quoted: keep the quotes.
  const written = analysis.text.slice(at, at + unknown.length + 2);
  const quoted = /^[「『]/.test(written);
  return best.map(([name, d], i) => ({
    title: `改为「${name}」`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: i === 0 && (best.length === 1 || best[1][1] > d),
    edit: { changes: { [analysis.uri]: [{ range: diagnostic.range, newText: quoted ? `${written[0]}${name}${written[unknown.length + 1]}` : name }] } },
  }));
}
