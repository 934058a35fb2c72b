// pyspark.sql.datasource.InputPartition and WriterCommitMessage: plain value holders that readers
// and writers subclass or return.

/** One partition of a read: `new InputPartition(value)`, or a subclass with its own fields. */
export class InputPartition {
  value: unknown;

  constructor(value: unknown) {
    this.value = value;
  }

  /** PySpark's repr: `InputPartition(value=1)`. */
  toString(): string {
    const attrs = Object.entries(this)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? `'${v}'` : String(v)}`)
      .join(', ');
    return `${this.constructor.name}(${attrs})`;
  }
}

/** What DataSourceWriter.write returns; commit/abort receive them (null for a failed task). */
export class WriterCommitMessage {}
