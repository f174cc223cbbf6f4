// Text laid out for the exported picture without a browser to measure it: widths from a table
// of a sans-serif face's advance widths (rounded up, so a box sized by them holds the text), and
// lines broken only between words, as the canvas's CSS breaks them (a word longer than the line
// keeps a line of its own and widens the box; it is never cut).

const NARROW = new Set("ijl.,:;'|!`");
const THIN = new Set('ftrI()[]{}-/\\ "');
const WIDE = new Set('mwMW@%');

/** Advance width of one character, in em. */
function charEm(ch: string): number {
  if (NARROW.has(ch)) return 0.3;
  if (THIN.has(ch)) return 0.38;
  if (WIDE.has(ch)) return 0.9;
  if (/[A-Z]/.test(ch)) return 0.7;
  if (/[0-9]/.test(ch)) return 0.58;
  if (/[a-z]/.test(ch)) return 0.56;
  return 0.64;
}

/** Width in px of `text` at `fontSize` px; bold text is about 8 % wider. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em * fontSize * (bold ? 1.08 : 1);
}

/** `text` in lines no wider than `maxWidth`, broken only at spaces. */
export function wrapWords(
  text: string,
  maxWidth: number,
  fontSize: number,
  bold = false,
): string[] {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && textWidth(next, fontSize, bold) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** The widest of `lines`, in px. */
export function widest(lines: readonly string[], fontSize: number, bold = false): number {
  return lines.reduce((w, l) => Math.max(w, textWidth(l, fontSize, bold)), 0);
}
