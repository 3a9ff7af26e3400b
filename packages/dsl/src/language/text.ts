// Small rules about written text that several tools need: quoted names and the document a
// citation names.
import { foldName } from "../fold.js";

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

/** Words a notice puts before a rate (「给付50%」「报销比例为80%」); a slice or row gives the rate alone. */
const RATE_VERBS = /^(报销比例为|支付比例为|基金支付|给付|报销|支付|赔付)/;

/** The hint for a rate written after such a word, or undefined when `word` does not start with one. */
export function rateVerbHint(word: string): string | undefined {
  // Compared in simplified script (「給付」「報銷」), shown as written.
  const verb = foldName(word).match(RATE_VERBS)?.[1];
  return verb && `「${word.slice(0, verb.length)}」不用写：冒号后直接写比例，如「：50%」`;
}
