// The version index: one module per policy family (a base and the amendments compiled with it)
// whose calculators pick, for each claim, the version in force on the claim's 日期 and call
// that version's module. The per-policy modules stay what the emitter writes; this file only
// knows a policy's header, its calculators' names and periods of validity, and where each
// module was written.
import { readFileSync } from "node:fs";
import { analyze, type Analysis } from "@zhengce/dsl";
import { fileHost } from "./load.js";
import { OPTIONS_TYPE } from "./types.js";

export interface Validity {
  from?: string;
  to?: string;
}

/** What the index needs of one compiled policy. */
export interface PolicyVersion {
  /** Absolute path of the policy file. */
  path: string;
  name: string;
  docNumber?: string;
  published?: string;
  /** Absolute path of the policy this one amends (`基于`). */
  basedOn?: string;
  calculators: { name: string; validity?: Validity }[];
  /** Every file the analysis read: the policy and its bases, for `--watch`. */
  sources: string[];
  hasErrors: boolean;
}

/** The header, calculators and source files of a policy (its amendments' bases read from disk). */
export function describePolicy(path: string): PolicyVersion {
  const analysis = analyze(readFileSync(path, "utf8"), path, fileHost);
  return describeAnalysis(analysis);
}

export function describeAnalysis(analysis: Analysis): PolicyVersion {
  const { meta } = analysis.model;
  return {
    path: analysis.uri,
    name: meta.name,
    ...(meta.docNumber !== undefined && { docNumber: meta.docNumber }),
    ...(meta.published !== undefined && { published: meta.published }),
    ...(meta.basedOn !== undefined && { basedOn: fileHost.resolve(analysis.uri, meta.basedOn) }),
    calculators: [...analysis.model.calculators.values()].map((c) => {
      const own = c.decl.validity ? { from: c.decl.validity.from?.value, to: c.decl.validity.to?.value } : undefined;
      const validity = intersect(own, meta.validity);
      return validity ? { name: c.name, validity } : { name: c.name };
    }),
    sources: [...analysis.sources.keys()],
    hasErrors: analysis.diagnostics.some((d) => d.severity === "error"),
  };
}

function intersect(a: Validity | undefined, b: Validity | undefined): Validity | undefined {
  if (!a) return b;
  if (!b) return a;
  const from = [a.from, b.from].filter((x): x is string => x !== undefined).sort().pop();
  const to = [a.to, b.to].filter((x): x is string => x !== undefined).sort()[0];
  return { ...(from !== undefined && { from }), ...(to !== undefined && { to }) };
}

export interface Family {
  /** The family's oldest policy among those compiled: the index is written beside its module. */
  root: PolicyVersion;
  /** Root first, then each amendment after the policy it amends. */
  members: PolicyVersion[];
}

/**
 * Group compiled policies into families: a policy joins the family of the policy it amends
 * when that one is compiled too. Only families of two or more versions need an index.
 */
export function families(policies: readonly PolicyVersion[]): Family[] {
  const byPath = new Map(policies.map((p) => [p.path, p]));
  const rootOf = (p: PolicyVersion): PolicyVersion => {
    const seen = new Set<string>();
    let cur = p;
    while (cur.basedOn && byPath.has(cur.basedOn) && !seen.has(cur.path)) {
      seen.add(cur.path);
      cur = byPath.get(cur.basedOn)!;
    }
    return cur;
  };
  const groups = new Map<string, PolicyVersion[]>();
  for (const p of policies) {
    const root = rootOf(p);
    groups.set(root.path, [...(groups.get(root.path) ?? []), p]);
  }
  return [...groups.entries()]
    .filter(([, members]) => members.length > 1)
    .map(([root, members]) => {
      const depth = (p: PolicyVersion) => chainDepth(p, byPath);
      return { root: byPath.get(root)!, members: [...members].sort((a, b) => depth(a) - depth(b) || a.path.localeCompare(b.path)) };
    });
}

function chainDepth(p: PolicyVersion, byPath: Map<string, PolicyVersion>): number {
  let depth = 0;
  for (let cur = p; cur.basedOn && byPath.has(cur.basedOn) && depth < byPath.size; cur = byPath.get(cur.basedOn)!) depth++;
  return depth;
}

// ── the module ──

export type IndexTarget = "ts" | "js" | "dts";

export interface IndexModule {
  family: Family;
  /** Import specifier of each member's module from the index, in `family.members` order ("./base.js"). */
  specifiers: string[];
  /** Shown in the header comment: where the policies came from. */
  sourceNames: string[];
}

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;
const RESERVED = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await".split(" "),
);
const isIdentifier = (name: string) => IDENTIFIER.test(name) && !RESERVED.has(name);

/**
 * For every calculator any version offers, its versions in the order they are tried: the most
 * amended first (an amendment restates its base for its own period), then the later start.
 */
function calculatorVersions(family: Family): { name: string; versions: { member: number; validity: Validity }[]; newest: number }[] {
  const byPath = new Map(family.members.map((m) => [m.path, m]));
  const names: string[] = [];
  for (const m of family.members) for (const c of m.calculators) if (!names.includes(c.name)) names.push(c.name);
  return names.map((name) => {
    const versions = family.members
      .map((m, member) => ({ member, validity: m.calculators.find((c) => c.name === name)?.validity ?? {}, depth: chainDepth(m, byPath), offered: m.calculators.some((c) => c.name === name) }))
      .filter((v) => v.offered && !empty(v.validity))
      .sort((a, b) => b.depth - a.depth || (b.validity.from ?? "").localeCompare(a.validity.from ?? "") || b.member - a.member);
    // With no 日期, the version in force last (an open end is the latest), as a single policy
    // takes its newest time version.
    let newest = 0;
    versions.forEach((v, i) => {
      const end = (x: Validity) => x.to ?? "9999-12-31";
      if (end(v.validity) > end(versions[newest].validity)) newest = i;
    });
    return { name, versions: versions.map(({ member, validity }) => ({ member, validity })), newest };
  }).filter((c) => c.versions.length > 0);
}

const empty = (v: Validity) => v.from !== undefined && v.to !== undefined && v.from > v.to;

/** The index module's text for one target, formatted like the policies' modules. */
export async function emitIndex(index: IndexModule, target: IndexTarget): Promise<string> {
  const prettier = await import("prettier");
  return prettier.format(indexText(index, target), { parser: target === "js" ? "babel" : "babel-ts", printWidth: 100 });
}

function indexText(index: IndexModule, target: IndexTarget): string {
  const { family, specifiers } = index;
  const typed = target === "ts";
  const calcs = calculatorVersions(family);
  const ns = (i: number) => `版本${i + 1}`;
  const lines: string[] = [
    `// 由 zhengce 生成，请勿手工修改：${family.root.name}${family.root.docNumber ? `（${family.root.docNumber}）` : ""}及其修订，`,
    `// 按输入的「日期」选用当日有效的版本。来源：${index.sourceNames.join("、")}`,
    "",
  ];
  if (target === "dts") {
    family.members.forEach((_, i) => lines.push(`import type * as ${ns(i)} from ${JSON.stringify(specifiers[i])};`));
  } else {
    lines.push(`import { InputError, foldKey, parseDate } from "@zhengce/runtime";`);
    family.members.forEach((_, i) => lines.push(`import * as ${ns(i)} from ${JSON.stringify(specifiers[i])};`));
  }
  lines.push("");

  // The versions, for display and for callers that list them.
  const versionType = `{ readonly 名称: string; readonly 文号?: string; readonly 发布?: string; readonly 基于?: string }`;
  lines.push(`/** 本索引中的各版本（政策文件头），依次为基础政策及其修订。 */`);
  if (target === "dts") lines.push(`export declare const 版本: readonly ${versionType}[];`);
  else {
    lines.push(`export const 版本${typed ? `: readonly ${versionType}[]` : ""} = [`);
    for (const m of family.members) {
      const base = m.basedOn ? family.members.find((x) => x.path === m.basedOn) : undefined;
      const fields = [`名称: ${JSON.stringify(m.name)}`];
      if (m.docNumber) fields.push(`文号: ${JSON.stringify(m.docNumber)}`);
      if (m.published) fields.push(`发布: ${JSON.stringify(m.published)}`);
      if (base) fields.push(`基于: ${JSON.stringify(base.name)}`);
      lines.push(`  { ${fields.join(", ")} },`);
    }
    lines.push(`];`, "");
  }

  if (target !== "dts") lines.push(...chooser(typed), "");

  const entries: string[] = [];
  for (const c of calcs) {
    const key = JSON.stringify(c.name);
    const impl = (member: number) => `${ns(member)}.calculators[${key}]`;
    const members = [...new Set(c.versions.map((v) => v.member))];
    const runType = (m: number) => `(typeof ${ns(m)}.calculators)[${key}]["run"]`;
    const local = isIdentifier(c.name) ? c.name : `calculator${entries.length + 1}`;
    const exported = isIdentifier(c.name);
    const exp = exported ? "export " : "";
    // The input must suit whichever version the date picks; the result is one of theirs.
    const inputType = `${local}输入`;
    const resultType = `${local}结果`;
    const spans = c.versions.map((v) => span(v.validity)).join("、");
    if (typed || target === "dts") {
      lines.push(
        `/** 「${c.name}」的输入：各版本都接受的输入。 */`,
        `${exp}type ${inputType} = ${members.map((m) => `Parameters<${runType(m)}>[0]`).join(" & ")};`,
        `/** 「${c.name}」的结果：所选版本的结果。 */`,
        `${exp}type ${resultType} = ${members.map((m) => `ReturnType<${runType(m)}>`).join(" | ")};`,
      );
    }
    lines.push(`/** 「${c.name}」：按「日期」选用当日有效的版本（${spans}）；无「日期」时用最新的版本。 */`);
    if (target === "dts") {
      lines.push(
        `${exp}declare function ${local}(raw: ${inputType}, options?: ${OPTIONS_TYPE}): ${resultType};`,
        `/** 「${c.name}」：一人一年内按日期排列的多件；各件须在同一版本的有效期内。 */`,
        `${exp}declare function ${local}序列(raws: readonly ${inputType}[], options?: ${OPTIONS_TYPE}): readonly ${resultType}[];`,
        "",
      );
    } else {
      const table = `${local}的版本`;
      lines.push(
        `const ${table} = [`,
        ...c.versions.map((v) => `  { ${v.validity.from ? `起: ${JSON.stringify(v.validity.from)}, ` : ""}${v.validity.to ? `止: ${JSON.stringify(v.validity.to)}, ` : ""}计算: ${impl(v.member)} },`),
        `];`,
        typed
          ? `${exp}function ${local}(raw: ${inputType}, options: ${OPTIONS_TYPE} = {}): ${resultType} {`
          : `${exp}function ${local}(raw, options = {}) {`,
        `  return 选用(${table}, ${c.newest}, ${key}, raw, "").run(raw${typed ? " as never" : ""}, options);`,
        `}`,
        `/** 「${c.name}」：一人一年内按日期排列的多件；各件须在同一版本的有效期内。 */`,
        typed
          ? `${exp}function ${local}序列(raws: readonly ${inputType}[], options: ${OPTIONS_TYPE} = {}): readonly ${resultType}[] {`
          : `${exp}function ${local}序列(raws, options = {}) {`,
        `  return 选用序列(${table}, ${c.newest}, ${key}, raws).runSequence(raws${typed ? " as never" : ""}, options);`,
        `}`,
        "",
      );
    }
    entries.push(`  ${key}: { name: ${key}, run: ${local}, runSequence: ${local}序列 },`);
  }
  lines.push(`/** 全部计算器，按名称（名称不是合法标识符的计算器只在这里）。 */`);
  if (target === "dts") {
    lines.push(`export declare const calculators: {`);
    for (const c of calcs) {
      const local = isIdentifier(c.name) ? c.name : `calculator${calcs.indexOf(c) + 1}`;
      lines.push(`  readonly ${JSON.stringify(c.name)}: { readonly name: string; readonly run: typeof ${local}; readonly runSequence: typeof ${local}序列 };`);
    }
    lines.push(`};`);
    // Non-identifier names are declared but not exported above; keep the declaration file a module.
    lines.push(`export {};`);
  } else lines.push(`export const calculators = {`, ...entries, `}${typed ? " as const" : ""};`);
  return lines.join("\n") + "\n";
}

function span(v: Validity): string {
  if (v.from && v.to) return `${v.from} 至 ${v.to}`;
  if (v.from) return `${v.from} 起`;
  if (v.to) return `至 ${v.to}`;
  return "不限日期";
}

/** The two functions that pick a version; written into each index so it imports only the runtime. */
function chooser(typed: boolean): string[] {
  const t = (s: string) => (typed ? s : "");
  return [
    t(`interface 版本条目<T> {\n  起?: string;\n  止?: string;\n  计算: T;\n}\n`),
    `const 日期键 = foldKey("日期");`,
    "",
    `/** 输入中的「日期」（键不分全角半角、繁体简体），没有则为 null。 */`,
    `function 日期之值(raw${t(": unknown")}, field${t(": string")})${t(": string | null")} {`,
    `  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;`,
    `  for (const [k, v] of Object.entries(raw)) if (foldKey(k) === 日期键 && v !== null && v !== undefined) return parseDate(v, field ? \`\${field}.\${k}\` : k);`,
    `  return null;`,
    `}`,
    "",
    `const 期间 = (v${t(": { 起?: string; 止?: string }")}) => (v.起 && v.止 ? \`\${v.起} 至 \${v.止}\` : v.起 ? \`\${v.起} 起\` : v.止 ? \`至 \${v.止}\` : "不限日期");`,
    "",
    `/** 当日有效的版本（修订优先于它所修订的政策）；无日期时为最新的版本；没有版本有效则是指明「日期」的输入错误。 */`,
    `function 选用${t("<T>")}(versions${t(": readonly 版本条目<T>[]")}, newest${t(": number")}, name${t(": string")}, raw${t(": unknown")}, field${t(": string")})${t(": T")} {`,
    `  const date = 日期之值(raw, field);`,
    `  if (date === null) return versions[newest]${t("!")}.计算;`,
    `  for (const v of versions) if ((v.起 === undefined || v.起 <= date) && (v.止 === undefined || date <= v.止)) return v.计算;`,
    `  const where = field ? \`\${field}.日期\` : "日期";`,
    `  throw new InputError(where, \`字段「\${where}」为 \${date}，「\${name}」没有在这一天有效的版本（有效期：\${versions.map(期间).join("、")}）\`, "某一版本有效期内的日期", "R117");`,
    `}`,
    "",
    `/** 一人一年的多件须由同一版本连续结转累计：各件的「日期」须落在同一版本内。 */`,
    `function 选用序列${t("<T>")}(versions${t(": readonly 版本条目<T>[]")}, newest${t(": number")}, name${t(": string")}, raws${t(": readonly unknown[]")})${t(": T")} {`,
    `  if (!Array.isArray(raws) || raws.length === 0) return versions[newest]${t("!")}.计算;`,
    `  const first = 选用(versions, newest, name, raws[0], "第1项");`,
    `  raws.forEach((raw, i) => {`,
    `    if (i > 0 && 选用(versions, newest, name, raw, \`第\${i + 1}项\`) !== first) {`,
    `      throw new InputError(\`第\${i + 1}项.日期\`, \`字段「第\${i + 1}项.日期」与第1项不在同一版本的有效期内：累计只能在同一版本内结转，请按版本分开计算\`, "与第1项同一版本有效期内的日期", "R119");`,
    `    }`,
    `  });`,
    `  return first;`,
    `}`,
  ].filter((l) => l !== "");
}
