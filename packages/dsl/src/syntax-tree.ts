// What editor grammars need of the lexer, and the syntax diagnostics of a parse.
import { keywordSpellings, NAME_START, tokenize } from "./lexer.js";
import { scriptOf, type Script } from "./language/scripts.js";
import { UNIT_SPELLINGS } from "./language/units.js";
import { parse, type ParseResult } from "./parse.js";

export { syntaxDiagnostics } from "./syntax-errors.js";

/** The same as `parse()`: its result always holds the CST. */
export type ParseWithCstResult = ParseResult;
export const parseWithCst = parse;

/** The lexer's character class of names (without brackets, JavaScript escapes), for editor grammars. */
export function nameCharacterClass(): string {
  // The lexer matches characters beyond the BMP as surrogate pairs; editor grammars take code points.
  return `${NAME_START}\\u{20000}-\\u{2ffff}`;
}

/** The units a number literal may carry, as the lexer reads them (`万元`, `%`, `个百分点` …). */
export function numberUnits(): string[] {
  return [...UNIT_SPELLINGS];
}

/** The script most keywords of a text are written in. */
export function textScript(text: string): Script {
  return scriptOf(tokenize(text).tokens);
}

/** Why `name` cannot be a declared name, in one Chinese sentence; undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (!name.trim()) return "名称不能为空";
  const lexed = tokenize(name);
  const one = !lexed.errors.length && lexed.tokens.length === 1 && lexed.tokens[0].image === name;
  if (one && lexed.tokens[0].tokenType.name === "Identifier") return undefined;
  // Only a keyword is called a keyword; a number, a date or a word with digits holds digits.
  if (one && lexed.tokens[0].tokenType.name in keywordSpellings()) return `「${name}」是关键字，不能作名称`;
  return /[0-9０-９]/.test(name) ? `「${name}」不能作名称：名称中不能有数字` : `「${name}」不能作名称：须是一个不含空格和标点的词`;
}
