// node:path for the browser bundle: the POSIX functions the bundled packages import.
export const sep = "/";

export function isAbsolute(p: string): boolean {
  return p.startsWith("/");
}

function normalize(p: string): string {
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return `/${out.join("/")}`;
}

export function join(...parts: string[]): string {
  return normalize(parts.join("/"));
}

export function resolve(...parts: string[]): string {
  let p = "/";
  for (const part of parts) p = isAbsolute(part) ? part : `${p}/${part}`;
  return normalize(p);
}

export function dirname(p: string): string {
  const n = normalize(p);
  return n.slice(0, n.lastIndexOf("/")) || "/";
}

export function basename(p: string): string {
  return normalize(p).split("/").pop() ?? "";
}

export function relative(from: string, to: string): string {
  const a = normalize(from).split("/").filter(Boolean);
  const b = normalize(to).split("/").filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
}

export default { sep, isAbsolute, join, resolve, dirname, basename, relative };
