// A module resolution hook (node:module register): `chevrotain` resolves to the single-file
// build the package ships (lib/chevrotain.mjs, the same 39 exports) instead of lib/src/api.js,
// which imports about 640 lodash-es files one by one. A CPU profile of `zhengce calc --no-cache`
// put 950 ms of a 2.3 s run into loading those files; the single file loads in about 90 ms.
// Anything else resolves as usual, and so does chevrotain where the file is not there.
import { existsSync } from "node:fs";
import type { ResolveHook } from "node:module";
import { fileURLToPath } from "node:url";

export const resolve: ResolveHook = async (specifier, context, next) => {
  const resolved = await next(specifier, context);
  if (specifier !== "chevrotain" || !resolved.url.endsWith("/lib/src/api.js")) return resolved;
  const bundled = new URL("../chevrotain.mjs", resolved.url);
  return existsSync(fileURLToPath(bundled)) ? { ...resolved, url: bundled.href } : resolved;
};
