import { FormatRegistry } from './format-registry';
import { socketSourceProvider } from './socket/socket-source';
import { consoleSinkProvider } from './console/console-sink';
import { memorySinkProvider } from './memory/memory-sink';
import { memoryStreamSourceProvider } from './memory/memory-stream-source';
import { rateSourceProvider } from './rate/rate-source';
import { rateMicroBatchSourceProvider } from './rate/rate-micro-batch-source';
import { noopSinkProvider } from './noop/noop-sink';

export function createBuiltinFormats(): FormatRegistry {
  const registry = new FormatRegistry();
  registry.registerSource(socketSourceProvider);
  registry.registerSource(memoryStreamSourceProvider);
  registry.registerSink(consoleSinkProvider);
  registry.registerSink(memorySinkProvider);
  registry.registerSource(rateSourceProvider);
  registry.registerSource(rateMicroBatchSourceProvider);
  registry.registerSink(noopSinkProvider);
  return registry;
}
