// The input form of a calculator, generated from its input fields (the same FieldSpec list its
// JSON Schema is made from): enums as selects, money with 元, dates, sets as checkboxes,
// records as groups. The form holds the JSON a caller would send; the runtime checks it, so a
// bad value gets the same Chinese message as `zhengce calc`.
import type { FieldSpec, FieldType } from "@zhengce/runtime";
import { h } from "./dom.js";

export type Values = Record<string, unknown>;

/** A first case for a calculator nobody has filled in yet: every required field given a plain value. */
export function initialValues(fields: FieldSpec[]): Values {
  const out: Values = {};
  for (const f of fields) {
    if (!f.required) continue;
    const v = plainValue(f.type);
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

function plainValue(t: FieldType): unknown {
  switch (t.kind) {
    case "enum":
      return t.members[0];
    case "set":
      return t.nonEmpty ? [t.members[0]] : [];
    case "money":
      return "10000";
    case "integer":
      return t.min ?? 0;
    case "date":
      return new Date().toISOString().slice(0, 10);
    case "boolean":
      return false;
    case "record":
      return initialValues(t.fields);
    default:
      return undefined;
  }
}

/** Keep the values that still fit the fields (after the policy changed); drop the rest. */
export function keepFitting(fields: FieldSpec[], values: Values): Values {
  const out: Values = {};
  for (const f of fields) {
    const v = values[f.name];
    if (v === undefined) continue;
    if (f.type.kind === "enum" && !f.type.members.includes(String(v))) continue;
    if (f.type.kind === "set" && Array.isArray(v)) {
      const members = f.type.members;
      out[f.name] = v.filter((m) => members.includes(String(m)));
      continue;
    }
    if (f.type.kind === "record" && v && typeof v === "object") {
      out[f.name] = keepFitting(f.type.fields, v as Values);
      continue;
    }
    out[f.name] = v;
  }
  for (const f of fields) if (f.required && out[f.name] === undefined) out[f.name] = plainValue(f.type);
  return out;
}

const defaultText = (f: FieldSpec) =>
  f.default === undefined ? "" : Array.isArray(f.default) ? (f.default.length ? f.default.join("、") : "空") : typeof f.default === "boolean" ? (f.default ? "是" : "否") : String(f.default);

/** The form's controls, writing into `values` (and calling `changed`) as the user edits. */
export function renderForm(fields: FieldSpec[], values: Values, changed: () => void, path = ""): HTMLElement {
  const box = h("div", { class: "fields" });
  for (const f of fields) box.append(control(f, values, changed, path ? `${path}.${f.name}` : f.name));
  return box;
}

function control(f: FieldSpec, values: Values, changed: () => void, path: string): HTMLElement {
  const set = (v: unknown) => {
    if (v === undefined) delete values[f.name];
    else values[f.name] = v;
    changed();
  };
  const current = values[f.name];
  const hint = f.required ? "" : f.default !== undefined ? `默认 ${defaultText(f)}` : "可不填";
  // Text fields and selects show the default in the control itself; checkboxes beside it.
  const label = (input: HTMLElement, suffix?: string, showHint = false) =>
    h(
      "label",
      { class: `field field-${f.type.kind}`, "data-field": path },
      h("span", { class: "field-name" }, f.name, f.required ? h("span", { class: "required", title: "必填" }, "＊") : null),
      h("span", { class: "field-input" }, input, suffix ? h("span", { class: "unit" }, suffix) : null, showHint && hint ? h("span", { class: "field-hint" }, hint) : null),
      h("span", { class: "field-error", role: "alert" }),
    );
  const t = f.type;
  switch (t.kind) {
    case "enum": {
      const select = h(
        "select",
        { name: path, "aria-label": f.name, onchange: () => set(select.value === "" ? undefined : select.value) },
        f.required ? null : h("option", { value: "" }, hint || "（不填）"),
        t.members.map((m) => h("option", { value: m }, m)),
      );
      select.value = current === undefined ? "" : String(current);
      return label(select);
    }
    case "boolean": {
      const box = h("input", { type: "checkbox", name: path, "aria-label": f.name, onchange: () => set(box.checked) });
      box.checked = current === undefined ? f.default === true : current === true;
      return label(box, undefined, true);
    }
    case "set": {
      const chosen = new Set(Array.isArray(current) ? current.map(String) : Array.isArray(f.default) ? f.default.map(String) : []);
      const group = h(
        "span",
        { class: "checks", role: "group", "aria-label": f.name },
        t.members.map((m) => {
          const box = h("input", {
            type: "checkbox",
            name: path,
            value: m,
            onchange: () => {
              if (box.checked) chosen.add(m);
              else chosen.delete(m);
              set(t.members.filter((x) => chosen.has(x)));
            },
          });
          box.checked = chosen.has(m);
          return h("label", { class: "check" }, box, m);
        }),
      );
      return label(group, undefined, true);
    }
    case "record": {
      const inner = (current && typeof current === "object" ? current : {}) as Values;
      if (current === undefined) values[f.name] = inner;
      const fs = h("fieldset", { class: "record", "data-field": path }, h("legend", {}, f.name, hint ? h("span", { class: "field-hint" }, ` ${hint}`) : null));
      fs.append(renderForm(t.fields, inner, changed, path));
      return fs;
    }
    case "list": {
      const area = h("textarea", {
        name: path,
        "aria-label": f.name,
        rows: 2,
        placeholder: "JSON 数组",
        oninput: () => {
          const s = area.value.trim();
          if (s === "") return set(undefined);
          try {
            set(JSON.parse(s));
          } catch {
            set(s);
          }
        },
      });
      area.value = current === undefined ? "" : JSON.stringify(current);
      return label(area);
    }
    default: {
      const kind = t.kind;
      const input = h("input", {
        type: kind === "date" ? "date" : "text",
        name: path,
        "aria-label": f.name,
        inputmode: kind === "money" || kind === "rate" ? "decimal" : kind === "integer" ? "numeric" : undefined,
        placeholder: hint || undefined,
        autocomplete: "off",
        oninput: () => {
          const s = input.value.trim();
          if (s === "") return set(undefined);
          // An integer goes as a JSON number, as a caller would send it; anything else as typed.
          set(kind === "integer" && /^-?\d+$/.test(s) ? Number(s) : s);
        },
      });
      input.value = current === undefined || current === null ? "" : String(current);
      return label(input, kind === "money" ? "元" : kind === "rate" ? "％" : undefined);
    }
  }
}

/** Show a run-time error next to the field it names (a dotted path such as 年度累计.统筹支付). */
export function markFieldError(form: HTMLElement, field: string | undefined, message: string): boolean {
  for (const el of form.querySelectorAll<HTMLElement>(".field-error")) el.textContent = "";
  for (const el of form.querySelectorAll(".field.invalid")) el.classList.remove("invalid");
  if (!field) return false;
  const host = form.querySelector<HTMLElement>(`.field[data-field="${CSS.escape(field)}"]`);
  if (!host) return false;
  host.classList.add("invalid");
  const slot = host.querySelector<HTMLElement>(".field-error");
  if (slot) slot.textContent = message;
  return true;
}
