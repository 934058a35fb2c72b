// Every user-facing error carries Spark's error class, SQLSTATE and message parameters, and renders
// its message the way Spark 4 does: "[CLASS] text SQLSTATE: xxxxx" (legacy classes: text only).

export interface QueryContextPosition {
  /** 0-based character offsets into the SQL text. */
  start: number;
  stop: number;
  line: number;
  startPosition: number;
}

export class SparkException extends Error {
  readonly errorClass: string | undefined;
  readonly sqlState: string | undefined;
  readonly messageParameters: Record<string, string>;
  /** The message without the `[CLASS]` prefix and SQLSTATE suffix. */
  readonly rawMessage: string;

  constructor(
    message: string,
    options: {
      errorClass?: string;
      sqlState?: string;
      messageParameters?: Record<string, string>;
      cause?: unknown;
    } = {},
  ) {
    const errorClass = options.errorClass;
    const legacy = errorClass === undefined || errorClass.startsWith('_LEGACY_ERROR');
    const full = legacy
      ? message
      : `[${errorClass}] ${message}${options.sqlState ? ` SQLSTATE: ${options.sqlState}` : ''}`;
    super(full, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.errorClass = errorClass;
    this.sqlState = options.sqlState;
    this.messageParameters = options.messageParameters ?? {};
    this.rawMessage = message;
  }

  /** PySpark's `getErrorClass()` / `getCondition()`. */
  getErrorClass(): string | undefined {
    return this.errorClass;
  }

  getCondition(): string | undefined {
    return this.errorClass;
  }

  getSqlState(): string | undefined {
    return this.sqlState;
  }

  getMessageParameters(): Record<string, string> {
    return { ...this.messageParameters };
  }
}

/** A failure that can only come from a bug in Rivulet, never from user input. */
export class InternalError extends SparkException {
  constructor(message: string) {
    super(`${message} This is a bug in Rivulet; please report it.`, {
      errorClass: 'INTERNAL_ERROR',
      sqlState: 'XX000',
      messageParameters: { message },
    });
  }
}

// PySpark's classes for the runtime errors Spark raises as specific JVM exceptions (pyspark.errors:
// ArithmeticException for SparkArithmeticException, and so on), chosen where the error is raised.

/** Overflow and division by zero (DIVIDE_BY_ZERO, ARITHMETIC_OVERFLOW, CAST_OVERFLOW, ...). */
export class ArithmeticException extends SparkException {}

/** A malformed number (CAST_INVALID_INPUT to a numeric type). */
export class NumberFormatException extends SparkException {}

/** A date or time that cannot be made or parsed (CAST_INVALID_INPUT to a date, DATETIME_FIELD_OUT_OF_BOUNDS, ...). */
export class DateTimeException extends SparkException {}

/** An array index out of range (INVALID_ARRAY_INDEX, INVALID_INDEX_OF_ZERO, ...). */
export class ArrayIndexOutOfBoundsException extends SparkException {}

/** Other errors Spark raises while running a query (SparkRuntimeException: SCALAR_SUBQUERY_TOO_MANY_ROWS, ...). */
export class SparkRuntimeException extends SparkException {}
