/** One line of the calculation trace (计算过程). */
export interface TraceStep {
  项目: string;
  说明: string;
  依据: string;
  值?: string;
}

/**
 * Collects trace steps when enabled. Generated code should guard with
 * `if (trace.enabled)` before building a step, so that a disabled trace costs neither
 * the object nor the formatting of its strings.
 */
export class Trace {
  readonly enabled: boolean;
  readonly steps: TraceStep[] = [];

  constructor(enabled: boolean) {
    this.enabled = enabled;
  }

  add(step: TraceStep): void {
    if (this.enabled) this.steps.push(step);
  }
}

/** A shared disabled trace, for callers that never want one. */
export const NO_TRACE: Trace = new Trace(false);
