// In the browser: the form's claim goes to the policy's own calculator, bundled by Vite. The
// numbers, the rounding and the explanation are the policy's — nothing is restated here.
import { InputError } from "@zhengce/runtime";
import { 住院结算, type 住院结算输入 } from "../../../policies/jiangmen/base.policy";

const form = document.querySelector<HTMLFormElement>("#claim")!;
const output = document.querySelector<HTMLOutputElement>("#result")!;

function settle(): void {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? "").trim();
  const claim: 住院结算输入 = {
    参保身份: text("参保身份") as 住院结算输入["参保身份"],
    医院级别: text("医院级别") as 住院结算输入["医院级别"],
    政策范围内费用: text("政策范围内费用"),
    连续缴费月数: Number(text("连续缴费月数")),
    ...(text("日期") !== "" && { 日期: text("日期") }),
  };
  try {
    const r = 住院结算(claim);
    const rows = (["起付标准", "统筹支付", "二档支付", "大病支付", "个人负担"] as const).map((k) => `<tr><td>${k}</td><td id="${k}">${r[k]} 元</td></tr>`);
    const steps = r.计算过程.map((s) => `<li>${escape(s.说明)}（${escape(s.依据)}）</li>`);
    output.innerHTML = `<table>${rows.join("")}</table><h2>计算过程</h2><ol>${steps.join("")}</ol>`;
  } catch (e) {
    // Bad input is an InputError: one Chinese sentence naming the field.
    if (!(e instanceof InputError)) throw e;
    output.innerHTML = `<p class="错误" id="错误">${escape(e.message)}</p>`;
  }
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

form.addEventListener("submit", (event) => {
  event.preventDefault();
  settle();
});
settle();
