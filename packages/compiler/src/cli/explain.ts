// `zhengce explain <政策> <计算器> --input X`: one case (or one person's claims) calculated and
// its 计算过程 rendered for people — terminal, Markdown or a web page.
import { parseCommandArgs, requirePositionals, stringOption } from "./args.js";
import { caseCliError, runInput } from "./cases.js";
import { HELP } from "./help.js";
import { CliError, EXIT_OK, EXIT_USAGE, guard, isFile, readText, resolvePath, type ExitCode, type Io } from "./io.js";
import { JsonSyntaxError, parseJson } from "./json.js";
import { loadCheckedView, outputFormat, reportModule, viewCalculator, writeReport } from "./report.js";

export async function runExplain(args: string[], io: Io): Promise<ExitCode> {
  return guard(io, async () => {
    const { values, positionals, help } = parseCommandArgs("explain", args, {
      input: { type: "string", short: "i" },
      format: { type: "string" },
      output: { type: "string", short: "o" },
    });
    if (help) {
      io.stdout.write(HELP.explain);
      return EXIT_OK;
    }
    requirePositionals("explain", positionals, ["政策文件", "计算器"]);
    const given = stringOption(values.input);
    if (!given) throw new CliError("explain 需要 --input <文件.json | - | JSON 文本>", { code: "C002" });
    const output = stringOption(values.output);
    const format = outputFormat(stringOption(values.format), output, ["text", "md", "html"]);
    const view = await loadCheckedView(io, positionals[0], EXIT_USAGE);
    const calc = viewCalculator(view, positionals[0], positionals[1]);
    // A JSON text is taken as it is (like a file's content) unless a file of that name exists.
    const inline = /^\s*[[{]/.test(given) && !(await isFile(resolvePath(io, given)));
    const text = inline ? given : await readText(io, given, "输入文件");
    let input: unknown;
    try {
      input = parseJson(text);
    } catch (e) {
      if (e instanceof JsonSyntaxError) throw new CliError(`${inline ? "--input 给出的文本" : "输入文件"}不是合法的 JSON：${e.message}`, { code: e.code });
      throw e;
    }
    let result: unknown;
    try {
      result = runInput(calc, input, true);
    } catch (e) {
      throw caseCliError(e);
    }
    const r = await reportModule(() => import("../report/explain.js"));
    const meta = view.analysis.model.meta;
    const e = r.explanation(meta.name, meta.docNumber, calc.name, input, result);
    const colour = !output && (io.stdout as { isTTY?: boolean }).isTTY === true && !process.env.NO_COLOR;
    await writeReport(io, output, format === "md" ? r.explanationMarkdown(e) : format === "html" ? r.explanationHtml(e) : r.explanationText(e, colour));
    return EXIT_OK;
  });
}
