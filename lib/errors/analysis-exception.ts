import { SparkException } from './spark-exception';

export class AnalysisException extends SparkException {
  /** Printed after the message, as Spark's ExtendedAnalysisException prints the plan. */
  readonly plan: string | undefined;

  constructor(
    message: string,
    options: {
      errorClass?: string;
      sqlState?: string;
      messageParameters?: Record<string, string>;
      plan?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message, options);
    this.plan = options.plan;
    if (options.plan !== undefined) this.message = `${this.message};\n${options.plan}`;
  }
}
