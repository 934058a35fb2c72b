// Entry points of the SQL front end for single expressions, names and types: what `expr()`,
// `selectExpr`, `filter("...")`, `col("a.b")` and DDL schema strings go through.
import { AnalysisException } from '../errors/analysis-exception';
import { ParseException } from '../errors/parse-exception';
import { UnresolvedExpression } from '../expressions/unresolved';
import { DataType } from '../types/data-types';
import { parseDataType, parseTableSchema as parseDdlTableSchema } from '../types/ddl';
import { StructType } from '../types/struct-type';
import { QueryNode, Statement } from './ast';
import type { ExpressionParser } from './expression-parser';
import { lazy } from '../util/lazy';
import type { StatementParser } from './statement-parser';
import { TokenKind } from './token';
import { guardTooComplex } from './too-complex';

// The parser (the largest module of the SQL front end) loads with the first expression string.
const expressionParserModule = lazy(() => require('./expression-parser') as typeof import('./expression-parser'));

function parser(sql: string, withQueries = false): ExpressionParser {
  if (sql.trim() === '') {
    throw new ParseException('Syntax Error, unexpected empty statement.', sql, 0, {
      errorClass: 'PARSE_EMPTY_STATEMENT',
      sqlState: '42617',
      messageParameters: {},
    });
  }
  if (withQueries) return new (require('./statement-parser') as typeof import('./statement-parser')).StatementParser(sql);
  return new (expressionParserModule().ExpressionParser)(sql);
}

/**
 * Parses with the expression parser, and again with the statement parser (which also parses
 * queries) when the text holds a subquery: the larger parser loads only for such text.
 */
function parseWith<T>(sql: string, read: (p: ExpressionParser) => T): T {
  return guardTooComplex(sql, () => {
    try {
      return read(parser(sql));
    } catch (e) {
      const feature = e instanceof ParseException && e.errorClass === 'UNSUPPORTED_FEATURE' ? e.messageParameters?.feature : undefined;
      if (feature === undefined || !feature.endsWith('subqueries')) throw e;
      return read(parser(sql, true));
    }
  });
}

/** The whole text as one expression; trailing input is a syntax error. */
export function parseExpression(sql: string): UnresolvedExpression {
  return parseWith(sql, (p) => {
    const expr = p.parseExpression();
    p.expectEnd();
    return expr;
  });
}

/**
 * An expression with an optional alias (`expr AS name`, `expr name`, `expr AS (a, b)`), Spark's
 * `singleExpression`: what `selectExpr` and `expr()` accept. Aliased input gives an AliasExpr.
 */
export function parseNamedExpression(sql: string): UnresolvedExpression {
  return parseWith(sql, (p) => {
    const expr = p.parseNamedExpression();
    p.expectEnd();
    return expr;
  });
}

/**
 * A column name as `col("a.b")` takes it (Spark's `UnresolvedAttribute.parseAttributeName`):
 * dots split parts, a backquoted part may hold dots and ```` `` ```` for a backquote, and any
 * other character is part of the name (`col("my col")` is one part).
 */
export function parseMultipartIdentifier(name: string): string[] {
  const fail = () =>
    new AnalysisException(
      `Syntax error in the attribute name: ${name}. Check that backticks appear in pairs, a quoted string is a complete name part and use a backtick only inside quoted name parts.`,
      { errorClass: 'INVALID_ATTRIBUTE_NAME_SYNTAX', sqlState: '42601', messageParameters: { name } },
    );
  const parts: string[] = [];
  let current = '';
  let inBacktick = false;
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (inBacktick) {
      if (ch === '`') {
        if (name[i + 1] === '`') {
          current += '`';
          i++;
        } else {
          inBacktick = false;
          if (i + 1 < name.length && name[i + 1] !== '.') throw fail();
        }
      } else {
        current += ch;
      }
    } else if (ch === '`') {
      if (current !== '') throw fail();
      inBacktick = true;
    } else if (ch === '.') {
      if (i === 0 || name[i - 1] === '.' || i === name.length - 1) throw fail();
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (inBacktick) throw fail();
  parts.push(current);
  return parts;
}

/** Same as `parseMultipartIdentifier`, under Spark's name for it. */
export const parseAttributeName = parseMultipartIdentifier;

/** A data type string: `int`, `array<string>`, `struct<a: int, b: string>`. */
export function parseDataTypeString(sql: string): DataType {
  return parseDataType(sql);
}

/** A table schema string: `a INT, b STRUCT<c: STRING>`. */
export function parseTableSchema(sql: string): StructType {
  return parseDdlTableSchema(sql);
}

function statementParser(sql: string): StatementParser {
  // The statement grammar (the largest module of the front end) loads with the first statement,
  // not with `import 'rivulet'`: expressions and DDL strings never need it.
  const { StatementParser, tokenizeStatement } = require('./statement-parser') as typeof import('./statement-parser');
  const tokens = tokenizeStatement(sql);
  // Only comments and blanks: nothing to parse (Spark's PARSE_EMPTY_STATEMENT).
  if (tokens[0].kind === TokenKind.EOF) {
    throw new ParseException('Syntax Error, unexpected empty statement.', sql, 0, {
      errorClass: 'PARSE_EMPTY_STATEMENT',
      sqlState: '42617',
      messageParameters: {},
    });
  }
  return new StatementParser(sql, tokens);
}

/**
 * One SQL statement, what `spark.sql(...)` runs: a query, CREATE [OR REPLACE] [GLOBAL] TEMPORARY
 * VIEW, DROP VIEW, SET, RESET, EXPLAIN or DESCRIBE QUERY. Trailing semicolons are allowed.
 */
export function parseStatement(sql: string): Statement {
  return statementParser(sql).parseSingleStatement();
}

/** The whole text as one query (`SELECT ...`, `WITH ...`, `VALUES ...`, `TABLE t`, `FROM t SELECT ...`). */
export function parseQuery(sql: string): QueryNode {
  return statementParser(sql).parseSingleQuery();
}
