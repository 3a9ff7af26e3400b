// `zhengce calc`: one case (or one person's claims of a year) → one JSON value on stdout.
import { parseCommandArgs, requirePositionals, stringOption } from "./args.js";
import { caseErrorText, runInput } from "./cases.js";
import { HELP } from "./help.js";
import { CliError, EXIT_OK, guard, readText, write, type ExitCode, type Io } from "./io.js";
import { JsonSyntaxError, parseJson } from "./json.js";
import { defaultDeps, loadCalculator, type Deps } from "./policy.js";

export async function runCalc(args: string[], io: Io, deps: Deps = defaultDeps): Promise<ExitCode> {
  return guard(io, async () => {
    const { values, positionals, help } = parseCommandArgs("calc", args, { input: { type: "string", short: "i" } });
    if (help) {
      io.stdout.write(HELP.calc);
      return EXIT_OK;
    }
    requirePositionals("calc", positionals, ["政策文件", "计算器"]);
    const inputPath = stringOption(values.input);
    if (!inputPath) throw new CliError("calc 需要 --input <文件.json | ->（「-」表示标准输入）");

    const { calculator } = await loadCalculator(io, deps, positionals[0], positionals[1]);
    const text = await readText(io, inputPath, "输入文件");
    let input: unknown;
    try {
      input = parseJson(text);
    } catch (e) {
      if (e instanceof JsonSyntaxError) throw new CliError(`输入文件不是合法的 JSON：${e.message}`);
      throw e;
    }
    let result: unknown;
    try {
      result = runInput(calculator, input, true);
    } catch (e) {
      throw new CliError(caseErrorText(e));
    }
    await write(io.stdout, JSON.stringify(result, null, 2) + "\n");
    return EXIT_OK;
  });
}
