// Hand-written Pratt parser for Spark SQL expressions (SqlBaseParser.g4 `expression`), producing
// the unresolved tree of lib/expressions/unresolved.ts. The statement parser extends this class:
// `parseExpression()` works at any token position and the cursor helpers are protected API.
//
// Precedence, lowest first, as Spark's grammar orders its alternatives:
//   OR < AND < NOT (prefix) < predicate (IS, IN, BETWEEN, LIKE...: at most one, after a value)
//   < comparison < | < ^ < & < shifts < + - || < * / % DIV < unary - + ~ < postfix . [] ::
// Binary operators are left-associative.
//
// Like Spark (ANTLR parses, then the AST builder validates), semantic errors found while parsing
// (bad literal values, unknown type names) are held back until the whole text parsed, so a syntax
// error later in the text is the one reported.
import { ParseException } from '../errors/parse-exception';
import {
  AliasExpr,
  CaseWhenExpr,
  ColumnExpr,
  FunctionExpr,
  type FrameBound,
  type WindowSpecDefinition,
  LiteralExpr,
  SortOrderExpr,
  UnresolvedExpression,
} from '../expressions/unresolved';
import {
  BinaryType,
  BooleanType,
  ByteType,
  CalendarInterval,
  CalendarIntervalType,
  DataType,
  DateType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  NullType,
  ShortType,
  StringType,
  TimestampNTZType,
  TimestampType,
} from '../types/data-types';
import { MAX_DECIMAL_PRECISION, parseDataTypeAt, syntaxError } from '../types/ddl';
import {
  DATETIME_UNITS,
  INTERVAL_UNITS,
  NEGATABLE_PREDICATES,
  QUERY_STARTS,
  TIMESTAMPADD_NAMES,
  TIMESTAMPDIFF_NAMES,
  TYPED_LITERAL_NAMES,
  UNIT_TO_UNIT_FIELDS,
} from './keywords';
import { tokenize, tokenizeRange } from './lexer';
import {
  INT_MAX,
  INT_MIN,
  LONG_MAX,
  LONG_MIN,
  NUMERIC_RANGES,
  NumericRange,
  decimalValue,
  doubleValue,
  floatValue,
  parseDateLiteral,
  parseHexBinary,
  parseIntervalString,
  parseTimestampLiteral,
  parseUnitToUnitInterval,
} from './literals';
import { Token, TokenKind, tokenErrorDisplay } from './token';
import { DayTimeIntervalType, YearMonthIntervalType, intervalFieldIndex } from '../types/interval-types';
import { MAX_NANOS_PRECISION, TimestampNanosType, splitNanosText } from '../types/timestamp-nanos-types';

interface InfixOperator {
  /** Binding power: higher binds tighter. */
  bp: number;
  /** Function name the operator becomes. */
  name: string;
}

const BP_COMPARISON = 10;
const BP_BIT_OR = 20;
const BP_BIT_XOR = 30;
const BP_BIT_AND = 40;
const BP_SHIFT = 50;
const BP_ADDITIVE = 60;
const BP_MULTIPLICATIVE = 70;
const BP_UNARY = 80;

const INFIX_BY_KIND = new Map<TokenKind, InfixOperator>([
  [TokenKind.Eq, { bp: BP_COMPARISON, name: '=' }],
  [TokenKind.NullSafeEq, { bp: BP_COMPARISON, name: '<=>' }],
  [TokenKind.Neq, { bp: BP_COMPARISON, name: '!=' }],
  [TokenKind.NeqJ, { bp: BP_COMPARISON, name: '!=' }],
  [TokenKind.Lt, { bp: BP_COMPARISON, name: '<' }],
  [TokenKind.Lte, { bp: BP_COMPARISON, name: '<=' }],
  [TokenKind.Gt, { bp: BP_COMPARISON, name: '>' }],
  [TokenKind.Gte, { bp: BP_COMPARISON, name: '>=' }],
  [TokenKind.Pipe, { bp: BP_BIT_OR, name: '|' }],
  [TokenKind.Hat, { bp: BP_BIT_XOR, name: '^' }],
  [TokenKind.Ampersand, { bp: BP_BIT_AND, name: '&' }],
  [TokenKind.ShiftLeft, { bp: BP_SHIFT, name: '<<' }],
  [TokenKind.ShiftRight, { bp: BP_SHIFT, name: '>>' }],
  [TokenKind.ShiftRightUnsigned, { bp: BP_SHIFT, name: '>>>' }],
  [TokenKind.Plus, { bp: BP_ADDITIVE, name: '+' }],
  [TokenKind.Minus, { bp: BP_ADDITIVE, name: '-' }],
  [TokenKind.ConcatPipe, { bp: BP_ADDITIVE, name: 'concat' }],
  [TokenKind.Asterisk, { bp: BP_MULTIPLICATIVE, name: '*' }],
  [TokenKind.Slash, { bp: BP_MULTIPLICATIVE, name: '/' }],
  [TokenKind.Percent, { bp: BP_MULTIPLICATIVE, name: '%' }],
]);
const DIV_OPERATOR: InfixOperator = { bp: BP_MULTIPLICATIVE, name: 'div' };

const NUMBER_KINDS = new Set([
  TokenKind.Integer,
  TokenKind.Decimal,
  TokenKind.Exponent,
  TokenKind.BigIntLiteral,
  TokenKind.SmallIntLiteral,
  TokenKind.TinyIntLiteral,
  TokenKind.DoubleLiteral,
  TokenKind.FloatLiteral,
  TokenKind.BigDecimalLiteral,
]);

/** Tokens after which a keyword-looking word must be a plain identifier (`case`, `interval`...). */
const ENDS_OPERAND = new Set([
  TokenKind.EOF,
  TokenKind.Comma,
  TokenKind.RightParen,
  TokenKind.RightBracket,
  TokenKind.Dot,
  TokenKind.DoubleColon,
  TokenKind.Semicolon,
]);

export class ExpressionParser {
  protected readonly sqlText: string;
  protected tokens: Token[];
  protected pos = 0;
  /** End offset of the last consumed token (origins end here). */
  protected lastEnd = 0;
  /** Interval literals stay CalendarIntervals (Spark's parseIntervalLiteral, as SET TIME ZONE uses). */
  protected calendarIntervals = false;
  /** First semantic error met; thrown by `finish()` once the syntax is known good. */
  protected deferredError: ParseException | undefined;

  constructor(sqlText: string, tokens: Token[] = tokenize(sqlText)) {
    this.sqlText = sqlText;
    this.tokens = tokens;
  }

  // -------------------------------------------------------------------------------------------
  // Cursor helpers

  peek(offset = 0): Token {
    const i = Math.min(this.pos + offset, this.tokens.length - 1);
    return this.tokens[i];
  }

  protected advance(): Token {
    const t = this.tokens[this.pos];
    if (t.kind !== TokenKind.EOF) this.pos++;
    this.lastEnd = t.end;
    return t;
  }

  atEnd(): boolean {
    return this.peek().kind === TokenKind.EOF;
  }

  protected isKind(kind: TokenKind, offset = 0): boolean {
    return this.peek(offset).kind === kind;
  }

  protected match(kind: TokenKind): boolean {
    if (this.peek().kind !== kind) return false;
    this.advance();
    return true;
  }

  expect(kind: TokenKind): Token {
    if (this.peek().kind !== kind) this.failExpecting((t) => t.kind === kind);
    return this.advance();
  }

  /** True when the token at `offset` is the unquoted word `keyword` (upper case). */
  peekKeyword(keyword: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === TokenKind.Word && t.value === keyword;
  }

  matchKeyword(keyword: string): boolean {
    if (!this.peekKeyword(keyword)) return false;
    this.advance();
    return true;
  }

  expectKeyword(keyword: string): Token {
    if (!this.peekKeyword(keyword)) this.failExpecting((t) => t.kind === TokenKind.Word && t.value === keyword);
    return this.advance();
  }

  /** The input must be used up: trailing tokens are a syntax error, then any held-back error. */
  expectEnd(): void {
    if (!this.atEnd()) this.failExpecting((t) => t.kind === TokenKind.EOF);
    this.finish();
  }

  /** Throws the held-back semantic error, if any. */
  finish(): void {
    if (this.deferredError) throw this.deferredError;
  }

  /** Syntax error at `token` (default: the current one), Spark's PARSE_SYNTAX_ERROR. */
  syntaxErrorAt(token: Token = this.peek(), hint = ''): ParseException {
    return syntaxError(this.sqlText, token.start, tokenErrorDisplay(token), hint);
  }

  /**
   * Fails at the current token. If the token after it is what was expected, ANTLR's recovery
   * would delete the current one, and Spark's message says `: extra input 'x'`.
   */
  protected failExpecting(expected: (t: Token) => boolean): never {
    const t = this.peek();
    const extra = t.kind !== TokenKind.EOF && expected(this.peek(1));
    throw this.syntaxErrorAt(t, extra ? `: extra input ${tokenErrorDisplay(t)}` : '');
  }

  protected defer(error: ParseException): void {
    this.deferredError ??= error;
  }

  protected withOrigin<T extends UnresolvedExpression>(node: T, start: number): T {
    node.origin = { start, stop: Math.max(start, this.lastEnd - 1), sqlText: this.sqlText };
    return node;
  }

  protected notYetSupported(feature: string, token: Token = this.peek()): ParseException {
    return new ParseException(`The feature is not supported: ${feature}.`, this.sqlText, token.start, {
      errorClass: 'UNSUPPORTED_FEATURE',
      sqlState: '0A000',
      messageParameters: { feature },
    });
  }

  // -------------------------------------------------------------------------------------------
  // Identifiers and types

  /** An identifier: a word (any keyword works, as in Spark's default mode) or a backquoted name. */
  parseIdentifier(): string {
    const t = this.peek();
    if (t.kind === TokenKind.Word) return this.advance().text;
    if (t.kind === TokenKind.QuotedIdentifier) return this.advance().value;
    throw this.syntaxErrorAt(t);
  }

  protected isIdentifierToken(t: Token): boolean {
    return t.kind === TokenKind.Word || t.kind === TokenKind.QuotedIdentifier;
  }

  /** `a.b.c` (each part a word or backquoted name). */
  parseMultipartIdentifier(): string[] {
    const parts = [this.parseIdentifier()];
    while (this.isKind(TokenKind.Dot) && this.isIdentifierToken(this.peek(1))) {
      this.advance();
      parts.push(this.parseIdentifier());
    }
    return parts;
  }

  /**
   * A data type at the cursor (`INT`, `DECIMAL(10, 2)`, `ARRAY<STRUCT<a: INT>>`), parsed by the
   * DDL parser on the same text; the token stream then resumes where the type ended.
   */
  parseDataType(): DataType {
    const start = this.peek();
    if (!this.isIdentifierToken(start)) throw this.syntaxErrorAt(start);
    const result = parseDataTypeAt(this.sqlText, start.start);
    if (result.error) this.defer(result.error);
    this.resumeAt(result.end);
    return result.dataType;
  }

  /** Moves the cursor to the first token starting at or after `offset`, re-lexing a split token. */
  private resumeAt(offset: number): void {
    let i = this.pos;
    while (this.tokens[i].kind !== TokenKind.EOF && this.tokens[i].end <= offset) i++;
    const t = this.tokens[i];
    if (t.kind !== TokenKind.EOF && t.start < offset) {
      // The type ended inside a token, e.g. the first `>` of `>>` in `x::array<int>>1`.
      this.tokens.splice(i, 1, ...tokenizeRange(this.sqlText, offset, t.end));
    }
    this.pos = i;
    this.lastEnd = offset;
  }

  // -------------------------------------------------------------------------------------------
  // Named expressions and sort items

  /** `expr [AS] alias`, `expr AS (a, b)`: what a select list item and `selectExpr` accept. */
  parseNamedExpression(): UnresolvedExpression {
    const start = this.peek().start;
    const expr = this.parseExpression();
    let names: string[] | undefined;
    if (this.matchKeyword('AS')) {
      names = this.isKind(TokenKind.LeftParen) ? this.parseIdentifierList() : [this.parseIdentifier()];
    } else if (this.isKind(TokenKind.LeftParen) && this.looksLikeIdentifierList()) {
      names = this.parseIdentifierList();
    } else if (this.canStartImplicitAlias(this.peek())) {
      names = [this.parseIdentifier()];
    }
    if (!names) return expr;
    return this.withOrigin<AliasExpr>({ kind: 'alias', child: expr, names }, start);
  }

  /**
   * Whether the token can be an alias without AS. Any identifier can in a lone expression; the
   * statement parser narrows this (FROM, WHERE... end a select item).
   */
  protected canStartImplicitAlias(t: Token): boolean {
    return this.isIdentifierToken(t);
  }

  protected parseIdentifierList(): string[] {
    this.expect(TokenKind.LeftParen);
    const names = [this.parseIdentifier()];
    while (this.match(TokenKind.Comma)) names.push(this.parseIdentifier());
    this.expect(TokenKind.RightParen);
    return names;
  }

  private looksLikeIdentifierList(): boolean {
    let k = 1;
    for (;;) {
      if (!this.isIdentifierToken(this.peek(k))) return false;
      const sep = this.peek(k + 1).kind;
      if (sep === TokenKind.RightParen) return true;
      if (sep !== TokenKind.Comma) return false;
      k += 2;
    }
  }

  /** `expr [ASC | DESC] [NULLS FIRST | NULLS LAST]` (Spark's sortItem). */
  parseSortItem(): SortOrderExpr {
    const start = this.peek().start;
    const child = this.parseExpression();
    let ascending = true;
    if (this.matchKeyword('DESC')) ascending = false;
    else this.matchKeyword('ASC');
    let nullsFirst = ascending;
    if (this.peekKeyword('NULLS') && (this.peekKeyword('FIRST', 1) || this.peekKeyword('LAST', 1))) {
      this.advance();
      nullsFirst = this.advance().value === 'FIRST';
    }
    return this.withOrigin<SortOrderExpr>({ kind: 'sortOrder', child, ascending, nullsFirst }, start);
  }

  // -------------------------------------------------------------------------------------------
  // Boolean levels

  /** One expression (Spark's `expression` = booleanExpression), starting at the cursor. */
  parseExpression(): UnresolvedExpression {
    return this.parseOr();
  }

  private parseOr(): UnresolvedExpression {
    const start = this.peek().start;
    let left = this.parseAnd();
    while (this.matchKeyword('OR')) {
      left = this.operator('or', [left, this.parseAnd()], start);
    }
    return left;
  }

  private parseAnd(): UnresolvedExpression {
    const start = this.peek().start;
    let left = this.parseNot();
    while (this.matchKeyword('AND')) {
      left = this.operator('and', [left, this.parseNot()], start);
    }
    return left;
  }

  private parseNot(): UnresolvedExpression {
    const t = this.peek();
    if ((this.peekKeyword('NOT') && !ENDS_OPERAND.has(this.peek(1).kind)) || t.kind === TokenKind.Bang) {
      this.advance();
      return this.operator('not', [this.parseNot()], t.start);
    }
    if (this.peekKeyword('EXISTS') && this.isKind(TokenKind.LeftParen, 1) && this.startsQuery(2)) {
      return this.parseExistsSubquery();
    }
    return this.parsePredicated();
  }

  /** `EXISTS (query)`: the statement parser overrides this. */
  protected parseExistsSubquery(): UnresolvedExpression {
    throw this.notYetSupported('EXISTS subqueries');
  }

  /** `(query)` as a value: the statement parser overrides this. */
  protected parseSubqueryExpression(): UnresolvedExpression {
    throw this.notYetSupported('scalar subqueries');
  }

  /** `x IN (query)`: the statement parser overrides this. */
  protected parseInSubquery(value: UnresolvedExpression, start: number): UnresolvedExpression {
    void value;
    void start;
    throw this.notYetSupported('IN subqueries');
  }

  protected startsQuery(offset: number): boolean {
    const t = this.peek(offset);
    return t.kind === TokenKind.Word && QUERY_STARTS.has(t.value) && !ENDS_OPERAND.has(this.peek(offset + 1).kind);
  }

  // -------------------------------------------------------------------------------------------
  // Predicates: `value [NOT] BETWEEN | IN | LIKE ... `, `value IS ...`

  private parsePredicated(): UnresolvedExpression {
    const start = this.peek().start;
    const value = this.parseValueExpression(0);
    const t = this.peek();
    const negated =
      (t.kind === TokenKind.Bang || (t.kind === TokenKind.Word && t.value === 'NOT')) &&
      this.peek(1).kind === TokenKind.Word &&
      NEGATABLE_PREDICATES.has(this.peek(1).value);
    if (negated) this.advance();
    const kw = this.peek();
    if (kw.kind !== TokenKind.Word) return value;
    let result: UnresolvedExpression;
    switch (kw.value) {
      case 'BETWEEN': {
        this.advance();
        const lower = this.parseValueExpression(0);
        this.expectKeyword('AND');
        const upper = this.parseValueExpression(0);
        result = this.operator('between', [value, lower, upper], start);
        break;
      }
      case 'IN': {
        this.advance();
        if (this.isKind(TokenKind.LeftParen) && this.startsQuery(1)) {
          result = this.parseInSubquery(value, start);
          break;
        }
        this.expect(TokenKind.LeftParen);
        const list = [value, this.parseExpression()];
        while (this.match(TokenKind.Comma)) list.push(this.parseExpression());
        this.expect(TokenKind.RightParen);
        result = this.operator('in', list, start);
        break;
      }
      case 'RLIKE':
      case 'REGEXP':
        this.advance();
        result = this.operator('rlike', [value, this.parseValueExpression(0)], start);
        break;
      case 'LIKE':
      case 'ILIKE':
        result = this.parseLike(value, start);
        break;
      case 'IS':
        if (negated) return value; // unreachable: NOT only consumed before a negatable word
        return this.parseIs(value, start);
      default:
        return value;
    }
    return negated ? this.operator('not', [result], start) : result;
  }

  private parseLike(value: UnresolvedExpression, start: number): UnresolvedExpression {
    const name = this.advance().value === 'LIKE' ? 'like' : 'ilike';
    if (
      (this.peekKeyword('ANY') || this.peekKeyword('SOME') || this.peekKeyword('ALL')) &&
      this.isKind(TokenKind.LeftParen, 1)
    ) {
      throw this.notYetSupported(`${name.toUpperCase()} ${this.peek().value} (...)`);
    }
    const pattern = this.parseValueExpression(0);
    const args = [value, pattern];
    if (this.matchKeyword('ESCAPE')) {
      const escTok = this.peek();
      const esc = this.parseStringLiteral();
      const escape = esc.value as string;
      if (escape.length !== 1) {
        const shown = `'${escape}'`;
        this.defer(
          new ParseException(
            `Found an invalid escape string: ${shown}. The escape string must contain only one character.`,
            this.sqlText,
            escTok.start,
            { errorClass: 'INVALID_ESC', sqlState: '42604', messageParameters: { invalidEscape: shown } },
          ),
        );
      }
      args.push(esc);
    }
    return this.operator(name, args, start);
  }

  /**
   * IS [NOT] NULL -> isnull / isnotnull; IS [NOT] TRUE|FALSE -> [not] (x <=> true|false);
   * IS [NOT] UNKNOWN -> isunknown / isnotunknown (Spark's IsUnknown: IsNull that prints as
   * `x IS UNKNOWN`); IS [NOT] DISTINCT FROM y -> [not] (x <=> y), NOT flipping the sense.
   */
  private parseIs(value: UnresolvedExpression, start: number): UnresolvedExpression {
    this.advance();
    const not = this.matchKeyword('NOT') || this.match(TokenKind.Bang);
    const t = this.peek();
    if (t.kind === TokenKind.Word) {
      switch (t.value) {
        case 'NULL':
          this.advance();
          return this.operator(not ? 'isnotnull' : 'isnull', [value], start);
        case 'TRUE':
        case 'FALSE': {
          this.advance();
          const lit = this.withOrigin<LiteralExpr>({ kind: 'literal', value: t.value === 'TRUE', dataType: new BooleanType() }, t.start);
          const eq = this.operator('<=>', [value, lit], start);
          return not ? this.operator('not', [eq], start) : eq;
        }
        case 'UNKNOWN':
          this.advance();
          return this.operator(not ? 'isnotunknown' : 'isunknown', [value], start);
        case 'DISTINCT': {
          this.advance();
          this.expectKeyword('FROM');
          const eq = this.operator('<=>', [value, this.parseValueExpression(0)], start);
          return not ? eq : this.operator('not', [eq], start);
        }
      }
    }
    throw this.syntaxErrorAt(t);
  }

  // -------------------------------------------------------------------------------------------
  // Value expressions (Pratt)

  /** Spark's valueExpression; `minBp` stops at operators that bind less tightly. */
  parseValueExpression(minBp: number): UnresolvedExpression {
    const t = this.peek();
    const start = t.start;
    let left: UnresolvedExpression;
    if (t.kind === TokenKind.Plus || t.kind === TokenKind.Tilde || (t.kind === TokenKind.Minus && !NUMBER_KINDS.has(this.peek(1).kind))) {
      this.advance();
      const name = t.kind === TokenKind.Plus ? 'positive' : t.kind === TokenKind.Minus ? 'negative' : '~';
      left = this.operator(name, [this.parseValueExpression(BP_UNARY)], start);
    } else {
      left = this.parsePrimary();
    }
    for (;;) {
      const next = this.peek();
      const op = next.kind === TokenKind.Word ? (next.value === 'DIV' ? DIV_OPERATOR : undefined) : INFIX_BY_KIND.get(next.kind);
      if (!op || op.bp < minBp) return left;
      this.advance();
      const right = this.parseValueExpression(op.bp + 1);
      left = this.operator(op.name, [left, right], start);
    }
  }

  protected operator(name: string, args: UnresolvedExpression[], start: number): FunctionExpr {
    return this.withOrigin<FunctionExpr>({ kind: 'function', name, args, distinct: false, isOperator: true }, start);
  }

  // -------------------------------------------------------------------------------------------
  // Primary expressions and postfix operators

  protected parsePrimary(): UnresolvedExpression {
    const start = this.peek().start;
    let expr = this.parsePrimaryBase();
    for (;;) {
      const t = this.peek();
      if (t.kind === TokenKind.LeftBracket) {
        this.advance();
        const key = this.parseValueExpression(0);
        this.expect(TokenKind.RightBracket);
        expr = this.withOrigin({ kind: 'extract', child: expr, key, isField: false }, start);
      } else if (t.kind === TokenKind.Dot) {
        const after = this.peek(1);
        if (after.kind === TokenKind.Asterisk && expr.kind === 'column') {
          this.advance();
          this.advance();
          return this.withOrigin({ kind: 'star', target: expr.nameParts }, start);
        }
        if (!this.isIdentifierToken(after)) throw this.syntaxErrorAt(after);
        this.advance();
        const field = this.parseIdentifier();
        if (expr.kind === 'column') {
          expr = this.withOrigin<ColumnExpr>({ kind: 'column', nameParts: [...expr.nameParts, field] }, start);
        } else {
          const key: LiteralExpr = this.withOrigin({ kind: 'literal', value: field, dataType: new StringType() }, after.start);
          expr = this.withOrigin({ kind: 'extract', child: expr, key, isField: true }, start);
        }
      } else if (t.kind === TokenKind.DoubleColon) {
        this.advance();
        const dataType = this.parseDataType();
        expr = this.withOrigin({ kind: 'cast', child: expr, dataType, tryCast: false }, start);
      } else {
        return expr;
      }
    }
  }

  private parsePrimaryBase(): UnresolvedExpression {
    const t = this.peek();
    switch (t.kind) {
      case TokenKind.Minus:
        // `-1` is one literal in Spark's grammar (number: MINUS? INTEGER_VALUE), not negative(1).
        this.advance();
        return this.parseNumber(t.start, true);
      case TokenKind.String:
        return this.parseStringLiteral();
      case TokenKind.LeftParen:
        return this.parseParenthesized();
      case TokenKind.Asterisk:
        this.advance();
        return this.withOrigin({ kind: 'star' }, t.start);
      case TokenKind.Word:
        return this.parseWordPrimary(t);
      case TokenKind.QuotedIdentifier:
        return this.parseNameOrCall();
      case TokenKind.Question:
        throw this.notYetSupported('parameter markers');
      case TokenKind.Colon:
        if (this.isIdentifierToken(this.peek(1))) throw this.notYetSupported('named parameter markers');
        break;
    }
    if (NUMBER_KINDS.has(t.kind)) return this.parseNumber(t.start, false);
    throw this.syntaxErrorAt(t);
  }

  private parseWordPrimary(t: Token): UnresolvedExpression {
    const next = this.peek(1);
    const word = t.value;
    if (next.kind === TokenKind.LeftParen) {
      const special = this.parseSpecialForm(word);
      if (special) return special;
    }
    switch (word) {
      case 'NULL':
        this.advance();
        return this.withOrigin({ kind: 'literal', value: null, dataType: new NullType() }, t.start);
      case 'TRUE':
      case 'FALSE':
        if (next.kind === TokenKind.LeftParen) break;
        this.advance();
        return this.withOrigin({ kind: 'literal', value: word === 'TRUE', dataType: new BooleanType() }, t.start);
      case 'CASE':
        if (!ENDS_OPERAND.has(next.kind)) return this.parseCase();
        break;
      case 'INTERVAL': {
        const interval = this.tryParseInterval();
        if (interval) return interval;
        break;
      }
    }
    if (next.kind === TokenKind.String) return this.parseTypedLiteral();
    return this.parseNameOrCall();
  }

  /** Column reference, qualified function call, or single-parameter lambda, at an identifier. */
  private parseNameOrCall(): UnresolvedExpression {
    const first = this.peek();
    const start = first.start;
    if (this.isKind(TokenKind.Arrow, 1)) {
      const param = this.parseIdentifier();
      this.advance();
      return this.withOrigin({ kind: 'lambda', params: [param], body: this.parseExpression() }, start);
    }
    if (first.kind === TokenKind.QuotedIdentifier && this.isKind(TokenKind.String, 1)) return this.parseTypedLiteral();
    // Name parts up to a `(` make a (qualified) function name; otherwise it is a column and
    // postfix `.field` extends it.
    const save = this.pos;
    const nameTokens = [this.advance()];
    while (this.isKind(TokenKind.Dot) && this.isIdentifierToken(this.peek(1))) {
      this.advance();
      nameTokens.push(this.advance());
    }
    if (this.isKind(TokenKind.LeftParen)) {
      const name = nameTokens.map((tk) => (tk.kind === TokenKind.Word ? tk.text.toLowerCase() : tk.value)).join('.');
      return this.parseFunctionCall(name, start);
    }
    this.pos = save;
    this.advance();
    const part = first.kind === TokenKind.Word ? first.text : first.value;
    return this.withOrigin<ColumnExpr>({ kind: 'column', nameParts: [part] }, start);
  }

  // -------------------------------------------------------------------------------------------
  // Function calls

  /** After the name, at `(`: `(DISTINCT args) FILTER (WHERE c) IGNORE NULLS OVER (...)`. */
  protected parseFunctionCall(name: string, start: number): UnresolvedExpression {
    this.expect(TokenKind.LeftParen);
    let distinct = false;
    const quantifier = this.peek();
    if (quantifier.kind === TokenKind.Word && (quantifier.value === 'DISTINCT' || quantifier.value === 'ALL') && !ENDS_OPERAND.has(this.peek(1).kind)) {
      this.advance();
      distinct = quantifier.value === 'DISTINCT';
    }
    const args: UnresolvedExpression[] = [];
    let ignoreNulls: boolean | undefined;
    if (!this.isKind(TokenKind.RightParen)) {
      args.push(this.parseFunctionArgument());
      while (this.match(TokenKind.Comma)) args.push(this.parseFunctionArgument());
      if ((name === 'first' || name === 'last' || name === 'any_value') && args.length === 1 && this.peekKeyword('IGNORE') && this.peekKeyword('NULLS', 1)) {
        this.advance();
        this.advance();
        ignoreNulls = true;
      }
    }
    this.expect(TokenKind.RightParen);
    const fn: FunctionExpr = { kind: 'function', name, args, distinct };
    if (this.peekKeyword('WITHIN') && this.peekKeyword('GROUP', 1)) throw this.notYetSupported('WITHIN GROUP');
    if (this.peekKeyword('FILTER') && this.isKind(TokenKind.LeftParen, 1) && this.peekKeyword('WHERE', 2)) {
      this.advance();
      this.advance();
      this.advance();
      fn.filter = this.parseExpression();
      this.expect(TokenKind.RightParen);
    }
    if ((this.peekKeyword('IGNORE') || this.peekKeyword('RESPECT')) && this.peekKeyword('NULLS', 1)) {
      ignoreNulls = this.advance().value === 'IGNORE';
      this.advance();
    }
    if (ignoreNulls !== undefined) fn.ignoreNulls = ignoreNulls;
    if (this.peekKeyword('OVER') && this.isKind(TokenKind.LeftParen, 1)) {
      this.advance();
      fn.over = this.parseWindowSpec();
    } else if (this.peekKeyword('OVER') && this.isIdentifierToken(this.peek(1))) {
      throw this.notYetSupported('named windows (OVER w)');
    }
    return this.withOrigin(fn, start);
  }

  /** `( [PARTITION BY ...] [ORDER BY ...] [ROWS | RANGE frame] )` after OVER. */
  private parseWindowSpec(): WindowSpecDefinition {
    this.expect(TokenKind.LeftParen);
    const spec: WindowSpecDefinition = { partitionBy: [], orderBy: [] };
    if (this.peekKeyword('PARTITION') && this.peekKeyword('BY', 1)) {
      this.advance();
      this.advance();
      spec.partitionBy.push(this.parseExpression());
      while (this.match(TokenKind.Comma)) spec.partitionBy.push(this.parseExpression());
    }
    if (this.peekKeyword('ORDER') && this.peekKeyword('BY', 1)) {
      this.advance();
      this.advance();
      spec.orderBy.push(this.parseSortItem());
      while (this.match(TokenKind.Comma)) spec.orderBy.push(this.parseSortItem());
    }
    if (this.peekKeyword('ROWS') || this.peekKeyword('RANGE')) {
      const type = this.advance().value === 'ROWS' ? 'rows' : 'range';
      if (this.peekKeyword('BETWEEN')) {
        this.advance();
        const lower = this.parseFrameBound();
        this.expectKeyword('AND');
        const upper = this.parseFrameBound();
        spec.frame = { type, lower, upper };
      } else {
        spec.frame = { type, lower: this.parseFrameBound(), upper: { kind: 'currentRow' } };
      }
    }
    this.expect(TokenKind.RightParen);
    return spec;
  }

  private parseFrameBound(): FrameBound {
    if (this.peekKeyword('UNBOUNDED')) {
      this.advance();
      const dir = this.advance().value;
      return dir === 'PRECEDING' ? { kind: 'unboundedPreceding' } : { kind: 'unboundedFollowing' };
    }
    if (this.peekKeyword('CURRENT') && this.peekKeyword('ROW', 1)) {
      this.advance();
      this.advance();
      return { kind: 'currentRow' };
    }
    const e = this.parsePrimary();
    const value = e.kind === 'literal' && (typeof e.value === 'number' || typeof e.value === 'bigint') ? Number(e.value) : NaN;
    if (Number.isNaN(value)) throw this.notYetSupported('non-literal window frame bounds');
    const dir = this.advance().value;
    const signed = dir === 'PRECEDING' ? -value : value;
    return signed === 0 ? { kind: 'currentRow' } : { kind: 'offset', value: signed };
  }

  private parseFunctionArgument(): UnresolvedExpression {
    if (this.isIdentifierToken(this.peek()) && this.isKind(TokenKind.FatArrow, 1)) {
      throw this.notYetSupported('named function arguments (=>)');
    }
    return this.parseExpression();
  }

  /**
   * Keyword-led forms with their own syntax inside parentheses: CASE (x) WHEN, CAST, TRY_CAST,
   * STRUCT, EXTRACT, POSITION, SUBSTRING ... FROM, TRIM, OVERLAY, TIMESTAMPADD/DIFF. Returns
   * undefined when the word is an ordinary function call after all.
   */
  private parseSpecialForm(word: string): UnresolvedExpression | undefined {
    const start = this.peek().start;
    switch (word) {
      case 'CASE':
        return this.parseCase();
      case 'CAST':
      case 'TRY_CAST': {
        this.advance();
        this.advance();
        const child = this.parseExpression();
        this.expectKeyword('AS');
        const dataType = this.parseDataType();
        this.expect(TokenKind.RightParen);
        return this.withOrigin({ kind: 'cast', child, dataType, tryCast: word === 'TRY_CAST' }, start);
      }
      case 'STRUCT': {
        this.advance();
        this.advance();
        const args: UnresolvedExpression[] = [];
        if (!this.isKind(TokenKind.RightParen)) {
          args.push(this.parseNamedExpression());
          while (this.match(TokenKind.Comma)) args.push(this.parseNamedExpression());
        }
        this.expect(TokenKind.RightParen);
        return this.withOrigin<FunctionExpr>({ kind: 'function', name: 'struct', args, distinct: false }, start);
      }
      case 'EXTRACT':
        // EXTRACT(field FROM source) -> extract('field', source), as Spark's AstBuilder.
        if (this.isIdentifierToken(this.peek(2)) && this.peekKeyword('FROM', 3)) {
          this.advance();
          this.advance();
          const fieldTok = this.peek();
          const field = this.parseIdentifier();
          const fieldLit = this.withOrigin<LiteralExpr>({ kind: 'literal', value: field, dataType: new StringType() }, fieldTok.start);
          this.advance();
          const source = this.parseValueExpression(0);
          this.expect(TokenKind.RightParen);
          return this.call('extract', [fieldLit, source], start);
        }
        return undefined;
      case 'POSITION':
        // POSITION(substr IN str) -> locate(substr, str), as Spark's parser builds StringLocate.
        return this.tryForm(() => {
          const substr = this.parseValueExpression(0);
          if (!this.matchKeyword('IN')) return undefined;
          const str = this.parseValueExpression(0);
          this.expect(TokenKind.RightParen);
          return this.call('locate', [substr, str], start);
        });
      case 'SUBSTR':
      case 'SUBSTRING':
        // SUBSTRING(str FROM pos [FOR len]) -> substring(str, pos[, len]).
        return this.tryForm(() => {
          const str = this.parseValueExpression(0);
          if (!this.matchKeyword('FROM')) return undefined;
          const args = [str, this.parseValueExpression(0)];
          if (this.matchKeyword('FOR') || this.match(TokenKind.Comma)) args.push(this.parseValueExpression(0));
          this.expect(TokenKind.RightParen);
          return this.call('substring', args, start);
        });
      case 'TRIM':
        return this.tryForm(() => this.parseTrimForm(start));
      case 'OVERLAY':
        // OVERLAY(input PLACING replace FROM pos [FOR len]) -> overlay(input, replace, pos[, len]).
        return this.tryForm(() => {
          const input = this.parseValueExpression(0);
          if (!this.matchKeyword('PLACING')) return undefined;
          const args = [input, this.parseValueExpression(0)];
          this.expectKeyword('FROM');
          args.push(this.parseValueExpression(0));
          if (this.matchKeyword('FOR')) args.push(this.parseValueExpression(0));
          this.expect(TokenKind.RightParen);
          return this.call('overlay', args, start);
        });
    }
    if (TIMESTAMPADD_NAMES.has(word) || TIMESTAMPDIFF_NAMES.has(word)) {
      // TIMESTAMPADD(unit, n, ts) / TIMESTAMPDIFF(unit, start, end): the unit is a keyword, kept
      // as an upper-case string literal first argument.
      const unit = this.peek(2);
      if (unit.kind === TokenKind.Word && DATETIME_UNITS.has(unit.value) && this.isKind(TokenKind.Comma, 3)) {
        return this.tryForm(() => {
          this.advance();
          this.advance();
          this.advance();
          const unitLit = this.withOrigin<LiteralExpr>({ kind: 'literal', value: unit.value, dataType: new StringType() }, unit.start);
          this.expect(TokenKind.Comma);
          const a = this.parseValueExpression(0);
          this.expect(TokenKind.Comma);
          const b = this.parseValueExpression(0);
          this.expect(TokenKind.RightParen);
          // Internal names: a quoted unit (`timestampadd('MONTH', ...)`) reaches the public ones and fails, as in Spark.
          return this.call(TIMESTAMPADD_NAMES.has(word) ? '__timestampadd' : '__timestampdiff', [unitLit, a, b], start);
        }, false);
      }
    }
    return undefined;
  }

  /**
   * Runs `attempt` after the name and `(` (when `skipOpen`); if it returns undefined the cursor
   * goes back to the name so the text parses as an ordinary call.
   */
  private tryForm(attempt: () => UnresolvedExpression | undefined, skipOpen = true): UnresolvedExpression | undefined {
    const save = this.pos;
    const saveEnd = this.lastEnd;
    const saveDeferred = this.deferredError;
    if (skipOpen) {
      this.advance();
      this.advance();
    }
    try {
      const result = attempt();
      if (result) return result;
    } catch (e) {
      if (!(e instanceof ParseException)) throw e;
    }
    this.pos = save;
    this.lastEnd = saveEnd;
    this.deferredError = saveDeferred;
    return undefined;
  }

  /**
   * TRIM([BOTH | LEADING | TRAILING] [trimStr] FROM str) -> trim / ltrim / rtrim with the
   * registry's argument order: (str) or (trimStr, str).
   */
  private parseTrimForm(start: number): UnresolvedExpression | undefined {
    let name = 'trim';
    let sawOption = false;
    if (this.peekKeyword('BOTH') || this.peekKeyword('LEADING') || this.peekKeyword('TRAILING')) {
      const option = this.peek(1);
      // `trim(leading FROM x)` or `trim(leading 'x' FROM y)`; `trim(both)` is a column named both.
      if (!ENDS_OPERAND.has(option.kind)) {
        const v = this.advance().value;
        name = v === 'LEADING' ? 'ltrim' : v === 'TRAILING' ? 'rtrim' : 'trim';
        sawOption = true;
      }
    }
    let trimStr: UnresolvedExpression | undefined;
    if (!this.peekKeyword('FROM')) {
      trimStr = this.parseValueExpression(0);
      if (!this.peekKeyword('FROM')) {
        if (sawOption) throw this.syntaxErrorAt();
        return undefined;
      }
    }
    this.advance();
    const str = this.parseValueExpression(0);
    this.expect(TokenKind.RightParen);
    return this.call(name, trimStr ? [trimStr, str] : [str], start);
  }

  protected call(name: string, args: UnresolvedExpression[], start: number): FunctionExpr {
    return this.withOrigin<FunctionExpr>({ kind: 'function', name, args, distinct: false }, start);
  }

  // -------------------------------------------------------------------------------------------
  // CASE, parentheses, lambdas

  /** CASE WHEN c THEN v ... [ELSE e] END, and CASE x WHEN v THEN r (conditions become x = v). */
  private parseCase(): CaseWhenExpr {
    const start = this.advance().start;
    const key = this.peekKeyword('WHEN') ? undefined : this.parseExpression();
    const branches: CaseWhenExpr['branches'] = [];
    do {
      this.expectKeyword('WHEN');
      const whenStart = this.peek().start;
      let condition = this.parseExpression();
      if (key) condition = this.operator('=', [key, condition], whenStart);
      this.expectKeyword('THEN');
      branches.push({ condition, value: this.parseExpression() });
    } while (this.peekKeyword('WHEN'));
    const node: CaseWhenExpr = { kind: 'caseWhen', branches };
    if (this.matchKeyword('ELSE')) node.elseValue = this.parseExpression();
    this.expectKeyword('END');
    return this.withOrigin(node, start);
  }

  /** `(expr)`, a row constructor `(a, b AS x)` -> struct(...), `(x, y) -> body`, or a subquery. */
  private parseParenthesized(): UnresolvedExpression {
    const open = this.peek();
    if (this.isLambdaParams()) {
      this.advance();
      const params = [this.parseIdentifier()];
      while (this.match(TokenKind.Comma)) params.push(this.parseIdentifier());
      this.expect(TokenKind.RightParen);
      this.expect(TokenKind.Arrow);
      return this.withOrigin({ kind: 'lambda', params, body: this.parseExpression() }, open.start);
    }
    if (this.startsQuery(1)) return this.parseSubqueryExpression();
    this.advance();
    const first = this.parseNamedExpression();
    if (this.match(TokenKind.RightParen)) {
      if (first.kind === 'alias') throw this.syntaxErrorAt(this.tokens[this.pos - 1]);
      return first;
    }
    const items = [first];
    while (this.match(TokenKind.Comma)) items.push(this.parseNamedExpression());
    this.expect(TokenKind.RightParen);
    return this.call('struct', items, open.start);
  }

  /** At `(`: `( ident (, ident)+ ) ->` (Spark wants two or more names in parentheses). */
  private isLambdaParams(): boolean {
    let k = 1;
    let count = 0;
    for (;;) {
      if (!this.isIdentifierToken(this.peek(k))) return false;
      count++;
      const sep = this.peek(k + 1).kind;
      if (sep === TokenKind.RightParen) return count >= 2 && this.isKind(TokenKind.Arrow, k + 2);
      if (sep !== TokenKind.Comma) return false;
      k += 2;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Literals

  /** One or more adjacent string literals, concatenated (`'a' 'b'` is `'ab'`). */
  protected parseStringLiteral(): LiteralExpr {
    const first = this.expect(TokenKind.String);
    let value = first.value;
    while (this.isKind(TokenKind.String)) value += this.advance().value;
    return this.withOrigin({ kind: 'literal', value, dataType: new StringType() }, first.start);
  }

  /** A number token (after a `-` already consumed when `negative`). */
  private parseNumber(start: number, negative: boolean): LiteralExpr {
    const t = this.advance();
    const raw = negative ? `-${t.text}` : t.text;
    const lit = (value: unknown, dataType: DataType) => this.withOrigin<LiteralExpr>({ kind: 'literal', value, dataType }, start);
    switch (t.kind) {
      case TokenKind.Integer: {
        const v = BigInt(raw);
        if (v >= INT_MIN && v <= INT_MAX) return lit(Number(v), new IntegerType());
        if (v >= LONG_MIN && v <= LONG_MAX) return lit(v, new LongType());
        return this.decimalLiteral(raw, start, lit);
      }
      case TokenKind.BigIntLiteral:
        return this.integralLiteral(raw.slice(0, -1), NUMERIC_RANGES.bigint, LONG_MIN, LONG_MAX, start, (v) => lit(v, new LongType()));
      case TokenKind.SmallIntLiteral:
        return this.integralLiteral(raw.slice(0, -1), NUMERIC_RANGES.smallint, -32768n, 32767n, start, (v) => lit(Number(v), new ShortType()));
      case TokenKind.TinyIntLiteral:
        return this.integralLiteral(raw.slice(0, -1), NUMERIC_RANGES.tinyint, -128n, 127n, start, (v) => lit(Number(v), new ByteType()));
      case TokenKind.Decimal:
        return this.decimalLiteral(raw, start, lit);
      case TokenKind.BigDecimalLiteral:
        return this.decimalLiteral(raw.slice(0, -2), start, lit);
      case TokenKind.Exponent:
      case TokenKind.DoubleLiteral: {
        const text = t.kind === TokenKind.Exponent ? raw : raw.slice(0, -1);
        const v = doubleValue(text);
        if (v === undefined) this.defer(this.outOfRange(text, NUMERIC_RANGES.double, start));
        return lit(v ?? 0, new DoubleType());
      }
      case TokenKind.FloatLiteral: {
        const text = raw.slice(0, -1);
        const v = floatValue(text);
        if (v === undefined) this.defer(this.outOfRange(text, NUMERIC_RANGES.float, start));
        return lit(v ?? 0, new FloatType());
      }
    }
    throw this.syntaxErrorAt(t);
  }

  private integralLiteral(text: string, range: NumericRange, min: bigint, max: bigint, start: number, make: (v: bigint) => LiteralExpr): LiteralExpr {
    const v = BigInt(text);
    if (v < min || v > max) this.defer(this.outOfRange(text, range, start));
    return make(v < min || v > max ? 0n : v);
  }

  private decimalLiteral(raw: string, start: number, lit: (value: unknown, dataType: DataType) => LiteralExpr): LiteralExpr {
    const d = decimalValue(raw);
    if (d.precision > MAX_DECIMAL_PRECISION) {
      this.defer(
        new ParseException(`Decimal precision ${d.precision} exceeds max precision ${MAX_DECIMAL_PRECISION}.`, this.sqlText, start, {
          errorClass: 'DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION',
          sqlState: '22003',
          messageParameters: { precision: String(d.precision), maxPrecision: String(MAX_DECIMAL_PRECISION) },
        }),
      );
      return lit(d.value, new DecimalType(MAX_DECIMAL_PRECISION, 0));
    }
    return lit(d.value, new DecimalType(d.precision, d.scale));
  }

  private outOfRange(raw: string, range: NumericRange, start: number): ParseException {
    return new ParseException(
      `Numeric literal ${raw} is outside the valid range for ${range.typeName} with minimum value of ${range.min} and maximum value of ${range.max}. Please adjust the value accordingly.`,
      this.sqlText,
      start,
      {
        errorClass: 'INVALID_NUMERIC_LITERAL_RANGE',
        sqlState: '22003',
        messageParameters: { rawStrippedQualifier: raw, typeName: range.typeName, minValue: range.min, maxValue: range.max },
      },
    );
  }

  /** `DATE '...'`, `TIMESTAMP[_LTZ|_NTZ] '...'`, `INTERVAL '...'`, `X'..'`; other names fail. */
  private parseTypedLiteral(): LiteralExpr {
    const typeTok = this.advance();
    const valueLit = this.parseStringLiteral();
    const value = valueLit.value as string;
    const start = typeTok.start;
    const typeName = typeTok.kind === TokenKind.Word ? typeTok.value : typeTok.text.toUpperCase();
    const lit = (v: unknown, dataType: DataType) => this.withOrigin<LiteralExpr>({ kind: 'literal', value: v, dataType }, start);
    const invalid = (placeholder: unknown, dataType: DataType) => {
      this.defer(this.invalidTypedLiteral(typeName, value, start));
      return lit(placeholder, dataType);
    };
    if (typeTok.kind === TokenKind.Word) {
      switch (typeName) {
        case 'DATE': {
          const days = parseDateLiteral(value);
          return days === undefined ? invalid(0, new DateType()) : lit(days, new DateType());
        }
        case 'TIMESTAMP':
        case 'TIMESTAMP_LTZ': {
          // Validated here in UTC; the analyzer re-reads `timestampText` in the session time zone.
          const micros = parseTimestampLiteral(value, true);
          // More than 6 fractional digits: a nanosecond literal (TIMESTAMP_LTZ(9)).
          const nanos = typeName === 'TIMESTAMP_LTZ' ? splitNanosText(value) : undefined;
          if (micros !== undefined && nanos && nanos.text !== value) {
            return { ...lit(micros * 1000n + nanos.extraNanos, new TimestampNanosType(MAX_NANOS_PRECISION, false)), timestampText: value };
          }
          return micros === undefined ? invalid(0n, new TimestampType()) : { ...lit(micros, new TimestampType()), timestampText: value };
        }
        case 'TIMESTAMP_NTZ': {
          const micros = parseTimestampLiteral(value, false);
          const nanos = splitNanosText(value);
          if (micros !== undefined && nanos.text !== value) {
            return lit(micros * 1000n + nanos.extraNanos, new TimestampNanosType(MAX_NANOS_PRECISION, true));
          }
          return micros === undefined ? invalid(0n, new TimestampNTZType()) : lit(micros, new TimestampNTZType());
        }
        case 'INTERVAL': {
          const interval = parseIntervalString(value);
          if (interval === undefined) return invalid(zeroInterval(), new CalendarIntervalType());
          if (this.calendarIntervals) return lit(interval, new CalendarIntervalType());
          // Spark 4's visitTypeConstructor: the units named in the string pick the ANSI type
          // (`INTERVAL '1 day 2 hours'` is INTERVAL DAY TO HOUR).
          const units = value
            .split(/\s/)
            .map((w) => w.toLowerCase().replace(/s$/, ''))
            .filter((w) => w !== 'interval' && /^[a-z]+$/.test(w));
          return this.multiUnitsIntervalLiteral(interval, units, start);
        }
        case 'X': {
          const bytes = parseHexBinary(value);
          return bytes === undefined ? invalid(new Uint8Array(0), new BinaryType()) : lit(bytes, new BinaryType());
        }
      }
    }
    const supported = TYPED_LITERAL_NAMES.map((n) => `"${n}"`).join(', ');
    this.defer(
      new ParseException(`Literals of the type "${typeName}" are not supported. Supported types are ${supported}.`, this.sqlText, start, {
        errorClass: 'UNSUPPORTED_TYPED_LITERAL',
        sqlState: '0A000',
        messageParameters: { unsupportedType: `"${typeName}"`, supportedTypes: supported },
      }),
    );
    return lit(value, new StringType());
  }

  private invalidTypedLiteral(typeName: string, value: string, start: number): ParseException {
    const shownValue = `'${value}'`;
    const shownType = `"${typeName}"`;
    return new ParseException(`The value of the typed literal ${shownType} is invalid: ${shownValue}.`, this.sqlText, start, {
      errorClass: 'INVALID_TYPED_LITERAL',
      sqlState: '42604',
      messageParameters: { valueType: shownType, value: shownValue },
    });
  }

  /**
   * At INTERVAL: `INTERVAL '1 day'`, `INTERVAL 1 DAY 2 HOURS`, `INTERVAL '1' DAY`,
   * `INTERVAL '1-2' YEAR TO MONTH`. Returns undefined (cursor unchanged) when what follows is not
   * an interval, so `interval` is a column name.
   * TODO: ANSI YEAR-MONTH / DAY-TIME interval types; CalendarIntervalType until they exist.
   */
  private tryParseInterval(): LiteralExpr | undefined {
    const start = this.peek().start;
    let k = 1;
    const parts: { text: string; unit: string; unitWord: string }[] = [];
    const valueAt = (offset: number): { text: string; width: number; isString: boolean } | undefined => {
      let i = offset;
      let sign = '';
      const s = this.peek(i);
      if (s.kind === TokenKind.Plus || s.kind === TokenKind.Minus) {
        sign = s.kind === TokenKind.Minus ? '-' : '';
        i++;
      }
      const v = this.peek(i);
      if (v.kind === TokenKind.Integer || v.kind === TokenKind.Decimal) return { text: sign + v.text, width: i - offset + 1, isString: false };
      if (v.kind === TokenKind.String) {
        let text = v.value;
        if (sign === '-') text = text.startsWith('-') ? text.slice(1) : `-${text}`;
        return { text, width: i - offset + 1, isString: true };
      }
      return undefined;
    };
    for (;;) {
      const v = valueAt(k);
      if (!v) break;
      const unitTok = this.peek(k + v.width);
      const unit = unitTok.kind === TokenKind.Word ? INTERVAL_UNITS.get(unitTok.value) : undefined;
      if (!unit) {
        // `INTERVAL '1 day'` (string, no unit) is the typed-literal form.
        if (parts.length === 0 && v.isString && v.width === 1) return this.parseTypedLiteral();
        break;
      }
      parts.push({ text: v.text, unit, unitWord: unitTok.value });
      k += v.width + 1;
    }
    if (parts.length === 0) return undefined;
    for (let i = 0; i < k; i++) this.advance();
    if (this.peekKeyword('TO')) {
      const toTok = this.peek(1);
      if (parts.length !== 1 || !UNIT_TO_UNIT_FIELDS.has(parts[0].unitWord) || toTok.kind !== TokenKind.Word || !UNIT_TO_UNIT_FIELDS.has(toTok.value)) {
        throw this.syntaxErrorAt(this.peek());
      }
      this.advance();
      this.advance();
      const interval = parseUnitToUnitInterval(parts[0].text, parts[0].unitWord, toTok.value);
      if (!interval) this.defer(this.invalidInterval(`${parts[0].text} ${parts[0].unitWord} TO ${toTok.value}`, start));
      // Spark 4 (spark.sql.legacy.interval.enabled=false): the `to` unit picks the ANSI type.
      const from = intervalFieldIndex(parts[0].unitWord);
      const to = intervalFieldIndex(toTok.value);
      const value = interval ?? zeroInterval();
      if (this.calendarIntervals) return this.withOrigin({ kind: 'literal', value, dataType: new CalendarIntervalType() }, start);
      if (from && to && to.yearMonth) return this.withOrigin({ kind: 'literal', value: value.months, dataType: new YearMonthIntervalType(from.yearMonth ? from.index : 0, to.index) }, start);
      if (from && to && !from.yearMonth) return this.withOrigin({ kind: 'literal', value: intervalDuration(value), dataType: new DayTimeIntervalType(from.index, to.index) }, start);
      return this.withOrigin({ kind: 'literal', value, dataType: new CalendarIntervalType() }, start);
    }
    const text = parts.map((p) => `${p.text} ${p.unit}`).join(' ');
    const interval = parseIntervalString(text);
    if (!interval) this.defer(this.invalidInterval(text, start));
    const value = interval ?? zeroInterval();
    if (this.calendarIntervals) return this.withOrigin({ kind: 'literal', value, dataType: new CalendarIntervalType() }, start);
    return this.multiUnitsIntervalLiteral(value, parts.map((p) => p.unit), start);
  }

  /**
   * Spark 4's constructMultiUnitsIntervalLiteral: an ANSI interval literal whose fields are the
   * units used (a week counts as days, milli- and microseconds as seconds); year-month and
   * day-time units together are an error.
   */
  private multiUnitsIntervalLiteral(value: CalendarInterval, units: readonly string[], start: number): LiteralExpr {
    const ym = new Set<number>();
    const dt = new Set<number>();
    for (const unit of units) {
      const field = intervalFieldIndex(unit);
      if (field) (field.yearMonth ? ym : dt).add(field.index);
      else dt.add(unit === 'week' ? 0 : 3);
    }
    if (ym.size > 0 && dt.size > 0) {
      const literal = this.sqlText.slice(start, this.lastEnd);
      throw new ParseException(`Cannot mix year-month and day-time fields: ${literal}.`, this.sqlText, start, {
        errorClass: '_LEGACY_ERROR_TEMP_0029',
        messageParameters: { literal },
      });
    }
    if (ym.size > 0) return this.withOrigin({ kind: 'literal', value: value.months, dataType: new YearMonthIntervalType(Math.min(...ym), Math.max(...ym)) }, start);
    return this.withOrigin({ kind: 'literal', value: intervalDuration(value), dataType: new DayTimeIntervalType(Math.min(...dt), Math.max(...dt)) }, start);
  }

  private invalidInterval(text: string, start: number): ParseException {
    // TODO: Spark's exact INVALID_INTERVAL_FORMAT sub-classes per failure.
    return new ParseException(`Cannot parse the INTERVAL value: ${text}.`, this.sqlText, start, {
      errorClass: 'INVALID_INTERVAL_FORMAT',
      sqlState: '22006',
      messageParameters: { input: text },
    });
  }
}

/** Spark's IntervalUtils.getDuration in microseconds (a day is 24 hours; no months here). */
function intervalDuration(i: CalendarInterval): bigint {
  return BigInt(i.days) * 86_400_000_000n + i.microseconds;
}

function zeroInterval(): CalendarInterval {
  return { months: 0, days: 0, microseconds: 0n };
}
