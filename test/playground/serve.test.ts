// `zhengce serve`: the site's files, the policies index with the user's files (and the bases
// they amend), saving back to disk only for those files and only from this server's own page.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { collectFiles, pagePath, runServe, startServe, type Served } from "../../packages/compiler/src/cli/serve.js";
import { memoryIo, ROOT, tempDir } from "../cli/helpers.js";

describe("zhengce serve", () => {
  let dir: string;
  let site: string;
  let served: Served;

  beforeAll(async () => {
    dir = tempDir();
    // A site of its own (the real one is built by pnpm build:playground), and an amendment beside its base.
    site = join(dir, "site");
    mkdirSync(join(site, "policies"), { recursive: true });
    writeFileSync(join(site, "index.html"), "<!doctype html><title>练习场</title>");
    writeFileSync(join(site, "policies/index.json"), JSON.stringify({ files: [{ path: "/policies/seed.policy", text: "# 种子" }] }));
    mkdirSync(join(dir, "work"));
    copyFileSync(join(ROOT, "policies/jiangmen/base.policy"), join(dir, "work/base.policy"));
    copyFileSync(join(ROOT, "policies/jiangmen/2018.policy"), join(dir, "work/2018.policy"));
    const io = memoryIo({ cwd: dir });
    const files = await collectFiles(io, ["work/2018.policy"]);
    served = await startServe({ site, files, port: 0, host: "127.0.0.1" });
  });

  afterAll(async () => {
    await served?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("page paths: relative to the working directory inside it, absolute outside", () => {
    expect(pagePath("/home/a", "/home/a/policies/x.policy")).toBe("/policies/x.policy");
    expect(pagePath("/home/a", "/srv/x.policy")).toBe("/srv/x.policy");
  });

  test("the index lists the named file first, the base it amends, then the seeds", async () => {
    const res = await fetch(`${served.url}policies/index.json`);
    const index = (await res.json()) as { files: { path: string; writable?: boolean }[]; served: boolean; open: string };
    expect(index.served).toBe(true);
    expect(index.open).toBe("/work/2018.policy");
    expect(index.files.map((f) => [f.path, !!f.writable])).toEqual([
      ["/work/2018.policy", true],
      ["/work/base.policy", true],
      ["/policies/seed.policy", false],
    ]);
    expect((await fetch(served.url)).headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect((await fetch(`${served.url}..%2F..%2Fetc%2Fpasswd`)).status).toBe(403);
  });

  test("saving writes the file back; other paths and other origins are refused", async () => {
    const put = (path: string, body: string, headers: Record<string, string> = {}) => fetch(`${served.url}files${encodeURI(path)}`, { method: "PUT", body, headers });
    const text = `${readFileSync(join(dir, "work/base.policy"), "utf8")}\n# 改过\n`;
    expect((await put("/work/base.policy", text)).status).toBe(204);
    expect(readFileSync(join(dir, "work/base.policy"), "utf8")).toBe(text);
    const other = await put("/policies/seed.policy", "x");
    expect(other.status).toBe(403);
    expect(await other.text()).toContain("不是 zhengce serve 打开的政策文件");
    expect((await put("/work/2018.policy", "x", { origin: "http://evil.example" })).status).toBe(403);
    expect(readFileSync(join(dir, "work/2018.policy"), "utf8")).toBe(readFileSync(join(ROOT, "policies/jiangmen/2018.policy"), "utf8"));
  });

  test("usage errors exit 2 with one Chinese line", async () => {
    const io = memoryIo({ cwd: dir });
    expect(await runServe(["--port", "http"], io)).toBe(2);
    expect(io.err).toBe("错误[C000]：--port 应为 0 到 65535 的整数，收到「http」\n");
    const missing = memoryIo({ cwd: dir });
    expect(await runServe(["--site", "nowhere", "--port", "0"], missing)).toBe(2);
    expect(missing.err).toMatch(/^错误\[C000\]：找不到练习场站点（.*）；请先运行 pnpm build:playground\n$/);
    const noFile = memoryIo({ cwd: dir });
    expect(await runServe(["work/none.policy"], noFile)).toBe(2);
    expect(noFile.err).toBe("错误[C010]：找不到政策文件「work/none.policy」\n");
  });
});
