// TEMP until runtime fold lands
export const foldName = (s: string) => s.normalize("NFKC");
