// Spark 4's `Dataset.showString` (classic Dataset.getRows + showString): the table text that
// `show()` and the console sink print. It returns the text *without* the final newline that
// `show()` adds with `println`, so what reaches stdout is `showString(...) + "\n"`. Spark 4.2's
// footer ("only showing top N rows" / "(0 rows)") has no newline of its own, so no blank line follows it.
import { prettyStringFormatter } from '../types/pretty-value';
import type { StructType } from '../types/struct-type';
import { stringHalfWidth } from '../util/display-width';

/** ByteArrayMethods.MAX_ROUNDED_ARRAY_LENGTH: Spark caps numRows just below it. */
const MAX_ROUNDED_ARRAY_LENGTH = 2_147_483_632;
const MINIMUM_COLUMN_WIDTH = 3;

/**
 * Render `rows` as Spark's `showString(numRows, truncate, vertical)` does. Pass at least
 * `numRows + 1` rows when more exist: the footer is printed when `rows.length > numRows`.
 * `truncate`: true = 20, false = 0 (no truncation, left-aligned cells).
 */
export function showString(
  rows: readonly (readonly unknown[])[],
  schema: StructType,
  numRows = 20,
  truncate: number | boolean = 20,
  vertical = false,
  timeZone = 'UTC',
): string {
  const limit = Math.min(Math.max(Math.trunc(numRows), 0), MAX_ROUNDED_ARRAY_LENGTH - 1);
  const truncateAt = truncate === true ? 20 : truncate === false ? 0 : Math.trunc(truncate);
  const hasMoreData = rows.length > limit;

  const header = schema.fields.map((f) => escapeMetaCharacters(f.name));
  const data = cellTexts(rows.slice(0, limit), schema, truncateAt, timeZone);

  let text = vertical ? verticalLayout(header, data) : tableLayout(header, data, truncateAt);
  if (vertical && data.length === 0) {
    text += '(0 rows)';
  } else if (hasMoreData) {
    text += `only showing top ${limit} ${limit === 1 ? 'row' : 'rows'}`;
  }
  return text;
}

/** getRows: pretty string per cell, meta characters escaped, then truncated. */
function cellTexts(
  rows: readonly (readonly unknown[])[],
  schema: StructType,
  truncateAt: number,
  timeZone: string,
): string[][] {
  const formats = schema.fields.map((f) => prettyStringFormatter(f.dataType, timeZone));
  return rows.map((row) =>
    formats.map((format, i) => {
      const text = escapeMetaCharacters(format(row[i]));
      if (truncateAt > 0 && text.length > truncateAt) {
        // No ellipsis when it would not fit (truncate < 4).
        return truncateAt < 4 ? text.substring(0, truncateAt) : `${text.substring(0, truncateAt - 3)}...`;
      }
      return text;
    }),
  );
}

const META_CHARACTERS = /[\n\r\t\f\b\v\x07]/g;
const META_ESCAPES: Record<string, string> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\f': '\\f',
  '\b': '\\b',
  '\v': '\\v',
  '\x07': '\\a',
};

/** SchemaUtils.escapeMetaCharacters: keep control characters from breaking the layout. */
function escapeMetaCharacters(text: string): string {
  return text.replace(META_CHARACTERS, (c) => META_ESCAPES[c]);
}

function tableLayout(header: string[], data: string[][], truncateAt: number): string {
  const widths = header.map(() => MINIMUM_COLUMN_WIDTH);
  for (const row of [header, ...data]) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i], stringHalfWidth(cell));
    });
  }
  // Padding targets UTF-16 length, so a wide character's extra column is subtracted.
  const pad = truncateAt > 0 ? leftPad : rightPad;
  const line = (row: string[]): string =>
    `|${row.map((cell, i) => pad(cell, widths[i] - stringHalfWidth(cell) + cell.length)).join('|')}|\n`;
  const separator = `+${widths.map((w) => '-'.repeat(w)).join('+')}+\n`;
  return separator + line(header) + separator + data.map(line).join('') + separator;
}

function verticalLayout(header: string[], data: string[][]): string {
  let nameWidth = MINIMUM_COLUMN_WIDTH;
  for (const name of header) nameWidth = Math.max(nameWidth, stringHalfWidth(name));
  let dataWidth = MINIMUM_COLUMN_WIDTH;
  for (const row of data) for (const cell of row) dataWidth = Math.max(dataWidth, stringHalfWidth(cell));

  let text = '';
  data.forEach((row, i) => {
    // "+ 5" covers the separators around the padded name and value: " name | value ".
    text += `${rightPad(`-RECORD ${i}`, nameWidth + dataWidth + 5, '-')}\n`;
    const lines = row.map((cell, j) => {
      const name = rightPad(header[j], nameWidth - stringHalfWidth(header[j]) + header[j].length);
      const value = rightPad(cell, dataWidth - stringHalfWidth(cell) + cell.length);
      return ` ${name} | ${value} `;
    });
    text += `${lines.join('\n')}\n`;
  });
  return text;
}

function leftPad(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

function rightPad(text: string, width: number, fill = ' '): string {
  return text.length >= width ? text : text + fill.repeat(width - text.length);
}
