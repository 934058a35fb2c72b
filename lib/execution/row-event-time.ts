// A row's event time as the stateful operators judge late rows: the column's microseconds, or the
// end of a `window` struct (Spark uses a window's end as its event time).
import type { Row } from './physical-operator';

export interface EventTimeColumn {
  readonly ordinal: number;
  /** A `window` struct: its end is the event time. */
  readonly isWindow: boolean;
}

export function rowEventTime(row: Row, et: EventTimeColumn): bigint | null {
  const v = row[et.ordinal] as bigint | readonly unknown[] | null;
  if (v === null) return null;
  return et.isWindow ? ((v as readonly unknown[])[1] as bigint | null) : (v as bigint);
}
