// The source notice of a policy: its numbered clauses, and the policy's 依据 checked against them.
export { parseNotice, clauseText, foldText, type Clause, type NoticeDocument, type NoticeMeta } from "./document.js";
export { parseReference, lineNumbering, chineseNumber, chineseNumeral, type RefSegment, type NumberingKind } from "./numbering.js";
export { resolveReference, clausesQuoting, quoteParts, occursInOrder, type Resolution, type Scope } from "./resolve.js";
export { sourceOf, noticeOf, headerOf, checkAgainstNotice, NOTICE_CODES, type PolicySource } from "./source.js";
export { draftCandidates, draftPolicy, sentenceNumbers, type DraftCandidate, type DraftNumber } from "./draft.js";
export { coverage, citingDeclarations, numbersIn, type ClauseCoverage, type PolicyCitations } from "./coverage.js";
export { verifyCitations, citationsOf, citationsIn, citationParts, ownClause, type CitationFinding, type NoticeCode } from "./verify.js";
