// Spark's duration strings for triggers and watermarks: "10 seconds", "1 minute", "500 ms",
// "2 hours 30 minutes", optionally prefixed with "interval".
import { IllegalArgumentException } from '../errors/illegal-argument-exception';

const UNIT_MS: Record<string, number> = {
  microsecond: 0.001,
  millisecond: 1,
  ms: 1,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

export function parseDurationMs(text: string): number {
  const trimmed = text.trim().toLowerCase().replace(/^interval\s+/, '');
  if (trimmed.length === 0) throw new IllegalArgumentException(`Invalid interval: '${text}'`);
  const re = /([+-]?\d+(?:\.\d+)?)\s*([a-z]+)\s*/y;
  let total = 0;
  let pos = 0;
  while (pos < trimmed.length) {
    re.lastIndex = pos;
    const m = re.exec(trimmed);
    if (!m) throw new IllegalArgumentException(`Error parsing '${text}' to interval, unrecognized number '${trimmed.slice(pos)}'`);
    const unit = m[2].replace(/s$/, '');
    const factor = UNIT_MS[unit];
    if (factor === undefined) throw new IllegalArgumentException(`Error parsing '${text}' to interval, invalid unit '${m[2]}'`);
    if (unit === 'month' || unit === 'year') throw new IllegalArgumentException(`Doesn't support month or year interval: ${text}`);
    total += Number(m[1]) * factor;
    pos = re.lastIndex;
  }
  return total;
}
