// JSON.parse and everything after it (validation, walks) get input of bounded depth: a 16 KB body of
// nested brackets once cost seconds of CPU and overflowed the stack. The limit is checked on the
// text, in one pass that recurses into nothing.

export const MAX_JSON_DEPTH = 400;

/** True when brackets in `text` nest deeper than `max`, counting only those outside strings. */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character, a quote included
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
