// The published JSON Schemas mean what the runtime means: every generated input — valid ones,
// the same spelt in traditional script, full-width forms or with money as numbers, and each field
// broken in turn — is accepted by the calculator exactly when plain Ajv (draft-07, strict, with
// ajv-formats and our annotation vocabulary) accepts its canonical form.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { analyze } from "@zhengce/dsl";
import { InputError, RefusalError } from "@zhengce/runtime";
import { compileAnalysis, fileHost, lower } from "@zhengce/compiler";
import { inputFields, policySchema, schemaId, SCHEMA_VOCABULARY } from "../../packages/compiler/src/schema.js";
import { canonical, NOT_CANONICAL } from "./canonical.js";
import { generateCases } from "./cases.js";

const POLICIES = ["jiangmen/base", "jiangmen/2018", "jiangmen/poverty", "heshan/base", "tonghua/base"];

function plainAjv(): Ajv {
  const ajv = new Ajv({ strict: true });
  addFormats.default(ajv);
  ajv.addVocabulary([...SCHEMA_VOCABULARY]);
  return ajv;
}

type Verdict = { accepted: true; result?: unknown } | { accepted: false; why: string };

function runtimeVerdict(run: (raw: unknown) => unknown, input: unknown): Verdict {
  try {
    return { accepted: true, result: run(input) };
  } catch (e) {
    // A refusal is the policy's answer to a valid input, not a validation error.
    if (e instanceof RefusalError) return { accepted: true };
    if (e instanceof InputError) return { accepted: false, why: e.message };
    throw e;
  }
}

describe.each(POLICIES)("%s.policy: schema and runtime agree", (name) => {
  const uri = resolve("policies", `${name}.policy`);
  const analysis = analyze(readFileSync(uri, "utf8"), uri, fileHost);
  const ir = lower(analysis);
  const compiled = compileAnalysis(analysis);
  const file = policySchema(ir);
  // One plain Ajv holding the file for the whole policy: each validator is compiled once (a fresh
  // Ajv per calculator compiled the file's shared definitions again each time, and the first
  // test compiled every validator once more; Ajv was 40% of this file's CPU, profiled).
  let loaded: Ajv | undefined;
  const withFile = () => {
    if (!loaded) (loaded = plainAjv()).addSchema(file);
    return loaded;
  };

  it("the schema file is a valid draft-07 schema that plain Ajv loads in strict mode", () => {
    expect(plainAjv().validateSchema(file)).toBe(true);
    const ajv = withFile();
    for (const c of ir.calculators) {
      expect(ajv.getSchema(schemaId(ir, c, "输入")), c.name).toBeTypeOf("function");
      expect(ajv.getSchema(schemaId(ir, c, "结果")), c.name).toBeTypeOf("function");
      // The README's way: the file's $id and a pointer into its definitions.
      expect(ajv.getSchema(`${(file as { $id: string }).$id}#/definitions/${c.name}输入`), c.name).toBeTypeOf("function");
    }
  });

  for (const c of ir.calculators) {
    it(`${c.name}: the same verdict on every generated input`, () => {
      const ajv = withFile();
      const validate = ajv.getSchema(schemaId(ir, c, "输入"))!;
      const validateResult = ajv.getSchema(schemaId(ir, c, "结果"))!;
      const calc = compiled.calculators.find((x) => x.name === c.name)!;
      const fields = inputFields(c, ir);
      const disagreements: string[] = [];
      let accepted = 0;
      for (const { label, input } of generateCases(fields, c.validity ?? {}, 20260, 6)) {
        const runtime = runtimeVerdict((raw) => calc.run(raw, { 计算过程: true }), input);
        const canon = canonical(fields, input);
        const schema = canon !== NOT_CANONICAL && validate(canon) === true;
        if (runtime.accepted !== schema) {
          disagreements.push(`${label}: 运行时${runtime.accepted ? "接受" : `拒绝（${runtime.why}）`}，schema ${schema ? "接受" : `拒绝 ${JSON.stringify(validate.errors?.[0])}`}；输入 ${JSON.stringify(input)}`);
        }
        if (runtime.accepted) accepted++;
        if (runtime.accepted && runtime.result !== undefined) {
          if (!validateResult(JSON.parse(JSON.stringify(runtime.result)))) disagreements.push(`${label}: 结果不符合结果 schema ${JSON.stringify(validateResult.errors?.[0])}`);
        }
      }
      if (disagreements.length > 0) console.error(disagreements.slice(0, 6).join("\n"));
      expect(disagreements.length, "不一致的输入数").toBe(0);
      expect(accepted).toBeGreaterThan(0);
    });
  }
});
