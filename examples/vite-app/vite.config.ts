import { defineConfig } from "vite";
import { zhengce } from "@zhengce/vite-plugin";

// `import … from "….policy"` compiles the policy into its calculators (and writes the
// `.d.policy.ts` declarations TypeScript reads beside it).
export default defineConfig({
  plugins: [zhengce()],
});
