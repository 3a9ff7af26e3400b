// Prettier 3 plugin for 政策 (.policy) files, and `formatPolicy()` for the language server and
// the CLI's `zhengce fmt`.
//
// The printer works from the CST (keywords, quoting and numbers as written); before it returns,
// it re-parses its own output and compares the AST with the input's (spans aside): a formatter
// must never change what a policy means, so on any difference it throws instead.
//
// Two ways in, one printer: Prettier (`prettier --write`, editors' Prettier extensions) calls
// the plugin's parser and printer; `formatPolicy()` calls the same two directly, so the language
// server and the CLI need only `prettier/doc`, not Prettier's core.
import type { Doc, Parser, Plugin, Printer, SupportLanguage, AstPath, ParserOptions } from "prettier";
import * as prettierDoc from "prettier/doc";
import { declarationCitationOffsets, parseWithCst, syntaxDiagnostics, LineIndex, type ParseWithCstResult, type PolicyFile } from "@zhengce/dsl";
import { classifyComments, type PolicyComment, type Token } from "./comments.js";
import { PolicyPrinter } from "./print.js";
import { firstDifference, stripSpans } from "./compare.js";

export { stripSpans, firstDifference } from "./compare.js";

export const PARSER_NAME = "zhengce";
export const AST_FORMAT = "zhengce-cst";
/** Prettier counts a CJK character as two columns: 120 columns is about 60 Chinese characters. */
export const DEFAULT_PRINT_WIDTH = 120;

/** The parsed file handed from the parser to the printer. */
export interface PolicyRoot {
  type: "PolicyRoot";
  text: string;
  parsed: ParseWithCstResult;
  policyComments: PolicyComment[];
  start: number;
  end: number;
}

/** A file that does not parse is never formatted. */
export class PolicySyntaxError extends Error {
  readonly loc: { start: { line: number; column: number } };
  constructor(
    message: string,
    readonly diagnostics: { code: string; message: string; span: { start: number; end: number } }[],
    line: number,
    column: number,
  ) {
    super(message);
    this.name = "PolicySyntaxError";
    this.loc = { start: { line, column } };
  }
}

/** The formatted text would mean something else than the input: a bug in the formatter, never the user's. */
export class FormatMeaningError extends Error {
  constructor(readonly difference: string) {
    super(`格式化结果与原文含义不同，已放弃格式化（这是格式化程序的缺陷，请报告）：${difference}`);
    this.name = "FormatMeaningError";
  }
}

function parsePolicy(text: string): PolicyRoot {
  return rootOf(text, parseWithCst(text));
}

/** The printer's input from a parse of `text`; a parse with syntax errors is refused. */
function rootOf(text: string, parsed: ParseWithCstResult): PolicyRoot {
  const diags = syntaxDiagnostics(parsed, "");
  if (diags.length) {
    const first = diags[0];
    const pos = new LineIndex(text).position(first.span.start);
    throw new PolicySyntaxError(
      `第 ${pos.line + 1} 行第 ${pos.character + 1} 列有语法错误，未格式化：${first.message}` +
        (diags.length > 1 ? `（另有 ${diags.length - 1} 处错误）` : ""),
      diags,
      pos.line + 1,
      pos.character + 1,
    );
  }
  const tokens = parsed.tokens as Token[];
  return {
    type: "PolicyRoot",
    text,
    parsed,
    policyComments: classifyComments(text, tokens, parsed.comments as Token[]),
    start: 0,
    end: text.length,
  };
}

/** Prints the file to text and checks the result means the same. */
export function printPolicy(root: PolicyRoot, options: { printWidth?: number; tabWidth?: number; useTabs?: boolean }): string {
  for (const c of root.policyComments) c.printed = false;
  const printer = new PolicyPrinter(root.parsed.tokens as Token[], root.policyComments, declarationCitationOffsets(root.parsed.cst));
  const doc = printer.file(root.parsed.cst);
  const lost = root.policyComments.filter((c) => !c.printed);
  if (lost.length) throw new FormatMeaningError(`注释「${lost[0].text}」没有被输出`);
  const { formatted } = prettierDoc.printer.printDocToString(doc, {
    printWidth: options.printWidth ?? DEFAULT_PRINT_WIDTH,
    tabWidth: options.tabWidth ?? 2,
    useTabs: options.useTabs ?? false,
  } as Parameters<typeof prettierDoc.printer.printDocToString>[1]);
  verifySameMeaning(root.parsed.ast, formatted);
  return formatted;
}

/** Throws FormatMeaningError unless `output` parses to the same AST (spans aside) as `input`. */
export function verifySameMeaning(input: PolicyFile, output: string): void {
  const again = parseWithCst(output);
  const errs = syntaxDiagnostics(again, "");
  if (errs.length) {
    const pos = new LineIndex(output).position(errs[0].span.start);
    throw new FormatMeaningError(`输出第 ${pos.line + 1} 行无法解析：${errs[0].message}`);
  }
  const diff = firstDifference(stripSpans(input), stripSpans(again.ast));
  if (diff) throw new FormatMeaningError(diff);
}

export const languages: SupportLanguage[] = [
  {
    name: "政策",
    aliases: ["zhengce", "policy"],
    parsers: [PARSER_NAME],
    extensions: [".policy"],
    vscodeLanguageIds: ["zhengce"],
  },
];

export const parsers: Record<string, Parser<PolicyRoot>> = {
  [PARSER_NAME]: {
    parse: (text: string) => parsePolicy(text),
    astFormat: AST_FORMAT,
    locStart: (n: PolicyRoot) => n.start,
    locEnd: (n: PolicyRoot) => n.end,
  },
};

export const printers: Record<string, Printer<PolicyRoot>> = {
  [AST_FORMAT]: {
    print(path: AstPath<PolicyRoot>, options: ParserOptions<PolicyRoot>): Doc {
      return printPolicy(path.node, options);
    },
  },
};

export const defaultOptions = { printWidth: DEFAULT_PRINT_WIDTH, tabWidth: 2, useTabs: false };

const plugin: Plugin<PolicyRoot> = { languages, parsers, printers, defaultOptions };
export default plugin;

export interface FormatPolicyOptions {
  printWidth?: number;
  tabWidth?: number;
  useTabs?: boolean;
  endOfLine?: "lf" | "crlf" | "cr" | "auto";
}

/**
 * Formats one policy text, exactly as `prettier --write` with this plugin would (line endings
 * and a byte-order mark handled the same way). Throws PolicySyntaxError (Chinese message, with
 * diagnostics) when the text does not parse, and FormatMeaningError if the output would mean
 * something else.
 */
export async function formatPolicy(text: string, options: FormatPolicyOptions = {}): Promise<string> {
  return formatPolicySync(text, options);
}

export function formatPolicySync(text: string, options: FormatPolicyOptions = {}): string {
  const o = { ...defaultOptions, ...options };
  const bom = text.charAt(0) === "\uFEFF";
  let t = bom ? text.slice(1) : text;
  let eol = o.endOfLine ?? "lf";
  if (eol === "auto") {
    const cr = t.indexOf("\r");
    eol = cr < 0 ? "lf" : t.charAt(cr + 1) === "\n" ? "crlf" : "cr";
  }
  t = t.replace(/\r\n?/g, "\n");
  let out = printPolicy(parsePolicy(t), o);
  if (eol !== "lf") out = out.replace(/\n/g, eol === "crlf" ? "\r\n" : "\r");
  return bom ? "\uFEFF" + out : out;
}

/**
 * Formats a text already parsed (the language server's analysis keeps its parse): the same
 * result as `formatPolicySync(parsed.text, options)`, without parsing the input again. A text
 * whose line endings or byte-order mark `formatPolicySync` would first normalise goes that way.
 */
export function formatParsed(parsed: ParseWithCstResult & { text: string }, options: FormatPolicyOptions = {}): string {
  const text = parsed.text;
  if (text.charAt(0) === "\uFEFF" || text.includes("\r") || (options.endOfLine && options.endOfLine !== "lf")) return formatPolicySync(text, options);
  return printPolicy(rootOf(text, parsed), { ...defaultOptions, ...options });
}
