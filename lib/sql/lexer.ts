// Spark SQL lexer (SqlBaseLexer.g4, default mode): one pass with charCodeAt, no regex per
// character. Case-insensitive like Spark's upper-casing char stream; longest match wins, and on a
// tie the number rules beat IDENTIFIER (so `1L` is a bigint, `1Lx` an identifier).
import { scanQuoted, skipBracketedComment, unescapeSqlString } from '../types/ddl';
import { Token, TokenKind } from './token';

/** All tokens of `sql`, ending with an EOF token at `sql.length`. */
export function tokenize(sql: string): Token[] {
  const tokens = tokenizeRange(sql, 0, sql.length);
  tokens.push({ kind: TokenKind.EOF, text: '', start: sql.length, end: sql.length, value: '' });
  return tokens;
}

/** Tokens that start in `[from, to)`, no EOF (re-lexing part of a text after an embedded type). */
export function tokenizeRange(sql: string, from: number, to: number): Token[] {
  const tokens: Token[] = [];
  let i = from;
  for (;;) {
    i = skipTrivia(sql, i, to);
    if (i >= to) return tokens;
    const token = scanToken(sql, i);
    tokens.push(token);
    i = token.end;
  }
}

function skipTrivia(sql: string, i: number, to: number): number {
  for (;;) {
    while (i < to && isSpace(sql.charCodeAt(i))) i++;
    if (i + 1 < to && sql.charCodeAt(i) === 45 && sql.charCodeAt(i + 1) === 45) {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? to : nl + 1;
    } else if (i + 1 < to && sql.charCodeAt(i) === 47 && sql.charCodeAt(i + 1) === 42) {
      i = skipBracketedComment(sql, i);
    } else {
      return i;
    }
  }
}

function scanToken(sql: string, start: number): Token {
  const c = sql.charCodeAt(start);
  const c1 = sql.charCodeAt(start + 1);

  if ((c === 114 || c === 82) && (c1 === 39 || c1 === 34)) {
    // r'raw string': no escapes, ends at the first matching quote.
    const close = sql.indexOf(sql[start + 1], start + 2);
    if (close < 0) return make(sql, TokenKind.Unrecognized, start, start + 1);
    return make(sql, TokenKind.String, start, close + 1, sql.slice(start + 2, close));
  }
  if (isDigit(c) || (c === 46 && isDigit(c1))) return scanNumberOrWord(sql, start);
  if (isIdentChar(c)) {
    let i = start + 1;
    while (i < sql.length && isIdentChar(sql.charCodeAt(i))) i++;
    return make(sql, TokenKind.Word, start, i, sql.slice(start, i).toUpperCase());
  }
  if (c === 39 || c === 34 || c === 96) {
    let end: number;
    try {
      end = scanQuoted(sql, start);
    } catch {
      // Unclosed quote: ANTLR cannot form a token there; the parser reports it as a syntax error.
      return make(sql, TokenKind.Unrecognized, start, start + 1);
    }
    if (c === 96) return make(sql, TokenKind.QuotedIdentifier, start, end, unquoteBackticks(sql.slice(start + 1, end - 1)));
    return make(sql, TokenKind.String, start, end, unescapeSqlString(sql.slice(start, end)));
  }

  const c2 = sql.charCodeAt(start + 2);
  switch (c) {
    case 40: return make(sql, TokenKind.LeftParen, start, start + 1);
    case 41: return make(sql, TokenKind.RightParen, start, start + 1);
    case 91: return make(sql, TokenKind.LeftBracket, start, start + 1);
    case 93: return make(sql, TokenKind.RightBracket, start, start + 1);
    case 123: return make(sql, TokenKind.LeftBrace, start, start + 1);
    case 125: return make(sql, TokenKind.RightBrace, start, start + 1);
    case 44: return make(sql, TokenKind.Comma, start, start + 1);
    case 46: return make(sql, TokenKind.Dot, start, start + 1);
    case 59: return make(sql, TokenKind.Semicolon, start, start + 1);
    case 63: return make(sql, TokenKind.Question, start, start + 1);
    case 43: return make(sql, TokenKind.Plus, start, start + 1);
    case 42: return make(sql, TokenKind.Asterisk, start, start + 1);
    case 47: return make(sql, TokenKind.Slash, start, start + 1);
    case 37: return make(sql, TokenKind.Percent, start, start + 1);
    case 126: return make(sql, TokenKind.Tilde, start, start + 1);
    case 38: return make(sql, TokenKind.Ampersand, start, start + 1);
    case 94: return make(sql, TokenKind.Hat, start, start + 1);
    case 58: // :
      return c1 === 58 ? make(sql, TokenKind.DoubleColon, start, start + 2) : make(sql, TokenKind.Colon, start, start + 1);
    case 45: // -
      return c1 === 62 ? make(sql, TokenKind.Arrow, start, start + 2) : make(sql, TokenKind.Minus, start, start + 1);
    case 124: // |
      return c1 === 124 ? make(sql, TokenKind.ConcatPipe, start, start + 2) : make(sql, TokenKind.Pipe, start, start + 1);
    case 61: // =
      if (c1 === 61) return make(sql, TokenKind.Eq, start, start + 2);
      if (c1 === 62) return make(sql, TokenKind.FatArrow, start, start + 2);
      return make(sql, TokenKind.Eq, start, start + 1);
    case 33: // !
      if (c1 === 61) return make(sql, TokenKind.NeqJ, start, start + 2);
      if (c1 === 60) return make(sql, TokenKind.Gte, start, start + 2); // !<
      if (c1 === 62) return make(sql, TokenKind.Lte, start, start + 2); // !>
      return make(sql, TokenKind.Bang, start, start + 1);
    case 60: // <
      if (c1 === 61) return c2 === 62 ? make(sql, TokenKind.NullSafeEq, start, start + 3) : make(sql, TokenKind.Lte, start, start + 2);
      if (c1 === 62) return make(sql, TokenKind.Neq, start, start + 2);
      if (c1 === 60) return make(sql, TokenKind.ShiftLeft, start, start + 2);
      return make(sql, TokenKind.Lt, start, start + 1);
    case 62: // >
      if (c1 === 61) return make(sql, TokenKind.Gte, start, start + 2);
      if (c1 === 62) {
        return c2 === 62 ? make(sql, TokenKind.ShiftRightUnsigned, start, start + 3) : make(sql, TokenKind.ShiftRight, start, start + 2);
      }
      return make(sql, TokenKind.Gt, start, start + 1);
  }
  const cp = sql.codePointAt(start) ?? c;
  return make(sql, TokenKind.Unrecognized, start, start + (cp > 0xffff ? 2 : 1));
}

/**
 * Numbers, following Spark's lexer rules:
 *   INTEGER `1`, BIGINT `1L`, SMALLINT `1S`, TINYINT `1Y`, EXPONENT `1E10` / `1.5e-3`,
 *   DECIMAL `1.5` / `.5` / `1.`, DOUBLE `1D` / `1.5D`, FLOAT `1F`, BIGDECIMAL `1BD` / `1.5BD`.
 * Forms with a decimal point are valid only when no identifier character follows
 * (`isValidDecimal`); digit-led text that runs longer as an identifier is one (`123abc`).
 */
function scanNumberOrWord(sql: string, start: number): Token {
  let j = start;
  while (isDigit(sql.charCodeAt(j))) j++;

  if (sql.charCodeAt(j) === 46) {
    let k = j + 1;
    while (isDigit(sql.charCodeAt(k))) k++;
    // `.` alone is not DECIMAL_DIGITS: it needs digits on one side.
    if (k > start + 1) {
      const best = longestNumber(sql, k, TokenKind.Decimal, true);
      if (best) return make(sql, best.kind, start, best.end);
    }
    if (j === start) return make(sql, TokenKind.Dot, start, start + 1);
  }

  let identEnd = j;
  while (isIdentChar(sql.charCodeAt(identEnd))) identEnd++;
  const num = longestNumber(sql, j, TokenKind.Integer, false) ?? { kind: TokenKind.Integer, end: j };
  if (identEnd > num.end) return make(sql, TokenKind.Word, start, identEnd, sql.slice(start, identEnd).toUpperCase());
  return make(sql, num.kind, start, num.end);
}

/** Longest number form whose mantissa ends at `p`; `checkValid` applies Spark's isValidDecimal. */
function longestNumber(sql: string, p: number, plainKind: TokenKind, checkValid: boolean): { kind: TokenKind; end: number } | undefined {
  const candidates: { kind: TokenKind; end: number }[] = [];
  const expEnd = scanExponent(sql, p);
  if (expEnd > 0) {
    const s = scanFractionalSuffix(sql, expEnd);
    if (s) candidates.push(s);
    candidates.push({ kind: TokenKind.Exponent, end: expEnd });
  }
  const s = scanFractionalSuffix(sql, p) ?? (plainKind === TokenKind.Integer ? scanIntegralSuffix(sql, p) : undefined);
  if (s) candidates.push(s);
  candidates.push({ kind: plainKind, end: p });
  let best: { kind: TokenKind; end: number } | undefined;
  for (const cand of candidates) {
    if (checkValid && isIdentChar(sql.charCodeAt(cand.end))) continue;
    if (!best || cand.end > best.end) best = cand;
  }
  return best;
}

function scanExponent(sql: string, p: number): number {
  const c = sql.charCodeAt(p);
  if (c !== 69 && c !== 101) return -1;
  let q = p + 1;
  const sign = sql.charCodeAt(q);
  if (sign === 43 || sign === 45) q++;
  if (!isDigit(sql.charCodeAt(q))) return -1;
  while (isDigit(sql.charCodeAt(q))) q++;
  return q;
}

function scanFractionalSuffix(sql: string, p: number): { kind: TokenKind; end: number } | undefined {
  const c = sql.charCodeAt(p) | 0x20;
  if (c === 100) return { kind: TokenKind.DoubleLiteral, end: p + 1 }; // d
  if (c === 102) return { kind: TokenKind.FloatLiteral, end: p + 1 }; // f
  if (c === 98 && (sql.charCodeAt(p + 1) | 0x20) === 100) return { kind: TokenKind.BigDecimalLiteral, end: p + 2 }; // bd
  return undefined;
}

function scanIntegralSuffix(sql: string, p: number): { kind: TokenKind; end: number } | undefined {
  const c = sql.charCodeAt(p) | 0x20;
  if (c === 108) return { kind: TokenKind.BigIntLiteral, end: p + 1 }; // l
  if (c === 115) return { kind: TokenKind.SmallIntLiteral, end: p + 1 }; // s
  if (c === 121) return { kind: TokenKind.TinyIntLiteral, end: p + 1 }; // y
  return undefined;
}

function unquoteBackticks(body: string): string {
  return body.includes('``') ? body.split('``').join('`') : body;
}

function make(sql: string, kind: TokenKind, start: number, end: number, value?: string): Token {
  const text = sql.slice(start, end);
  return { kind, text, start, end, value: value ?? text };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isIdentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x202f || c === 0x205f || c === 0x3000;
}
