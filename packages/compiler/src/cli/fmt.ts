// `zhengce fmt`: format policy files in place with the same printer as the Prettier plugin
// (and the language server). `--check` only reports files that are not formatted.
import { readFileSync } from "node:fs";
import { formatPolicy, PolicySyntaxError } from "prettier-plugin-zhengce";
import { parseCommandArgs, requirePositionals } from "./args.js";
import { HELP } from "./help.js";
import { CliError, displayPath, EXIT_FAILED, EXIT_OK, EXIT_USAGE, errorLine, guard, resolvePath, writeFileAtomic, type ExitCode, type Io } from "./io.js";
import { defaultDeps, type Deps } from "./policy.js";

export async function runFmt(args: string[], io: Io, _deps: Deps = defaultDeps): Promise<ExitCode> {
  return guard(io, async () => {
    const { positionals, values, help } = parseCommandArgs("fmt", args, { check: { type: "boolean" } });
    if (help) {
      io.stdout.write(HELP.fmt);
      return EXIT_OK;
    }
    requirePositionals("fmt", positionals, ["政策文件…"], false);
    let unformatted = 0;
    let broken = 0;
    for (const path of positionals) {
      let text: string;
      try {
        text = readFileSync(resolvePath(io, path), "utf8");
      } catch {
        throw new CliError(`无法读取文件「${displayPath(io, path)}」`, { code: "C012" });
      }
      let formatted: string;
      try {
        formatted = await formatPolicy(text);
      } catch (e) {
        if (!(e instanceof PolicySyntaxError)) throw e;
        io.stderr.write(errorLine(`${displayPath(io, path)}：${e.message}`));
        broken++;
        continue;
      }
      if (formatted === text) continue;
      unformatted++;
      if (values.check) io.stdout.write(`${displayPath(io, path)} 未格式化\n`);
      else {
        await writeFileAtomic(resolvePath(io, path), formatted);
        io.stdout.write(`${displayPath(io, path)}\n`);
      }
    }
    if (broken) return EXIT_USAGE;
    return values.check && unformatted ? EXIT_FAILED : EXIT_OK;
  });
}
