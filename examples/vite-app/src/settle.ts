// In Node: the same policy import, built by `vite build --ssr`. Reads claims (a JSON object or an
// array of them, e.g. ../inpatient-case.json) from the file named on the command line and prints
// each result — for a batch job or a settlement service.
import { readFileSync } from "node:fs";
import { InputError } from "@zhengce/runtime";
import { 住院结算, type 住院结算输入 } from "../../../policies/jiangmen/base.policy";

const [file] = process.argv.slice(2);
if (file === undefined) {
  console.error("用法：node dist-node/settle.js <案例.json>");
  process.exit(2);
}
const input = JSON.parse(readFileSync(file, "utf8")) as 住院结算输入 | 住院结算输入[];
try {
  for (const claim of Array.isArray(input) ? input : [input]) {
    const { 计算过程, ...amounts } = 住院结算(claim, { 计算过程: false });
    console.log(JSON.stringify(amounts));
  }
} catch (e) {
  if (!(e instanceof InputError)) throw e;
  console.error(`错误：${e.message}`);
  process.exitCode = 2;
}
