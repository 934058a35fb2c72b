// The live status on stderr, as Spark's ConsoleProgressBar: one overwriting line per active query
// (name or id, batch id, input and processed rows/s, batch duration, watermark, state rows, and a
// bar for Trigger.AvailableNow when the sources can count what is left). Only
// when stderr is a terminal, not in CI, and while spark.ui.showConsoleProgress is not "false".
// stdout is never written, so console-sink output and snapshots stay byte-exact.
import type { AvailableNowProgress } from '../streaming/micro-batch-execution';
import type { QueryProgressEvent, QueryTerminatedEvent } from './streaming-query-listener';

export interface StatusStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

const CLEAR_LINE = '\r\x1b[2K';

export class ConsoleProgressLine {
  private readonly lines = new Map<string, string>();
  private drawn = 0;

  constructor(
    private readonly stream: StatusStream,
    private readonly confValue: () => string | undefined,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Off when the stream is not a terminal, in CI (the CI variable most CI systems set), or by config. */
  enabled(): boolean {
    if (this.stream.isTTY !== true) return false;
    const ci = this.env.CI;
    if (ci !== undefined && ci !== '' && ci.toLowerCase() !== 'false' && ci !== '0') return false;
    return (this.confValue() ?? 'true').trim().toLowerCase() !== 'false';
  }

  onProgress(event: QueryProgressEvent, availableNow: AvailableNowProgress | null = null): void {
    if (!this.enabled()) return;
    this.lines.set(event.progress.id, statusText(event, availableNow));
    this.draw();
  }

  onTerminated(event: QueryTerminatedEvent): void {
    if (!this.lines.delete(event.id)) return;
    this.draw();
  }

  private draw(): void {
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    let out = '';
    // Back to the first line drawn before, clearing as we go.
    for (let i = 1; i < this.drawn; i++) out += `${CLEAR_LINE}\x1b[1A`;
    out += CLEAR_LINE;
    const texts = [...this.lines.values()].map((t) => (t.length > width ? t.slice(0, width - 1) + '…' : t));
    out += texts.join('\n');
    this.drawn = texts.length;
    this.stream.write(out);
  }
}

function rate(n: number): string {
  return Number.isFinite(n) ? (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1)) : '-';
}

const BAR_WIDTH = 20;

/** `[=========>          ] 9/20 (45%)`: units done of those available when the query started. */
export function availableNowBar(progress: AvailableNowProgress): string {
  const { done, total } = progress;
  const fraction = total === 0 ? 1 : done / total;
  const filled = Math.floor(fraction * BAR_WIDTH);
  const bar = filled >= BAR_WIDTH ? '='.repeat(BAR_WIDTH) : '='.repeat(filled) + '>' + ' '.repeat(BAR_WIDTH - filled - 1);
  return `[${bar}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} (${Math.floor(fraction * 100)}%)`;
}

export function statusText(event: QueryProgressEvent, availableNow: AvailableNowProgress | null = null): string {
  const p = event.progress;
  const parts = [
    `[${p.name ?? p.id}]`,
    ...(availableNow === null ? [] : [availableNowBar(availableNow)]),
    `batch ${p.batchId}`,
    `in ${rate(p.inputRowsPerSecond)} rows/s`,
    `processed ${rate(p.processedRowsPerSecond)} rows/s`,
    `batch ${p.batchDuration} ms`,
  ];
  const watermark = p.eventTime.watermark;
  if (watermark !== undefined) parts.push(`watermark ${watermark}`);
  if (p.stateOperators.length > 0) parts.push(`state ${p.stateOperators.reduce((n, s) => n + s.numRowsTotal, 0).toLocaleString('en-US')} rows`);
  return parts.join(' | ');
}
