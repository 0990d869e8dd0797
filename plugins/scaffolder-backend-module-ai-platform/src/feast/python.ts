/**
 * A Python string literal of `value`: JSON-style, double-quoted, and ASCII only. Quotes,
 * backslashes and control characters are escaped as JSON escapes them; every other character
 * outside printable ASCII becomes `\uXXXX`, or `\UXXXXXXXX` beyond the Basic Multilingual Plane
 * (where JSON's surrogate pairs would be two characters to Python). Nothing a user types can
 * end the literal or start code.
 */
export function pyStr(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === '\\') {
      out += `\\${char}`;
    } else if (char === '\n') {
      out += '\\n';
    } else if (char === '\r') {
      out += '\\r';
    } else if (char === '\t') {
      out += '\\t';
    } else if (code >= 0x20 && code < 0x7f) {
      out += char;
    } else if (code <= 0xffff) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else {
      out += `\\U${code.toString(16).padStart(8, '0')}`;
    }
  }
  return `${out}"`;
}

/** A Python list of string literals, on one line. */
export function pyStrList(values: string[]): string {
  return `[${values.map(pyStr).join(', ')}]`;
}

/** A Python dict of string keys and values, on one line. */
export function pyStrDict(record: Record<string, string>): string {
  const entries = Object.entries(record).map(
    ([key, value]) => `${pyStr(key)}: ${pyStr(value)}`,
  );
  return `{${entries.join(', ')}}`;
}

/**
 * A call with keyword arguments, one to a line, indented by `indent` spaces (as Black lays out
 * calls too long for one line). Arguments whose value is `undefined` are left out.
 */
export function pyCall(
  callee: string,
  kwargs: [string, string | undefined][],
  indent = 0,
): string {
  const pad = ' '.repeat(indent + 4);
  const lines = kwargs
    .filter((kv): kv is [string, string] => kv[1] !== undefined)
    .map(([key, value]) => `${pad}${key}=${value},`);
  return `${callee}(\n${lines.join('\n')}\n${' '.repeat(indent)})`;
}
