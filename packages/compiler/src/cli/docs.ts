// `zhengce docs <政策> -o <目录>`: the policy's handbook as a web page, Markdown and SVG charts.
// Everything is built in memory first, so a failure leaves no half-written handbook.
import { join } from "node:path";
import { parseCommandArgs, requirePositionals, stringOption } from "./args.js";
import { HELP } from "./help.js";
import { CliError, EXIT_FAILED, EXIT_OK, guard, ioErrorText, resolvePath, writeFileAtomic, type ExitCode, type Io } from "./io.js";
import { loadCheckedView, reportModule } from "./report.js";

export async function runDocs(args: string[], io: Io): Promise<ExitCode> {
  return guard(io, async () => {
    const { values, positionals, help } = parseCommandArgs("docs", args, { output: { type: "string", short: "o" } });
    if (help) {
      io.stdout.write(HELP.docs);
      return EXIT_OK;
    }
    requirePositionals("docs", positionals, ["政策文件"]);
    const outDir = stringOption(values.output);
    if (!outDir) throw new CliError("docs 需要 -o <目录>", { code: "C002" });
    const view = await loadCheckedView(io, positionals[0], EXIT_FAILED);
    const { buildHandbook } = await reportModule(() => import("../report/handbook/build.js"));
    const { handbookHtml } = await reportModule(() => import("../report/handbook/render-html.js"));
    const { handbookMarkdown } = await reportModule(() => import("../report/handbook/render-md.js"));
    const { loadBaseView } = await reportModule(() => import("../report/view.js"));
    const handbook = buildHandbook(view, loadBaseView(view));
    const files: { name: string; content: string }[] = [
      { name: "index.html", content: handbookHtml(handbook) },
      { name: "index.md", content: handbookMarkdown(handbook) },
    ];
    for (const s of allSections(handbook.sections)) {
      for (const b of s.blocks) if (b.k === "charts") for (const c of b.charts) files.push({ name: join("charts", c.file), content: `<?xml version="1.0" encoding="UTF-8"?>\n${c.svg}\n` });
    }
    const dir = resolvePath(io, outDir);
    for (const f of files) {
      await writeFileAtomic(join(dir, f.name), f.content).catch((e: unknown) => {
        const why = ioErrorText(e);
        throw new CliError(`无法写入「${join(outDir, f.name)}」：${why.text}`, { code: why.code });
      });
    }
    io.stdout.write(`${join(outDir, "index.html")}\n${join(outDir, "index.md")}\n`);
    return EXIT_OK;
  });
}

function allSections<T extends { children: T[] }>(list: T[]): T[] {
  return list.flatMap((s) => [s, ...allSections(s.children)]);
}
