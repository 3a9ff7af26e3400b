// The 运行 tab: the calculators of the active policy, a form for the one under the cursor, its
// result with the explanation as a person reads it (each step a link to its rule), and the
// burden chart — all redone whenever the policy or the form changes.
import type { FieldSpec } from "@zhengce/runtime";
import * as P from "../protocol.js";
import { renderChart, yuan } from "./chart.js";
import { debounce, h } from "./dom.js";
import { initialValues, keepFitting, markFieldError, renderForm, type Values } from "./form.js";

export interface RunDeps {
  request<R>(method: string, params: unknown): Promise<R>;
  /** Show a location of the policy in the editor. */
  reveal(location: NonNullable<P.ExplainedStep["location"]>): void;
}

export interface ChartSettings {
  x?: string;
  series?: string;
  max?: number;
}

export interface RunState {
  calculator?: string;
  input?: Values;
  chart?: ChartSettings;
}

const moneyInputs = (fields: FieldSpec[]) => fields.filter((f) => f.type.kind === "money");
const enumInputs = (fields: FieldSpec[]) => fields.filter((f) => f.type.kind === "enum");

export class RunPanel {
  private uri?: string;
  private calculators: P.CalculatorSummary[] = [];
  private chosen?: string;
  /** Follow the cursor into calculators and their examples, until the user picks one. */
  private followCursor = true;
  private values = new Map<string, Values>();
  private charts = new Map<string, ChartSettings>();
  private fieldsShown = "";
  private generation = 0;

  private readonly head = h("div", { class: "run-head" });
  private readonly notice = h("p", { class: "notice", role: "status" });
  private readonly form = h("form", { class: "run-form", autocomplete: "off", onsubmit: (e: Event) => e.preventDefault() });
  private readonly result = h("section", { class: "result", "aria-label": "计算结果" });
  private readonly chart = h("section", { class: "burden", "aria-label": "负担曲线" });

  constructor(
    readonly root: HTMLElement,
    private readonly deps: RunDeps,
  ) {
    root.replaceChildren(this.head, this.notice, this.form, this.result, this.chart);
  }

  /** The state a share link carries. */
  state(): RunState {
    const c = this.chosen;
    return c ? { calculator: c, input: this.values.get(c), chart: this.charts.get(c) } : {};
  }

  restore(s: RunState) {
    if (!s.calculator) return;
    this.chosen = s.calculator;
    this.followCursor = false;
    if (s.input) this.values.set(s.calculator, s.input);
    if (s.chart) this.charts.set(s.calculator, s.chart);
  }

  /**
   * The active policy was checked (or changed tabs): refresh the list and, when the text changed
   * (`rerun`) or the calculator did, the form and the results.
   */
  async refresh(uri: string, position?: { line: number; character: number }, rerun = true) {
    if (uri !== this.uri) {
      this.uri = uri;
      this.fieldsShown = "";
      rerun = true;
    }
    const r = await this.deps.request<P.CalculatorsResult>(P.CALCULATORS, { uri, position });
    if (uri !== this.uri) return;
    const before = this.chosen;
    this.calculators = r.calculators;
    if (r.atCursor && this.followCursor) this.chosen = r.atCursor;
    if (!this.calculators.some((c) => c.name === this.chosen)) this.chosen = this.calculators[0]?.name;
    this.renderHead(r);
    if (rerun || this.chosen !== before) await this.run();
  }

  /** The cursor moved: switch to the calculator it is in, if any. */
  async cursor(uri: string, position: { line: number; character: number }) {
    if (!this.followCursor || uri !== this.uri) return;
    const r = await this.deps.request<P.CalculatorsResult>(P.CALCULATORS, { uri, position });
    if (r.atCursor && r.atCursor !== this.chosen && this.followCursor) {
      this.chosen = r.atCursor;
      this.renderHead(r);
      await this.run();
    }
  }

  // The calculator menu lives as long as the panel: a check landing while the user picks from it
  // must not replace the element under them.
  private readonly select: HTMLSelectElement = h("select", {
    id: "calculator",
    "aria-label": "计算",
    onchange: () => {
      this.chosen = this.select.value;
      this.followCursor = false;
      void this.run();
    },
  });
  private readonly examples = h("span", { title: "政策中的示例（例）" });

  private renderHead(r: P.CalculatorsResult) {
    const names = this.calculators.map((c) => c.name);
    if (JSON.stringify(names) !== JSON.stringify([...this.select.options].map((o) => o.value))) {
      this.select.replaceChildren(...names.map((n) => h("option", { value: n }, n)));
    }
    if (document.activeElement !== this.select) this.select.value = this.chosen ?? "";
    const ex = r.examples;
    if (this.select.parentElement?.parentElement !== this.head) this.head.replaceChildren(h("label", { class: "calculator-pick" }, "计算 ", this.select), this.examples);
    this.examples.className = ex ? (ex.failed ? "examples failed" : "examples passed") : "examples";
    this.examples.textContent = ex ? (ex.failed ? `示例 ${ex.failed}/${ex.total} 未通过` : `示例 ${ex.total} 个全部通过`) : "";
    this.notice.textContent = r.stale
      ? r.calculators.length
        ? `政策有 ${r.errors} 个错误：下面运行的是上一次通过检查的版本。`
        : `政策有 ${r.errors} 个错误，改正后即可运行。`
      : r.calculators.length
        ? ""
        : "这个政策没有定义计算。";
  }

  private current(): P.CalculatorSummary | undefined {
    return this.calculators.find((c) => c.name === this.chosen);
  }

  /** Run the chosen calculator on the form's values, then draw its burden chart. */
  private readonly runSoon = debounce(120, () => void this.run());

  private async run() {
    const calc = this.current();
    const uri = this.uri;
    const generation = ++this.generation;
    if (!calc || !uri) {
      this.form.replaceChildren();
      this.result.replaceChildren();
      this.chart.replaceChildren();
      return;
    }
    // The form writes into one values object; it is replaced only when the form is rebuilt.
    let values = this.values.get(calc.name);
    const shape = JSON.stringify([calc.name, calc.inputFields]);
    if (!values || shape !== this.fieldsShown) {
      values = keepFitting(calc.inputFields, values ?? initialValues(calc.inputFields));
      this.values.set(calc.name, values);
      this.fieldsShown = shape;
      this.form.replaceChildren(
        renderForm(calc.inputFields, values, () => this.runSoon()),
      );
    }
    const params: P.RunParams = { uri, calculator: calc.name, input: values };
    const result = await this.deps.request<P.RunResult>(P.RUN, params);
    if (generation !== this.generation) return;
    this.renderResult(calc, result);
    await this.drawChart(calc, params, generation);
  }

  private renderResult(calc: P.CalculatorSummary, r: P.RunResult) {
    const placed = markFieldError(this.form, r.error?.field, r.error?.message ?? "");
    if (r.error) {
      this.result.replaceChildren(h("p", { class: "run-error", role: "alert" }, placed ? `输入有误：${r.error.message}` : r.error.message));
      return;
    }
    const outputs = r.outputs ?? {};
    const types = new Map(calc.outputs.map((o) => [o.name, o.type]));
    const table = h(
      "table",
      { class: "outputs" },
      h("tbody", {}, Object.entries(outputs).map(([name, v]) => h("tr", { "data-output": name }, h("th", {}, name), h("td", { class: "value", "data-value": show(v) }, show(v), types.get(name) === "金额" && typeof v === "string" ? h("span", { class: "unit" }, " 元") : null)))),
    );
    const steps = h(
      "ol",
      { class: "steps", "aria-label": "计算过程" },
      (r.steps ?? []).map((step) => {
        const loc = step.location;
        // A bracket's slice, the argument 较小 took … detail the item above them, under their own label.
        const { label, detail } = step;
        const item = h(
          "li",
          { class: `step${detail ? " detail" : ""}${loc ? " linked" : ""}`, title: loc ? "在编辑器中显示这条规则" : "" },
          h("div", { class: "step-head" }, h("span", { class: "step-item" }, label), step.值 ? h("span", { class: "step-value" }, step.值) : null),
          h("p", { class: "step-text" }, step.说明),
          step.依据 ? h("cite", { class: "step-cite" }, `依据 ${step.依据}${step.原文 ? `「${step.原文}」` : ""}`) : null,
        );
        if (loc) {
          item.tabIndex = 0;
          const go = () => this.deps.reveal(loc);
          item.addEventListener("click", go);
          item.addEventListener("keydown", (e) => {
            if (e.key === "Enter") go();
          });
        }
        return item;
      }),
    );
    this.result.replaceChildren(table, h("h3", {}, "计算过程"), steps);
  }

  private chartSettings(calc: P.CalculatorSummary): ChartSettings {
    const saved = this.charts.get(calc.name) ?? {};
    const money = moneyInputs(calc.inputFields);
    const enums = enumInputs(calc.inputFields);
    const x = money.some((f) => f.name === saved.x) ? saved.x : (money.find((f) => f.required && f.name.includes("费用")) ?? money.find((f) => f.required) ?? money[0])?.name;
    const series = saved.series === "" || enums.some((f) => f.name === saved.series) ? saved.series : enums.find((f) => f.name.includes("级别"))?.name;
    return { x, series, ...(saved.max && saved.max > 0 ? { max: saved.max } : {}) };
  }

  // The chart's controls live as long as the panel: a run redraws the curves while the user may be
  // typing a 上限, and rebuilding the box under them would drop what they typed.
  private chartControl?: { calc: string; xSelect: HTMLSelectElement; seriesSelect: HTMLSelectElement; maxInput: HTMLInputElement; controls: HTMLElement };

  private controlsFor(calc: P.CalculatorSummary, settings: ChartSettings) {
    const money = moneyInputs(calc.inputFields);
    const enums = enumInputs(calc.inputFields);
    const save = (patch: ChartSettings) => {
      this.charts.set(calc.name, { ...this.chartSettings(calc), ...patch });
      void this.run();
    };
    const key = JSON.stringify([calc.name, money.map((f) => f.name), enums.map((f) => f.name)]);
    let c = this.chartControl;
    if (c?.calc !== key) {
      const xSelect = h("select", { "aria-label": "横轴", onchange: () => save({ x: xSelect.value, max: undefined }) }, money.map((f) => h("option", { value: f.name }, f.name)));
      const seriesSelect = h(
        "select",
        { "aria-label": "分组", onchange: () => save({ series: seriesSelect.value }) },
        h("option", { value: "" }, "不分组"),
        enums.map((f) => h("option", { value: f.name }, f.name)),
      );
      // Empty: the worker picks a range that shows every cap.
      const maxInput = h("input", {
        type: "text",
        inputmode: "numeric",
        "aria-label": "横轴上限",
        placeholder: "自动",
        onchange: () => {
          const v = Number(maxInput.value.trim());
          save({ max: maxInput.value.trim() === "" || !(v > 0) ? undefined : v });
        },
      });
      const controls = h("div", { class: "chart-controls" }, h("label", {}, "横轴 ", xSelect), h("label", {}, "分组 ", seriesSelect), h("label", {}, "上限 ", maxInput, " 元"));
      c = this.chartControl = { calc: key, xSelect, seriesSelect, maxInput, controls };
    }
    const focused = document.activeElement;
    if (focused !== c.xSelect) c.xSelect.value = settings.x ?? "";
    if (focused !== c.seriesSelect) c.seriesSelect.value = settings.series ?? "";
    if (focused !== c.maxInput) c.maxInput.value = settings.max ? String(settings.max) : "";
    c.maxInput.placeholder = "自动";
    return c;
  }

  private async drawChart(calc: P.CalculatorSummary, run: P.RunParams, generation: number) {
    const settings = this.chartSettings(calc);
    const { controls, maxInput } = this.controlsFor(calc, settings);
    if (!settings.x) {
      this.chart.replaceChildren(h("h3", {}, "负担曲线"), h("p", { class: "notice" }, `计算「${calc.name}」没有金额输入，无法绘制负担曲线。`));
      return;
    }
    const params: P.BurdenParams = { ...run, x: settings.x, ...(settings.max ? { max: settings.max } : {}), ...(settings.series ? { series: settings.series } : {}) };
    const r = await this.deps.request<P.BurdenResult>(P.BURDEN, params);
    if (generation !== this.generation || r.cancelled) return;
    if (!settings.max && r.max) maxInput.placeholder = `自动（${yuan(r.max)}）`;
    const current = Number(run.input[settings.x]);
    const body = r.error || !r.max ? h("p", { class: "notice" }, r.error ?? "") : renderChart(r, { xLabel: settings.x, max: r.max, ...(Number.isFinite(current) ? { current } : {}) });
    // Only the curves are replaced when the controls stay: moving a focused box would blur it.
    if (controls.parentElement === this.chart && this.chart.children.length === 3) this.chart.lastElementChild!.replaceWith(body);
    else this.chart.replaceChildren(h("h3", {}, "负担曲线"), controls, body);
  }
}

function show(v: unknown): string {
  if (v === null || v === undefined) return "无";
  if (typeof v === "boolean") return v ? "是" : "否";
  if (Array.isArray(v)) return v.map(show).join("、");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}
