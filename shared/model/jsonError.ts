// Where a text stops being JSON, for V8 errors that give no position ("Unexpected token 'a',
// "apiVersion"... is not valid JSON"): a small scan of the JSON grammar (RFC 8259) that stops at
// the first character that cannot continue it. Only run after JSON.parse has failed.

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Offset of the first character that breaks the JSON grammar; the text's length if it ends early. */
export function jsonErrorOffset(s: string): number {
  let i = 0;
  const ws = () => {
    while (i < s.length && WS.has(s[i] as string)) i++;
  };
  const fail = (): never => {
    throw new Stop(i);
  };
  const string = () => {
    i++;
    while (i < s.length) {
      const c = s[i] as string;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') i += 2;
      else if (c < ' ') fail();
      else i++;
    }
    fail();
  };
  // An explicit stack instead of recursion: deep nesting cannot overflow the call stack.
  const open: string[] = [];
  /** Read a value; true when it opened a non-empty object or array (its first value is next). */
  const value = (): boolean => {
    ws();
    const c = s[i];
    if (c === '{' || c === '[') {
      i++;
      ws();
      if (s[i] === (c === '{' ? '}' : ']')) {
        i++;
        return false;
      }
      open.push(c);
      if (c === '{') key();
      return true;
    }
    if (c === '"') {
      string();
      return false;
    }
    NUMBER.lastIndex = i;
    if (NUMBER.test(s)) {
      i = NUMBER.lastIndex;
      return false;
    }
    for (const lit of ['true', 'false', 'null'])
      if (s.startsWith(lit, i)) {
        i += lit.length;
        return false;
      }
    return fail();
  };
  const key = () => {
    ws();
    if (s[i] !== '"') fail();
    string();
    ws();
    if (s[i] !== ':') fail();
    i++;
  };
  try {
    let next = true;
    for (;;) {
      if (next && value()) continue;
      next = false;
      ws();
      const top = open[open.length - 1];
      if (top === undefined) break;
      if (s[i] === ',') {
        i++;
        if (top === '{') key();
        next = true;
        continue;
      }
      if (s[i] === (top === '{' ? '}' : ']')) {
        i++;
        open.pop();
        continue;
      }
      fail();
    }
    return i < s.length ? i : s.length;
  } catch (e) {
    if (e instanceof Stop) return Math.min(e.at, s.length);
    throw e;
  }
}

class Stop {
  constructor(readonly at: number) {}
}
