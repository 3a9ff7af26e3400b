// Round axis bounds, shared by the worker (choosing the chart's range) and the page (drawing it).

/** An axis from 0 to at least `x` in 4 or 5 round steps (1, 2, 2.5 or 5 × 10ⁿ each). */
export function niceScale(x: number): { max: number; step: number } {
  const target = x > 0 ? x : 100;
  const p = 10 ** Math.floor(Math.log10(target / 4));
  for (const m of [1, 2, 2.5, 5, 10]) {
    const step = m * p;
    if (step * 5 >= target - 1e-9) return { max: Math.ceil(target / step - 1e-9) * step, step };
  }
  return { max: 50 * p, step: 10 * p };
}
