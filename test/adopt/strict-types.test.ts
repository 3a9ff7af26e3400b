// Honest types, first part: what `zhengce compile --target ts` writes for every policy (a base with
// its amendments and their version index included) type-checks under the settings a careful
// TypeScript team turns on.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Below the repository's node_modules, so the modules resolve @zhengce/runtime as an app's would. */
const DIR = join(ROOT, "node_modules/.cache/zhengce-strict");

const STRICTEST = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
};

it("every policy's TypeScript type-checks under strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess, noUnused*, noImplicitReturns", () => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  execFileSync(process.execPath, [join(ROOT, "packages/compiler/dist/cli/main.js"), "compile", join(ROOT, "policies"), "--target", "ts", "--out-dir", join(DIR, "src")], { stdio: "pipe" });
  writeFileSync(join(DIR, "package.json"), JSON.stringify({ type: "module" }));
  writeFileSync(
    join(DIR, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "es2022", module: "nodenext", moduleResolution: "nodenext", noEmit: true, ...STRICTEST }, include: ["src/**/*.ts"] }),
  );
  let out = "";
  try {
    execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", DIR], { encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    out = String((e as { stdout?: string }).stdout);
  }
  expect(out).toBe("");
}, 300_000);
