// Issue 15 finding 9: deeply nested SQL, huge pad lengths and out-of-range rate options fail the
// query with an error instead of a raw RangeError or running the process out of memory.
import type { StreamSession } from 'rivulet';
import { expr } from 'rivulet/functions';
import { newSession } from '../support/session';

let spark: StreamSession;
beforeEach(() => {
  spark = newSession();
});
afterEach(() => spark.stop());

const TOO_COMPLEX = '[FAILED_TO_PARSE_TOO_COMPLEX] The statement, including potential SQL functions and referenced views, was too complex to parse. To mitigate this error divide the statement into multiple, less complex chunks.';

test.each([
  ['a chain of 5000 terms', Array(5000).fill('1').join(' + ')],
  ['5000 nested parentheses', '('.repeat(5000) + '1' + ')'.repeat(5000)],
  ['5000 nested calls', 'abs('.repeat(5000) + '1' + ')'.repeat(5000)],
])('%s is FAILED_TO_PARSE_TOO_COMPLEX in spark.sql, expr and selectExpr', (_name, sql) => {
  expect(() => spark.sql(`SELECT ${sql}`).collect()).toThrow(TOO_COMPLEX);
  expect(() => spark.range(1).select(expr(sql))).toThrow(TOO_COMPLEX);
  expect(() => spark.range(1).selectExpr(sql)).toThrow(TOO_COMPLEX);
});

test('moderately nested SQL still runs', () => {
  expect(spark.sql(`SELECT ${Array(200).fill('1').join(' + ')} AS s`).collect()[0].s).toBe(200);
});

test('rpad/lpad beyond the longest string fail the query instead of exhausting memory', () => {
  expect(() => spark.sql("SELECT rpad('a', 2147483647, 'xy')").collect()).toThrow('The result of rpad would have 2147483647 characters, more than the longest string this runtime can hold');
  expect(() => spark.sql("SELECT lpad(x'01', 2147483647, x'02')").collect()).toThrow('The result of lpad would have 2147483647 bytes');
  expect(spark.sql("SELECT rpad('a', 6, 'xy') AS r, lpad('a', 4, 'xy') AS l").collect()[0].asDict()).toEqual({ r: 'axyxyx', l: 'xyxa' });
});

test('rowsPerSecond beyond a long is refused as Java parses it', () => {
  expect(() => spark.readStream.format('rate').option('rowsPerSecond', '1000000000000000000000000000000').load()).toThrow('For input string: "1000000000000000000000000000000"');
});
