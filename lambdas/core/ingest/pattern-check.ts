/**
 * A contract column's `pattern` as a test of a whole value. Most patterns are one character
 * class repeated (`[A-Za-z0-9_.-]{1,64}` for codes, `[0-9a-f]{64}` for keyed hashes); those
 * are checked against a table of the class's characters, in one loop over the value: on 1 M
 * canonical `admin_dossiers` rows the regex of the hash column alone took 0.27 s of the
 * parser's thread. Any other pattern is the regex itself, anchored.
 */
export function patternCheck(pattern: string): (value: string) => boolean {
  const repeated = /^\[([^\]\\^[]+)\](?:\{(\d+)(?:,(\d+))?\}|(\+)|(\*))$/.exec(pattern);
  const allowed = repeated && classTable(repeated[1]!);
  if (!repeated || !allowed) {
    const regex = new RegExp(`^(?:${pattern})$`);
    return (value) => regex.test(value);
  }
  const [, , exactly, atMost, plus] = repeated;
  const min = exactly !== undefined ? Number(exactly) : plus ? 1 : 0;
  const max = atMost !== undefined ? Number(atMost) : exactly !== undefined ? min : Infinity;
  return (value) => {
    const length = value.length;
    if (length < min || length > max) return false;
    for (let i = 0; i < length; i++) {
      const code = value.charCodeAt(i);
      if (code > 127 || allowed[code] === 0) return false;
    }
    return true;
  };
}

/**
 * The ASCII characters a class body (`A-Za-z0-9_.-`) names, or undefined for a body this
 * reading does not cover (escapes and negation are left to the regex, as is anything outside
 * printable ASCII). A `-` first or last is itself; between two characters it is a range.
 */
function classTable(body: string): Uint8Array | undefined {
  const table = new Uint8Array(128);
  for (let i = 0; i < body.length; i++) {
    const from = body.charCodeAt(i);
    if (from < 32 || from > 126) return undefined;
    if (body[i + 1] === '-' && i + 2 < body.length) {
      const to = body.charCodeAt(i + 2);
      if (to < from || to > 126) return undefined;
      table.fill(1, from, to + 1);
      i += 2;
    } else table[from] = 1;
  }
  return table;
}
