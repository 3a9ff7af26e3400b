// node:url for the browser bundle: file: URLs ↔ POSIX paths, as the language server names files.
export function fileURLToPath(url: string | URL): string {
  const u = typeof url === "string" ? new URL(url) : url;
  if (u.protocol !== "file:") throw new TypeError(`不是 file: URL：${u.href}`);
  return decodeURIComponent(u.pathname);
}

export function pathToFileURL(path: string): URL {
  const absolute = path.startsWith("/") ? path : `/${path}`;
  return new URL(`file://${absolute.split("/").map(encodeURIComponent).join("/")}`);
}
