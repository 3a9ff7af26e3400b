// freshBundle: a single-file build runs only while no package it was made from has been built since.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { freshBundle } from "./bundled-chevrotain.js";

const dir = mkdtempSync(join(tmpdir(), "zhengce-fresh-bundle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file at `path` last modified `secondsFromNow` from now (ahead of any real build of the dsl or the runtime). */
function file(name: string, secondsFromNow: number): URL {
  const path = join(dir, name);
  writeFileSync(path, "");
  const t = Date.now() / 1000 + secondsFromNow;
  utimesSync(path, t, t);
  return pathToFileURL(path);
}

describe("freshBundle", () => {
  const bundle = file("server.bundle.js", 3600);

  it("uses a bundle made after every build it was made from", () => {
    expect(freshBundle(bundle, [file("own.tsbuildinfo", 1800)])).toBe(true);
  });

  it("does not use a bundle older than one of those builds (tsc -b ran after the bundle was made)", () => {
    expect(freshBundle(bundle, [file("own.tsbuildinfo", 1800), file("formatter.tsbuildinfo", 7200)])).toBe(false);
  });

  it("uses a bundle whose packages have no build info (a published package)", () => {
    expect(freshBundle(bundle, [new URL("missing.tsbuildinfo", pathToFileURL(`${dir}/`))])).toBe(true);
  });

  it("does not use a bundle that is not there", () => {
    expect(freshBundle(new URL("none.bundle.js", pathToFileURL(`${dir}/`)), [])).toBe(false);
  });
});
