// Spark's `noop` sink: runs the query and discards the output (benchmarks, dry runs).
import type { SinkProvider } from '../sink';

export const noopSinkProvider: SinkProvider = {
  shortName: 'noop',
  supportedOutputModes: ['append', 'update', 'complete'],
  allowsTemporaryCheckpoint: true,
  createSink: () => ({ description: 'NoopTable', addBatch: () => undefined }),
};
