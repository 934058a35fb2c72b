// writeStream.toTable's sink: each micro-batch appended to a session-catalog table (Parquet files
// in its warehouse directory), one file per batch id, so a batch re-run after a restart replaces
// its own file instead of appending twice.
import type { StructType } from '../types/struct-type';
import type { Sink } from '../connectors/sink';
import type { SessionContext } from './session-context';

export class TableSink implements Sink {
  readonly description: string;

  constructor(
    private readonly tableName: string,
    private readonly session: SessionContext,
  ) {
    this.description = `TableSink[${tableName}]`;
  }

  addBatch(batchId: number, rows: unknown[][], schema: StructType): void {
    const target = this.session.tables.schemaOf(this.tableName);
    // The stream's columns go to the table's by name (the table may list them in another order).
    const positions = (target ?? schema).fields.map((f) => schema.fields.findIndex((s) => s.name.toLowerCase() === f.name.toLowerCase()));
    const ordered = positions.every((p, i) => p === i) && positions.length === schema.fields.length ? rows : rows.map((r) => positions.map((p) => (p < 0 ? null : r[p])));
    this.session.tables.appendBatch(this.tableName, ordered, batchId);
  }
}
