// `zhengce sample <政策> <计算器> -n N --seed S`: a plausible population, one case per line
// (JSON Lines, or CSV that `batch` and `impact` read back), the same for the same seed.
import type { FieldSpec } from "@zhengce/runtime";
import { parseCommandArgs, requirePositionals, stringOption } from "./args.js";
import { HELP } from "./help.js";
import { CliError, EXIT_OK, guard, resolvePath, type ExitCode, type Io } from "./io.js";
import { atomicFileSink, stdoutSink } from "./output.js";
import { loadCheckedView, outputFormat, reportModule, viewCalculator } from "./report.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function runSample(args: string[], io: Io): Promise<ExitCode> {
  return guard(io, async () => {
    const { values, positionals, help } = parseCommandArgs("sample", args, {
      count: { type: "string", short: "n" },
      seed: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      format: { type: "string" },
      output: { type: "string", short: "o" },
    });
    if (help) {
      io.stdout.write(HELP.sample);
      return EXIT_OK;
    }
    requirePositionals("sample", positionals, ["政策文件", "计算器"]);
    const countText = stringOption(values.count);
    if (countText === undefined) throw new CliError("sample 需要 -n <个数>", { code: "C002" });
    const count = Number(countText);
    if (!Number.isSafeInteger(count) || count < 1) throw new CliError(`-n 应为正整数，而不是「${countText}」`, { code: "C002" });
    const from = stringOption(values.from);
    const to = stringOption(values.to);
    for (const [name, d] of [["--from", from], ["--to", to]] as const) {
      if (d !== undefined && !DATE.test(d)) throw new CliError(`${name} 应为日期 YYYY-MM-DD，而不是「${d}」`, { code: "C002" });
    }
    const output = stringOption(values.output);
    const format = outputFormat(stringOption(values.format), output, ["jsonl", "csv"]);

    const [policyPath, calculatorName] = positionals;
    const view = await loadCheckedView(io, policyPath);
    const calc = viewCalculator(view, policyPath, calculatorName);
    const { sampler, SampleError } = await reportModule(() => import("../report/sample.js"));
    let draw: ReturnType<typeof sampler>;
    try {
      draw = sampler(view, calc, { seed: stringOption(values.seed) ?? "1", from, to });
    } catch (e) {
      throw new CliError(e instanceof SampleError ? e.message : String(e));
    }
    const sink = output ? await atomicFileSink(resolvePath(io, output), output) : stdoutSink(io);
    try {
      const columns = format === "csv" ? csvColumns(calc.inputFields) : [];
      if (format === "csv") await sink.write(columns.map((c) => csvQuote(c.join("."))).join(",") + "\n");
      let chunk = "";
      for (let i = 0; i < count; i++) {
        let c: Record<string, unknown>;
        try {
          c = draw.next();
        } catch (e) {
          throw new CliError(e instanceof SampleError ? e.message : String(e));
        }
        chunk += (format === "csv" ? csvRow(columns, c) : JSON.stringify(c)) + "\n";
        if (chunk.length > 1 << 16) {
          await sink.write(chunk);
          chunk = "";
        }
      }
      await sink.write(chunk);
      await sink.commit();
    } catch (e) {
      await sink.abort();
      throw e;
    }
    if (draw.redrawn > 0) io.stderr.write(`提示：${draw.redrawn} 次抽取的案例本政策不能计算（被拒绝或不合法），已重新抽取\n`);
    return EXIT_OK;
  });
}

// ───────────── CSV, as `batch` reads it ─────────────

/** Column paths: nested record fields flattened to 年度累计.统筹支付. */
function csvColumns(fields: readonly FieldSpec[], prefix: string[] = []): string[][] {
  return fields.flatMap((f) => (f.type.kind === "record" ? csvColumns(f.type.fields, [...prefix, f.name]) : [[...prefix, f.name]]));
}

const LIST_SEPARATOR = /[、,;|，；｜]/;

function csvRow(columns: string[][], c: Record<string, unknown>): string {
  return columns
    .map((path) => {
      let v: unknown = c;
      for (const k of path) v = v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined;
      if (v === undefined || v === null) return "";
      if (typeof v === "boolean") return v ? "是" : "否";
      // A list whose items hold a separator (病种 names with 、) is written as a JSON array.
      if (Array.isArray(v)) return csvQuote(v.some((x) => LIST_SEPARATOR.test(String(x))) ? JSON.stringify(v) : v.join("、"));
      return csvQuote(String(v));
    })
    .join(",");
}

function csvQuote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
