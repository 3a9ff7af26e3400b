// `@zhengce/dsl/bundled-chevrotain`, for Node processes (the CLI, the language server).
//
// `freshBundle`: whether a single-file build made by scripts/bundle.mjs (the CLI's compiler
// module, the server) can run: it exists and no package it was made from has been compiled
// since (`tsc -b` alone leaves it stale). A published package has no build info: its bundle is
// used as shipped.
//
// `preferBundledChevrotain`: where no bundle runs, called before the language front end (the
// dsl, hence Chevrotain) is first imported in the process, it has `chevrotain` resolve to its
// single-file build (chevrotain-hook.ts). Not called where the front end is not needed: a warm
// `calc` or `check` never loads it, and the hook's thread would only add to their start-up.
import { existsSync, statSync } from "node:fs";
import { register } from "node:module";
import { fileURLToPath } from "node:url";

let registered = false;

export function preferBundledChevrotain(): void {
  if (registered) return;
  registered = true;
  const hook = new URL("./chevrotain-hook.js", import.meta.url);
  // Running from TypeScript sources (the tests) there is no compiled hook: leave resolution alone.
  if (!existsSync(fileURLToPath(hook))) return;
  try {
    register(hook);
  } catch {
    // a runtime without module hooks resolves chevrotain as usual
  }
}

const mtime = (url: URL): number | undefined => {
  try {
    return statSync(url).mtimeMs;
  } catch {
    return undefined;
  }
};

/** `bundle` was made from the packages whose build info is `buildInfo`, the dsl and the runtime. */
export function freshBundle(bundle: URL, buildInfo: URL[]): boolean {
  const made = mtime(bundle);
  if (made === undefined) return false;
  const sources = [...buildInfo, new URL("../../tsconfig.tsbuildinfo", import.meta.url)];
  try {
    sources.push(new URL("../tsconfig.tsbuildinfo", import.meta.resolve("@zhengce/runtime")));
  } catch {
    // resolved as a package import wherever the dsl runs
  }
  return sources.every((s) => (mtime(s) ?? 0) <= made);
}
