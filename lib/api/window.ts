// pyspark.sql.Window / WindowSpec: `Window.partitionBy('k').orderBy('t').rowsBetween(-1, 0)`, used
// with `col.over(spec)`. Specs are immutable. Bounds as in PySpark: 0 is the current row, negative
// numbers precede it, and Window.unboundedPreceding / unboundedFollowing (or anything beyond
// -/+ 2^63-1, or -/+Infinity) are unbounded.
import type { FrameBound, WindowFrame, WindowSpecDefinition } from '../expressions/unresolved';
import type { ColumnOrName } from './column';
import { columnArg, flattenArgs } from './column-args';
import { notExpectedType } from './argument-checks';

const UNBOUNDED = 9223372036854775807;

function toBound(value: number | bigint, argName: string): FrameBound {
  if (typeof value !== 'number' && typeof value !== 'bigint') throw notExpectedType(argName, 'int', value);
  const v = Number(value);
  if (v <= -UNBOUNDED) return { kind: 'unboundedPreceding' };
  if (v >= UNBOUNDED) return { kind: 'unboundedFollowing' };
  if (!Number.isInteger(v)) throw notExpectedType(argName, 'int', value);
  return v === 0 ? { kind: 'currentRow' } : { kind: 'offset', value: v };
}

export class WindowSpec {
  /** `console.log` / `util.inspect` show PySpark's repr, never engine internals. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '<pyspark.sql.classic.window.WindowSpec object>';
  }

  constructor(
    /** Internal. */
    readonly spec: WindowSpecDefinition = { partitionBy: [], orderBy: [] },
  ) {}

  partitionBy(...cols: (ColumnOrName | ColumnOrName[])[]): WindowSpec {
    return new WindowSpec({ ...this.spec, partitionBy: flattenArgs(cols).map((c) => columnArg(c, 'cols')) });
  }

  orderBy(...cols: (ColumnOrName | ColumnOrName[])[]): WindowSpec {
    return new WindowSpec({ ...this.spec, orderBy: flattenArgs(cols).map((c) => columnArg(c, 'cols')) });
  }

  rowsBetween(start: number | bigint, end: number | bigint): WindowSpec {
    return this.frame('rows', start, end);
  }

  rangeBetween(start: number | bigint, end: number | bigint): WindowSpec {
    return this.frame('range', start, end);
  }

  private frame(type: WindowFrame['type'], start: number | bigint, end: number | bigint): WindowSpec {
    return new WindowSpec({ ...this.spec, frame: { type, lower: toBound(start, 'start'), upper: toBound(end, 'end') } });
  }
}

/** pyspark.sql.Window: static builders of WindowSpecs. */
export class Window {
  static readonly unboundedPreceding = -Infinity;
  static readonly unboundedFollowing = Infinity;
  static readonly currentRow = 0;

  static partitionBy(...cols: (ColumnOrName | ColumnOrName[])[]): WindowSpec {
    return new WindowSpec().partitionBy(...cols);
  }

  static orderBy(...cols: (ColumnOrName | ColumnOrName[])[]): WindowSpec {
    return new WindowSpec().orderBy(...cols);
  }

  static rowsBetween(start: number | bigint, end: number | bigint): WindowSpec {
    return new WindowSpec().rowsBetween(start, end);
  }

  static rangeBetween(start: number | bigint, end: number | bigint): WindowSpec {
    return new WindowSpec().rangeBetween(start, end);
  }
}

