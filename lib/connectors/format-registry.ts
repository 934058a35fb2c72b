// Format name -> provider, for readStream.format(..) and writeStream.format(..). Built-ins register
// here; users add their own the same way.
import { SparkException } from '../errors/spark-exception';
import type { SinkProvider } from './sink';
import type { SourceProvider } from './source';

export class FormatRegistry {
  private readonly sources = new Map<string, SourceProvider>();
  private readonly sinks = new Map<string, SinkProvider>();
  private pendingLoad: ((registry: FormatRegistry) => void) | undefined;

  /** `load` registers the built-ins on first use, so their modules load only when a query needs one. */
  constructor(load?: (registry: FormatRegistry) => void) {
    this.pendingLoad = load;
  }

  registerSource(provider: SourceProvider): void {
    this.ensureLoaded();
    this.sources.set(provider.shortName.toLowerCase(), provider);
  }

  registerSink(provider: SinkProvider): void {
    this.ensureLoaded();
    this.sinks.set(provider.shortName.toLowerCase(), provider);
  }

  /** Whether a source of that name is registered (built-in or user's). */
  hasSource(format: string): boolean {
    this.ensureLoaded();
    return this.sources.has(format.toLowerCase());
  }

  hasSink(format: string): boolean {
    this.ensureLoaded();
    return this.sinks.has(format.toLowerCase());
  }

  source(format: string): SourceProvider {
    this.ensureLoaded();
    const p = this.sources.get(format.toLowerCase());
    if (!p) throw dataSourceNotFound(format);
    return p;
  }

  sink(format: string): SinkProvider {
    this.ensureLoaded();
    const p = this.sinks.get(format.toLowerCase());
    if (!p) throw dataSourceNotFound(format);
    return p;
  }

  /** Loads first, so a user's provider registered before any lookup still overrides a built-in. */
  private ensureLoaded(): void {
    const load = this.pendingLoad;
    if (load === undefined) return;
    this.pendingLoad = undefined;
    load(this);
  }
}

export function dataSourceNotFound(provider: string): SparkException {
  return new SparkException(
    `Failed to find the data source: ${provider}. Make sure the provider name is correct and the package is properly registered and compatible with your Spark version.`,
    { errorClass: 'DATA_SOURCE_NOT_FOUND', sqlState: '42K02', messageParameters: { provider } },
  );
}
