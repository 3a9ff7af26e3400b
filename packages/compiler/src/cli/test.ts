// `zhengce test`: run the worked examples inside policies and compare with their expected outputs.
import type { ExampleOutcome } from "../api.js";
import { parseCommandArgs, requirePositionals } from "./args.js";
import { HELP } from "./help.js";
import { CliError, displayPath, errorLine, EXIT_FAILED, EXIT_OK, EXIT_USAGE, guard, oneLine, type ExitCode, type Io } from "./io.js";
import { defaultDeps, formatDiagnostic, loadPolicyFile, reportErrors, sortDiagnostics, type Deps } from "./policy.js";

export async function runTest(args: string[], io: Io, deps: Deps = defaultDeps): Promise<ExitCode> {
  return guard(io, async () => {
    const { positionals, help } = parseCommandArgs("test", args, {});
    if (help) {
      io.stdout.write(HELP.test);
      return EXIT_OK;
    }
    requirePositionals("test", positionals, ["政策文件…"], false);
    let passed = 0;
    let failed = 0;
    let unreadable = 0;
    for (const path of positionals) {
      if (positionals.length > 1) io.stdout.write(`${displayPath(io, path)}\n`);
      let outcomes: ExampleOutcome[];
      let uncovered: string[] = [];
      try {
        const policy = await loadPolicyFile(io, deps, path);
        if (policy.hasErrors) {
          io.stdout.write(`✗ 政策文件有 ${reportErrors(io, policy, path)} 个错误，未运行示例\n`);
          failed++;
          continue;
        }
        // Warnings are shown as check shows them: a passing example does not make them go away.
        for (const d of sortDiagnostics(policy.diagnostics)) if (d.severity === "warning") io.stderr.write(formatDiagnostic(io, d, path));
        outcomes = policy.runExamples();
        uncovered = policy.exampleCoverage?.().uncovered ?? [];
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
        io.stderr.write(errorLine(e.message, e.code));
        unreadable++;
        continue;
      }
      if (outcomes.length === 0) io.stdout.write("（没有示例）\n");
      for (const outcome of outcomes) {
        io.stdout.write(describe(outcome));
        if (outcome.passed) passed++;
        else failed++;
      }
      // Declarations no example reaches: a rule nobody checked (reported, not failed).
      if (uncovered.length) {
        io.stdout.write(`未被任何示例覆盖的声明（${uncovered.length} 个）：\n`);
        for (const u of uncovered) io.stdout.write(`  ${u}\n`);
      }
    }
    io.stdout.write(`${passed} 通过，${failed} 失败\n`);
    return unreadable ? EXIT_USAGE : failed ? EXIT_FAILED : EXIT_OK;
  });
}

/**
 * `✓ 住院结算「标题」`, or `✗ 住院结算「标题」 第N行` and one indented line per failing field.
 * `case` is the 1-based claim of a sequence example; it is shown when a claim past the first failed.
 */
function describe(outcome: ExampleOutcome): string {
  const name = `${outcome.calculator}「${outcome.title}」`;
  if (outcome.passed) return `✓ ${name}\n`;
  let text = `✗ ${name} 第${outcome.line}行\n`;
  const sequence = outcome.failures.some((f) => f.case > 1);
  for (const f of outcome.failures) {
    const which = sequence ? `第${f.case}笔 ` : "";
    text += `  ${which}${f.field} 期望 ${f.expected}，实际 ${f.actual}\n`;
  }
  if (outcome.error) text += `  错误：${oneLine(outcome.error).replace(/^错误[：:]\s*/, "")}\n`;
  return text;
}
