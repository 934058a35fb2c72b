// Spark turns a StackOverflowError while parsing into FAILED_TO_PARSE_TOO_COMPLEX; JavaScript's
// equivalent is the RangeError of a full call stack. Deeply nested SQL (thousands of terms or
// parentheses) fails with Spark's error instead of a raw RangeError (issue 15).
import { ParseException } from '../errors/parse-exception';

export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

export function tooComplexError(sqlText: string): ParseException {
  return new ParseException(
    'The statement, including potential SQL functions and referenced views, was too complex to parse. To mitigate this error divide the statement into multiple, less complex chunks.',
    sqlText,
    0,
    { errorClass: 'FAILED_TO_PARSE_TOO_COMPLEX', sqlState: '54001', messageParameters: {} },
  );
}

/** Runs `fn` (parsing or analysing `sqlText`), mapping a stack overflow to Spark's error. */
export function guardTooComplex<T>(sqlText: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isStackOverflow(e)) throw tooComplexError(sqlText);
    throw e;
  }
}
