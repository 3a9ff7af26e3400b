// Command-line parsing on node:util parseArgs, with its English errors turned into Chinese usage errors.
import { parseArgs } from "node:util";
import { CliError } from "./io.js";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
}

export interface Parsed<K extends string> {
  values: Partial<Record<K, string | boolean>>;
  positionals: string[];
}

export function parseCommandArgs<K extends string>(
  command: string,
  args: string[],
  options: Record<K, OptionSpec>,
): Parsed<K> & { help: boolean } {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    const { help, ...rest } = values as Record<string, string | boolean | undefined>;
    return { values: rest as Parsed<K>["values"], positionals, help: help === true };
  } catch (e) {
    throw new CliError(`${translateParseError(e as Error & { code?: string })}。运行「zhengce ${command} --help」查看用法`, { code: "C001" });
  }
}

function translateParseError(e: Error & { code?: string }): string {
  // "Option '-i, --input <value>' argument missing" / "Unknown option '--foo'": name the long form.
  const quoted = /'([^']*)'/.exec(e.message)?.[1] ?? "";
  const option = /--[^\s,]+/.exec(quoted)?.[0] ?? /-[^\s,]+/.exec(quoted)?.[0] ?? quoted;
  switch (e.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `未知选项「${option}」`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /does not take/.test(e.message) ? `选项「${option}」不带值` : `选项「${option}」需要一个值`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `多余的参数`;
    default:
      return `命令行参数有误：${e.message}`;
  }
}

export function stringOption(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function requirePositionals(command: string, positionals: string[], names: string[], exact = true): void {
  if (positionals.length < names.length || (exact && positionals.length > names.length)) {
    const what = names.map((n) => `<${n}>`).join(" ");
    const problem =
      positionals.length < names.length
        ? `${command} 需要参数 ${what}`
        : `${command} 只接受参数 ${what}，多出「${positionals.slice(names.length).join(" ")}」`;
    throw new CliError(`${problem}。运行「zhengce ${command} --help」查看用法`, { code: "C001" });
  }
}
