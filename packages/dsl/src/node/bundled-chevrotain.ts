// `@zhengce/dsl/bundled-chevrotain`, for Node processes (the CLI, the language server): called
// before the language front end (the dsl, hence Chevrotain) is first imported in the process, it
// has `chevrotain` resolve to its single-file build (chevrotain-hook.ts). Not called where the
// front end is not needed: a warm `calc` or `check` never loads it, and the hook's thread would
// only add to their start-up. A bundle (the VS Code extension, the playground) needs none of this.
import { existsSync } from "node:fs";
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
