// `prepack` of the packages that ship a single-file build (runtime, compiler, lsp): refuse to pack
// a build older than the compiled files it was made from. A packed package has no build info, so
// its entry runs the build as shipped; after a `tsc -b` without the bundling step that would be
// the code before the change. Usage (from the package's directory):
//   node ../../scripts/fresh-bundle.mjs <build> <tsconfig.tsbuildinfo it was made from>...
import { statSync } from "node:fs";

const [build, ...madeFrom] = process.argv.slice(2);
const mtime = (path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs;
const made = mtime(build);
const fail = (why) => {
  console.error(`${process.env.npm_package_name ?? "包"}：${why}；请先在仓库根目录运行 pnpm build，再打包`);
  process.exit(1);
};
if (made === undefined) fail(`没有单文件构建「${build}」`);
for (const source of madeFrom) {
  const at = mtime(source);
  if (at !== undefined && at > made) fail(`单文件构建「${build}」比「${source}」旧`);
}
