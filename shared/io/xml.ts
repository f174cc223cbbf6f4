// Escaping for XML text and attribute values (draw.io and SVG exports).

/** Characters XML 1.0 does not allow at all: C0 controls other than tab, LF and CR. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/** A UTF-16 surrogate without its partner: not a character, so not allowed either. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text made safe to put between tags or inside a double- or single-quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An attribute value that keeps line breaks (a literal newline in an attribute reads as a space). */
export function escapeAttr(text: string): string {
  return escapeXml(text)
    .replace(/\r\n|\r|\n/g, '&#xa;')
    .replace(/\t/g, '&#x9;');
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text an escaped XML text or attribute value stands for. */
export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return NAMED[ref] ?? whole;
  });
}

/** A number as short as it can be written in an attribute (no "-0", at most 2 decimals). */
export function num(n: number): string {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}
