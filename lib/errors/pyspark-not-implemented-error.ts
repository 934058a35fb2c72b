import { SparkException } from './spark-exception';

/** PySpark's PySparkNotImplementedError: `[NOT_IMPLEMENTED] <feature> is not implemented.` */
export class PySparkNotImplementedError extends SparkException {
  constructor(errorClass: string, message: string, messageParameters: Record<string, string> = {}) {
    super(message, { errorClass, messageParameters });
  }
}

/** The error an abstract Data Source API method raises when the subclass does not define it. */
export function notImplemented(feature: string): PySparkNotImplementedError {
  return new PySparkNotImplementedError('NOT_IMPLEMENTED', `${feature} is not implemented.`, { feature });
}
