// `zhengce calc`: one case (or one person's claims of a year) → one JSON value on stdout.
import { parseCommandArgs, requirePositionals, stringOption } from "./args.js";
import { caseCliError, runInput } from "./cases.js";
import { HELP } from "./help.js";
import { CliError, EXIT_OK, guard, readText, write, type ExitCode, type Io } from "./io.js";
import { JsonSyntaxError, parseJson } from "./json.js";
import { defaultDeps, loadCalculator, type Deps } from "./policy.js";

export async function runCalc(args: string[], io: Io, deps: Deps = defaultDeps): Promise<ExitCode> {
  return guard(io, async () => {
    const { values, positionals, help } = parseCommandArgs("calc", args, {
      input: { type: "string", short: "i" },
      "no-cache": { type: "boolean" },
      decimal: { type: "boolean" },
    });
    if (help) {
      io.stdout.write(HELP.calc);
      return EXIT_OK;
    }
    requirePositionals("calc", positionals, ["政策文件", "计算器"]);
    const inputPath = stringOption(values.input);
    if (!inputPath) throw new CliError("calc 需要 --input <文件.json | ->（「-」表示标准输入）", { code: "C002" });

    const { calculator } = await loadCalculator(io, deps, positionals[0], positionals[1], { cache: values["no-cache"] !== true });
    const text = await readText(io, inputPath, "输入文件");
    let input: unknown;
    try {
      input = parseJson(text);
    } catch (e) {
      if (e instanceof JsonSyntaxError) throw new CliError(`输入文件不是合法的 JSON：${e.message}`, { code: e.code });
      throw e;
    }
    let result: unknown;
    try {
      // 计算过程 is always printed (on the integer path: recorded, then built when printed); --decimal forces decimal.js.
      result = runInput(calculator, input, true, values.decimal === true);
    } catch (e) {
      throw caseCliError(e);
    }
    // An array result is written an element at a time: one string of it all may exceed V8's limit.
    if (!Array.isArray(result)) await write(io.stdout, JSON.stringify(result, null, 2) + "\n");
    else if (result.length === 0) await write(io.stdout, "[]\n");
    else {
      for (let i = 0; i < result.length; i++) {
        const item = JSON.stringify(result[i], null, 2).replace(/\n/g, "\n  ");
        await write(io.stdout, `${i === 0 ? "[\n  " : ",\n  "}${item}`);
      }
      await write(io.stdout, "\n]\n");
    }
    return EXIT_OK;
  });
}
