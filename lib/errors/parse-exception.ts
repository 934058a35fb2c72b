import { SparkException } from './spark-exception';

/**
 * Spark's ParseException. The message ends with the SQL text and a caret under the failing
 * position, as Spark prints it:
 *
 *   [PARSE_SYNTAX_ERROR] Syntax error at or near 'FROM'. SQLSTATE: 42601 (line 1, pos 7)
 *
 *   == SQL ==
 *   SELECT FROM t
 *   -------^^^
 */
export class ParseException extends SparkException {
  readonly line: number;
  readonly startPosition: number;
  readonly sqlText: string;

  constructor(
    message: string,
    sqlText: string,
    offset: number,
    options: { errorClass?: string; sqlState?: string; messageParameters?: Record<string, string> } = {},
  ) {
    super(message, options);
    const before = sqlText.slice(0, Math.max(0, Math.min(offset, sqlText.length)));
    const lineStart = before.lastIndexOf('\n') + 1;
    this.line = before.split('\n').length;
    this.startPosition = offset - lineStart;
    this.sqlText = sqlText;
    this.message = `${this.message} (line ${this.line}, pos ${this.startPosition})\n\n== SQL ==\n${renderPointer(sqlText, this.line, this.startPosition)}`;
  }
}

function renderPointer(sqlText: string, line: number, position: number): string {
  const lines = sqlText.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]);
    if (i === line - 1) out.push(`${'-'.repeat(position)}^^^`);
  }
  return out.join('\n');
}
