// Small shared helpers: offsets ↔ LSP positions, URIs, and the guard every handler runs in.
import { pathToFileURL, fileURLToPath } from "node:url";
import { LineIndex, type Span } from "@zhengce/dsl";
import { ResponseError, type Position, type Range } from "./protocol.js";

const indexes = new Map<string, LineIndex>();

/** A LineIndex for a text, memoised on the text itself (the last few texts only). */
export function lineIndex(text: string): LineIndex {
  let ix = indexes.get(text);
  if (!ix) {
    if (indexes.size > 8) indexes.clear();
    ix = new LineIndex(text);
    indexes.set(text, ix);
  }
  return ix;
}

export function toRange(text: string, span: Span): Range {
  return lineIndex(text).range(span);
}

export function toOffset(text: string, p: Position): number {
  return lineIndex(text).offset(p);
}

export function toPosition(text: string, offset: number): Position {
  return lineIndex(text).position(offset);
}

export function contains(outer: Span, offset: number): boolean {
  return outer.start <= offset && offset <= outer.end;
}

/** `file:` URIs in one spelling (percent-encoding, drive letters); others as they are. */
export function canonicalUri(uri: string): string {
  if (!uri.startsWith("file:")) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

export interface Logger {
  error(message: string): void;
}

/**
 * Runs a handler so that no input can take the server down: an exception is logged
 * (as an error on the client's output channel) and the request gets `fallback`.
 */
export function guard<A extends unknown[], R>(log: Logger, name: string, fallback: R, fn: (...args: A) => R | Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      return await fn(...args);
    } catch (e) {
      // A deliberate refusal (an invalid new name) reaches the client as an error response.
      if (e instanceof ResponseError) throw e;
      log.error(`[${name}] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  };
}
