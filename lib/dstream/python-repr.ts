// Values printed the way Python's print() shows them, so pprint output matches PySpark byte for
// byte. JS arrays stand for Python tuples (the TS spelling of `(word, 1)` is `[word, 1]`); a
// ResultIterable (groupByKey/cogroup values) prints as a Python list; a Uint8Array (binaryRecordsStream)
// as Python bytes b'\x00...'.

/** The values of one key after groupByKey/cogroup; prints as a Python list `[1, 2]`. */
export class ResultIterable<T> extends Array<T> {
  static fromItems<T>(items: Iterable<T>): ResultIterable<T> {
    const result = new ResultIterable<T>();
    for (const item of items) result.push(item);
    return result;
  }
}

/** Python `str(value)`: what print(value) writes (strings without quotes). */
export function pythonStr(value: unknown): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}

/** Python `repr(value)`. */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  switch (typeof value) {
    case 'string':
      return stringRepr(value);
    case 'number':
      return floatOrIntRepr(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'True' : 'False';
    default:
      break;
  }
  if (value instanceof Uint8Array) return bytesRepr(value);
  if (value instanceof ResultIterable) return `[${value.map(pythonRepr).join(', ')}]`;
  if (Array.isArray(value)) {
    if (value.length === 1) return `(${pythonRepr(value[0])},)`;
    return `(${value.map(pythonRepr).join(', ')})`;
  }
  if (value instanceof Set) return value.size === 0 ? 'set()' : `{${[...value].map(pythonRepr).join(', ')}}`;
  if (value instanceof Map) return `{${[...value].map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`).join(', ')}}`;
  if (value instanceof Date) return `datetime.datetime(${value.getFullYear()}, ${value.getMonth() + 1}, ${value.getDate()}, ${value.getHours()}, ${value.getMinutes()}, ${value.getSeconds()})`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${stringRepr(k)}: ${pythonRepr(v)}`).join(', ')}}`;
  }
  return String(value);
}

function floatOrIntRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  // Integral JS numbers are Python ints (the TS port of `(word, 1)` writes 1, not 1.0).
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return Object.is(n, -0) ? '-0.0' : String(n);
  // Python writes exponents with at least two digits and uses them from 1e16 and below 1e-4.
  const text = String(n);
  const m = /^(-?[\d.]+)e([+-])(\d+)$/.exec(text);
  if (m) return `${m[1]}e${m[2]}${m[3].padStart(2, '0')}`;
  if (Math.abs(n) >= 1e16) return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  return text;
}

function stringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0x80 && code < 0xa0) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** Python bytes repr: printable ASCII as is, \t \n \r and the quote escaped, the rest \xhh. */
function bytesRepr(bytes: Uint8Array): string {
  const quote = bytes.includes(0x27) && !bytes.includes(0x22) ? '"' : "'";
  let out = `b${quote}`;
  for (const b of bytes) {
    if (b === 0x5c) out += '\\\\';
    else if (String.fromCharCode(b) === quote) out += `\\${quote}`;
    else if (b === 0x09) out += '\\t';
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b < 0x20 || b >= 0x7f) out += `\\x${b.toString(16).padStart(2, '0')}`;
    else out += String.fromCharCode(b);
  }
  return out + quote;
}
