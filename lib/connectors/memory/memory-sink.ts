// Spark's memory sink: the query's output collects in an in-memory table registered as a temp view
// named after the query (`spark.table(name)` / `spark.sql("select * from name")`).
import { AnalysisException } from '../../errors/analysis-exception';
import type { Sink, SinkProvider } from '../sink';
import type { OutputMode } from '../../execution/physical-operator';

export class MemorySink implements Sink {
  readonly description = 'MemorySink';
  private rows: unknown[][] = [];
  private readonly seenBatches = new Set<number>();

  addBatch(batchId: number, rows: unknown[][], _schema: unknown, outputMode: OutputMode): void {
    if (outputMode === 'complete') {
      // Complete output replaces the table; a re-run batch overwrites with the same content.
      this.rows = rows.slice();
    } else if (!this.seenBatches.has(batchId)) {
      for (const r of rows) this.rows.push(r);
    }
    this.seenBatches.add(batchId);
  }

  allRows(): readonly unknown[][] {
    return this.rows;
  }
}

export const memorySinkProvider: SinkProvider = {
  shortName: 'memory',
  // Update mode appends each batch's changed rows, as Spark's MemorySink does.
  supportedOutputModes: ['append', 'complete', 'update'],
  allowsTemporaryCheckpoint: true,
  // Only a Complete table can be rebuilt after a restart; appended rows would be lost.
  recoversFromCheckpoint: (mode) => mode === 'complete',
  createSink(ctx) {
    if (!ctx.queryName) throw new AnalysisException('queryName must be specified for memory sink');
    const sink = new MemorySink();
    ctx.session.registerTempView(ctx.queryName, ctx.schema, () => sink.allRows());
    return sink;
  },
};
