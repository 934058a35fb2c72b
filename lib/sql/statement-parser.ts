// Spark SQL statements and queries (SqlBaseParser.g4 `singleStatement` / `query`), producing the
// AST of lib/sql/ast.ts. Extends the expression parser, so expressions, subqueries in
// expressions and the cursor helpers share one token stream.
//
// Spark's default keyword mode lets nearly every keyword be an identifier, and ANTLR picks
// whichever reading the following tokens allow: `SELECT a FROM` selects `a` aliased `FROM`,
// `SELECT * FROM t WHERE` reads `WHERE` as the table alias, `SELECT from tbl` selects the column
// `from`. The parser mirrors that with a one-token look past a clause keyword (`clauseContinues`):
// the keyword starts its clause when what follows fits the clause, else it is a name.
//
// As in Spark, semantic errors (duplicate CTE names, ORDER BY with SORT BY, ...) are held back
// (`defer`) so that a syntax error anywhere in the text wins.
import { ParseException } from '../errors/parse-exception';
import {
  AliasExpr,
  ExistsExpr,
  InSubqueryExpr,
  LiteralExpr,
  Origin,
  ScalarSubqueryExpr,
  SortOrderExpr,
  UnresolvedExpression,
} from '../expressions/unresolved';
import { CalendarInterval, CalendarIntervalType } from '../types/data-types';
import {
  AliasedRelation,
  PivotRelation,
  UnpivotRelation,
  CreateTableStatement,
  CreateTempViewStatement,
  DropTableStatement,
  InsertIntoStatement,
  TableColumnDefinition,
  CteDefinition,
  DescribeQueryStatement,
  DescribeTableStatement,
  DropViewStatement,
  ExplainStatement,
  GroupByItem,
  GroupingAnalytics,
  InlineTableRelation,
  JoinRelation,
  JoinType,
  LateralView,
  QueryNode,
  QueryStatement,
  QueryTerm,
  Relation,
  ResetConfigStatement,
  SelectNode,
  SetConfigStatement,
  SetOperationNode,
  Statement,
  SubqueryRelation,
  TableFunctionRelation,
  TableRelation,
} from './ast';
import { ExpressionParser } from './expression-parser';
import { tokenize, tokenizeRange } from './lexer';
import { Token, TokenKind } from './token';

/** Keywords that can never be a table alias (Spark's strictNonReserved). */
const STRICT_NON_RESERVED = new Set([
  'ANTI', 'CROSS', 'EXCEPT', 'FULL', 'INNER', 'INTERSECT', 'JOIN', 'LATERAL', 'LEFT', 'MINUS', 'NATURAL', 'ON',
  'RIGHT', 'SEMI', 'UNION', 'USING',
]);

/** Words that start a clause after a select item or a relation; an implicit alias only when the clause cannot go on. */
const CLAUSE_KEYWORDS = new Set([
  'FROM', 'LATERAL', 'WHERE', 'GROUP', 'HAVING', 'WINDOW', 'ORDER', 'CLUSTER', 'DISTRIBUTE', 'SORT', 'LIMIT',
  'OFFSET', 'UNION', 'EXCEPT', 'MINUS', 'INTERSECT', 'SELECT', 'PIVOT', 'UNPIVOT', 'TABLESAMPLE',
]);

const SET_OPERATORS = new Map<string, SetOperationNode['operator']>([
  ['UNION', 'union'],
  ['EXCEPT', 'except'],
  ['MINUS', 'except'],
]);

/** Words that open a query term after a set operator. */
const QUERY_PRIMARY_STARTS = new Set(['SELECT', 'FROM', 'VALUES', 'TABLE', 'MAP', 'REDUCE']);

const JOIN_STARTS = new Set(['JOIN', 'INNER', 'CROSS', 'LEFT', 'RIGHT', 'FULL', 'SEMI', 'ANTI', 'NATURAL']);

const EXPLAIN_MODES = new Map<string, ExplainStatement['mode'] | 'logical'>([
  ['EXTENDED', 'extended'],
  ['FORMATTED', 'formatted'],
  ['CODEGEN', 'codegen'],
  ['COST', 'cost'],
  ['LOGICAL', 'logical'],
]);

/** Statements Spark knows that Rivulet does not run: an UNSUPPORTED_FEATURE rather than a syntax error. */
/** DESCRIBE forms other than of a query or a table. */
const DESCRIBE_UNSUPPORTED = ['FUNCTION', 'DATABASE', 'SCHEMA', 'NAMESPACE', 'CATALOG'];

const UNSUPPORTED_STATEMENTS = new Set([
  'ALTER', 'ANALYZE', 'CACHE', 'UNCACHE', 'CLEAR', 'REFRESH', 'TRUNCATE', 'LOAD', 'MSCK', 'REPAIR',
  'UPDATE', 'DELETE', 'MERGE', 'USE', 'SHOW', 'COMMENT', 'DECLARE', 'EXECUTE', 'GRANT', 'REVOKE', 'ADD', 'LIST',
  'CALL', 'BEGIN',
]);

const NUMBER_KINDS = new Set([
  TokenKind.Integer, TokenKind.Decimal, TokenKind.Exponent, TokenKind.BigIntLiteral, TokenKind.SmallIntLiteral,
  TokenKind.TinyIntLiteral, TokenKind.DoubleLiteral, TokenKind.FloatLiteral, TokenKind.BigDecimalLiteral,
]);

/** Token kinds that can start an expression (besides words and numbers). */
const EXPRESSION_START_KINDS = new Set([
  TokenKind.Word, TokenKind.QuotedIdentifier, TokenKind.String, TokenKind.LeftParen, TokenKind.Minus,
  TokenKind.Plus, TokenKind.Tilde, TokenKind.Bang, TokenKind.Asterisk, TokenKind.Question, TokenKind.Colon,
]);

// Spark's SET / RESET text patterns (SparkSqlAstBuilder): keys of letters, digits, `_`, `\`, `.`, `:`.
const CONFIG_KEY_VALUE = /^([a-zA-Z_\d\\.:]+)\s*=([^;]*);*$/;
const CONFIG_KEY = /^([a-zA-Z_\d\\.:]+)\s*$/;
const CONFIG_VALUE = /^([^;]*);*$/;

const MICROS_PER_SECOND = 1_000_000n;
const MICROS_PER_HOUR = 3_600_000_000n;

export class StatementParser extends ExpressionParser {
  // -------------------------------------------------------------------------------------------
  // Entry points

  /** The whole text as one statement (Spark's singleStatement: trailing semicolons allowed). */
  parseSingleStatement(): Statement {
    const statement = this.statement();
    this.expectStatementEnd();
    return statement;
  }

  /** The whole text as one query (trailing semicolons allowed). */
  parseSingleQuery(): QueryNode {
    const query = this.query();
    this.expectStatementEnd();
    return query;
  }

  private expectStatementEnd(): void {
    while (this.match(TokenKind.Semicolon));
    if (!this.atEnd()) this.failExpecting((t) => t.kind === TokenKind.EOF || t.kind === TokenKind.Semicolon);
    this.finish();
  }

  // -------------------------------------------------------------------------------------------
  // Statements

  private statement(): Statement {
    const t = this.peek();
    if (t.kind === TokenKind.LeftParen) return this.queryStatement();
    if (t.kind !== TokenKind.Word) throw this.syntaxErrorAt(t);
    switch (t.value) {
      case 'SELECT':
      case 'WITH':
      case 'VALUES':
      case 'FROM':
      case 'TABLE':
        return this.queryStatement();
      case 'CREATE':
        return this.createStatement();
      case 'DROP':
        return this.dropStatement();
      case 'INSERT':
        return this.insertStatement();
      case 'SET':
        return this.setStatement();
      case 'RESET':
        return this.resetStatement();
      case 'EXPLAIN':
        return this.explainStatement();
      case 'DESC':
      case 'DESCRIBE':
        return this.describeStatement();
    }
    if (UNSUPPORTED_STATEMENTS.has(t.value)) throw this.notYetSupported(`${t.value} statements`, t);
    throw this.syntaxErrorAt(t);
  }

  private queryStatement(): QueryStatement {
    const start = this.peek().start;
    const query = this.query();
    return { kind: 'queryStatement', query, origin: this.origin(start) };
  }

  /** `CREATE [OR REPLACE] [GLOBAL] TEMP[ORARY] VIEW [IF NOT EXISTS] name [(cols)] [COMMENT 'c'] AS query`. */
  private createStatement(): CreateTempViewStatement | CreateTableStatement {
    const createTok = this.advance();
    const start = createTok.start;
    const replace = this.peekKeyword('OR') && this.peekKeyword('REPLACE', 1);
    if (replace) {
      this.advance();
      this.advance();
    }
    let global = false;
    let temporary = false;
    if (this.peekKeyword('GLOBAL')) {
      this.advance();
      global = true;
      if (!this.peekKeyword('TEMPORARY') && !this.peekKeyword('TEMP')) this.failExpecting((t) => isWord(t, 'TEMPORARY') || isWord(t, 'TEMP'));
    }
    if (this.peekKeyword('TEMPORARY') || this.peekKeyword('TEMP')) {
      this.advance();
      temporary = true;
    }
    if (!global && !temporary && this.peekKeyword('TABLE')) return this.createTableStatement(createTok, replace);
    if (!this.peekKeyword('VIEW')) {
      const what = this.peek();
      if (what.kind === TokenKind.Word) throw this.notYetSupported(`CREATE ${temporary ? 'TEMPORARY ' : ''}${what.value}`, createTok);
      this.failExpecting((t) => isWord(t, 'VIEW'));
    }
    this.advance();
    let ifNotExists = false;
    if (this.peekKeyword('IF') && this.peekKeyword('NOT', 1) && this.peekKeyword('EXISTS', 2)) {
      this.advance();
      this.advance();
      this.advance();
      ifNotExists = true;
    }
    const nameParts = this.multipartIdentifier();
    if (temporary && this.peekKeyword('USING')) throw this.notYetSupported('CREATE TEMPORARY VIEW ... USING', createTok);
    let columns: CreateTempViewStatement['columns'];
    if (this.isKind(TokenKind.LeftParen)) {
      this.advance();
      columns = [];
      do {
        const name = this.parseIdentifier();
        const column: { name: string; comment?: string } = { name };
        if (this.matchKeyword('COMMENT')) column.comment = this.stringValue();
        columns.push(column);
      } while (this.match(TokenKind.Comma));
      this.expect(TokenKind.RightParen);
    }
    let comment: string | undefined;
    let hasProperties = false;
    for (;;) {
      if (this.peekKeyword('COMMENT')) {
        this.advance();
        if (comment !== undefined) this.defer(duplicateClauses('COMMENT', this.sqlText, start));
        comment = this.stringValue();
      } else if (this.peekKeyword('TBLPROPERTIES')) {
        this.advance();
        this.skipPropertyList();
        hasProperties = true;
      } else if (this.peekKeyword('WITH') && this.peekKeyword('SCHEMA', 1)) {
        throw this.notYetSupported('WITH SCHEMA binding on views', this.peek());
      } else if (this.peekKeyword('PARTITIONED') && this.peekKeyword('ON', 1)) {
        throw this.notYetSupported('PARTITIONED ON for views', this.peek());
      } else {
        break;
      }
    }
    if (ifNotExists && replace) {
      this.defer(legacyParseError('_LEGACY_ERROR_TEMP_0052', 'CREATE VIEW with both IF NOT EXISTS and REPLACE is not allowed.', this.sqlText, start));
    }
    if (temporary && hasProperties) {
      this.defer(
        legacyParseError('_LEGACY_ERROR_TEMP_0035', "Operation not allowed: TBLPROPERTIES can't coexist with CREATE TEMPORARY VIEW.", this.sqlText, start, {
          message: "TBLPROPERTIES can't coexist with CREATE TEMPORARY VIEW",
        }),
      );
    }
    this.expectKeyword('AS');
    const query = this.query();
    if (!temporary) {
      this.defer(this.notYetSupported('CREATE VIEW without TEMPORARY (persistent views)', createTok));
    } else if (ifNotExists) {
      this.defer(legacyParseError('_LEGACY_ERROR_TEMP_0053', 'It is not allowed to define a TEMPORARY view with IF NOT EXISTS.', this.sqlText, start));
    }
    if (nameParts.length === 2) {
      const actualName = toSqlId(nameParts);
      this.defer(
        new ParseException(
          `CREATE TEMPORARY VIEW or the corresponding Dataset APIs only accept single-part view names, but got: ${actualName}.`,
          this.sqlText,
          start,
          { errorClass: 'TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS', sqlState: '428EK', messageParameters: { actualName } },
        ),
      );
    } else if (nameParts.length > 2) {
      const identifier = toSqlId(nameParts);
      this.defer(
        new ParseException(`${identifier} is not a valid identifier as it has more than 2 name parts.`, this.sqlText, start, {
          errorClass: 'IDENTIFIER_TOO_MANY_NAME_PARTS',
          sqlState: '42601',
          messageParameters: { identifier },
        }),
      );
    }
    const node: CreateTempViewStatement = {
      kind: 'createTempView',
      name: nameParts[nameParts.length - 1],
      global,
      replace,
      query,
      queryText: this.sqlText.slice(query.origin.start, query.origin.stop + 1),
      origin: this.origin(start),
    };
    if (columns) node.columns = columns;
    if (comment !== undefined) node.comment = comment;
    return node;
  }

  /** After `CREATE [OR REPLACE]`, at TABLE: Spark's createTable / replaceTable (CTAS included). */
  private createTableStatement(createTok: Token, replace: boolean): CreateTableStatement {
    this.advance();
    let ifNotExists = false;
    if (this.peekKeyword('IF') && this.peekKeyword('NOT', 1) && this.peekKeyword('EXISTS', 2)) {
      this.advance();
      this.advance();
      this.advance();
      ifNotExists = true;
    }
    const nameParts = this.multipartIdentifier();
    let columns: TableColumnDefinition[] | undefined;
    if (this.isKind(TokenKind.LeftParen) && !this.queryStartsAt(1)) {
      this.advance();
      columns = [];
      do {
        const name = this.errorCapturingIdentifier();
        const dataType = this.parseDataType();
        const column: TableColumnDefinition = { name, dataType, nullable: true };
        for (;;) {
          if (this.peekKeyword('NOT') && this.peekKeyword('NULL', 1)) {
            this.advance();
            this.advance();
            column.nullable = false;
          } else if (this.matchKeyword('COMMENT')) {
            column.comment = this.stringValue();
          } else if (this.peekKeyword('DEFAULT') || this.peekKeyword('GENERATED')) {
            throw this.notYetSupported(`${this.peek().value} column values`, this.peek());
          } else {
            break;
          }
        }
        columns.push(column);
      } while (this.match(TokenKind.Comma));
      this.expect(TokenKind.RightParen);
    }
    let provider: string | undefined;
    for (;;) {
      if (this.matchKeyword('USING')) {
        provider = this.parseIdentifier();
      } else if (this.peekKeyword('OPTIONS') || this.peekKeyword('TBLPROPERTIES')) {
        this.advance();
        this.skipPropertyList();
      } else if (this.peekKeyword('PARTITIONED') && this.peekKeyword('BY', 1)) {
        this.advance();
        this.advance();
        this.skipPropertyList();
      } else if (this.matchKeyword('COMMENT') || this.matchKeyword('LOCATION')) {
        this.stringValue();
      } else if (this.peekKeyword('CLUSTERED') || this.peekKeyword('STORED') || this.peekKeyword('ROW')) {
        throw this.notYetSupported(`CREATE TABLE ... ${this.peek().value}`, this.peek());
      } else {
        break;
      }
    }
    let query: QueryNode | undefined;
    if (this.matchKeyword('AS') || this.queryStartsAt(0)) query = this.query();
    const node: CreateTableStatement = { kind: 'createTable', nameParts, ifNotExists, replace, origin: this.origin(createTok.start) };
    if (columns) node.columns = columns;
    if (provider !== undefined) node.provider = provider;
    if (query) node.query = query;
    return node;
  }

  /** `INSERT INTO|OVERWRITE [TABLE] name [(col, ...)] query`. */
  private insertStatement(): InsertIntoStatement {
    const insertTok = this.advance();
    let overwrite = false;
    if (this.matchKeyword('OVERWRITE')) overwrite = true;
    else this.expectKeyword('INTO');
    this.matchKeyword('TABLE');
    const nameParts = this.multipartIdentifier();
    if (this.peekKeyword('PARTITION')) throw this.notYetSupported('INSERT ... PARTITION', this.peek());
    if (this.peekKeyword('BY') && this.peekKeyword('NAME', 1)) throw this.notYetSupported('INSERT ... BY NAME', this.peek());
    let columns: string[] | undefined;
    if (this.isKind(TokenKind.LeftParen) && this.looksLikeIdentifierListAt(0) && !this.queryStartsAt(1)) columns = this.identifierListInParens();
    const query = this.query();
    const node: InsertIntoStatement = { kind: 'insertInto', nameParts, overwrite, query, origin: this.origin(insertTok.start) };
    if (columns) node.columns = columns;
    return node;
  }

  /** Whether a query starts `k` tokens ahead: SELECT, WITH, VALUES, FROM, TABLE or `(` query. */
  private queryStartsAt(k: number): boolean {
    const t = this.peek(k);
    if (t.kind === TokenKind.LeftParen) return this.queryStartsAt(k + 1);
    return t.kind === TokenKind.Word && ['SELECT', 'WITH', 'VALUES', 'FROM', 'TABLE'].includes(t.value);
  }

  /** `TBLPROPERTIES ('k' = 'v', ...)`: only its presence matters (temporary views reject it). */
  private skipPropertyList(): void {
    this.expect(TokenKind.LeftParen);
    let depth = 1;
    while (depth > 0) {
      const t = this.peek();
      if (t.kind === TokenKind.EOF) this.failExpecting((x) => x.kind === TokenKind.RightParen);
      if (t.kind === TokenKind.LeftParen) depth++;
      if (t.kind === TokenKind.RightParen) depth--;
      this.advance();
    }
  }

  /** `DROP VIEW [IF EXISTS] name` or `DROP TABLE [IF EXISTS] name [PURGE]`. */
  private dropStatement(): DropViewStatement | DropTableStatement {
    const dropTok = this.advance();
    if (this.peekKeyword('TABLE')) {
      this.advance();
      let ifExists = false;
      if (this.peekKeyword('IF') && this.peekKeyword('EXISTS', 1)) {
        this.advance();
        this.advance();
        ifExists = true;
      }
      const nameParts = this.multipartIdentifier();
      this.matchKeyword('PURGE');
      return { kind: 'dropTable', nameParts, ifExists, origin: this.origin(dropTok.start) };
    }
    if (!this.peekKeyword('VIEW')) {
      const what = this.peek();
      if (what.kind === TokenKind.Word) throw this.notYetSupported(`DROP ${what.value}`, dropTok);
      throw this.syntaxErrorAt(what);
    }
    this.advance();
    let ifExists = false;
    if (this.peekKeyword('IF') && this.peekKeyword('EXISTS', 1)) {
      this.advance();
      this.advance();
      ifExists = true;
    }
    const nameParts = this.multipartIdentifier();
    return { kind: 'dropView', nameParts, ifExists, origin: this.origin(dropTok.start) };
  }

  /** `EXPLAIN [EXTENDED | FORMATTED | CODEGEN | COST] statement`; LOGICAL is rejected as Spark does. */
  private explainStatement(): ExplainStatement {
    const explainTok = this.advance();
    let mode: ExplainStatement['mode'] | 'logical' = 'simple';
    const t = this.peek();
    if (t.kind === TokenKind.Word && EXPLAIN_MODES.has(t.value) && !this.isKind(TokenKind.EOF, 1)) {
      mode = EXPLAIN_MODES.get(t.value)!;
      this.advance();
    }
    const statement = this.statement();
    if (mode === 'logical') {
      this.defer(
        new ParseException('The statement or clause: EXPLAIN LOGICAL is not valid.', this.sqlText, explainTok.start, {
          errorClass: 'INVALID_STATEMENT_OR_CLAUSE',
          sqlState: '42601',
          messageParameters: { operation: 'EXPLAIN LOGICAL' },
        }),
      );
      mode = 'simple';
    }
    return { kind: 'explain', mode, statement, origin: this.origin(explainTok.start) };
  }

  /**
   * `DESC[RIBE] [QUERY] query` and `DESC[RIBE] [TABLE] name`; EXTENDED/FORMATTED, single columns,
   * functions and namespaces are not supported.
   */
  private describeStatement(): DescribeQueryStatement | DescribeTableStatement {
    const descTok = this.advance();
    if (this.peekKeyword('QUERY') && this.startsQueryAt(1)) this.advance();
    else if (this.peekKeyword('TABLE') || !this.startsQueryAt(0)) {
      if (DESCRIBE_UNSUPPORTED.some((k) => this.peekKeyword(k))) throw this.notYetSupported('DESCRIBE of functions and namespaces', descTok);
      if (this.peekKeyword('TABLE')) this.advance();
      if (this.peekKeyword('EXTENDED') || this.peekKeyword('FORMATTED')) throw this.notYetSupported('DESCRIBE TABLE EXTENDED and FORMATTED', descTok);
      const nameParts = this.multipartIdentifier();
      if (!this.isKind(TokenKind.EOF) && !this.isKind(TokenKind.Semicolon)) throw this.notYetSupported('DESCRIBE of table columns and partitions', descTok);
      return { kind: 'describeTable', nameParts, origin: this.origin(descTok.start) };
    }
    const query = this.query();
    return {
      kind: 'describeQuery',
      query,
      queryText: this.sqlText.slice(query.origin.start, query.origin.stop + 1),
      origin: this.origin(descTok.start),
    };
  }

  /** Whether the token at `k` opens a query: `(`, SELECT, WITH, VALUES, FROM, TABLE. */
  private startsQueryAt(k: number): boolean {
    const t = this.peek(k);
    if (t.kind === TokenKind.LeftParen) return true;
    return t.kind === TokenKind.Word && (t.value === 'WITH' || QUERY_PRIMARY_STARTS.has(t.value)) && !this.isKind(TokenKind.EOF, k + 1);
  }

  // -------------------------------------------------------------------------------------------
  // SET / RESET: Spark matches them on the raw text after the keyword (SparkSqlAstBuilder)

  private setStatement(): SetConfigStatement {
    const setTok = this.advance();
    const start = setTok.start;
    const first = this.peek();
    if (isWord(first, 'TIME') && this.peekKeyword('ZONE', 1)) return this.setTimeZone(setTok);
    if ((isWord(first, 'VAR') || isWord(first, 'VARIABLE')) && (this.isIdentifierToken(this.peek(1)) || this.isKind(TokenKind.LeftParen, 1))) {
      throw this.notYetSupported('SET VARIABLE', setTok);
    }
    if (isWord(first, 'ROLE')) {
      this.skipToStatementEnd();
      throw new ParseException('The statement or clause: SET ROLE is not valid.', this.sqlText, start, {
        errorClass: 'INVALID_STATEMENT_OR_CLAUSE',
        sqlState: '42601',
        messageParameters: { operation: 'SET ROLE' },
      });
    }
    const last = this.skipToStatementEnd();
    const origin: Origin = { start, stop: Math.max(start, last - 1), sqlText: this.sqlText };
    const tokens = this.tokensBetween(setTok, last);
    // SET `key` = `value`, SET `key` [= value...]
    if (tokens.length > 0 && tokens[0].kind === TokenKind.QuotedIdentifier) {
      const key = tokens[0].value;
      if (tokens.length === 1) return { kind: 'setConfig', key, origin };
      if (tokens.length === 3 && tokens[1].kind === TokenKind.Eq && tokens[2].kind === TokenKind.QuotedIdentifier) {
        return { kind: 'setConfig', key, value: tokens[2].value, origin };
      }
      if (tokens[1].kind === TokenKind.Eq) {
        const rest = this.sqlText.slice(tokens[1].end).trim();
        const m = CONFIG_VALUE.exec(rest);
        if (!m) {
          throw new ParseException(`"${rest}" is an invalid property value, please use quotes, e.g. SET "${key}"="${rest}"`, this.sqlText, start, {
            errorClass: 'INVALID_PROPERTY_VALUE',
            sqlState: '42602',
            messageParameters: { value: `"${rest}"`, key: `"${key}"` },
          });
        }
        return { kind: 'setConfig', key, value: m[1], origin };
      }
    }
    // SET key = `value`
    const n = tokens.length;
    if (n >= 2 && tokens[n - 1].kind === TokenKind.QuotedIdentifier && tokens[n - 2].kind === TokenKind.Eq) {
      const value = tokens[n - 1].value;
      const keyCandidate = this.sqlText.slice(setTok.end, tokens[n - 2].start).trim();
      const m = CONFIG_KEY.exec(keyCandidate);
      if (!m) {
        throw new ParseException(`"${keyCandidate}" is an invalid property key, please use quotes, e.g. SET "${keyCandidate}"="${value}".`, this.sqlText, start, {
          errorClass: 'INVALID_PROPERTY_KEY',
          sqlState: '42602',
          messageParameters: { key: `"${keyCandidate}"`, value: `"${value}"` },
        });
      }
      return { kind: 'setConfig', key: m[1], value, origin };
    }
    // SET, SET -v, SET key, SET key = value text
    const raw = this.sqlText.slice(setTok.end).trim().replace(/;+$/, '');
    let m = CONFIG_KEY_VALUE.exec(raw);
    if (m) return { kind: 'setConfig', key: m[1], value: m[2].trim(), origin };
    m = CONFIG_KEY.exec(raw);
    if (m) return { kind: 'setConfig', key: m[1], origin };
    if (raw.trim() === '-v') return { kind: 'setConfig', key: '-v', origin };
    if (raw.trim() === '') return { kind: 'setConfig', origin };
    throw new ParseException(
      "Expected format is 'SET', 'SET key', or 'SET key=value'. If you want to include special characters in key, or include semicolon in value, please use backquotes, e.g., SET `key`=`value`.",
      this.sqlText,
      start,
      { errorClass: 'INVALID_SET_SYNTAX', sqlState: '42000', messageParameters: {} },
    );
  }

  /** `SET TIME ZONE 'zone' | LOCAL | INTERVAL ...` -> spark.sql.session.timeZone. */
  private setTimeZone(setTok: Token): SetConfigStatement {
    const start = setTok.start;
    this.advance();
    this.advance();
    const key = 'spark.sql.session.timeZone';
    const t = this.peek();
    const endsAfter = (k: number) => {
      let i = k;
      while (this.isKind(TokenKind.Semicolon, i)) i++;
      return this.isKind(TokenKind.EOF, i);
    };
    if (t.kind === TokenKind.String && endsAfter(1)) {
      this.advance();
      return { kind: 'setConfig', key, value: t.value, origin: this.origin(start) };
    }
    if (isWord(t, 'LOCAL') && endsAfter(1)) {
      this.advance();
      // Spark takes the JVM's default zone at parse time; the process's zone is the analogue.
      return { kind: 'setConfig', key, value: Intl.DateTimeFormat().resolvedOptions().timeZone, origin: this.origin(start) };
    }
    if (isWord(t, 'INTERVAL') && this.peek(1).kind !== TokenKind.EOF && !(this.isKind(TokenKind.String, 1) && endsAfter(2))) {
      const save = this.pos;
      const lit = this.tryIntervalLiteral();
      if (lit && this.atStatementEnd()) {
        return { kind: 'setConfig', key, value: this.zoneOffsetOf(lit.value as CalendarInterval, t), origin: this.origin(start) };
      }
      this.pos = save;
    }
    this.skipToStatementEnd();
    throw legacyParseError('_LEGACY_ERROR_TEMP_0045', 'Invalid time zone displacement value.', this.sqlText, start);
  }

  private tryIntervalLiteral(): LiteralExpr | undefined {
    this.calendarIntervals = true;
    try {
      const e = this.parsePrimary();
      return e.kind === 'literal' && e.dataType instanceof CalendarIntervalType ? e : undefined;
    } catch (e) {
      if (e instanceof ParseException) return undefined;
      throw e;
    } finally {
      this.calendarIntervals = false;
    }
  }

  /** Spark's SET TIME ZONE INTERVAL checks, then ZoneOffset.ofTotalSeconds(...).toString. */
  private zoneOffsetOf(interval: CalendarInterval, at: Token): string {
    const fail = (input: string) =>
      new ParseException(
        `Error parsing '${input}' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. The interval value must be in the range of [-18, +18] hours with second precision.`,
        this.sqlText,
        at.start,
        { errorClass: 'INVALID_INTERVAL_FORMAT.TIMEZONE_INTERVAL_OUT_OF_RANGE', sqlState: '22006', messageParameters: { input } },
      );
    const micros = interval.microseconds;
    const abs = micros < 0n ? -micros : micros;
    if (interval.months !== 0) throw fail(String(interval.months));
    if (interval.days !== 0) throw fail(String(interval.days));
    if (abs > 18n * MICROS_PER_HOUR) throw fail(String(abs / MICROS_PER_HOUR));
    if (micros % MICROS_PER_SECOND !== 0n) throw fail(String(micros / MICROS_PER_SECOND));
    const total = Number(micros / MICROS_PER_SECOND);
    if (total === 0) return 'Z';
    const a = Math.abs(total);
    const hh = String(Math.floor(a / 3600)).padStart(2, '0');
    const mm = String(Math.floor((a % 3600) / 60)).padStart(2, '0');
    const ss = a % 60;
    return `${total < 0 ? '-' : '+'}${hh}:${mm}${ss ? `:${String(ss).padStart(2, '0')}` : ''}`;
  }

  /** `RESET` or `RESET key` (text after the keyword, as Spark reads it). */
  private resetStatement(): ResetConfigStatement {
    const resetTok = this.advance();
    const start = resetTok.start;
    const last = this.skipToStatementEnd();
    const origin: Origin = { start, stop: Math.max(start, last - 1), sqlText: this.sqlText };
    const tokens = this.tokensBetween(resetTok, last);
    if (tokens.length === 1 && tokens[0].kind === TokenKind.QuotedIdentifier) return { kind: 'resetConfig', key: tokens[0].value, origin };
    const raw = this.sqlText.slice(resetTok.end).trim().replace(/;+$/, '');
    const m = CONFIG_KEY.exec(raw);
    if (m) return { kind: 'resetConfig', key: m[1], origin };
    if (raw.trim() === '') return { kind: 'resetConfig', origin };
    throw new ParseException(
      "Expected format is 'RESET' or 'RESET key'. If you want to include special characters in key, please use quotes, e.g., RESET `key`.",
      this.sqlText,
      start,
      { errorClass: 'INVALID_RESET_COMMAND_FORMAT', sqlState: '42000', messageParameters: {} },
    );
  }

  /** Moves to the trailing semicolons (or the end); returns the end offset of the last token before them. */
  private skipToStatementEnd(): number {
    let last = this.tokens.length - 1; // EOF
    while (last > this.pos && this.tokens[last - 1].kind === TokenKind.Semicolon) last--;
    const end = last > this.pos ? this.tokens[last - 1].end : this.lastEnd;
    this.pos = last;
    this.lastEnd = end;
    return end;
  }

  private atStatementEnd(): boolean {
    let i = 0;
    while (this.isKind(TokenKind.Semicolon, i)) i++;
    return this.isKind(TokenKind.EOF, i);
  }

  /** Tokens after `from` that end at or before `end`. */
  private tokensBetween(from: Token, end: number): Token[] {
    return this.tokens.filter((t) => t.start >= from.end && t.end <= end && t.kind !== TokenKind.EOF);
  }

  // -------------------------------------------------------------------------------------------
  // Queries

  /** Spark's `query`: `[WITH ...] queryTerm queryOrganization`. */
  private query(): QueryNode {
    const start = this.peek().start;
    const ctes = this.peekKeyword('WITH') ? this.ctes() : [];
    const body = this.queryTerm();
    const node: QueryNode = { kind: 'query', ctes, body, orderBy: [], sortBy: [], distributeBy: [], clusterBy: [], origin: this.origin(start) };
    this.queryOrganization(node);
    node.origin = this.origin(start);
    return node;
  }

  private ctes(): CteDefinition[] {
    const withTok = this.advance();
    if (this.peekKeyword('RECURSIVE') && this.isIdentifierToken(this.peek(1))) throw this.notYetSupported('WITH RECURSIVE', this.peek());
    const ctes: CteDefinition[] = [];
    do {
      const start = this.peek().start;
      const name = this.errorCapturingIdentifier();
      let columnAliases: string[] | undefined;
      if (this.isKind(TokenKind.LeftParen) && this.looksLikeIdentifierListAt(0)) columnAliases = this.identifierListInParens();
      this.matchKeyword('AS');
      this.expect(TokenKind.LeftParen);
      const query = this.query();
      this.expect(TokenKind.RightParen);
      const cte: CteDefinition = { kind: 'cte', name, query, origin: this.origin(start) };
      if (columnAliases) cte.columnAliases = columnAliases;
      ctes.push(cte);
    } while (this.match(TokenKind.Comma));
    const seen = new Set<string>();
    const duplicates: string[] = [];
    for (const c of ctes) {
      if (seen.has(c.name) && !duplicates.includes(c.name)) duplicates.push(c.name);
      seen.add(c.name);
    }
    if (duplicates.length > 0) {
      const duplicateNames = `'${duplicates.join("', '")}'`;
      this.defer(
        new ParseException(`CTE definition can't have duplicate names: ${duplicateNames}.`, this.sqlText, withTok.start, {
          errorClass: 'DUPLICATED_CTE_NAMES',
          sqlState: '42602',
          messageParameters: { duplicateNames },
        }),
      );
    }
    return ctes;
  }

  /** UNION / EXCEPT / MINUS level (left-associative, looser than INTERSECT). */
  private queryTerm(): QueryTerm {
    const start = this.peek().start;
    let left = this.intersectTerm();
    for (;;) {
      const t = this.peek();
      const operator = t.kind === TokenKind.Word ? SET_OPERATORS.get(t.value) : undefined;
      if (!operator) return left;
      this.advance();
      const all = this.setQuantifierIsAll();
      const right = this.intersectTerm();
      left = { kind: 'setOperation', operator, all, left, right, origin: this.origin(start) };
    }
  }

  private intersectTerm(): QueryTerm {
    const start = this.peek().start;
    let left = this.queryPrimary();
    while (this.peekKeyword('INTERSECT')) {
      this.advance();
      const all = this.setQuantifierIsAll();
      const right = this.queryPrimary();
      left = { kind: 'setOperation', operator: 'intersect', all, left, right, origin: this.origin(start) };
    }
    return left;
  }

  private setQuantifierIsAll(): boolean {
    if (this.matchKeyword('ALL')) return true;
    this.matchKeyword('DISTINCT');
    return false;
  }

  /** SELECT ..., FROM-first, TABLE name, VALUES ..., or a parenthesised query. */
  private queryPrimary(): QueryTerm {
    const t = this.peek();
    if (t.kind === TokenKind.LeftParen) {
      this.advance();
      const q = this.query();
      this.expect(TokenKind.RightParen);
      return q;
    }
    if (t.kind === TokenKind.Word) {
      switch (t.value) {
        case 'SELECT':
          return this.querySpecification();
        case 'FROM':
          return this.fromStatement();
        case 'TABLE': {
          this.advance();
          const nameParts = this.multipartIdentifier();
          return { kind: 'table', nameParts, origin: this.origin(t.start) };
        }
        case 'VALUES':
          return this.inlineTable();
        case 'MAP':
        case 'REDUCE':
          if (!this.isKind(TokenKind.LeftParen, 1) && !this.isKind(TokenKind.Dot, 1)) throw this.notYetSupported('script transformation (MAP / REDUCE)', t);
      }
    }
    throw this.syntaxErrorAt(t);
  }

  /** `SELECT [DISTINCT | ALL] items [FROM ...] [LATERAL VIEW ...] [WHERE] [GROUP BY] [HAVING] [WINDOW]`. */
  private querySpecification(): SelectNode {
    const start = this.expectKeyword('SELECT').start;
    const { distinct, items } = this.selectClause();
    let from: Relation | undefined;
    const lateralViews: LateralView[] = [];
    if (this.peekKeyword('FROM')) {
      const clause = this.fromClause();
      from = clause.relation;
      lateralViews.push(...clause.lateralViews);
    }
    return this.selectRest(start, distinct, items, from, lateralViews);
  }

  private selectClause(): { distinct: boolean; items: UnresolvedExpression[] } {
    if (this.peekKeyword('TRANSFORM') && this.isKind(TokenKind.LeftParen, 1)) {
      // SELECT TRANSFORM(...) USING 'script' is Hive script transformation; transform(...) alone is the function.
      let depth = 0;
      for (let k = 1; ; k++) {
        const t = this.peek(k);
        if (t.kind === TokenKind.EOF) break;
        if (t.kind === TokenKind.LeftParen) depth++;
        else if (t.kind === TokenKind.RightParen && --depth === 0) {
          if (this.peekKeyword('USING', k + 1) || this.peekKeyword('ROW', k + 1) || this.peekKeyword('RECORDWRITER', k + 1)) {
            throw this.notYetSupported('script transformation (SELECT TRANSFORM)', this.peek());
          }
          break;
        }
      }
    }
    let distinct = false;
    const q = this.peek();
    if ((isWord(q, 'DISTINCT') || isWord(q, 'ALL')) && this.startsExpressionAt(1)) {
      this.advance();
      distinct = q.value === 'DISTINCT';
    }
    const items = [this.selectItem()];
    while (this.match(TokenKind.Comma)) items.push(this.selectItem());
    return { distinct, items };
  }

  /** The clauses after FROM: lateral views, WHERE, GROUP BY, HAVING, WINDOW. */
  private selectRest(start: number, distinct: boolean, items: UnresolvedExpression[], from: Relation | undefined, lateralViews: LateralView[]): SelectNode {
    while (this.peekKeyword('LATERAL') && this.peekKeyword('VIEW', 1)) lateralViews.push(this.lateralView());
    const node: SelectNode = { kind: 'select', distinct, items, lateralViews, groupByAll: false, origin: this.origin(start) };
    if (from) node.from = from;
    if (this.matchKeyword('WHERE')) node.where = this.parseExpression();
    if (this.peekKeyword('GROUP') && this.peekKeyword('BY', 1)) {
      this.advance();
      this.advance();
      node.groupBy = this.groupByItems();
      const only = node.groupBy.length === 1 ? node.groupBy[0] : undefined;
      node.groupByAll = only !== undefined && only.kind === 'column' && only.nameParts.length === 1 && only.nameParts[0].toUpperCase() === 'ALL';
    }
    if (this.matchKeyword('HAVING')) node.having = this.parseExpression();
    if (this.peekKeyword('WINDOW') && this.isIdentifierToken(this.peek(1))) throw this.notYetSupported('WINDOW clause', this.peek());
    node.origin = this.origin(start);
    return node;
  }

  /** A select-list item: an expression with an optional alias (`AS x`, `x`, `AS (a, b)`, `(a, b)`). */
  private selectItem(): UnresolvedExpression {
    const start = this.peek().start;
    const expr = this.parseExpression();
    if (expr.kind === 'star' && this.peekKeyword('EXCEPT') && this.isKind(TokenKind.LeftParen, 1) && !this.startsQueryAt(2)) {
      throw this.notYetSupported('SELECT * EXCEPT (columns)', this.peek());
    }
    let names: string[] | undefined;
    if (this.peekKeyword('AS') && !this.asIsAlias(false)) {
      this.advance();
      names = this.isKind(TokenKind.LeftParen) ? this.identifierListInParens() : [this.errorCapturingIdentifier()];
    } else if (this.isKind(TokenKind.LeftParen) && this.looksLikeIdentifierListAt(0)) {
      names = this.identifierListInParens();
    } else if (this.isImplicitAlias(false)) {
      names = [this.errorCapturingIdentifier()];
    }
    if (!names) return expr;
    return this.withOrigin<AliasExpr>({ kind: 'alias', child: expr, names }, start);
  }

  /** Nested named expressions (`struct(a x)`, `(a, b c)`) follow the same alias rule as select items. */
  protected override canStartImplicitAlias(t: Token): boolean {
    void t;
    return this.isImplicitAlias(false);
  }

  /**
   * Whether the word at the cursor is an alias written without AS. A clause keyword is an alias
   * only when its clause cannot continue with the next token (`SELECT a FROM` aliases `a`);
   * for tables the join and set-operation keywords never are (Spark's strictNonReserved).
   */
  private isImplicitAlias(forTable: boolean): boolean {
    const t = this.peek();
    if (t.kind === TokenKind.QuotedIdentifier) return true;
    if (t.kind !== TokenKind.Word) return false;
    if (forTable && STRICT_NON_RESERVED.has(t.value)) return false;
    if (CLAUSE_KEYWORDS.has(t.value)) return !this.clauseContinues(0);
    return true;
  }

  /** At AS: whether AS is itself the alias (`SELECT a AS FROM t`: the next word starts a clause). */
  private asIsAlias(forTable: boolean): boolean {
    const next = this.peek(1);
    if (next.kind === TokenKind.LeftParen || next.kind === TokenKind.QuotedIdentifier) return false;
    if (next.kind !== TokenKind.Word) return true;
    if (forTable && STRICT_NON_RESERVED.has(next.value)) return true;
    return CLAUSE_KEYWORDS.has(next.value) && this.clauseContinues(1);
  }

  /** Whether the clause keyword at `k` can go on with the token after it. */
  private clauseContinues(k: number): boolean {
    const t = this.peek(k);
    if (t.kind !== TokenKind.Word) return false;
    const next = this.peek(k + 1);
    switch (t.value) {
      case 'FROM':
        return this.isIdentifierToken(next) || next.kind === TokenKind.LeftParen;
      case 'WHERE':
      case 'HAVING':
      case 'OFFSET':
      case 'SELECT':
        return this.startsExpressionAt(k + 1);
      case 'LIMIT':
        return isWord(next, 'ALL') || this.startsExpressionAt(k + 1);
      case 'GROUP':
      case 'ORDER':
      case 'SORT':
      case 'CLUSTER':
      case 'DISTRIBUTE':
        return isWord(next, 'BY');
      case 'WINDOW':
        return this.isIdentifierToken(next);
      case 'LATERAL':
        return isWord(next, 'VIEW') || next.kind === TokenKind.LeftParen || this.isIdentifierToken(next);
      case 'UNION':
      case 'EXCEPT':
      case 'MINUS':
      case 'INTERSECT':
        return next.kind === TokenKind.LeftParen || isWord(next, 'ALL') || isWord(next, 'DISTINCT') || (next.kind === TokenKind.Word && QUERY_PRIMARY_STARTS.has(next.value));
      case 'PIVOT':
      case 'TABLESAMPLE':
        return next.kind === TokenKind.LeftParen;
      case 'UNPIVOT':
        return next.kind === TokenKind.LeftParen || isWord(next, 'INCLUDE') || isWord(next, 'EXCLUDE');
    }
    return false;
  }

  private startsExpressionAt(k: number): boolean {
    const kind = this.peek(k).kind;
    return EXPRESSION_START_KINDS.has(kind) || NUMBER_KINDS.has(kind);
  }

  // -------------------------------------------------------------------------------------------
  // FROM

  /** `FROM relation (, relation)* LATERAL VIEW*`; commas are inner joins, applied left to right. */
  private fromClause(): { relation: Relation; lateralViews: LateralView[] } {
    const fromTok = this.expectKeyword('FROM');
    let relation = this.relation();
    while (this.match(TokenKind.Comma)) {
      const lateralTok = this.lateralPrefix();
      const primary = this.relationPrimary();
      if (lateralTok) this.checkLateralRight(primary);
      // `FROM a, b PIVOT (...)` pivots b alone, as Spark's `relation (COMMA relation)*`.
      let right: Relation = primary;
      while (this.atPivotOrUnpivot()) right = this.pivotOrUnpivot(right);
      const join: JoinRelation = {
        kind: 'join',
        joinType: 'inner',
        left: relation,
        right,
        natural: false,
        lateral: lateralTok !== undefined,
        origin: this.origin(relation.origin.start),
      };
      relation = this.joinExtensions(join);
    }
    const lateralViews: LateralView[] = [];
    while (this.peekKeyword('LATERAL') && this.peekKeyword('VIEW', 1)) lateralViews.push(this.lateralView());
    // Only LATERAL VIEW can come between a relation and a PIVOT here, which Spark refuses.
    if (this.atPivotOrUnpivot()) {
      const clause = this.peek().value;
      throw new ParseException(`Not allowed in the FROM clause: LATERAL together with ${clause}.`, this.sqlText, fromTok.start, {
        errorClass: `NOT_ALLOWED_IN_FROM.LATERAL_WITH_${clause}`,
        sqlState: '42601',
        messageParameters: {},
      });
    }
    return { relation, lateralViews };
  }

  /** `LATERAL? relationPrimary joinRelation*` (a leading LATERAL has no left side and changes nothing). */
  private relation(): Relation {
    this.lateralPrefix();
    return this.joinExtensions(this.relationPrimary());
  }

  private lateralPrefix(): Token | undefined {
    if (this.peekKeyword('LATERAL') && !this.peekKeyword('VIEW', 1)) {
      const next = this.peek(1);
      if (next.kind === TokenKind.LeftParen || this.isIdentifierToken(next)) return this.advance();
    }
    return undefined;
  }

  private checkLateralRight(right: Relation): void {
    if (right.kind !== 'subquery' && right.kind !== 'tableFunction') {
      this.defer(
        new ParseException('Invalid SQL syntax: LATERAL can only be used with subquery and table-valued functions.', this.sqlText, right.origin.start, {
          errorClass: 'INVALID_SQL_SYNTAX.LATERAL_WITHOUT_SUBQUERY_OR_TABLE_VALUED_FUNC',
          sqlState: '42000',
          messageParameters: {},
        }),
      );
    }
  }

  /** Joins after a relation, left-deep. */
  private joinExtensions(base: Relation): Relation {
    let left = base;
    for (;;) {
      const t = this.peek();
      if (t.kind !== TokenKind.Word) return left;
      if (this.atPivotOrUnpivot()) {
        left = this.pivotOrUnpivot(left);
        continue;
      }
      if (!JOIN_STARTS.has(t.value)) return left;
      left = this.joinRelation(left);
    }
  }

  /** Whether a PIVOT or UNPIVOT clause starts here (the word followed by what the clause takes). */
  private atPivotOrUnpivot(): boolean {
    return (this.peekKeyword('PIVOT') || this.peekKeyword('UNPIVOT')) && this.clauseContinues(0);
  }

  /** A PIVOT or UNPIVOT clause over `child` (at its keyword). */
  private pivotOrUnpivot(child: Relation): PivotRelation | UnpivotRelation {
    return this.peekKeyword('PIVOT') ? this.pivotClause(child) : this.unpivotClause(child);
  }

  /** `PIVOT (agg [[AS] x], ... FOR col | (c1, ...) IN (value [[AS] x], ...)) [[AS] alias]`. */
  private pivotClause(child: Relation): PivotRelation {
    this.advance();
    this.expect(TokenKind.LeftParen);
    const aggregates: UnresolvedExpression[] = [];
    do {
      const start = this.peek().start;
      const aggregate = this.parseExpression();
      const name = this.optionalAlias(() => !this.peekKeyword('FOR'));
      aggregates.push(name === undefined ? aggregate : this.withOrigin<AliasExpr>({ kind: 'alias', child: aggregate, names: [name] }, start));
    } while (this.match(TokenKind.Comma));
    this.expectKeyword('FOR');
    const pivotColumns = this.isKind(TokenKind.LeftParen) ? this.identifierListInParens() : [this.errorCapturingIdentifier()];
    this.expectKeyword('IN');
    this.expect(TokenKind.LeftParen);
    const values: PivotRelation['values'] = [];
    do {
      const value = this.parseExpression();
      const alias = this.optionalAlias(() => true);
      values.push(alias === undefined ? { value } : { value, alias });
    } while (this.match(TokenKind.Comma));
    this.expect(TokenKind.RightParen);
    this.expect(TokenKind.RightParen);
    const node: PivotRelation = { kind: 'pivot', child, aggregates, pivotColumns, values, origin: child.origin };
    this.relationAlias(node);
    node.origin = this.origin(child.origin.start);
    return node;
  }

  /**
   * `UNPIVOT [INCLUDE | EXCLUDE NULLS] (v FOR name IN (col [[AS] x], ...)) [[AS] alias]`, or with
   * several value columns `((v1, v2) FOR name IN ((c1, c2) [[AS] x], ...))`.
   */
  private unpivotClause(child: Relation): UnpivotRelation {
    this.advance();
    let includeNulls = false;
    if (this.peekKeyword('INCLUDE') || this.peekKeyword('EXCLUDE')) {
      includeNulls = this.advance().value === 'INCLUDE';
      this.expectKeyword('NULLS');
    }
    this.expect(TokenKind.LeftParen);
    const multi = this.isKind(TokenKind.LeftParen);
    const valueColumns = multi ? this.identifierListInParens() : [this.parseIdentifier()];
    this.expectKeyword('FOR');
    const nameColumn = this.parseIdentifier();
    this.expectKeyword('IN');
    this.expect(TokenKind.LeftParen);
    const columnSets: UnpivotRelation['columnSets'] = [];
    do {
      const columns: string[][] = [];
      if (multi) {
        this.expect(TokenKind.LeftParen);
        do columns.push(this.multipartIdentifier());
        while (this.match(TokenKind.Comma));
        this.expect(TokenKind.RightParen);
      } else {
        columns.push(this.multipartIdentifier());
      }
      const alias = this.optionalAlias(() => true);
      columnSets.push(alias === undefined ? { columns } : { columns, alias });
    } while (this.match(TokenKind.Comma));
    this.expect(TokenKind.RightParen);
    this.expect(TokenKind.RightParen);
    const node: UnpivotRelation = { kind: 'unpivot', child, includeNulls, valueColumns, nameColumn, columnSets, origin: child.origin };
    this.relationAlias(node);
    node.origin = this.origin(child.origin.start);
    return node;
  }

  /** `[AS] name` inside PIVOT / UNPIVOT lists; `implicitOk` says whether a bare word may be the alias here. */
  private optionalAlias(implicitOk: () => boolean): string | undefined {
    if (this.matchKeyword('AS')) return this.errorCapturingIdentifier();
    const t = this.peek();
    if ((t.kind === TokenKind.Word || t.kind === TokenKind.QuotedIdentifier) && this.isIdentifierToken(t) && implicitOk()) return this.errorCapturingIdentifier();
    return undefined;
  }

  /** The `[AS] alias` after a PIVOT or UNPIVOT clause (no column list). */
  private relationAlias(node: { alias?: string }): void {
    if (this.peekKeyword('AS') && !this.asIsAlias(true)) {
      this.advance();
      node.alias = this.parseIdentifier();
    } else if (this.isImplicitAlias(true) && !JOIN_STARTS.has(this.peek().value) && !this.atPivotOrUnpivot()) {
      node.alias = this.parseIdentifier();
    }
  }

  /** `[NATURAL] joinType JOIN [LATERAL] relationPrimary [ON expr | USING (cols)]`. */
  private joinRelation(left: Relation): JoinRelation {
    const start = left.origin.start;
    const naturalTok = this.peekKeyword('NATURAL') ? this.advance() : undefined;
    let joinType: JoinType = 'inner';
    const t = this.peek();
    switch (t.kind === TokenKind.Word ? t.value : '') {
      case 'INNER':
        this.advance();
        break;
      case 'CROSS':
        this.advance();
        joinType = 'cross';
        break;
      case 'LEFT':
        this.advance();
        if (this.matchKeyword('SEMI')) joinType = 'leftSemi';
        else if (this.matchKeyword('ANTI')) joinType = 'leftAnti';
        else {
          this.matchKeyword('OUTER');
          joinType = 'leftOuter';
        }
        break;
      case 'RIGHT':
        this.advance();
        this.matchKeyword('OUTER');
        joinType = 'rightOuter';
        break;
      case 'FULL':
        this.advance();
        this.matchKeyword('OUTER');
        joinType = 'fullOuter';
        break;
      case 'SEMI':
        this.advance();
        joinType = 'leftSemi';
        break;
      case 'ANTI':
        this.advance();
        joinType = 'leftAnti';
        break;
    }
    this.expectJoinKeyword();
    const lateralTok = this.peekKeyword('LATERAL') && (this.isKind(TokenKind.LeftParen, 1) || this.isIdentifierToken(this.peek(1))) ? this.advance() : undefined;
    const right = this.relationPrimary();
    const node: JoinRelation = { kind: 'join', joinType, left, right, natural: naturalTok !== undefined, lateral: lateralTok !== undefined, origin: this.origin(start) };
    if (!naturalTok) {
      if (this.matchKeyword('ON')) node.condition = this.parseExpression();
      else if (this.matchKeyword('USING')) node.using = this.identifierListInParens();
    }
    node.origin = this.origin(start);
    if (naturalTok && joinType === 'cross') {
      this.defer(
        new ParseException('The join types NATURAL and CROSS are incompatible.', this.sqlText, start, {
          errorClass: 'INCOMPATIBLE_JOIN_TYPES',
          sqlState: '42613',
          messageParameters: { joinType1: 'NATURAL', joinType2: 'CROSS' },
        }),
      );
    }
    if (lateralTok) {
      this.checkLateralRight(right);
      if (node.using) this.defer(this.unsupportedSubFeature('LATERAL_JOIN_USING', 'JOIN USING with LATERAL correlation', start));
      else if (node.natural) this.defer(this.unsupportedSubFeature('LATERAL_NATURAL_JOIN', 'NATURAL join with LATERAL correlation', start));
      else if (joinType !== 'inner' && joinType !== 'cross' && joinType !== 'leftOuter') {
        const name = { rightOuter: 'RIGHT OUTER', fullOuter: 'FULL OUTER', leftSemi: 'LEFT SEMI', leftAnti: 'LEFT ANTI' }[joinType];
        this.defer(
          new ParseException(
            `The ${name} JOIN with LATERAL correlation is not allowed because an OUTER subquery cannot correlate to its join partner. Remove the LATERAL correlation or use an INNER JOIN, or LEFT OUTER JOIN instead.`,
            this.sqlText,
            start,
            { errorClass: 'INVALID_LATERAL_JOIN_TYPE', sqlState: '42613', messageParameters: { joinType: name } },
          ),
        );
      }
    }
    return node;
  }

  /** JOIN after a join type; a relation name in its place is ANTLR's "missing 'JOIN'". */
  private expectJoinKeyword(): void {
    if (this.matchKeyword('JOIN')) return;
    const t = this.peek();
    if (!isWord(this.peek(1), 'JOIN') && (this.isIdentifierToken(t) || t.kind === TokenKind.LeftParen)) {
      throw this.syntaxErrorAt(t, ": missing 'JOIN'");
    }
    this.failExpecting((x) => isWord(x, 'JOIN'));
  }

  /** A table name, table-valued function, inline table, subquery or parenthesised relation, with its alias. */
  private relationPrimary(): Relation {
    const t = this.peek();
    const start = t.start;
    if (t.kind === TokenKind.LeftParen) {
      if (this.startsQuery(1)) return this.subqueryRelation();
      if (this.isKind(TokenKind.LeftParen, 1)) {
        // `((SELECT 1) UNION (SELECT 2)) t` is a query, `((SELECT 1) t JOIN u) x` a relation: try both.
        return this.speculate(() => this.subqueryRelation(), () => this.parenthesizedRelation());
      }
      return this.parenthesizedRelation();
    }
    if (isWord(t, 'VALUES') && this.inlineTableFollows()) return this.inlineTable();
    if (!this.isIdentifierToken(t)) throw this.syntaxErrorAt(t);
    if (this.isKind(TokenKind.LeftParen, 1) || this.qualifiedCallFollows()) return this.tableFunction();
    const nameParts = this.multipartIdentifier();
    this.rejectTimeTravelAndSample();
    const node: TableRelation = { kind: 'table', nameParts, origin: this.origin(start) };
    this.tableAlias(node);
    node.origin = this.origin(start);
    return node;
  }

  private subqueryRelation(): SubqueryRelation {
    const start = this.expect(TokenKind.LeftParen).start;
    const query = this.query();
    this.expect(TokenKind.RightParen);
    this.rejectTimeTravelAndSample();
    const node: SubqueryRelation = { kind: 'subquery', query, origin: this.origin(start) };
    this.tableAlias(node);
    node.origin = this.origin(start);
    return node;
  }

  private parenthesizedRelation(): Relation {
    const start = this.expect(TokenKind.LeftParen).start;
    const relation = this.relation();
    this.expect(TokenKind.RightParen);
    this.rejectTimeTravelAndSample();
    const alias: { alias?: string; columnAliases?: string[] } = {};
    this.tableAlias(alias);
    if (alias.alias === undefined) return relation;
    const node: AliasedRelation = { kind: 'aliasedRelation', relation, alias: alias.alias, origin: this.origin(start) };
    if (alias.columnAliases) node.columnAliases = alias.columnAliases;
    return node;
  }

  /** `a.b.c(` ahead: a qualified table-valued function name. */
  private qualifiedCallFollows(): boolean {
    let k = 0;
    while (this.isIdentifierToken(this.peek(k)) && this.isKind(TokenKind.Dot, k + 1)) k += 2;
    return k > 0 && this.isIdentifierToken(this.peek(k)) && this.isKind(TokenKind.LeftParen, k + 1);
  }

  /** `range(10) [AS] t(id)`. */
  private tableFunction(): TableFunctionRelation {
    const start = this.peek().start;
    const nameParts = [this.functionNamePart()];
    while (this.match(TokenKind.Dot)) nameParts.push(this.functionNamePart());
    this.expect(TokenKind.LeftParen);
    const args: UnresolvedExpression[] = [];
    if (!this.isKind(TokenKind.RightParen)) {
      do {
        if (this.peekKeyword('TABLE') && (this.isKind(TokenKind.LeftParen, 1) || this.isIdentifierToken(this.peek(1)))) {
          throw this.notYetSupported('TABLE arguments of table-valued functions', this.peek());
        }
        args.push(this.parseExpression());
      } while (this.match(TokenKind.Comma));
    }
    this.expect(TokenKind.RightParen);
    const node: TableFunctionRelation = { kind: 'tableFunction', nameParts, args, origin: this.origin(start) };
    this.tableAlias(node);
    node.origin = this.origin(start);
    return node;
  }

  private functionNamePart(): string {
    const t = this.peek();
    if (t.kind === TokenKind.Word) {
      this.advance();
      return t.text.toLowerCase();
    }
    return this.parseIdentifier();
  }

  /** After a relation: time travel and TABLESAMPLE are not supported. */
  private rejectTimeTravelAndSample(): void {
    const k = this.peekKeyword('FOR') ? 1 : 0;
    const t = this.peek(k);
    if (t.kind === TokenKind.Word && ['SYSTEM_VERSION', 'VERSION', 'SYSTEM_TIME', 'TIMESTAMP'].includes(t.value) && this.peekKeyword('AS', k + 1) && this.peekKeyword('OF', k + 2)) {
      throw this.notYetSupported('time travel (AS OF)', this.peek());
    }
    if (this.peekKeyword('TABLESAMPLE') && this.isKind(TokenKind.LeftParen, 1)) throw this.notYetSupported('TABLESAMPLE', this.peek());
  }

  /** Spark's tableAlias: `[AS] name [(col, ...)]`, filled into `node`. */
  private tableAlias(node: { alias?: string; columnAliases?: string[] }): void {
    if (this.peekKeyword('AS') && !this.asIsAlias(true)) {
      this.advance();
      const t = this.peek();
      if (t.kind === TokenKind.Word && STRICT_NON_RESERVED.has(t.value)) throw this.syntaxErrorAt(t);
      node.alias = this.parseIdentifier();
    } else if (this.isImplicitAlias(true)) {
      node.alias = this.parseIdentifier();
    } else {
      return;
    }
    if (this.isKind(TokenKind.LeftParen) && this.looksLikeIdentifierListAt(0)) node.columnAliases = this.identifierListInParens();
  }

  /** `LATERAL VIEW [OUTER] gen(args) tbl [AS] col, ...`. */
  private lateralView(): LateralView {
    const start = this.advance().start;
    this.advance();
    const outer = this.peekKeyword('OUTER') && !this.isKind(TokenKind.LeftParen, 1) && !this.isKind(TokenKind.Dot, 1);
    if (outer) this.advance();
    const nameParts = [this.functionNamePart()];
    while (this.match(TokenKind.Dot)) nameParts.push(this.functionNamePart());
    this.expect(TokenKind.LeftParen);
    const args: UnresolvedExpression[] = [];
    if (!this.isKind(TokenKind.RightParen)) {
      args.push(this.parseExpression());
      while (this.match(TokenKind.Comma)) args.push(this.parseExpression());
    }
    this.expect(TokenKind.RightParen);
    const tableAlias = this.parseIdentifier().toLowerCase();
    const columnAliases: string[] = [];
    let hasColumns: boolean;
    if (this.peekKeyword('AS') && !this.asIsAlias(false)) {
      this.advance();
      hasColumns = true;
    } else {
      hasColumns = this.isImplicitAlias(false);
    }
    if (hasColumns) {
      columnAliases.push(this.parseIdentifier());
      while (this.isKind(TokenKind.Comma) && this.isIdentifierToken(this.peek(1))) {
        this.advance();
        columnAliases.push(this.parseIdentifier());
      }
    }
    return { kind: 'lateralView', functionName: nameParts.join('.'), args, outer, tableAlias, columnAliases, origin: this.origin(start) };
  }

  // -------------------------------------------------------------------------------------------
  // FROM-first, VALUES

  /** `FROM t SELECT a [WHERE ...] [SELECT b ...]`: one SELECT per body over the same FROM; several bodies are UNION ALL. */
  private fromStatement(): QueryTerm {
    const start = this.peek().start;
    const { relation, lateralViews } = this.fromClause();
    const bodies: QueryNode[] = [];
    do {
      const bodyStart = this.peek().start;
      if (!this.peekKeyword('SELECT')) this.failExpecting((t) => isWord(t, 'SELECT'));
      this.advance();
      const { distinct, items } = this.selectClause();
      const select = this.selectRest(bodyStart, distinct, items, relation, [...lateralViews]);
      const body: QueryNode = { kind: 'query', ctes: [], body: select, orderBy: [], sortBy: [], distributeBy: [], clusterBy: [], origin: this.origin(bodyStart) };
      this.queryOrganization(body);
      body.origin = this.origin(bodyStart);
      bodies.push(body);
    } while (this.peekKeyword('SELECT'));
    let term: QueryTerm = bodies[0];
    for (let i = 1; i < bodies.length; i++) {
      term = { kind: 'setOperation', operator: 'union', all: true, left: term, right: bodies[i], origin: this.origin(start) };
    }
    return term;
  }

  /** After VALUES in FROM: rows follow (else VALUES is a table name). */
  private inlineTableFollows(): boolean {
    const next = this.peek(1);
    if (next.kind === TokenKind.Word || next.kind === TokenKind.QuotedIdentifier) return false;
    return this.startsExpressionAt(1);
  }

  /** `VALUES row (, row)* [[AS] t(cols)]`. */
  private inlineTable(): InlineTableRelation {
    const start = this.expectKeyword('VALUES').start;
    const rows = [this.inlineRow()];
    while (this.match(TokenKind.Comma)) rows.push(this.inlineRow());
    const node: InlineTableRelation = { kind: 'inlineTable', rows, origin: this.origin(start) };
    this.tableAlias(node);
    node.origin = this.origin(start);
    return node;
  }

  /** `(1, 'a')` is a struct to the expression parser; an inline-table row takes its fields (Spark's CreateNamedStruct.valExprs). */
  private inlineRow(): UnresolvedExpression[] {
    const e = this.parseExpression();
    if (e.kind === 'function' && e.name === 'struct' && !e.isOperator && !e.distinct) {
      return e.args.map((a) => (a.kind === 'alias' ? a.child : a));
    }
    return [e];
  }

  // -------------------------------------------------------------------------------------------
  // GROUP BY

  private groupByItems(): GroupByItem[] {
    const items: GroupByItem[] = [this.groupByItem()];
    while (this.match(TokenKind.Comma)) items.push(this.groupByItem());
    if (items.every((i) => i.kind !== 'groupingAnalytics')) {
      const exprs = items as UnresolvedExpression[];
      const start = this.peek().start;
      if (this.peekKeyword('WITH') && (this.peekKeyword('ROLLUP', 1) || this.peekKeyword('CUBE', 1))) {
        this.advance();
        const type = this.advance().value === 'ROLLUP' ? 'rollup' : 'cube';
        return [{ kind: 'groupingAnalytics', type, sets: exprs.map((e) => [e]), origin: this.origin(start) }];
      }
      if (this.peekKeyword('GROUPING') && this.peekKeyword('SETS', 1)) {
        this.advance();
        this.advance();
        this.expect(TokenKind.LeftParen);
        const sets = [this.groupingSet()];
        while (this.match(TokenKind.Comma)) sets.push(this.groupingSet());
        this.expect(TokenKind.RightParen);
        return [{ kind: 'groupingAnalytics', type: 'groupingSets', sets, groupByExpressions: exprs, origin: this.origin(start) }];
      }
    }
    return items;
  }

  private groupByItem(): GroupByItem {
    return this.groupingAnalyticsAhead() ? this.groupingAnalytics() : this.parseExpression();
  }

  private groupingAnalyticsAhead(): boolean {
    if ((this.peekKeyword('ROLLUP') || this.peekKeyword('CUBE')) && this.isKind(TokenKind.LeftParen, 1)) return true;
    return this.peekKeyword('GROUPING') && this.peekKeyword('SETS', 1) && this.isKind(TokenKind.LeftParen, 2);
  }

  /** `ROLLUP(set, ...)`, `CUBE(set, ...)`, `GROUPING SETS(element, ...)`. */
  private groupingAnalytics(): GroupingAnalytics {
    const start = this.peek().start;
    const word = this.advance().value;
    if (word === 'GROUPING') {
      this.advance();
      this.expect(TokenKind.LeftParen);
      const sets: UnresolvedExpression[][] = [];
      do {
        if (this.groupingAnalyticsAhead()) sets.push(...selectedSets(this.groupingAnalytics()));
        else sets.push(this.groupingSet());
      } while (this.match(TokenKind.Comma));
      this.expect(TokenKind.RightParen);
      return { kind: 'groupingAnalytics', type: 'groupingSets', sets, origin: this.origin(start) };
    }
    this.expect(TokenKind.LeftParen);
    const sets = [this.groupingSet()];
    while (this.match(TokenKind.Comma)) sets.push(this.groupingSet());
    this.expect(TokenKind.RightParen);
    const type = word === 'ROLLUP' ? 'rollup' : 'cube';
    if (sets.some((s) => s.length === 0)) {
      this.defer(legacyParseError('_LEGACY_ERROR_TEMP_0051', `Empty set in ${word} grouping sets is not supported.`, this.sqlText, start, { element: word }));
    }
    return { kind: 'groupingAnalytics', type, sets, origin: this.origin(start) };
  }

  /** `(a, b)`, `()` or `a`. */
  private groupingSet(): UnresolvedExpression[] {
    if (this.isKind(TokenKind.LeftParen) && !this.startsQuery(1)) {
      // `(a, b)` is a set; `(a + 1) * 2` is an expression that starts with a parenthesis.
      const save = this.pos;
      const saveEnd = this.lastEnd;
      this.advance();
      const exprs: UnresolvedExpression[] = [];
      if (!this.isKind(TokenKind.RightParen)) {
        exprs.push(this.parseExpression());
        while (this.match(TokenKind.Comma)) exprs.push(this.parseExpression());
      }
      this.expect(TokenKind.RightParen);
      if (this.isKind(TokenKind.Comma) || this.isKind(TokenKind.RightParen)) return exprs;
      this.pos = save;
      this.lastEnd = saveEnd;
    }
    return [this.parseExpression()];
  }

  // -------------------------------------------------------------------------------------------
  // ORDER BY / SORT BY / CLUSTER BY / DISTRIBUTE BY / LIMIT / OFFSET

  private queryOrganization(node: QueryNode): void {
    const start = this.peek().start;
    const byClause = (word: string): boolean => {
      if (!this.peekKeyword(word) || !this.peekKeyword('BY', 1)) return false;
      this.advance();
      this.advance();
      return true;
    };
    if (byClause('ORDER')) node.orderBy = this.sortItems();
    if (byClause('CLUSTER')) node.clusterBy = this.expressionList();
    if (byClause('DISTRIBUTE')) node.distributeBy = this.expressionList();
    if (byClause('SORT')) node.sortBy = this.sortItems();
    if (this.peekKeyword('WINDOW') && this.isIdentifierToken(this.peek(1))) throw this.notYetSupported('WINDOW clause', this.peek());
    if (this.matchKeyword('LIMIT')) {
      const next = this.peek(1).kind;
      const limitAll =
        this.peekKeyword('ALL') &&
        (next === TokenKind.EOF || next === TokenKind.Semicolon || next === TokenKind.RightParen || next === TokenKind.Word || next === TokenKind.Comma);
      if (limitAll) this.advance();
      else node.limit = this.parseExpression();
    }
    if (this.matchKeyword('OFFSET')) node.offset = this.parseExpression();
    const order = node.orderBy.length > 0;
    const sort = node.sortBy.length > 0;
    const distribute = node.distributeBy.length > 0;
    const cluster = node.clusterBy.length > 0;
    if ((order && (sort || distribute || cluster)) || (cluster && (sort || distribute))) {
      this.defer(this.unsupportedSubFeature('COMBINATION_QUERY_RESULT_CLAUSES', 'Combination of ORDER BY/SORT BY/DISTRIBUTE BY/CLUSTER BY', start));
    }
  }

  private sortItems(): SortOrderExpr[] {
    const items = [this.parseSortItem()];
    while (this.match(TokenKind.Comma)) items.push(this.parseSortItem());
    return items;
  }

  private expressionList(): UnresolvedExpression[] {
    const items = [this.parseExpression()];
    while (this.match(TokenKind.Comma)) items.push(this.parseExpression());
    return items;
  }

  // -------------------------------------------------------------------------------------------
  // Subqueries in expressions

  protected override parseSubqueryExpression(): UnresolvedExpression {
    const start = this.expect(TokenKind.LeftParen).start;
    const query = this.query();
    this.expect(TokenKind.RightParen);
    return this.withOrigin<ScalarSubqueryExpr>({ kind: 'scalarSubquery', query }, start);
  }

  protected override parseInSubquery(value: UnresolvedExpression, start: number): UnresolvedExpression {
    this.expect(TokenKind.LeftParen);
    const query = this.query();
    this.expect(TokenKind.RightParen);
    // `(a, b) IN (SELECT ...)` compares field by field (Spark's InSubquery over the struct's values).
    const values = value.kind === 'function' && value.name === 'struct' && !value.isOperator ? value.args.map((a) => (a.kind === 'alias' ? a.child : a)) : [value];
    return this.withOrigin<InSubqueryExpr>({ kind: 'inSubquery', values, query }, start);
  }

  protected override parseExistsSubquery(): UnresolvedExpression {
    const start = this.expectKeyword('EXISTS').start;
    this.expect(TokenKind.LeftParen);
    const query = this.query();
    this.expect(TokenKind.RightParen);
    return this.withOrigin<ExistsExpr>({ kind: 'exists', query }, start);
  }

  // -------------------------------------------------------------------------------------------
  // Identifiers

  /** `a.b.c` where each part is an errorCapturingIdentifier. */
  private multipartIdentifier(): string[] {
    const parts = [this.errorCapturingIdentifier()];
    while (this.isKind(TokenKind.Dot) && this.isIdentifierToken(this.peek(1))) {
      this.advance();
      parts.push(this.errorCapturingIdentifier());
    }
    return parts;
  }

  /** An identifier; `my-table` (unquoted, with hyphens) is Spark's INVALID_IDENTIFIER. */
  private errorCapturingIdentifier(): string {
    const name = this.parseIdentifier();
    if (this.isKind(TokenKind.Minus) && this.isIdentifierToken(this.peek(1))) {
      const minus = this.peek();
      let ident = name;
      while (this.isKind(TokenKind.Minus) && this.isIdentifierToken(this.peek(1))) {
        this.advance();
        ident += `-${this.parseIdentifier()}`;
      }
      throw new ParseException(
        `The unquoted identifier ${ident} is invalid and must be back quoted as: \`${ident}\`.\n` +
          "Unquoted identifiers can only contain ASCII letters ('a' - 'z', 'A' - 'Z'), digits ('0' - '9'), and underbar ('_').\n" +
          'Unquoted identifiers must also not start with a digit.\n' +
          'Different data sources and meta stores may impose additional restrictions on valid identifiers.',
        this.sqlText,
        minus.start,
        { errorClass: 'INVALID_IDENTIFIER', sqlState: '42602', messageParameters: { ident } },
      );
    }
    return name;
  }

  /** `(a, b, c)`. */
  private identifierListInParens(): string[] {
    this.expect(TokenKind.LeftParen);
    const names = [this.errorCapturingIdentifier()];
    while (this.match(TokenKind.Comma)) names.push(this.errorCapturingIdentifier());
    this.expect(TokenKind.RightParen);
    return names;
  }

  /** At `(` (offset k): `( ident (, ident)* )`. */
  private looksLikeIdentifierListAt(k: number): boolean {
    let i = k + 1;
    for (;;) {
      if (!this.isIdentifierToken(this.peek(i))) return false;
      const sep = this.peek(i + 1).kind;
      if (sep === TokenKind.RightParen) return true;
      if (sep !== TokenKind.Comma) return false;
      i += 2;
    }
  }

  private stringValue(): string {
    return this.parseStringLiteral().value as string;
  }

  // -------------------------------------------------------------------------------------------
  // Helpers

  private origin(start: number): Origin {
    return { start, stop: Math.max(start, this.lastEnd - 1), sqlText: this.sqlText };
  }

  private unsupportedSubFeature(subClass: string, text: string, offset: number): ParseException {
    return new ParseException(`The feature is not supported: ${text}.`, this.sqlText, offset, {
      errorClass: `UNSUPPORTED_FEATURE.${subClass}`,
      sqlState: '0A000',
      messageParameters: {},
    });
  }

  /**
   * Tries `first`, then `second` from the same place; keeps the first that parses, else throws
   * the error that got further (ANTLR picks the alternative that survives longest).
   */
  private speculate<T>(first: () => T, second: () => T): T {
    const save = { pos: this.pos, lastEnd: this.lastEnd, deferred: this.deferredError };
    let firstError: ParseException;
    try {
      return first();
    } catch (e) {
      if (!(e instanceof ParseException)) throw e;
      firstError = e;
    }
    this.pos = save.pos;
    this.lastEnd = save.lastEnd;
    this.deferredError = save.deferred;
    try {
      return second();
    } catch (e) {
      if (!(e instanceof ParseException)) throw e;
      const further = e.line > firstError.line || (e.line === firstError.line && e.startPosition > firstError.startPosition);
      throw further ? e : firstError;
    }
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Tokens of a statement. An unclosed `/*` is Spark's UNCLOSED_BRACKETED_COMMENT, except in the
 * value of a plain `SET key=value` (Spark reads it as text: `SET path = /a/b/*`).
 */
export function tokenizeStatement(sql: string): Token[] {
  try {
    return tokenize(sql);
  } catch (e) {
    if (!(e instanceof ParseException) || e.errorClass !== 'UNCLOSED_BRACKETED_COMMENT') throw e;
    const commentStart = offsetOf(sql, e.line, e.startPosition);
    const head = tokenizeRange(sql, 0, commentStart);
    const n = head.length;
    const quotedValue = n >= 2 && head[n - 1].kind === TokenKind.QuotedIdentifier && head[n - 2].kind === TokenKind.Eq;
    const isSet = n > 0 && isWord(head[0], 'SET') && !(n > 2 && isWord(head[1], 'TIME') && isWord(head[2], 'ZONE'));
    if (!isSet || quotedValue) throw e;
    head.push({ kind: TokenKind.EOF, text: '', start: sql.length, end: sql.length, value: '' });
    return head;
  }
}

function offsetOf(sql: string, line: number, position: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = sql.indexOf('\n', offset) + 1;
  return offset + position;
}

function isWord(t: Token, word: string): boolean {
  return t.kind === TokenKind.Word && t.value === word;
}

/** Spark's toSQLId for a multi-part name: each part backquoted. */
function toSqlId(parts: string[]): string {
  return parts.map((p) => `\`${p.replace(/`/g, '``')}\``).join('.');
}

function legacyParseError(errorClass: string, message: string, sqlText: string, offset: number, messageParameters: Record<string, string> = {}): ParseException {
  return new ParseException(message, sqlText, offset, { errorClass, messageParameters });
}

function duplicateClauses(clauseName: string, sqlText: string, offset: number): ParseException {
  return new ParseException(`Found duplicate clauses: ${clauseName}. Please, remove one of them.`, sqlText, offset, {
    errorClass: 'DUPLICATE_CLAUSES',
    sqlState: '42614',
    messageParameters: { clauseName },
  });
}

/** The grouping sets a ROLLUP / CUBE stands for inside GROUPING SETS (Spark's selectedGroupByExprs). */
function selectedSets(g: GroupingAnalytics): UnresolvedExpression[][] {
  if (g.type === 'groupingSets') return g.sets;
  if (g.type === 'rollup') {
    const out: UnresolvedExpression[][] = [];
    for (let n = g.sets.length; n >= 0; n--) out.push(g.sets.slice(0, n).flat());
    return out;
  }
  const cube = (sets: UnresolvedExpression[][]): UnresolvedExpression[][] => {
    if (sets.length === 0) return [[]];
    const rest = cube(sets.slice(1));
    return [...rest.map((r) => [...sets[0], ...r]), ...rest];
  };
  return cube(g.sets);
}

