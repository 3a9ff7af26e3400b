// `zhengce draft <notice.txt>`: a first policy skeleton from a notice — the header found in its
// front matter and, under each clause, candidate declarations as comments with 依据 filled in.
import { dirname, relative } from "node:path";
import { draftPolicy, parseNotice } from "@zhengce/dsl";
import { parseCommandArgs, requirePositionals, stringOption } from "./args.js";
import { HELP } from "./help.js";
import { cwdOf, EXIT_OK, guard, readText, resolvePath, writeFileAtomic, type ExitCode, type Io } from "./io.js";
import { defaultDeps, type Deps } from "./policy.js";

export async function runDraft(args: string[], io: Io, _deps: Deps = defaultDeps): Promise<ExitCode> {
  return guard(io, async () => {
    const { positionals, values, help } = parseCommandArgs("draft", args, { output: { type: "string", short: "o" } });
    if (help) {
      io.stdout.write(HELP.draft);
      return EXIT_OK;
    }
    requirePositionals("draft", positionals, ["原文"]);
    const [path] = positionals;
    const text = await readText(io, path, "原文");
    const out = stringOption(values.output);
    // 原文 is written relative to the policy, like 基于.
    const from = out ? dirname(resolvePath(io, out)) : cwdOf(io);
    const source = relative(from, resolvePath(io, path)).split("\\").join("/");
    const draft = draftPolicy(parseNotice(text), source);
    if (out) await writeFileAtomic(resolvePath(io, out), draft);
    else io.stdout.write(draft);
    return EXIT_OK;
  });
}
