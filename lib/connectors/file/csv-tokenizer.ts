// Splits CSV text into string tokens the way Spark's univocity settings do: a delimiter of one or
// more characters, an optional quote character with an escape character for quotes inside quoted
// values (plus the escape's own escape before a quote), whitespace trimming outside quotes,
// `nullValue` for an empty unquoted value and `emptyValue` for "" (quoted empty). An unescaped
// quote inside a quoted value falls back to reading up to the delimiter (STOP_AT_DELIMITER).

export interface CsvTokenizerSettings {
  delimiter: string;
  /** U+0000 turns quoting off. */
  quote: string;
  escape: string;
  /** Escapes the escape character right before a quote (default: the escape itself). */
  charToEscapeQuoteEscaping: string;
  /** Lines starting with it are skipped; undefined when comments are off. */
  comment: string | undefined;
  ignoreLeadingWhiteSpace: boolean;
  ignoreTrailingWhiteSpace: boolean;
  nullValue: string;
  emptyValue: string;
  /** Record separator for multi-line parsing; undefined means \n, \r\n or \r. */
  lineSep: string | undefined;
}

export interface CsvRecord {
  tokens: string[];
  /** The record's text without its line terminator (the corrupt-record value). */
  raw: string;
}

const isWhitespace = (c: string | undefined): boolean => c !== undefined && c <= ' ' && c !== '\n' && c !== '\r';

/** Whether a line is skipped before parsing: blank, or a comment when comments are on. */
export function isSkippedLine(line: string, s: CsvTokenizerSettings): boolean {
  return line.trim().length === 0 || (s.comment !== undefined && line.startsWith(s.comment));
}

/** The tokens of one line (no line terminator inside; an open quote runs to the line's end). */
export function tokenizeLine(line: string, s: CsvTokenizerSettings): string[] {
  // Fast path: nothing to unquote or trim.
  if (s.delimiter.length === 1 && (s.quote === '\u0000' || !line.includes(s.quote)) && !s.ignoreLeadingWhiteSpace && !s.ignoreTrailingWhiteSpace) {
    const parts = line.split(s.delimiter);
    for (let i = 0; i < parts.length; i++) if (parts[i] === '') parts[i] = s.nullValue;
    return parts;
  }
  return new CsvScanner(line, s, false).record(0).tokens;
}

/** Every record of a text where quoted values may span lines (the `multiLine` option). */
export function tokenizeText(text: string, s: CsvTokenizerSettings): CsvRecord[] {
  const scanner = new CsvScanner(text, s, true);
  const out: CsvRecord[] = [];
  let pos = 0;
  while (pos < text.length) {
    const lineEnd = scanner.lineEndFrom(pos);
    if (isSkippedLine(text.slice(pos, lineEnd), s)) {
      pos = scanner.afterLineEnd(lineEnd);
      continue;
    }
    const r = scanner.record(pos);
    out.push({ tokens: r.tokens, raw: text.slice(pos, r.contentEnd) });
    pos = r.next;
  }
  return out;
}

class CsvScanner {
  constructor(
    private readonly text: string,
    private readonly s: CsvTokenizerSettings,
    private readonly multiLine: boolean,
  ) {}

  /** Length of the line terminator at `pos` (0 when none). */
  private terminatorAt(pos: number): number {
    if (!this.multiLine) return 0;
    const t = this.text;
    if (this.s.lineSep !== undefined) return t.startsWith(this.s.lineSep, pos) ? this.s.lineSep.length : 0;
    if (t[pos] === '\r') return t[pos + 1] === '\n' ? 2 : 1;
    return t[pos] === '\n' ? 1 : 0;
  }

  lineEndFrom(pos: number): number {
    while (pos < this.text.length && this.terminatorAt(pos) === 0) pos++;
    return pos;
  }

  afterLineEnd(pos: number): number {
    return pos + Math.max(this.terminatorAt(pos), pos < this.text.length ? 1 : 0);
  }

  private atFieldEnd(pos: number): boolean {
    return pos >= this.text.length || this.text.startsWith(this.s.delimiter, pos) || this.terminatorAt(pos) > 0;
  }

  /** One record from `pos`: its tokens, where its content ends and where the next one starts. */
  record(pos: number): { tokens: string[]; contentEnd: number; next: number } {
    const { text, s } = this;
    const tokens: string[] = [];
    for (;;) {
      let p = pos;
      if (s.ignoreLeadingWhiteSpace) while (isWhitespace(text[p]) && !this.atFieldEnd(p)) p++;
      let token: string;
      if (s.quote !== '\u0000' && text[p] === s.quote) {
        const q = this.quoted(p + 1);
        p = q.end;
        let after = p;
        while (isWhitespace(text[after]) && !this.atFieldEnd(after)) after++;
        if (this.atFieldEnd(after)) {
          p = after;
          token = q.value === '' ? s.emptyValue : q.value;
        } else {
          // An unescaped quote: keep it and read on as an unquoted value up to the delimiter.
          let e = p;
          while (!this.atFieldEnd(e)) e++;
          token = q.value + (q.closed ? s.quote : '') + text.slice(p, e);
          p = e;
        }
      } else {
        let e = p;
        while (!this.atFieldEnd(e)) e++;
        let value = text.slice(p, e);
        if (s.ignoreTrailingWhiteSpace) value = value.replace(/[\u0000-\u0020]+$/, '');
        token = value === '' ? s.nullValue : value;
        p = e;
      }
      tokens.push(token);
      if (p < text.length && text.startsWith(s.delimiter, p)) {
        pos = p + s.delimiter.length;
        continue;
      }
      const term = this.terminatorAt(p);
      return { tokens, contentEnd: p, next: p + term };
    }
  }

  /** A quoted value starting after the opening quote; `end` is just past the closing quote. */
  private quoted(pos: number): { value: string; end: number; closed: boolean } {
    const { text, s } = this;
    let out = '';
    let i = pos;
    while (i < text.length) {
      const c = text[i];
      if (c === s.escape && s.escape !== s.quote && text[i + 1] === s.quote) {
        out += s.quote;
        i += 2;
        continue;
      }
      if (c === s.charToEscapeQuoteEscaping && c !== s.quote && text[i + 1] === s.escape && text[i + 2] === s.quote && s.escape !== s.quote) {
        out += s.escape;
        i += 2;
        continue;
      }
      if (c === s.quote) {
        if (s.escape === s.quote && text[i + 1] === s.quote) {
          out += s.quote;
          i += 2;
          continue;
        }
        return { value: out, end: i + 1, closed: true };
      }
      out += c;
      i++;
    }
    return { value: out, end: i, closed: false };
  }
}
