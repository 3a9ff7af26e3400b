// `zhengce serve [policies…]`: the playground (the static site of packages/playground) on a
// local port. With policy files, its menu lists them (and the policies they amend), and saving
// in the page writes them back to disk; without, it offers the repository's seed policies.
// Everything else runs in the browser: this server only hands out files.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { parseCommandArgs, stringOption } from "./args.js";
import { HELP } from "./help.js";
import { CliError, cwdOf, EXIT_OK, guard, readText, resolvePath, writeFileAtomic, type ExitCode, type Io } from "./io.js";
import { defaultDeps, type Deps } from "./policy.js";

/** The built site, beside this package in the workspace. */
export const DEFAULT_SITE = fileURLToPath(new URL("../../../playground/dist/", import.meta.url));
export const DEFAULT_PORT = 5178;

export interface ServedFile {
  /** Where the file is on disk. */
  abs: string;
  /** Its path in the page: relative to the working directory when inside it (`/policies/a.policy`). */
  path: string;
  text: string;
}

export interface ServeOptions {
  site: string;
  files: ServedFile[];
  port: number;
  host: string;
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** The page path of a file on disk. */
export function pagePath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  const inside = rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
  return `/${(inside ? rel : abs).split(sep).filter(Boolean).join("/")}`;
}

/** The files named on the command line, and every base they amend (read through the same host as `check`). */
export async function collectFiles(io: Io, paths: string[]): Promise<ServedFile[]> {
  // Imported when files are named, as the CLI imports the compiler: `zhengce` loads without them.
  const { analyze } = await import("@zhengce/dsl");
  const { fileHost } = await import("../load.js");
  const out = new Map<string, ServedFile>();
  const add = (abs: string, text: string) => {
    if (!out.has(abs)) out.set(abs, { abs, path: pagePath(cwdOf(io), abs), text });
  };
  for (const p of paths) {
    const abs = resolvePath(io, p);
    const text = await readText(io, p, "政策文件");
    add(abs, text);
    const read = new Map<string, string>();
    analyze(text, abs, {
      readFile: (uri) => {
        const t = fileHost.readFile(uri);
        if (t !== undefined) read.set(uri, t);
        return t;
      },
      resolve: fileHost.resolve,
    });
    for (const [base, t] of read) add(base, t);
  }
  return [...out.values()];
}

export async function startServe(o: ServeOptions): Promise<Served> {
  const site = resolve(o.site);
  if (!(await isFile(join(site, "index.html")))) {
    throw new CliError(`找不到练习场站点（${join(site, "index.html")}）；请先运行 pnpm build:playground`);
  }
  const writable = new Map(o.files.map((f) => [f.path, f]));
  const cache = new Map<string, { body: Buffer; gz: Buffer; type: string }>();

  const index = async (): Promise<Buffer> => {
    const seeds = JSON.parse(await readFile(join(site, "policies/index.json"), "utf8")) as { files: { path: string; text: string }[] };
    if (!o.files.length) return Buffer.from(JSON.stringify({ ...seeds, served: true }));
    // The user's files first (the page opens the first), then the seeds their paths do not replace.
    const files = [
      ...o.files.map((f) => ({ path: f.path, text: f.text, writable: true })),
      ...seeds.files.filter((s) => !writable.has(s.path)),
    ];
    return Buffer.from(JSON.stringify({ files, served: true, open: o.files[0].path }));
  };

  const send = (req: IncomingMessage, res: ServerResponse, status: number, body: Buffer, type: string, gz?: Buffer) => {
    const zipped = gz && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    res.writeHead(status, {
      "content-type": type,
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
      ...(zipped ? { "content-encoding": "gzip", vary: "accept-encoding" } : {}),
    });
    res.end(zipped ? gz : body);
  };
  const fail = (res: ServerResponse, status: number, message: string) => {
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
    res.end(message);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = decodeURIComponent(url.pathname);
    if (req.method === "PUT") {
      // Writes come only from this server's own page on this machine: bound to the loopback, asked
      // for by a loopback host name (no DNS rebinding), from no other origin.
      const host = String(req.headers.host ?? "");
      const origin = req.headers.origin;
      if (!LOOPBACK.test(o.host) || !/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host)) return fail(res, 403, "只接受本机写回（服务绑定在本机地址时）");
      if (origin !== undefined && origin !== `http://${host}`) return fail(res, 403, "不接受其他网页的写入");
      const target = path.startsWith("/files/") ? writable.get(path.slice("/files".length)) : undefined;
      if (!target) return fail(res, 403, `「${path.replace(/^\/files/, "")}」不是 zhengce serve 打开的政策文件，不能写回`);
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const c of req) {
        size += (c as Buffer).length;
        if (size > 16 * 1024 * 1024) return fail(res, 413, "文件过大");
        chunks.push(c as Buffer);
      }
      const text = Buffer.concat(chunks).toString("utf8");
      await writeFileAtomic(target.abs, text);
      target.text = text;
      res.writeHead(204).end();
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") return fail(res, 405, "不支持的请求方法");
    if (path === "/policies/index.json") {
      const body = await index();
      return send(req, res, 200, body, TYPES[".json"], gzipSync(body));
    }
    const file = resolve(site, `.${path.endsWith("/") ? `${path}index.html` : path}`);
    if (file !== site && !file.startsWith(site + sep)) return fail(res, 403, "禁止访问");
    let entry = cache.get(file);
    if (!entry) {
      if (!(await isFile(file))) return fail(res, 404, `找不到 ${path}`);
      const body = await readFile(file);
      entry = { body, gz: gzipSync(body), type: TYPES[extname(file)] ?? "application/octet-stream" };
      cache.set(file, entry);
    }
    send(req, res, 200, entry.body, entry.type, entry.gz);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: Error) => fail(res, 500, `服务器错误：${e.message}`));
  });
  await new Promise<void>((done, failed) => {
    server.once("error", (e: NodeJS.ErrnoException) =>
      failed(new CliError(e.code === "EADDRINUSE" ? `端口 ${o.port} 已被占用；用 --port 指定其他端口` : `无法在 ${o.host}:${o.port} 启动：${e.message}`)),
    );
    server.listen(o.port, o.host, () => done());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : o.port;
  return {
    url: `http://${o.host.includes(":") ? `[${o.host}]` : o.host}:${port}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export async function runServe(args: string[], io: Io, _deps: Deps = defaultDeps): Promise<ExitCode> {
  return guard(io, async () => {
    const { values, positionals, help } = parseCommandArgs("serve", args, {
      port: { type: "string" },
      host: { type: "string" },
      site: { type: "string" },
    });
    if (help) {
      io.stdout.write(HELP.serve);
      return EXIT_OK;
    }
    const portText = stringOption(values.port) ?? String(DEFAULT_PORT);
    const port = Number(portText);
    if (!/^\d+$/.test(portText) || port > 65535) throw new CliError(`--port 应为 0 到 65535 的整数，收到「${portText}」`);
    const files = await collectFiles(io, positionals);
    const site = stringOption(values.site);
    const served = await startServe({ site: site ? resolvePath(io, site) : DEFAULT_SITE, files, port, host: stringOption(values.host) ?? "127.0.0.1" });
    io.stdout.write(`练习场：${served.url}\n`);
    for (const f of files) io.stdout.write(`  ${f.path.slice(1)}（保存即写回 ${relative(cwdOf(io), f.abs) || f.abs}）\n`);
    io.stdout.write("按 Ctrl-C 停止。\n");
    await new Promise<void>((done) => {
      process.once("SIGINT", done);
      process.once("SIGTERM", done);
    });
    await served.close();
    return EXIT_OK;
  });
}
