// Every package as a user receives it: `pnpm pack` each one, lint the tarballs with publint,
// install them with npm into an empty project (third-party dependencies come from the npm
// registry), and run the `zhengce` the project got: check, compile, calc, test, and the language
// server's initialize; and its `zhengce-lsp`, to the diagnostics of a policy opened. Run by
// `pnpm test:pack` (and CI), not by the default `pnpm test`: it needs the registry and takes
// about a minute.
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PACKAGES = ["runtime", "dsl", "prettier-plugin", "compiler", "lsp", "vite-plugin"];
const CHUNK = /Content-Length: (\d+)\r\n\r\n/;

describe("packed packages installed with npm", () => {
  let work: string;
  let app: string;
  const tarballs: Record<string, string> = {};
  const zhengce = (args: string[], input?: string) =>
    execFileSync(join(app, "node_modules/.bin/zhengce"), args, { cwd: app, encoding: "utf8", input, stdio: ["pipe", "pipe", "pipe"] });

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "zhengce-pack-"));
    for (const p of PACKAGES) {
      const before = new Set(readdirSync(work));
      execFileSync("pnpm", ["pack", "--pack-destination", work], { cwd: join(ROOT, "packages", p), stdio: "pipe" });
      tarballs[p] = join(work, readdirSync(work).find((f) => !before.has(f))!);
    }
    app = join(work, "app");
    mkdirSync(join(app, "policies"), { recursive: true });
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
    for (const f of ["base.policy", "2018.policy"]) copyFileSync(join(ROOT, "policies/jiangmen", f), join(app, "policies", f));
    // All tarballs in one install, so each package's dependency on another (0.1.0) is the tarball.
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...Object.values(tarballs)], { cwd: app, stdio: "pipe" });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.each(PACKAGES)("%s: publint finds nothing; the tarball holds a README, a LICENSE, no tests and no tsbuildinfo", async (p) => {
    const tarball = readFileSync(tarballs[p]!);
    const { messages, pkg } = await publint({ pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) as ArrayBuffer }, level: "suggestion", strict: true });
    expect(messages.map((m) => formatMessage(m, pkg, { color: false }))).toEqual([]);
    const files = execFileSync("tar", ["tzf", tarballs[p]!], { encoding: "utf8" }).trim().split("\n");
    expect(files).toContain("package/README.md");
    expect(files).toContain("package/LICENSE");
    expect(files).toContain("package/CHANGELOG.md");
    expect(files.filter((f) => /\.test\.|tsbuildinfo|__fixtures__|__golden__/.test(f))).toEqual([]);
    // workspace: ranges were replaced by versions.
    expect(JSON.stringify(pkg)).not.toContain("workspace:");
  });

  it.each(PACKAGES)("%s declares every package its shipped code imports", (p) => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "packages", p, "package.json"), "utf8"));
    const installed = join(app, "node_modules", pkg.name);
    const declared = new Set(Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }));
    const imported = new Set<string>();
    for (const file of readdirSync(join(installed, "dist"), { recursive: true }) as string[]) {
      if (!file.endsWith(".js")) continue;
      const code = readFileSync(join(installed, "dist", file), "utf8");
      // Static imports and re-exports (tsc writes each on lines of its own) and dynamic imports of a literal.
      for (const m of code.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/gm)) {
        const spec = (m[1] ?? m[2])!;
        if (spec.startsWith(".") || spec.startsWith("node:")) continue;
        imported.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!);
      }
    }
    expect([...imported].filter((name) => !declared.has(name))).toEqual([]);
  });

  it("zhengce check and test", () => {
    expect(zhengce(["check", "policies/base.policy", "policies/2018.policy"])).toBe("");
    expect(zhengce(["test", "policies/2018.policy"])).toMatch(/\d+ 通过，0 失败/);
  });

  it("zhengce calc", () => {
    const claim = JSON.stringify({ 日期: "2018-03-15", 参保身份: "城乡居民", 医院级别: "一级及以下", 政策范围内费用: 10000, 连续缴费月数: 36 });
    const result = JSON.parse(zhengce(["calc", "policies/base.policy", "住院结算", "--input", "-"], claim));
    // 起付 500, (10000 − 500) × 85% = 8075 (江府办〔2017〕20号 二、（四）1.（1）).
    expect([result.起付标准, result.统筹支付, result.个人负担]).toEqual(["500.00", "8075.00", "1925.00"]);
  });

  it("zhengce compile, and the compiled version index runs with the installed runtime", () => {
    const printed = zhengce(["compile", "policies", "--target", "js", "--out-dir", "gen"]).trim().split("\n");
    expect(printed).toContain(join("gen", "base.versions.js"));
    const script = [
      `import { 特定病种门诊 } from "./gen/base.versions.js";`,
      `const claim = { 参保身份: "城乡居民", 病种: ["血友病"], 医院级别: "三级", 当月范围内费用: "6000" };`,
      `console.log(特定病种门诊({ ...claim, 日期: "2018-06-01" }).统筹支付, 特定病种门诊({ ...claim, 日期: "2019-06-01" }).统筹支付);`,
    ].join("\n");
    writeFileSync(join(app, "index-check.mjs"), script);
    // 二类 limit 2500 元/月 in 2018 (鹤人社〔2017〕209号), 1500 otherwise; 6000 × 50% = 3000 is above both.
    expect(execFileSync(process.execPath, ["index-check.mjs"], { cwd: app, encoding: "utf8" }).trim()).toBe("2500.00 1500.00");
  });

  it("zhengce lsp answers initialize", async () => {
    const server = spawn(join(app, "node_modules/.bin/zhengce"), ["lsp", "--stdio"], { cwd: app });
    try {
      const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { processId: null, rootUri: null, capabilities: {} } });
      server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      let received = Buffer.alloc(0);
      const reply = await new Promise<{ id: number; result: { capabilities: Record<string, unknown> } }>((done, fail) => {
        server.on("exit", (code) => fail(new Error(`zhengce lsp exited with ${code}`)));
        server.stdout.on("data", (d: Buffer) => {
          received = Buffer.concat([received, d]);
          const head = CHUNK.exec(received.toString("latin1"));
          if (!head) return;
          const start = head.index + head[0].length;
          const length = Number(head[1]);
          if (received.length >= start + length) done(JSON.parse(received.subarray(start, start + length).toString("utf8")));
        });
      });
      expect(reply.id).toBe(1);
      expect(reply.result.capabilities).toHaveProperty("hoverProvider", true);
      expect(reply.result.capabilities).toHaveProperty("documentFormattingProvider");
    } finally {
      server.kill();
    }
  });

  it("the zhengce-lsp bin publishes the diagnostics of a policy opened", async () => {
    const server = spawn(join(app, "node_modules/.bin/zhengce-lsp"), ["--stdio"], { cwd: app });
    const send = (message: object) => {
      const body = JSON.stringify({ jsonrpc: "2.0", ...message });
      server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    const file = join(app, "policies/base.policy");
    const uri = `file://${file}`;
    try {
      const published = new Promise<{ uri: string; diagnostics: unknown[] }>((done, fail) => {
        server.on("exit", (code) => fail(new Error(`zhengce-lsp exited with ${code}`)));
        let received = Buffer.alloc(0);
        server.stdout.on("data", (d: Buffer) => {
          received = Buffer.concat([received, d]);
          for (let head = CHUNK.exec(received.toString("latin1")); head; head = CHUNK.exec(received.toString("latin1"))) {
            const start = head.index + head[0].length;
            const end = start + Number(head[1]);
            if (received.length < end) return;
            const message = JSON.parse(received.subarray(start, end).toString("utf8"));
            received = received.subarray(end);
            if (message.method === "textDocument/publishDiagnostics" && message.params.uri === uri) done(message.params);
          }
        });
      });
      send({ id: 1, method: "initialize", params: { processId: null, rootUri: null, capabilities: {} } });
      send({ method: "initialized", params: {} });
      send({ method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "policy", version: 1, text: readFileSync(file, "utf8") } } });
      // The seed policy checks clean; the notice it cites was not copied into the project: W200.
      const diagnostics = (await published).diagnostics as { severity: number; code: string }[];
      expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([["W200", 2]]);
    } finally {
      server.kill();
    }
  });
});
