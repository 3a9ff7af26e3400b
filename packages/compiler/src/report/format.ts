// Numbers as a Chinese reader expects them in a report: money with thousands separators and
// two decimals, large amounts in 万, signed differences, shares as percentages.

/** 1234560 (cents) → "12,345.60". Exact for any integer number of cents. */
export function yuan(cents: bigint | number): string {
  const c = typeof cents === "bigint" ? cents : BigInt(Math.round(cents));
  const negative = c < 0n;
  const abs = negative ? -c : c;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const frac = (abs % 100n).toString().padStart(2, "0");
  return `${negative ? "−" : ""}${whole}.${frac}`;
}

/** Cents as the JSON outputs write money: "-180.00", no separators. */
export function plainYuan(cents: bigint | number): string {
  return yuan(cents).replace(/,/g, "").replace("−", "-");
}

/** A difference with its sign: "+1,000.00" / "−250.50" / "0.00". */
export function signedYuan(cents: bigint | number): string {
  const c = typeof cents === "bigint" ? cents : BigInt(Math.round(cents));
  return c > 0n ? `+${yuan(c)}` : yuan(c);
}

/** An axis or bin label in yuan: 0, 500, 2000, 1万, 2.5万, 50万, 1000万. */
export function shortYuan(value: number): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? "−" : "";
  if (abs >= 10000) return `${sign}${trim(abs / 10000)}万`;
  return `${sign}${trim(abs)}`;
}

function trim(n: number): string {
  return Number(n.toFixed(2)).toString();
}

/** part / whole as a percentage with one decimal: "12.5%"; "—" when whole is 0. */
export function percent(part: number, whole: number): string {
  if (whole === 0) return "—";
  return `${((part / whole) * 100).toFixed(1)}%`;
}

/** 1234567 → "1,234,567". */
export function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** Money text ("12345.60", "-3.5") → integer cents, exactly; undefined when it is not money. */
export function centsOf(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return undefined;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -cents : cents;
}
