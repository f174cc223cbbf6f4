// Durations as Istio and Compose write them: `1.5s`, `100ms`, `1m30s`, `2h`.
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Milliseconds, or undefined when the text is not a duration. */
export function durationMs(text: unknown): number | undefined {
  if (typeof text === 'number') return text * 1000;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  let total = 0;
  let rest = text.trim();
  while (rest !== '') {
    const m = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * (UNIT_MS[m[2] ?? 's'] ?? 1000);
    rest = rest.slice(m[0].length);
  }
  return total;
}

/** `1500` → `1.5s`, `200` → `200ms`: the shortest exact form. */
export function durationText(ms: number): string {
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${Math.round(ms * 1000) / 1000}ms`;
}
