// node:fs for the browser bundle: there is no disk. The language server is given an in-memory
// file set instead, so none of these is called; each says so if one ever is.
function noDisk(): never {
  throw new Error("浏览器中没有文件系统");
}
export const readFileSync = noDisk;
export const existsSync = (): boolean => false;
export const readdirSync = noDisk;
export const statSync = noDisk;
export const writeFileSync = noDisk;
export default { readFileSync, existsSync, readdirSync, statSync, writeFileSync };
