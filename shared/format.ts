// How numbers and durations are written wherever a person reads them: the app, the Mermaid, SVG
// and draw.io exports, the reports and the CLI. One place, so a timeout of 10,000 ms and one of
// 5,000 ms read alike ("10 s", "5 s") in every format.

/** A figure with at most `digits` decimals and no float noise: 0.1 + 0.2 → "0.3". */
export function fmt(n: number, digits = 3): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toFixed(digits)));
}

/** Thousands as k and millions as M from ten thousand up: 1000000 → "1M", 25000 → "25k". */
export function compactNumber(n: number): string {
  const round = (v: number) => String(Math.round(v * 10) / 10);
  if (Math.abs(n) >= 1_000_000) return `${round(n / 1_000_000)}M`;
  if (Math.abs(n) >= 10_000) return `${round(n / 1000)}k`;
  return round(n);
}

/**
 * A duration given in milliseconds, in the unit it reads best in: under a second in ms
 * ("250 ms", "0.5 ms"), from a second up in s ("5 s", "1.25 s", "90 s").
 */
export function durationText(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (Math.abs(ms) < 1000) return `${fmt(ms, 1)} ms`;
  return `${fmt(ms / 1000, 2)} s`;
}
