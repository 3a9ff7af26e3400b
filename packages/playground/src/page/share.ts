// The share link: the open files' text, the active tab, the form and the side tab, as JSON compressed with
// the browser's own deflate (CompressionStream) into the URL fragment — which never reaches a
// server. Reading a link back gives the same state.
import type { CompareState } from "./compare.js";
import type { RunState } from "./run.js";

export interface SharedState {
  v: 1;
  files: { path: string; text: string }[];
  active: string;
  run?: RunState;
  /** The side tab shown (its pane's id) and the 对比 tab's settings. */
  pane?: string;
  compare?: CompareState;
}

const PREFIX = "#s=";

function toBase64Url(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const body = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(body).arrayBuffer());
}

export async function encodeShare(state: SharedState): Promise<string> {
  const packed = await pipe(new TextEncoder().encode(JSON.stringify(state)), new CompressionStream("deflate-raw"));
  return PREFIX + toBase64Url(packed);
}

/** The state in a fragment, or undefined when it holds none; throws a Chinese message when it is damaged. */
export async function decodeShare(hash: string): Promise<SharedState | undefined> {
  if (!hash.startsWith(PREFIX)) return undefined;
  try {
    const json = new TextDecoder().decode(await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream("deflate-raw")));
    const state = JSON.parse(json) as SharedState;
    if (state.v !== 1 || !Array.isArray(state.files) || typeof state.active !== "string") throw new Error();
    return state;
  } catch {
    throw new Error("分享链接已损坏或不完整，无法恢复；已打开默认政策");
  }
}
