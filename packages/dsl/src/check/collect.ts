// Collection and amendment merge: every file's declarations into the model, the base first;
// an amendment restates what it changes and may restate only what the base has.
import { foldName } from "../fold.js";
import type { CalculatorInfo } from "../model.js";
import * as Ty from "../types.js";
import { checkValidityOrder } from "./params.js";
import type { Checker } from "./typing.js";

/**
 * A declaration with its file, the same object for the same declaration in every analysis (a
 * check remembered by check/reuse.ts refers to it).
 */
const locatedDecls = new WeakMap<object, { uri: string }>();
/** The syntax tree's declaration each located copy was made of. */
const parsedDecls = new WeakMap<object, object>();
function located<D extends object>(d: D, uri: string): D & { uri: string } {
  const known = locatedDecls.get(d) as (D & { uri: string }) | undefined;
  if (known?.uri === uri) return known;
  const out = { ...d, uri };
  locatedDecls.set(d, out);
  parsedDecls.set(out, d);
  return out;
}

/** The syntax tree's own object for a declaration of the model (a located copy is another object). */
export function parsedDecl(decl: object): object {
  return parsedDecls.get(decl) ?? decl;
}

export function collect(ctx: Checker) {
  const m = ctx.model;
  ctx.files.forEach((file, fileIndex) => {
    const isAmendment = fileIndex > 0 && fileIndex === ctx.files.length - 1;
    for (const d of file.ast.declarations) {
      const uri = file.uri;
      switch (d.kind) {
        case "PolicyHeader":
          checkValidityOrder(ctx, d.validity, uri);
          if (d.docNumber) ctx.docNumbers.set(uri, d.docNumber.text);
          if (file === ctx.main || !m.meta.name) {
            m.meta = {
              name: d.name.text,
              docNumber: d.docNumber?.text ?? m.meta.docNumber,
              issuer: d.issuer?.text ?? m.meta.issuer,
              published: d.published?.value ?? m.meta.published,
              validity: d.validity
                ? { from: d.validity.from?.value, to: d.validity.to?.value }
                : m.meta.validity,
              basedOn: d.basedOn?.path,
            };
          }
          break;
        case "EnumDecl":
          ctx.define(m.enums, d.name, located(d, uri), uri, isAmendment, "枚举");
          break;
        case "ParamDecl": {
          const prev = m.params.get(d.name.key);
          // An amendment that restates a parameter without a type keeps the base's type.
          let type = d.type ? ctx.resolveType(d.type, uri) : prev?.type ?? ctx.inferParamType(d);
          // A 金额 table or version that says 无 somewhere (「不设」) may have no value.
          const values = [d.value, ...(d.table ?? []).map((t) => t.value), ...(d.versions ?? []).flatMap((v) => [v.value, ...(v.table ?? []).map((t) => t.value)])];
          if (type.k === "money" && values.some((v) => v?.kind === "None")) type = { k: "money", nullable: true };
          ctx.define(m.params, d.name, { decl: d, type, uri }, uri, isAmendment, "参数");
          break;
        }
        case "BracketDecl": {
          const resultType = d.type ? ctx.resolveType(d.type, uri) : Ty.RATE;
          ctx.define(m.brackets, d.name, { decl: d, resultType, uri }, uri, isAmendment, "分段");
          break;
        }
        case "CalculatorDecl": {
          const info: CalculatorInfo = {
            name: d.name.text,
            key: d.name.key,
            decl: d,
            uri,
            inputs: [],
            accumulators: [],
            outputs: [],
            ann: { types: new Map(), refs: new Map() },
            uses: [],
          };
          // A calculator restated by an amendment replaces the base's; twice in one file is an error.
          if (m.calculators.get(d.name.key)?.uri === uri) ctx.report("E102", d.name.span, `计算「${d.name.text}」重复定义`, uri);
          m.calculators.set(d.name.key, info);
          break;
        }
        case "ExampleDecl":
          m.examples.push(located(d, uri));
          break;
      }
    }
  });
}
