// `zhengce impact <旧> <新> <计算器> --population F`: both policies on the same population, read
// as a stream (JSON Lines or CSV, like `batch`), reported per money output.
import { createReadStream } from "node:fs";
import type { ImpactContext } from "../report/impact-render.js";
import { parseCommandArgs, requirePositionals, stringOption } from "./args.js";
import { csvColumns, recordType, rowToObject } from "./cases.js";
import { HELP } from "./help.js";
import { formatOf, openCases } from "./input.js";
import { CliError, EXIT_OK, guard, requireFile, type ExitCode, type Io } from "./io.js";
import { loadCheckedView, outputFormat, reportModule, viewCalculator, writeReport } from "./report.js";

export async function runImpact(args: string[], io: Io): Promise<ExitCode> {
  return guard(io, async () => {
    const { values, positionals, help } = parseCommandArgs("impact", args, {
      population: { type: "string" },
      format: { type: "string" },
      output: { type: "string", short: "o" },
      top: { type: "string" },
    });
    if (help) {
      io.stdout.write(HELP.impact);
      return EXIT_OK;
    }
    requirePositionals("impact", positionals, ["旧政策文件", "新政策文件", "计算器"]);
    const population = stringOption(values.population);
    if (!population) throw new CliError("impact 需要 --population <cases.jsonl | cases.csv>（可用 zhengce sample 生成）", { code: "C002" });
    const output = stringOption(values.output);
    const format = outputFormat(stringOption(values.format), output, ["text", "json", "html"]);
    const topText = stringOption(values.top);
    const top = topText === undefined ? 5 : Number(topText);
    if (!Number.isSafeInteger(top) || top < 0) throw new CliError(`--top 应为不小于 0 的整数，而不是「${topText}」`, { code: "C002" });

    const [oldPath, newPath, calculatorName] = positionals;
    const oldView = await loadCheckedView(io, oldPath);
    const newView = await loadCheckedView(io, newPath);
    const newCalc = viewCalculator(newView, newPath, calculatorName);
    const oldCalc = viewCalculator(oldView, oldPath, newCalc.name);
    const { comparedOutputs, ImpactAccumulator } = await reportModule(() => import("../report/impact.js"));
    const { impactHtml, impactJson, impactText } = await reportModule(() => import("../report/impact-render.js"));
    const { fileName } = await reportModule(() => import("../report/view.js"));
    const outputs = comparedOutputs(oldView, newView, newCalc.name);
    if (outputs.length === 0) throw new CliError(`计算器「${newCalc.name}」在两份政策中没有共同的金额输出，无法比较`);

    const inputAbs = population === "-" ? undefined : await requireFile(io, population, "案例文件");
    const source = await openCases(inputAbs ? createReadStream(inputAbs) : io.stdin, formatOf(population), () =>
      io.stderr.write("提示：案例文件不是 UTF-8 编码，按 GB18030 读取\n"),
    );
    const columns = source.header ? csvColumns(source.header, recordType(newCalc.inputFields)) : undefined;
    const acc = new ImpactAccumulator(oldCalc, newCalc, outputs, { top });
    for (let next = await source.slices.next(); !next.done; next = await source.slices.next()) {
      for (const raw of next.value) {
        let input: unknown;
        try {
          if ("json" in raw) input = JSON.parse(raw.json);
          else if (raw.error) throw new Error(`CSV 格式错误：${raw.error}`);
          else input = rowToObject(columns!, raw.cells);
        } catch (e) {
          acc.unreadable(raw.line, "json" in raw ? "不是合法的 JSON" : (e as Error).message);
          continue;
        }
        acc.add(input, raw.line);
      }
    }
    const result = acc.result();
    const ctx: ImpactContext = {
      old: { name: oldView.analysis.model.meta.name, docNumber: oldView.analysis.model.meta.docNumber, file: fileName(oldView.uri) },
      new: { name: newView.analysis.model.meta.name, docNumber: newView.analysis.model.meta.docNumber, file: fileName(newView.uri) },
      population,
    };
    const text = format === "json" ? `${JSON.stringify(impactJson(result, ctx), null, 2)}\n` : format === "html" ? impactHtml(result, ctx) : impactText(result, ctx);
    await writeReport(io, output, text);
    return EXIT_OK;
  });
}
