// Lexing and parsing errors as Chinese diagnostics with exact ranges, worded for a line being
// typed: an incomplete line is reported at its own end (never on the next declaration), in words
// (应为表达式, 缺少「=」), one error per line.
import type { IRecognitionException, IToken } from "chevrotain";
import { Decimal } from "decimal.js";
import { KEYWORD_SPELLINGS } from "./language/keywords.js";
import { MODIFIER_VERBS } from "./language/modifiers.js";
import { rateVerbHint } from "./language/text.js";
import { foldName } from "./fold.js";
import type { ParseResult } from "./parse.js";
import { STATED } from "./parser.js";

type Span = { start: number; end: number };

export function syntaxDiagnostics(parsed: ParseResult, uri: string) {
  const out: { code: "E001" | "E002" | "E004"; message: string; span: Span; uri: string }[] = [];
  // A clean parse (every keystroke that completes a line): nothing to report, no pass over the tokens.
  if (!parsed.lexErrors.length && !parsed.nestingCuts.length && !parsed.parseErrors.length) return out;
  // Error recovery reports what follows a mistake too: only the first error of each line is the
  // analyst's (after an unclosed 「 the rest of the line is quoted text the lexer cannot read).
  const lines = new Set<number>();
  for (const e of parsed.lexErrors) {
    const line = lineOf(parsed, e.offset);
    if (lines.has(line)) continue;
    lines.add(line);
    const ch = e.message.match(/->(.*)<-/)?.[1] ?? "?";
    out.push({ code: "E001", message: `无法识别的字符「${ch}」${CHARACTER_HINTS[ch] ?? ""}`, span: { start: e.offset, end: e.offset + Math.max(1, e.length) }, uri });
  }
  for (const c of parsed.nestingCuts) out.push({ code: "E004", message: c.message, span: c.at, uri });
  const misclosed = misclosedBlock(parsed);
  for (const e of parsed.parseErrors) {
    let d = describe(e, parsed);
    // A block left open inside another took the outer block's 「}」: the 「}」 it lacks is reported where its lines end.
    if (misclosed && d.message.startsWith("缺少「}」") && d.span.start > misclosed.at) {
      d = { message: `缺少「}」：第 ${misclosed.open.startLine} 行的「{」没有配对`, span: { start: misclosed.at, end: misclosed.at } };
    }
    // A 「}」 missing only at the end of the file, after an error: recovery from that error used the 「}」 up.
    if (d.message.startsWith("缺少「}」") && !valid(e.token) && out.some((x) => x.code !== "E004")) continue;
    const line = lineOf(parsed, d.span.start);
    if (lines.has(line)) continue;
    lines.add(line);
    out.push({ code: "E002", ...d, uri });
  }
  return out;
}

/** Characters the notices write that the language spells otherwise. */
const CHARACTER_HINTS: Record<string, string> = {
  "—": "：范围请写「至」（如「5000元 至 20万元」）",
  "…": "：引文中的省略写在「依据」的「」里",
  "「": "：引号「」没有配对",
  "『": "：引号『』没有配对",
  "“": "：引号“”没有配对",
  "！": "：不等于写作「≠」",
  "!": "：不等于写作「≠」",
  "‰": "：千分比写作百分比，如「5‰」写作「0.5%」",
  "￥": "：金额写作数字加「元」，如「5000元」",
  "¥": "：金额写作数字加「元」，如「5000元」",
};

const valid = (t: IToken | undefined): t is IToken => !!t && !Number.isNaN(t.startOffset) && t.tokenType.name !== "EOF";

/** The index of the last token starting at or before `offset` (tokens are in text order), −1 if none. */
function indexAt(tokens: IToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].startOffset <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function lineOf(parsed: ParseResult, offset: number): number {
  const i = indexAt(parsed.tokens, offset);
  return i >= 0 ? (parsed.tokens[i].startLine ?? 0) : 0;
}

/** The labels of the tokens the parser expected, in order, without repeats. */
function expectedLabels(e: IRecognitionException): string[] {
  const one = e.message.match(/Expecting (?:token of type )?--> (.*?) <--/);
  if (one) return [one[1]];
  const seq = [...e.message.matchAll(/\d+\. \[(.*?)\]/g)].map((m) => m[1].split(", ")[0]);
  return [...new Set(seq)];
}

/** Labels that begin an expression: when the parser would take any of them, it wants an expression. */
const EXPRESSION_START = new Set(["数值", "日期", "如果", "非", "−"]);
const NAME = new Set(["名称", "「…」"]);
/** The modifier verbs by their tokens' labels (each keyword's first spelling). */
const VERB_LABELS = MODIFIER_VERBS.map((v) => KEYWORD_SPELLINGS[v.keyword as keyof typeof KEYWORD_SPELLINGS][0] as string);
const VERBS = `修正动作（${VERB_LABELS.map((v) => `「${v}」`).join("")}之一）`;
const CLOSERS: Record<string, string> = { "）": "（", "]": "[", "}": "{" };
/** What may begin a line inside each block, for an unknown word where a line should begin. */
const LINE_STARTS: Record<string, string> = {
  calculatorDecl: "「输入」「输出」「令」「累计」「分层」「拒绝」「依据」",
  layeredBlock: "「输出」「令」「依据」",
  bracketDecl: "一段（如「超过 5000元 至 20万元（含）：85%」）、「依据」或「当」",
  paramDecl: "表的一行（如「二级：600元」）、「依据」或「当」",
  policyHeader: "「文号」「机关」「发布」「有效期」「基于」「原文」「行政性」",
};
/** Keywords an analyst writes before a name; glued to it they make one unknown name. */
const GLUED = (["ElseWhen", "When", "Else", "If", "Then", "Not", "AtMost", "Exceeds", "Citation", "To"] as const).flatMap((k) => [...KEYWORD_SPELLINGS[k]]).sort((a, b) => b.length - a.length);

function describe(e: IRecognitionException, parsed: ParseResult): { message: string; span: Span } {
  const t = valid(e.token) ? e.token : undefined;
  const prevRaw = (e as unknown as { previousToken?: IToken }).previousToken;
  const prev = valid(prevRaw) ? prevRaw : undefined;
  const labels = expectedLabels(e);
  const rule = e.context?.ruleStack?.[e.context.ruleStack.length - 1] ?? "";
  const found = t ? `「${t.image}」` : "文件结尾";
  if (STATED.has(e)) return { message: e.message, span: tokenSpan(t, parsed, prev) };

  // The tokens either side of the one the parser stopped at.
  const at = t ? parsed.tokens.indexOf(t) : -1;
  const prior = t && parsed.tokens[at - 1];
  const next = t && parsed.tokens[at + 1];
  // 「转诊后30日内」: days are not a unit; a count of days is a whole number.
  if (t && prior?.tokenType.name === "NumberLit" && /^[日天]/.test(t.image) && /^\d+$/.test(prior.image.trim())) {
    return { message: `「${t.image}」：天数没有单位，写作整数，如「${prior.image.trim()}」（参数类型写「整数」）`, span: tokenSpan(t, parsed) };
  }
  // 「9折」「5千元」「5,000元」「5000元整」: a number as the notices (or people) write it otherwise,
  // where the parser stopped or at the word it just read.
  const number = numberWordingAt(parsed.tokens, t) ?? numberWordingAt(parsed.tokens, prev);
  if (number) return number;
  // 「60%至70%」「60%~70%」: a notice's range where the language takes one value.
  if (t && prior?.tokenType.name === "NumberLit" && next?.tokenType.name === "NumberLit" && /^(?:至|到|[~～—])$/.test(t.image) && prior.endLine === next.startLine) {
    const range = parsed.tokens.slice(at - 1, at + 2).map((x) => x.image).join("");
    return { message: `「${range}」是一个范围，这里只写一个数：通知写的范围，请按条件分写成表或「当」`, span: { start: prior.startOffset, end: next.endOffset! + 1 } };
  }
  // 「有效期 2016-2018年」「2016-2018年：50%」: years where a validity or a version takes dates.
  const last = parsed.tokens[at + 2];
  const yearRange = t && next && last && /^(?:至|到|[-－~～—])$/.test(next.image) && (rule === "validity" || /年/.test(t.image + last.image));
  const years = yearRange ? [t.image.match(/^(\d{4})年?$/)?.[1], last.image.match(/^(\d{4})年?度?$/)?.[1]] : [];
  if (years[0] && years[1] && t && last) {
    const written = parsed.tokens.slice(at, at + 3).map((x) => x.image).join("");
    return { message: `「${written}」写作「${years[0]}-01-01 至 ${years[1]}-12-31」`, span: { start: t.startOffset, end: last.endOffset! + 1 } };
  }
  if (e.name === "NotAllInputParsedException") return notADeclaration(t, prior, parsed);
  // `当医院级别 = …`: a keyword glued to the name after it — where the parser stopped, or (a slice's
  // 「超过起付标准：」, read as a slice's name) at the name just before its 「：」.
  const glued = t?.tokenType.name === "Identifier" ? t : prev?.tokenType.name === "Identifier" && t && /^[：:]$/.test(t.image) ? prev : undefined;
  if (glued) {
    const kw = GLUED.find((k) => glued.image.startsWith(k) && glued.image.length > k.length);
    if (kw) return { message: `无法理解「${glued.image}」：若「${kw}」是关键字，请在它后面加空格`, span: tokenSpan(glued, parsed) };
  }
  // 分段 名称 { …: the bracket does not say how it applies.
  if (rule === "bracketDecl" && labels.includes("（") && t && /^[{｛]$/.test(t.image)) {
    return { message: "分段缺少「（累进）」或「（全额）」：写在名称后，如「分段 二档住院比例（累进）{」", span: tokenSpan(t, parsed) };
  }
  // Notice wording the language writes otherwise: say the accepted form.
  const afterDate = t && prior?.tokenType.name === "Date" ? dateWording(t, prior) : undefined;
  if (afterDate) return { message: afterDate, span: tokenSpan(t, parsed) };
  // 「2018年1月1日-2018年12月31日」: a hyphen between two dates is a minus to the parser.
  if (t && prior?.tokenType.name === "Date" && next?.tokenType.name === "Date" && /^[-－]$/.test(t.image)) {
    return { message: `起止日期之间写「至」，如「${prior.image.trim()} 至 ${next.image.trim()}」`, span: tokenSpan(t, parsed) };
  }
  const shape = t && labels.includes("{") ? DECLARATION_SHAPES[rule]?.(t) : undefined;
  if (shape) return { message: shape, span: tokenSpan(t, parsed) };
  // 「一级：500元，二级：600元」: a table's rows on one line, separated as in a sentence.
  if (t && rule === "paramDecl" && labels.includes("}") && /^[，,]$/.test(t.image) && next && next.startLine === t.endLine) {
    return { message: "表的各行之间不写「，」：一行写一项，如「一级：500元」换行「二级：600元」", span: tokenSpan(t, parsed) };
  }
  // 「2017年下半年」: half a year is a date range.
  const half = t && rule === "validity" ? halfYear(t, next) : undefined;
  if (half) return { message: half, span: tokenSpan(t, parsed) };
  const wording = noticeWording(t, prev, labels, rule);
  if (wording) return { message: wording.message, span: { start: tokenSpan(wording.on, parsed).start, end: tokenSpan(wording.through ?? wording.on, parsed).end } };
  // Recovery inside the file's list of declarations expects the end of the file, never worth saying.
  if (labels.length === 1 && labels[0] === "EOF") return notADeclaration(t, prior, parsed);
  // 「费用 x 90%」「费用 的 90%」「… 四舍五入」「…；」: a word after a whole value on its line.
  const endsLine = !next || (next.startLine ?? 0) > (t?.endLine ?? 0);
  const after = t && prev && (t.startLine ?? 0) === (prev.endLine ?? 0) ? AFTER_VALUE.find(([word, , last]) => word.test(t.image) && (!last || endsLine)) : undefined;
  if (after) return { message: after[1], span: tokenSpan(t, parsed) };
  // A keyword still being typed on the next line (「否」 of 「否则」): on that word, saying what it becomes.
  if (t && prev && labels.length === 1 && (t.startLine ?? 0) > (prev.endLine ?? 0) && labels[0].length > t.image.length && labels[0].startsWith(t.image)) {
    return { message: `缺少「${labels[0]}」：「${t.image}」还没写完`, span: tokenSpan(t, parsed) };
  }
  // A word being typed on a new line of a block, deeper than the line that opened it: on that word.
  if (t && prev && labels.length === 1 && labels[0] === "}" && LINE_STARTS[rule] && (t.startLine ?? 0) > (prev.endLine ?? 0)) {
    const open = unclosed(parsed.tokens, prev, "{");
    if (open && (t.startColumn ?? 0) > lineIndent(parsed.tokens, open)) return { message: `无法理解${found}：这里应写${LINE_STARTS[rule]}，或「}」结束`, span: tokenSpan(t, parsed) };
  }
  // The line stops short: report at its end what it still needs.
  const atLineEnd = !t || (prev !== undefined && (t.startLine ?? 0) > (prev.endLine ?? 0));
  if (atLineEnd && prev) {
    const end = prev.endOffset! + 1;
    const span = { start: end, end };
    if (rule === "validity") return { message: "应为日期（如「2018-01-01」「2018年1月1日」「2018年度」）", span };
    if (labels.some((l) => EXPRESSION_START.has(l))) return { message: "应为表达式", span };
    if (labels.includes("名称") && labels.every((l) => NAME.has(l))) return { message: "应为名称", span };
    if (labels.length === 1 && labels[0] === "「…」") return { message: "缺少「」括起的文字", span };
    const closer = labels.find((l) => l in CLOSERS);
    if (closer && labels.length === 1) {
      const open = unclosed(parsed.tokens, prev, CLOSERS[closer]);
      const where = open && open.startLine !== prev.endLine ? `第 ${open.startLine} 行的` : "前面的";
      return { message: `缺少「${closer}」${open ? `：${where}「${open.image}」没有配对` : ""}`, span };
    }
    if (labels.length === 1) return { message: `缺少「${labels[0]}」`, span };
    if (labels.every((l) => VERB_LABELS.includes(l))) return { message: `应为${VERBS}`, span };
    return { message: `这一行没有写完：后面应为${list(labels)}`, span };
  }
  const span = tokenSpan(t, parsed, prev);
  if (labels.some((l) => EXPRESSION_START.has(l))) return { message: `应为表达式，却是${found}`, span };
  if (labels.includes("名称") && labels.every((l) => NAME.has(l))) return { message: `应为名称，却是${found}`, span };
  if (t?.tokenType.name === "Identifier" && labels.length === 1 && labels[0] === "}" && LINE_STARTS[rule]) {
    return { message: `无法理解${found}：这里应写${LINE_STARTS[rule]}，或「}」结束`, span };
  }
  if (labels.length && labels.every((l) => VERB_LABELS.includes(l))) return { message: `应为${VERBS}，却是${found}`, span };
  if (labels.length) return { message: `此处应为${list(labels)}，却是${found}`, span };
  return { message: `无法理解${found}`, span };
}

/** `t` where a declaration should begin: after a whole one on its line (「90% 左右」「5000元 整」), or on a line of its own. */
function notADeclaration(t: IToken | undefined, before: IToken | undefined, parsed: ParseResult): { message: string; span: Span } {
  const sameLine = t && before && (t.startLine ?? 0) === (before.endLine ?? 0);
  const why = sameLine ? "前面的声明已经写完，说明的话写进 # 注释" : "声明须以「政策、枚举、参数、分段、计算、例」等关键字开头";
  return { message: `无法理解${t ? `「${t.image}」` : "文件结尾"}：${why}`, span: tokenSpan(t, parsed) };
}

/**
 * A number written the way the language does not write it, at `word` (the token after the
 * number): 「9折」 (a rate), 「5千元」, 「5000块」, 「5,000元」 (digits grouped), 「5000元整」. On the
 * number and the word; undefined when `word` is none of these.
 */
function numberWordingAt(tokens: IToken[], word: IToken | undefined): { message: string; span: Span } | undefined {
  if (!word || !/^(?:[折千百块塊整,，]|元整)/.test(word.image)) return undefined;
  const i = tokens.indexOf(word);
  const number = tokens[i - 1];
  // Next to the number, or a space apart on its line (「5000 元整」).
  if (number?.tokenType.name !== "NumberLit" || number.endLine !== word.startLine) return undefined;
  const adjacent = number.endOffset! + 1 === word.startOffset;
  const digits = number.image.normalize("NFKC").trim();
  const on = (last: IToken, message: string) => ({ message, span: { start: number.startOffset, end: last.endOffset! + 1 } });
  const bare = /^\d+(?:\.\d+)?$/.test(digits);
  const discount = digits.match(/^(\d)(?:\.(\d))?$/);
  if (/^[折千百,，]/.test(word.image) && !adjacent) return undefined;
  if (/^折/.test(word.image)) return discount ? on(word, `「${digits}折」写作比例「${discount[1]}${discount[2] ?? "0"}%」`) : undefined;
  const scale = word.image.match(/^([千百])元?/);
  if (scale && bare) {
    const v = new Decimal(digits).times(scale[1] === "千" ? 1000 : 100).toString();
    return on(word, `「${digits}${scale[0]}」写作「${v}${scale[0].endsWith("元") ? "元" : ""}」`);
  }
  const written = (last: IToken) => tokens.slice(i - 1, tokens.indexOf(last) + 1).map((t) => t.image).join("");
  if (foldName(word.image) === "块" && bare) return on(word, `「${number.image}${word.image}」写作「${digits}元」`);
  if (/^(?:元整|整)$/.test(word.image) && (bare || word.image === "整")) {
    return on(word, `「整」不用写：「${written(word)}」写作「${bare ? `${digits}元` : digits}」`);
  }
  // 「5,000元」: digits grouped by thousands.
  const rest = tokens[i + 1];
  if (/^[,，]$/.test(word.image) && /^\d{1,3}$/.test(digits) && rest?.tokenType.name === "NumberLit" && rest.startOffset === word.endOffset! + 1 && /^\d{3}(?!\d)/.test(rest.image.normalize("NFKC"))) {
    const whole = tokens.slice(i - 1, i + 2).map((t) => t.image).join("");
    return on(rest, `数字不写千位分隔符：「${whole}」写作「${whole.replace(/[,，]/g, "")}」`);
  }
  return undefined;
}

/** A hint for the way a notice writes what the parser stopped at (on that token or the name before it), or undefined. */
function halfYear(year: IToken, next: IToken | undefined): string | undefined {
  const m = `${year.image}${next?.image ?? ""}`.normalize("NFKC").replace(/\s+/g, "").match(/^(\d{4})年([上下])半年/);
  if (!m) return undefined;
  const [, y, which] = m;
  const range = which === "上" ? `${y}-01-01 至 ${y}-06-30` : `${y}-07-01 至 ${y}-12-31`;
  return `「${y}年${which}半年」写作「${range}」`;
}

/** 「2018年1月1日后」「…前」「…期间」: the notice's words after a date. */
function dateWording(t: IToken, date: IToken): string | undefined {
  const word = t.image.match(/^(?:[之以]?[后後]|[之以]?前|期[间間])/)?.[0];
  if (!word) return undefined;
  if (/[后後]$/.test(word)) return `「${word}」写作「起」：如「${date.image}起」`;
  if (/前$/.test(word)) {
    const [y, m, d] = (date.image.normalize("NFKC").match(/\d+/g) ?? []).map(Number);
    const eve = d ? new Date(Date.UTC(y, m - 1, d - 1)) : undefined;
    const last = eve ? `${eve.getUTCFullYear()}年${eve.getUTCMonth() + 1}月${eve.getUTCDate()}日` : "2017年12月31日";
    return `「${word}」：有效期写起止日期，截止到前一天，如「…至 ${last}」`;
  }
  return `「${word}」不用写：起止日期写作「2019年1月1日至2020年12月31日」`;
}

/** The message and the tokens it is about: `on`, through `through` when it spans more than one. */
function noticeWording(t: IToken | undefined, prev: IToken | undefined, labels: string[], rule: string): { message: string; on: IToken; through?: IToken } | undefined {
  // On the next line the parser stopped at the next declaration, not at the wording.
  if (!t || (prev && (t.startLine ?? 0) > (prev.endLine ?? 0))) return undefined;
  // 「起付标准以上至10000元」: bound words glued into one name with what stands before them.
  const glued = prev?.tokenType.name === "Identifier" && rule === "slice" ? splitBoundWords(prev.image) : undefined;
  if (glued) return { message: `「${prev!.image}」连成了一个名称：若「${glued.words.join("」「")}」是关键字，请在前后加空格，写作「${glued.spaced}」`, on: prev! };
  // 「连续缴费1年（含第12个月）以内」: words of the sentence before the number a slice starts with.
  if (rule === "slice" && prev?.tokenType.name === "Identifier" && /^\d/.test(t.image)) {
    return { message: `「${prev.image}」不是分段的一部分：一段从数起写，如「${t.image}以内」「超过 ${t.image}」，说明的话写进 # 注释`, on: prev };
  }
  // 「<>」 for ≠: both characters, so that the quick fix replaces them.
  if (prev && /^[<＜]$/.test(prev.image) && /^[>＞]$/.test(t.image)) return { message: `「${prev.image}${t.image}」写作「≠」`, on: prev, through: t };
  const message = tokenWording(t, prev, labels, rule);
  return message === undefined ? undefined : { message, on: t };
}

/** Where a declaration's 「{」 is due: what a notice-like line wrote instead, by the declaration. */
const DECLARATION_SHAPES: Record<string, (t: IToken) => string | undefined> = {
  enumDecl: (t) => (t.tokenType.name === "Identifier" ? "枚举的成员写在「{ }」里，用「、」分开，如「枚举 级别 { 一级、二级 }」" : undefined),
  calculatorDecl: (t) => (/^[（(]$/.test(t.image) ? "计算的名称后直接写「{」，输入写在里面，如「计算 结算 { 输入 { 费用：金额 } … }」" : undefined),
};

/** Words written after a whole value on its line (the last on it, where marked), and what the language writes instead. */
const AFTER_VALUE: [RegExp, string, lineEnd?: boolean][] = [
  [/^x$/, "「x」写作乘号「×」，如「费用 × 90%」"],
  [/^X$/, "「X」写作乘号「×」，如「费用 × 90%」"],
  [/^的$/, "「的」写作乘号「×」，如「费用 × 90%」"],
  [/^(?:四舍五入|舍入|保留(?:两|2)位小数)/, "金额四舍五入到分写作「舍入（…）」，如「舍入（费用 × 90%）」"],
  [/^[；;]$/, "行末不写「；」", true],
];

/**
 * Words a notice compares with that the language writes as an operator: 「级别为三级」, 「年龄满60周岁」.
 * Looked up folded (foldName), so 為 / 超過 / 大於等於 … are found under their simplified spelling.
 */
const COMPARISON_WORDS: Record<string, string> = {
  为: "=",
  是: "=",
  不是: "≠",
  满: "≥",
  达到: "≥",
  大于等于: "≥",
  小于等于: "≤",
  超过: ">",
  高于: ">",
  低于: "<",
};

function tokenWording(t: IToken, prev: IToken | undefined, labels: string[], rule: string): string | undefined {
  // 「当 级别 为 三级」: a modifier's condition stopped after a name, where 「：」 or an operator may follow.
  const inCondition = rule === "modifier" && prev?.tokenType.name === "Identifier" && labels.includes("：");
  const word = inCondition ? foldName(t.image) : "";
  const operator = COMPARISON_WORDS[word];
  if (operator) return `「${t.image}」写作「${operator}」：如「当 ${prev!.image} ${operator} …」`;
  if (word === "在" || word === "于") return `「${t.image}」不用写：条件写作比较，如「当 ${prev!.image} ≥ 60岁」`;
  // 「当 年龄 60岁以上」「当 年龄 介于 60 至 70」: a range where a comparison is written.
  if (inCondition && (t.tokenType.name === "NumberLit" || word === "介于")) {
    return `条件写作比较：如「当 ${prev!.image} ≥ 60岁」（「以上」含本数），两端都有时「当 ${prev!.image} ≥ 60岁 且 ${prev!.image} ≤ 70岁」`;
  }
  // 「年龄 ≥ 60 且 ≤ 70」: the name again after 且 / 或.
  if (prev && /^(?:且|或)$/.test(prev.image) && /^[<>≤≥=≠＜＞]$/.test(t.image)) return `「${prev.image}」后面写完整的比较，如「年龄 ≥ 60 且 年龄 ≤ 70」`;
  // 「5000元以下部分，给付50%」: a slice's range and its rate are separated by 「：」.
  if (labels.includes("：") && /^[，,]$/.test(t.image) && (rule === "bracketDecl" || rule === "slice" || rule === "upperBound" || rule === "boundValue")) {
    return `此处应为「：」，却是「${t.image}」：分段的一段写作「范围：比例」，如「5000元以下部分：50%」`;
  }
  const verb = t.tokenType.name === "Identifier" ? rateVerbHint(t.image) : undefined;
  if (verb && labels.some((l) => EXPRESSION_START.has(l)) && prev && /^[：:]$/.test(prev.image)) return verb;
  // 「45周岁及其以下」: 以下 / 以上 already include the number.
  const also = t.image.match(/^及其?(以下|以上)/)?.[1];
  if (also) return `「${t.image}」写作「${also}」：「${also}」已含本数，如「${prev?.image ?? ""}${also}」`;
  // 「至 12 万元部分」: the number and its unit end the range; 「部分」 is not written after a bare unit.
  const part = foldName(t.image).match(/^(万元|元)部分$/) ? t.image.slice(0, -2) : undefined;
  if (part && prev) return `「${t.image}」：写作「${prev.image}${part}」，「部分」只跟在「以上」「以下」后面（如「${prev.image}${part}以下部分」）`;
  if (rule !== "validity") return undefined;
  // 「有效期 2018年」: one year, or from that year on.
  const year = t.image.match(/^(\d{4})年$/)?.[1];
  if (year) return `「${t.image}」：写「${year}年度」表示这一年（${year}-01-01 至 ${year}-12-31），或「${year}年起」表示从这一年起`;
  // 「2018年1月1日至12月31日」: the end date without its year.
  if (prev && /^(至|到|—|－|～|~|-)$/.test(prev.image) && /^\d/.test(t.image)) return `结束日期要写出年份，如「2018年12月31日」或「2018-12-31」`;
  return `应为日期，却是「${t.image}」：日期写作「2018-01-01」或「2018年1月1日」，一年写作「2018年度」`;
}

/** The words that bound a slice (以上, 以下, 以内, 至 …), longest first. */
const BOUND_WORDS = (["AndAbove", "AndBelow", "Within", "To"] as const).flatMap((k) => [...KEYWORD_SPELLINGS[k]]).filter((w) => /\p{Script=Han}/u.test(w)).sort((a, b) => b.length - a.length);

/**
 * A name with bound words glued into it (「起付标准以上至」, 「起付标准以上至最高支付限额以下部分」),
 * spaced out; undefined when it has none after its first character.
 */
function splitBoundWords(image: string): { words: string[]; spaced: string } | undefined {
  const words: string[] = [];
  const parts: string[] = [];
  let name = image.slice(0, 1);
  for (let i = 1; i < image.length; ) {
    const w = BOUND_WORDS.find((b) => image.startsWith(b, i));
    if (!w) {
      name += image[i++];
      continue;
    }
    if (name) parts.push(name);
    name = "";
    parts.push(w);
    words.push(w);
    i += w.length;
  }
  if (name) parts.push(name);
  return words.length ? { words, spaced: parts.join(" ") } : undefined;
}

/** A few of the expected tokens, never a long list. */
function list(labels: string[]): string {
  return labels.slice(0, 3).map((l) => (l === "EOF" ? "文件结尾" : `「${l}」`)).join("或") + (labels.length > 3 ? "等" : "");
}

/** The offending token, or at the end of the file the character after the last token (empty at the very end). */
function tokenSpan(t: IToken | undefined, parsed: ParseResult, prev?: IToken): Span {
  if (t) return { start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 };
  const textLength = parsed.ast.span.end;
  const at = Math.min(prev ? prev.endOffset! + 1 : 0, textLength);
  return { start: at, end: Math.min(at + 1, textLength) };
}

/**
 * A block the analyst has not closed yet, inside another (an 分层 or 累计 in a calculator): its
 * lines run on into the outer block, whose 「}」 it takes, so the parser misses a 「}」 only at the
 * end of the file. Indentation says where it ends: the 「{」 whose 「}」 stands left of the line that
 * opened it. Its lines end before the first line indented no deeper than that line.
 */
function misclosedBlock(parsed: ParseResult): { open: IToken; at: number } | undefined {
  const tokens = parsed.tokens;
  const indent = new Map<number, number>();
  for (const t of tokens) if (!indent.has(t.startLine ?? 0)) indent.set(t.startLine ?? 0, t.startColumn ?? 0);
  const depth = (t: IToken) => indent.get(t.startLine ?? 0) ?? 0;
  const opens: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const n = tokens[i].tokenType.name;
    if (n === "LBrace") opens.push(i);
    else if ((n === "RBrace" || n === "CitationRBrace") && opens.length) {
      const open = tokens[opens.pop()!];
      if (depth(tokens[i]) >= depth(open)) continue;
      let last = tokens.indexOf(open);
      for (let j = last + 1; j < i; j++) {
        const t = tokens[j];
        if (t.startLine !== tokens[j - 1].startLine && depth(t) <= depth(open)) break;
        last = j;
      }
      return { open, at: tokens[last].endOffset! + 1 };
    }
  }
  return undefined;
}

/** The column of the first token on the line of `t`. */
function lineIndent(tokens: IToken[], t: IToken): number {
  let i = indexAt(tokens, t.startOffset);
  while (i > 0 && tokens[i - 1].startLine === t.startLine) i--;
  return tokens[i]?.startColumn ?? 0;
}

/** The nearest opening bracket (of the closer's kind) before `upTo` that nothing closes; looked for within a bounded distance. */
function unclosed(tokens: IToken[], upTo: IToken, open: string): IToken | undefined {
  const name = open === "（" ? "LParen" : open === "[" ? "LBracket" : "LBrace";
  const close = name.replace("L", "R");
  let depth = 0;
  const last = indexAt(tokens, upTo.startOffset);
  for (let i = last; i >= 0 && i > last - 2000; i--) {
    const n = tokens[i].tokenType.name;
    if (n === close || (close === "RBrace" && n === "CitationRBrace")) depth++;
    else if (n === name && depth-- === 0) return tokens[i];
  }
  return undefined;
}
