// Small rules about written text that several tools need: quoted names and the document a
// citation names.

/** Quotation marks a name or text may be written in, opening → closing. */
export const QUOTES: Readonly<Record<string, string>> = { "「": "」", "『": "』", '"': '"', "“": "”" };

/** Is the token image a quoted name (「…」, 『…』, "…", “…”)? */
export function isQuoted(image: string): boolean {
  return image.length >= 2 && QUOTES[image[0]] === image[image.length - 1];
}

/** A name or text as written, without its quotation marks. */
export function unquote(image: string): string {
  return isQuoted(image) ? image.slice(1, -1) : image;
}

/** Does a clause reference already name its document (`江府办〔2017〕20号 二、（四）`)? */
export function namesDocument(clause: string): boolean {
  return /〔\d{4}〕\d+号|\[\d{4}\]\d+号/.test(clause.normalize("NFKC"));
}

/** The clause a rule cites, prefixed by the document number of the file it stands in unless it names one. */
export function citedClause(clause: string, docNumber: string | undefined): string {
  return docNumber && !namesDocument(clause) ? `${docNumber} ${clause}` : clause;
}
