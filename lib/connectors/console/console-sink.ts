// Spark's console sink: per batch, a dashed "Batch: N" header and the batch's rows as show() prints
// them, on stdout. Options numRows (20) and truncate (true).
import { IllegalArgumentException } from '../../errors/illegal-argument-exception';
import { showString } from '../../execution/show-string';
import type { Sink, SinkProvider } from '../sink';
import type { StructType } from '../../types/struct-type';

const RULE = '-------------------------------------------';

function parseBoolean(text: string): boolean {
  if (/^true$/i.test(text)) return true;
  if (/^false$/i.test(text)) return false;
  throw new IllegalArgumentException(`For input string: "${text}"`);
}

function parseInteger(text: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(text)) throw new IllegalArgumentException(`For input string: "${text}"`);
  return Number(text);
}

export class ConsoleSink implements Sink {
  readonly description = 'org.apache.spark.sql.execution.streaming.ConsoleTable$';

  constructor(
    private readonly numRows: number,
    private readonly truncate: boolean,
    private readonly timeZone: () => string,
    private readonly write: (text: string) => void = (text) => process.stdout.write(text),
  ) {}

  addBatch(batchId: number, rows: unknown[][], schema: StructType): void {
    // Console output is not idempotent in Spark either: a re-run batch prints again.
    const table = showString(rows.slice(0, this.numRows + 1), schema, this.numRows, this.truncate, false, this.timeZone());
    this.write(`${RULE}\nBatch: ${batchId}\n${RULE}\n${table}\n`);
  }
}

export const consoleSinkProvider: SinkProvider = {
  shortName: 'console',
  supportedOutputModes: ['append', 'update', 'complete'],
  allowsTemporaryCheckpoint: true,
  createSink(ctx) {
    const numRows = parseInteger(ctx.options.get('numRows') ?? '20');
    const truncate = parseBoolean(ctx.options.get('truncate') ?? 'true');
    return new ConsoleSink(numRows, truncate, () => ctx.session.timeZone());
  },
};
