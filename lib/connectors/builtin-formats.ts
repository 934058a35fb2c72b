// The formats every session starts with. Their modules load on the registry's first use, not at
// `import 'rivulet'`.
import { FormatRegistry } from './format-registry';

export function registerBuiltinFormats(registry: FormatRegistry): void {
  const file = require('./file/file-sink') as typeof import('./file/file-sink');
  const { fileStreamSourceProvider } = require('./file/file-stream-source') as typeof import('./file/file-stream-source');
  registry.registerSource((require('./socket/socket-source') as typeof import('./socket/socket-source')).socketSourceProvider);
  registry.registerSource((require('./memory/memory-stream-source') as typeof import('./memory/memory-stream-source')).memoryStreamSourceProvider);
  registry.registerSink((require('./console/console-sink') as typeof import('./console/console-sink')).consoleSinkProvider);
  registry.registerSink((require('./memory/memory-sink') as typeof import('./memory/memory-sink')).memorySinkProvider);
  registry.registerSource((require('./rate/rate-source') as typeof import('./rate/rate-source')).rateSourceProvider);
  registry.registerSource((require('./rate/rate-micro-batch-source') as typeof import('./rate/rate-micro-batch-source')).rateMicroBatchSourceProvider);
  registry.registerSink((require('./noop/noop-sink') as typeof import('./noop/noop-sink')).noopSinkProvider);
  for (const format of [
    (require('./file/text-format') as typeof import('./file/text-format')).textFormat,
    (require('./file/csv-format') as typeof import('./file/csv-format')).csvFormat,
    (require('./file/json-format') as typeof import('./file/json-format')).jsonFormat,
    (require('./file/parquet-format') as typeof import('./file/parquet-format')).parquetFormat,
  ]) registry.registerSource(fileStreamSourceProvider(format));
  for (const sink of [file.parquetSinkProvider, file.jsonSinkProvider, file.csvSinkProvider, file.textSinkProvider]) registry.registerSink(sink);
  registry.registerSource((require('./kafka/kafka-source') as typeof import('./kafka/kafka-source')).kafkaSourceProvider);
  registry.registerSink((require('./kafka/kafka-sink') as typeof import('./kafka/kafka-sink')).kafkaSinkProvider);
}

export function createBuiltinFormats(): FormatRegistry {
  return new FormatRegistry(registerBuiltinFormats);
}
