// The real compiler, each policy loaded once per test file: the catalogue runs the CLI a
// hundred times on the same policy, and what it tests is the input, not the loading.
import { loadPolicy as load } from "../../packages/compiler/src/load.js";
import type { CompiledPolicy } from "../../packages/compiler/src/api.js";

const loaded = new Map<string, Promise<CompiledPolicy>>();

export function loadPolicy(path: string): Promise<CompiledPolicy> {
  let policy = loaded.get(path);
  if (!policy) loaded.set(path, (policy = load(path)));
  return policy;
}
