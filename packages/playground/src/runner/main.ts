// The runner, the playground's second Web Worker: all the compiler computes — the worked examples
// the language server shows, the 运行 tab's calculators, result and burden curves, the 对比 tab's
// diff and sample — off the language server's thread, so that a keystroke's diagnostics never
// wait for them. The language server's worker passes each request on with the texts of the
// analyses it reads (jobs); they are analysed again here, once per text, from the last version.
import type { RunnerMessage, RunnerReply } from "../protocol.js";
import { receive } from "./serve.js";

const reply = (message: RunnerReply) => (self as unknown as Worker).postMessage(message);
self.onmessage = (e: MessageEvent<RunnerMessage>) => receive(e.data, reply);
