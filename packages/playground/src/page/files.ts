// Where policy texts come from and go to: the site's policies/index.json (the seed policies, or
// the user's own under `zhengce serve`), files opened from disk, and saving back — to the file
// it came from (File System Access in Chromium), to disk through `zhengce serve`, or as a download.
import type { SiteIndex } from "../protocol.js";

/** Files opened from disk are named under this folder in the page (and for the language server). */
export const LOCAL_FOLDER = "/本地";

export interface LocalFile {
  path: string;
  text: string;
  handle?: FileSystemFileHandle;
}

interface PickerWindow {
  showOpenFilePicker?(options: object): Promise<FileSystemFileHandle[]>;
  showSaveFilePicker?(options: object): Promise<FileSystemFileHandle>;
}
const picker = () => window as unknown as PickerWindow;
const TYPES = [{ description: "政策文件", accept: { "text/plain": [".policy"] } }];

export async function loadIndex(): Promise<SiteIndex> {
  const res = await fetch("policies/index.json");
  if (!res.ok) throw new Error(`无法读取政策列表（policies/index.json：${res.status}）`);
  return (await res.json()) as SiteIndex;
}

/** Read dropped or picked files as policies of the page. */
export async function readFiles(files: Iterable<File>, handles: (FileSystemFileHandle | undefined)[] = []): Promise<LocalFile[]> {
  const out: LocalFile[] = [];
  let i = 0;
  for (const f of files) {
    const handle = handles[i++];
    const text = (await f.text()).replace(/^\uFEFF/, "");
    out.push({ path: `${LOCAL_FOLDER}/${f.name}`, text, ...(handle ? { handle } : {}) });
  }
  return out;
}

/** Ask the user for policy files: the browser's file picker (with handles to save back) or an <input type=file>. */
export async function pickFiles(): Promise<LocalFile[]> {
  const w = picker();
  if (w.showOpenFilePicker) {
    try {
      const handles = await w.showOpenFilePicker({ multiple: true, types: TYPES });
      return readFiles(await Promise.all(handles.map((h) => h.getFile())), handles);
    } catch (e) {
      if ((e as DOMException).name === "AbortError") return [];
      throw e;
    }
  }
  const input = document.createElement("input");
  input.type = "file";
  input.multiple = true;
  input.accept = ".policy,text/plain";
  const chosen = await new Promise<FileList | null>((resolve) => {
    input.addEventListener("change", () => resolve(input.files), { once: true });
    input.addEventListener("cancel", () => resolve(null), { once: true });
    input.click();
  });
  return chosen ? readFiles(chosen) : [];
}

export interface SaveTarget {
  path: string;
  handle?: FileSystemFileHandle;
  /** `zhengce serve` writes this file back to disk. */
  served?: boolean;
}

/** Save `text`; returns what happened, in a sentence, and the handle to save to next time. */
export async function saveText(target: SaveTarget, text: string): Promise<{ message: string; handle?: FileSystemFileHandle }> {
  const name = target.path.split("/").pop() ?? "policy.policy";
  if (target.handle) {
    await write(target.handle, text);
    return { message: `已保存「${name}」`, handle: target.handle };
  }
  if (target.served) {
    const res = await fetch(`files${target.path.split("/").map(encodeURIComponent).join("/")}`, {
      method: "PUT",
      headers: { "content-type": "text/plain; charset=utf-8" },
      body: text,
    });
    if (!res.ok) throw new Error((await res.text()) || `保存失败（${res.status}）`);
    return { message: `已写回磁盘：${target.path.replace(/^\//, "")}` };
  }
  const w = picker();
  if (w.showSaveFilePicker) {
    try {
      const handle = await w.showSaveFilePicker({ suggestedName: name, types: TYPES });
      await write(handle, text);
      return { message: `已保存「${handle.name}」`, handle };
    } catch (e) {
      if ((e as DOMException).name === "AbortError") return { message: "未保存" };
      throw e;
    }
  }
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  return { message: `已下载「${name}」` };
}

async function write(handle: FileSystemFileHandle, text: string) {
  const w = await (handle as unknown as { createWritable(): Promise<{ write(t: string): Promise<void>; close(): Promise<void> }> }).createWritable();
  await w.write(text);
  await w.close();
}
