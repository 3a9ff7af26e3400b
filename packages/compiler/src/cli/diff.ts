// `zhengce diff <旧政策> <新政策>`: every value, table cell, bracket, modifier, time version and
// validity that differs, with both values and both citations (text, JSON or HTML).
import { parseCommandArgs, requirePositionals, stringOption } from "./args.js";
import { HELP } from "./help.js";
import { EXIT_FAILED, EXIT_OK, guard, type ExitCode, type Io } from "./io.js";
import { loadCheckedView, outputFormat, reportModule, writeReport } from "./report.js";

export async function runDiff(args: string[], io: Io): Promise<ExitCode> {
  return guard(io, async () => {
    const { values, positionals, help } = parseCommandArgs("diff", args, {
      format: { type: "string" },
      output: { type: "string", short: "o" },
    });
    if (help) {
      io.stdout.write(HELP.diff);
      return EXIT_OK;
    }
    requirePositionals("diff", positionals, ["旧政策文件", "新政策文件"]);
    const output = stringOption(values.output);
    const format = outputFormat(stringOption(values.format), output, ["text", "json", "html"]);
    const [oldPath, newPath] = positionals;
    const oldView = await loadCheckedView(io, oldPath, EXIT_FAILED);
    const newView = await loadCheckedView(io, newPath, EXIT_FAILED);
    const { diffPolicies } = await reportModule(() => import("../report/diff.js"));
    const { diffHtml, diffJson, diffText } = await reportModule(() => import("../report/diff-render.js"));
    const diff = diffPolicies(oldView, newView);
    const text = format === "json" ? `${JSON.stringify(diffJson(diff), null, 2)}\n` : format === "html" ? diffHtml(diff) : diffText(diff);
    await writeReport(io, output, text);
    return EXIT_OK;
  });
}
