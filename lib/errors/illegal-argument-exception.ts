import { SparkException } from './spark-exception';

/** Spark's java.lang.IllegalArgumentException (bad option values and the like). */
export class IllegalArgumentException extends SparkException {
  constructor(message: string, options: { errorClass?: string; sqlState?: string; messageParameters?: Record<string, string> } = {}) {
    super(message, options);
  }
}

/** PySpark's PySparkValueError / PySparkTypeError: wrong argument values at the API surface. */
// PySpark prints these as `[CLASS] text` (no SQLSTATE suffix) even when the class has a SQLSTATE,
// which getSqlState() still returns.
export class PySparkValueError extends SparkException {
  constructor(errorClass: string, message: string, messageParameters: Record<string, string> = {}, sqlState?: string) {
    super(message, { errorClass, messageParameters });
    (this as { sqlState: string | undefined }).sqlState = sqlState;
  }
}

export class PySparkTypeError extends SparkException {
  constructor(errorClass: string, message: string, messageParameters: Record<string, string> = {}, sqlState?: string) {
    super(message, { errorClass, messageParameters });
    (this as { sqlState: string | undefined }).sqlState = sqlState;
  }
}

/** PySpark's PySparkAssertionError (REUSE_OBSERVATION, NO_OBSERVE_BEFORE_GET...). */
export class PySparkAssertionError extends SparkException {
  /** `errorClass` undefined: Python's bare AssertionError (the message alone, no `[CLASS]`). */
  constructor(errorClass: string | undefined, message: string, messageParameters: Record<string, string> = {}) {
    super(message, { errorClass, messageParameters });
  }
}

/**
 * PySpark's PySparkIndexError (INDEX_NOT_POSITIVE, ZERO_INDEX for column ordinals); `errorClass`
 * undefined: Python's bare IndexError (`list index out of range`).
 */
export class PySparkIndexError extends SparkException {
  constructor(errorClass: string | undefined, message: string, messageParameters: Record<string, string> = {}) {
    super(message, { errorClass, messageParameters });
  }
}

/** PySpark's PySparkAttributeError (ATTRIBUTE_NOT_CALLABLE: a foreach writer without `process`). */
export class PySparkAttributeError extends SparkException {
  constructor(errorClass: string, message: string, messageParameters: Record<string, string> = {}) {
    super(message, { errorClass, messageParameters });
  }
}

/** PySpark's PySparkNotImplementedError (NOT_IMPLEMENTED, SQLSTATE 0A000). */
export class PySparkNotImplementedError extends SparkException {
  constructor(errorClass: string, message: string, messageParameters: Record<string, string> = {}) {
    super(message, { errorClass, messageParameters });
    (this as { sqlState: string | undefined }).sqlState = '0A000';
  }
}

/** The error an abstract Data Source API method raises when the subclass does not define it. */
export function notImplemented(feature: string): PySparkNotImplementedError {
  return new PySparkNotImplementedError('NOT_IMPLEMENTED', `${feature} is not implemented.`, { feature });
}
