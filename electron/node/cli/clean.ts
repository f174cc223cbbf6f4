// What the CLI prints comes partly from the document (scenario, SLO and node names, messages):
// control characters in it could clear the screen, set the window title or draw a fake
// "SLO PASS". Every line the CLI prints goes through cleanText; JSON keeps its data and escapes
// the characters a terminal might act on.
import type { Output } from './commands';

// C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides and isolates
// that can make a line read differently from its bytes.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** The text with every control character a terminal could act on removed. */
export const cleanText = (text: string): string => text.replace(UNSAFE, '');

/**
 * JSON text with the C1 controls, bidi overrides and line separators written as \u escapes (the
 * same JSON value; JSON.stringify already escapes C0).
 */
export const escapeJsonControls = (json: string): string =>
  json.replace(
    /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** The output with out() and err() cleaned; raw() writes to stderr as is (the progress bar). */
export function cleaned(io: Output): Output & { raw(text: string): void } {
  return {
    out: (text) => io.out(cleanText(text)),
    err: (text) => io.err(cleanText(text)),
    raw: (text) => io.err(text),
    tty: io.tty,
    now: () => io.now(),
  };
}
