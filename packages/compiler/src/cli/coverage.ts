// `zhengce coverage`: every numbered clause of each policy's source notice (`原文`), with the
// declarations that cite it, the 行政性 marks, and the clauses with numbers nothing encodes.
// Markdown (policies/COVERAGE.md is its output) or JSON.
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { analyze, coverage, type AnalyzeHost, type Analysis, type ClauseCoverage, type NoticeDocument } from "@zhengce/dsl";
import { parseCommandArgs, requirePositionals, stringOption } from "./args.js";
import { HELP } from "./help.js";
import { CliError, displayPath, EXIT_OK, guard, resolvePath, stripBom, writeFileAtomic, type ExitCode, type Io } from "./io.js";
import { defaultDeps, type Deps } from "./policy.js";

const diskHost: AnalyzeHost = {
  readFile: (uri) => (existsSync(uri) ? stripBom(readFileSync(uri, "utf8")) : undefined),
  resolve: (from, relative) => resolve(dirname(from), relative),
};

export interface NoticeCoverage {
  source: string;
  docNumber?: string;
  title?: string;
  policies: string[];
  summary: { clauses: number; cited: number; administrative: number; flagged: number };
  clauses: ClauseCoverage[];
}

export async function runCoverage(args: string[], io: Io, _deps: Deps = defaultDeps): Promise<ExitCode> {
  return guard(io, async () => {
    const { positionals, values, help } = parseCommandArgs("coverage", args, {
      format: { type: "string" },
      output: { type: "string", short: "o" },
    });
    if (help) {
      io.stdout.write(HELP.coverage);
      return EXIT_OK;
    }
    requirePositionals("coverage", positionals, ["政策文件…"], false);
    const format = stringOption(values.format) ?? "markdown";
    if (format !== "markdown" && format !== "json") throw new CliError(`选项「--format」应为 markdown 或 json，却是「${format}」`);
    const notices = coverageOf(io, positionals);
    const text = format === "json" ? JSON.stringify({ notices }, null, 2) + "\n" : markdown(notices, positionals);
    const out = stringOption(values.output);
    if (out) await writeFileAtomic(resolvePath(io, out), text);
    else io.stdout.write(text);
    return EXIT_OK;
  });
}

export function coverageOf(io: Io, paths: string[]): NoticeCoverage[] {
  const groups = new Map<string, { doc: NoticeDocument; analyses: Analysis[] }>();
  for (const path of paths) {
    const uri = resolvePath(io, path);
    const text = diskHost.readFile(uri);
    if (text === undefined) throw new CliError(`找不到政策文件「${path}」`);
    const a = analyze(text, uri, diskHost);
    const unread = a.diagnostics.find((d) => d.code === "W200" && d.uri === uri);
    if (unread) throw new CliError(`${displayPath(io, path)}：${unread.message}`);
    if (!a.source) throw new CliError(`${displayPath(io, path)}：文件头没有写「原文」，无法对照原文计算覆盖`);
    const g = groups.get(a.source.uri) ?? { doc: a.source.doc, analyses: [] };
    g.analyses.push(a);
    groups.set(a.source.uri, g);
  }
  return [...groups].map(([source, g]) => {
    const policies = g.analyses.map((a) => displayPath(io, a.uri));
    const clauses = coverage(
      g.doc,
      g.analyses.map((a, i) => ({ name: policies[i], ast: a.ast })),
    );
    return {
      source: displayPath(io, source),
      ...(g.doc.meta.docNumber && { docNumber: g.doc.meta.docNumber }),
      ...(g.doc.meta.title && { title: g.doc.meta.title }),
      policies,
      summary: {
        clauses: clauses.length,
        cited: clauses.filter((c) => c.citedBy.length).length,
        administrative: clauses.filter((c) => !c.citedBy.length && c.administrative !== undefined).length,
        flagged: clauses.filter((c) => c.flagged).length,
      },
      clauses,
    };
  });
}

const cell = (s: string) => s.replace(/\|/g, "｜").replace(/\s*\n\s*/g, " ");

export function markdown(notices: NoticeCoverage[], paths: string[]): string {
  const out: string[] = [
    "# 条款覆盖表（COVERAGE）",
    "",
    `由 \`zhengce coverage ${paths.join(" ")} -o policies/COVERAGE.md\` 生成，请勿手改：`,
    "改政策文件的依据或文件头的 `行政性` 后重新生成。CI 检查本文件与生成结果一致（test/notice/coverage.test.ts）。",
    "",
    "每份原文的每个编号条款，列出引用它的声明（`参数 X`、`分段 X`、`枚举 X`、`计算 X`、`计算 X.步骤`、",
    "`计算 X.拒绝 输入`），或分析人员在文件头标的**行政性**及理由。条款自身文字（不含下级条款）含数字",
    "（元、%、个百分点、月、年、日期）却没有声明引用、也没有标为行政性的，标 ⚠ 并列在该节末尾。",
    "",
  ];
  for (const n of notices) {
    out.push(`## ${[n.docNumber, n.title].filter(Boolean).join(" ")}`, "");
    out.push(`原文 \`${n.source}\`；编码在 ${n.policies.map((p) => `\`${p}\``).join("、")}。`, "");
    const s = n.summary;
    out.push(`${s.clauses} 个条款：${s.cited} 个有声明引用，${s.administrative} 个标为行政性，${s.flagged} 个含数字而未编码。`, "");
    out.push("| 条款 | 内容 | 编码 / 行政性 |", "| --- | --- | --- |");
    for (const c of n.clauses) {
      const what = c.citedBy.length
        ? c.citedBy.map((x) => `\`${x}\``).join("；")
        : c.administrative !== undefined
          ? `行政性${c.administrative ? `：${c.administrative}` : ""}`
          : c.flagged
            ? `⚠ 含数字未编码：${c.numbers.join("、")}`
            : "—";
      out.push(`| ${cell(c.ref)} | ${cell(c.heading)} | ${cell(what)} |`);
    }
    out.push("");
    const flagged = n.clauses.filter((c) => c.flagged);
    if (flagged.length) {
      out.push(`### 含数字而未编码（${flagged.length}）`, "");
      for (const c of flagged) out.push(`- ${c.ref}（第 ${c.line} 行）：${c.numbers.join("、")}`);
      out.push("");
    }
  }
  return out.join("\n");
}
