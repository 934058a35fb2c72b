// Tokens of Spark SQL as the lexer produces them. Keywords are not a separate kind: Spark's
// default (non-ANSI) keyword mode lets almost every keyword serve as an identifier, so the lexer
// emits words and the parser decides from context (`upper` makes that check cheap).

export enum TokenKind {
  EOF,
  /** Unquoted word: identifiers and keywords alike. */
  Word,
  /** `` `name` ``; `value` holds the name with ```` `` ```` unescaped. */
  QuotedIdentifier,
  /** `'...'`, `"..."` or raw `r'...'`; `value` holds the unescaped text. */
  String,
  /** Plain digits: INT, BIGINT or DECIMAL by magnitude. */
  Integer,
  /** `1.5`, `.5`, `1.`: a DECIMAL literal. */
  Decimal,
  /** `1E10`, `1.5e-3`: a DOUBLE literal. */
  Exponent,
  /** Digits with an `L`, `S` or `Y` suffix. */
  BigIntLiteral,
  SmallIntLiteral,
  TinyIntLiteral,
  /** Number with a `D`, `F` or `BD` suffix. */
  DoubleLiteral,
  FloatLiteral,
  BigDecimalLiteral,

  LeftParen,
  RightParen,
  LeftBracket,
  RightBracket,
  LeftBrace,
  RightBrace,
  Comma,
  Dot,
  Semicolon,
  Colon,
  DoubleColon,
  Question,
  /** `->` (lambda). */
  Arrow,
  /** `=>` (named argument). */
  FatArrow,

  Plus,
  Minus,
  Asterisk,
  Slash,
  Percent,
  Tilde,
  Ampersand,
  Pipe,
  /** `||` */
  ConcatPipe,
  Hat,
  Bang,
  /** `=` and `==` */
  Eq,
  /** `<=>` */
  NullSafeEq,
  /** `<>` */
  Neq,
  /** `!=` */
  NeqJ,
  Lt,
  /** `<=` and `!>` */
  Lte,
  Gt,
  /** `>=` and `!<` */
  Gte,
  ShiftLeft,
  ShiftRight,
  ShiftRightUnsigned,
  /** A character no rule matches (Spark's UNRECOGNIZED): reported by the parser as a syntax error. */
  Unrecognized,
}

export interface Token {
  kind: TokenKind;
  /** The exact source text of the token (quotes and suffixes included). */
  text: string;
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character. */
  end: number;
  /** Word: the text upper-cased (keyword checks). Strings and quoted identifiers: the unescaped value. */
  value: string;
}

/** How Spark (ANTLR) names a token in a syntax error: the text in single quotes, or `end of input`. */
export function tokenErrorDisplay(token: Token): string {
  if (token.kind === TokenKind.EOF) return 'end of input';
  const text = token.text.replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return `'${text}'`;
}
