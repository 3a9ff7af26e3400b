// The entry Node's loader imports (node.ts) runs the single-file build only while it is at least
// as new as the runtime's last `tsc -b`: a `tsc -b` alone never leaves stale code running.
// Run on a copy of the built dist/ (made by `pnpm run build`), each case in a fresh process.
import { execFileSync } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const PACKAGE = fileURLToPath(new URL("..", import.meta.url));

describe("@zhengce/runtime under Node: the single-file build while fresh, else the modules", () => {
  let dir: string;
  beforeAll(() => {
    // Inside the package, so that the modules' `decimal.js` resolves as it does for dist/.
    mkdirSync(join(PACKAGE, "node_modules/.cache"), { recursive: true });
    dir = mkdtempSync(join(PACKAGE, "node_modules/.cache/node-entry-"));
    cpSync(join(PACKAGE, "dist"), join(dir, "dist"), { recursive: true, filter: (f) => !f.endsWith(".map") && !f.endsWith(".d.ts") });
    cpSync(join(PACKAGE, "package.json"), join(dir, "package.json"));
    // Which copy ran: the build, or the modules as `tsc -b` wrote them (money.js stands for any).
    appendFileSync(join(dir, "dist/runtime.bundle.cjs"), '\nglobalThis.loaded = "bundle";\n');
    appendFileSync(join(dir, "dist/money.js"), '\nglobalThis.loaded = "modules";\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const at = (file: string, secondsFromNow: number) => {
    const t = Date.now() / 1000 + secondsFromNow;
    utimesSync(join(dir, file), t, t);
  };
  /** What a fresh process importing the entry loaded, and the runtime working from it. */
  const load = (before = ""): [string, string] => {
    const entry = pathToFileURL(join(dir, "dist/node.js")).href;
    const script = `${before}const m = await import(${JSON.stringify(entry)}); console.log(JSON.stringify([globalThis.loaded, m.formatMoney(m.roundMoney(m.D("1234.565")))]));`;
    return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }));
  };

  it("uses the build made after the last tsc -b", () => {
    writeFileSync(join(dir, "tsconfig.tsbuildinfo"), "{}");
    at("tsconfig.tsbuildinfo", 100);
    at("dist/runtime.bundle.cjs", 200);
    expect(load()).toEqual(["bundle", "1234.57"]);
  });

  it("uses the modules once tsc -b has run after the build", () => {
    at("tsconfig.tsbuildinfo", 300);
    expect(load()).toEqual(["modules", "1234.57"]);
  });

  it("a CommonJS program require()s it (nothing in it awaits at the top level)", () => {
    const entry = join(dir, "dist/node.js");
    const script = `const m = require(${JSON.stringify(entry)}); console.log(JSON.stringify([globalThis.loaded, m.formatMoney(m.roundMoney(m.D("1234.565")))]));`;
    expect(JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }))).toEqual(["modules", "1234.57"]);
    at("dist/runtime.bundle.cjs", 400);
    expect(JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }))).toEqual(["bundle", "1234.57"]);
  });

  it("uses the modules where there is no build", () => {
    rmSync(join(dir, "dist/runtime.bundle.cjs.keep"), { force: true });
    cpSync(join(dir, "dist/runtime.bundle.cjs"), join(dir, "dist/runtime.bundle.cjs.keep"));
    rmSync(join(dir, "dist/runtime.bundle.cjs"));
    rmSync(join(dir, "tsconfig.tsbuildinfo"));
    expect(load()).toEqual(["modules", "1234.57"]);
  });

  it("uses the build as shipped in a published package (no build info)", () => {
    cpSync(join(dir, "dist/runtime.bundle.cjs.keep"), join(dir, "dist/runtime.bundle.cjs"));
    expect(load()).toEqual(["bundle", "1234.57"]);
  });
});
