// Spark's WindowExec for batch plans: rows are grouped by the partition keys, each partition is
// sorted by the window's ORDER BY (stable, so ties keep input order), and every window function
// fills one new column; the rows come out in the order Spark's top Window operator gives them.
// Aggregates over a frame that starts at UNBOUNDED PRECEDING are computed incrementally; other
// frames re-aggregate their rows.
import type { Attribute, Expression } from '../expressions/expression';
import type { CompileContext, Evaluator } from '../expressions/function-definition';
import { bindOrdinals, compileExpression } from '../expressions/compiler';
import { compareValues } from '../expressions/type-utils';
import type { SortOrder, WindowFunctionSpec } from '../plans/logical-plan';
import { prettySql } from '../expressions/expression-sql';
import { encodeCompositeKey } from '../util/group-key';
import type { ExecutionContext, PhysicalOperator, Row } from './physical-operator';
import { compileRowComparator } from './sort-exec';

interface CompiledWindow {
  spec: WindowFunctionSpec;
  partitionKey: (row: Row) => unknown;
  compare: (a: Row, b: Row) => number;
  /** The single ORDER BY value (RANGE frames with offsets). */
  orderValue: Evaluator | undefined;
  compute(rows: readonly Row[], out: unknown[]): void;
}

export class WindowExec implements PhysicalOperator {
  readonly output: readonly Attribute[];
  private readonly windows: CompiledWindow[];

  constructor(
    functions: readonly WindowFunctionSpec[],
    private readonly child: PhysicalOperator,
    ctx: CompileContext,
  ) {
    this.output = [...child.output, ...functions.map((f) => f.output)];
    const bound = bindOrdinals(child.output);
    this.windows = functions.map((spec) => compileWindow(spec, child.output, bound, ctx));
    const top = topWindowSpec(functions);
    const orders: SortOrder[] = top ? [...top.partitionBy.map((child) => ({ child, ascending: true, nullsFirst: true })), ...top.orderBy] : [];
    this.outputOrder = orders.length === 0 ? undefined : compileRowComparator(orders, child.output, ctx);
  }

  /** The order of the rows Spark's top Window operator emits (undefined: input order). */
  private readonly outputOrder: ((a: Row, b: Row) => number) | undefined;

  execute(ctx: ExecutionContext): Row[] {
    const input = this.child.execute(ctx);
    const results = this.windows.map(() => new Array<unknown>(input.length));
    this.windows.forEach((w, wi) => {
      const partitions = new Map<unknown, number[]>();
      for (let i = 0; i < input.length; i++) {
        const key = w.partitionKey(input[i]);
        let list = partitions.get(key);
        if (!list) partitions.set(key, (list = []));
        list.push(i);
      }
      for (const indices of partitions.values()) {
        indices.sort((a, b) => w.compare(input[a], input[b]) || a - b);
        const rows = indices.map((i) => input[i]);
        const values = new Array<unknown>(rows.length);
        w.compute(rows, values);
        for (let k = 0; k < indices.length; k++) results[wi][indices[k]] = values[k];
      }
    });
    const out = input.map((row, i) => {
      const withValues = row.slice();
      for (let w = 0; w < results.length; w++) withValues.push(results[w][i]);
      return withValues;
    });
    // Spark's rows come out of its top Window operator: sorted by that window's partition keys
    // (ascending) and ORDER BY, in the one partition adaptive execution makes of a small shuffle.
    const order = this.outputOrder;
    if (order === undefined) return out;
    const index = out.map((_, i) => i);
    index.sort((a, b) => order(input[a], input[b]) || a - b);
    return index.map((i) => out[i]);
  }

  close(): void {
    this.child.close?.();
  }
}

/**
 * The spec of Spark's top Window operator. The analyzer stacks one Window per distinct
 * (PARTITION BY, ORDER BY) in the order the specs first appear (Scala's groupBy keeps it for up to
 * four groups), the last on top; the optimizer's TransposeWindow then moves a Window below its
 * child when its partition keys are a strict prefix (in any order) of the child's.
 */
function topWindowSpec(functions: readonly WindowFunctionSpec[]): WindowFunctionSpec | undefined {
  const keyOf = (f: WindowFunctionSpec) => JSON.stringify([f.partitionBy.map(prettySql), f.orderBy.map((o) => [prettySql(o.child), o.ascending, o.nullsFirst])]);
  const firstSeen = new Map<string, WindowFunctionSpec>();
  for (const f of functions) {
    const key = keyOf(f);
    if (!firstSeen.has(key)) firstSeen.set(key, f);
  }
  const stack = [...firstSeen.values()];
  const compatible = (parent: WindowFunctionSpec, child: WindowFunctionSpec) => {
    if (parent.partitionBy.length >= child.partitionBy.length) return false;
    const prefix = child.partitionBy.slice(0, parent.partitionBy.length).map(prettySql).sort();
    const keys = parent.partitionBy.map(prettySql).sort();
    return keys.every((k, i) => k === prefix[i]);
  };
  for (let changed = true, rounds = 0; changed && rounds < stack.length * stack.length; rounds++) {
    changed = false;
    for (let i = 0; i + 1 < stack.length; i++) {
      if (compatible(stack[i + 1], stack[i])) {
        [stack[i], stack[i + 1]] = [stack[i + 1], stack[i]];
        changed = true;
      }
    }
  }
  return stack[stack.length - 1];
}

function compileWindow(spec: WindowFunctionSpec, input: readonly Attribute[], bound: Map<number, number>, ctx: CompileContext): CompiledWindow {
  const keys = spec.partitionBy.map((e) => compileExpression(e, bound, ctx));
  const partitionKey = keys.length === 0 ? () => 0 : (row: Row) => encodeCompositeKey(keys.map((k) => k(row)));
  const compare = compileRowComparator(spec.orderBy, input, ctx);
  const orderValue = spec.orderBy.length === 1 ? compileExpression(spec.orderBy[0].child, bound, ctx) : undefined;
  const peers = (rows: readonly Row[], i: number, j: number) => compare(rows[i], rows[j]) === 0;
  const f = spec.function;
  let compute: (rows: readonly Row[], out: unknown[]) => void;
  if (f.kind === 'ranking') {
    const ntileArg = f.name === 'ntile' ? compileExpression(f.args[0], bound, ctx) : undefined;
    compute = (rows, out) => rankingValues(f.name, rows, out, peers, ntileArg);
  } else if (f.kind === 'offset') {
    const value = compileExpression(f.input, bound, ctx);
    const dflt = compileExpression(f.default, bound, ctx);
    const step = f.name === 'lag' ? -f.offset : f.offset;
    compute = (rows, out) => {
      for (let i = 0; i < rows.length; i++) {
        if (!f.ignoreNulls) {
          const j = i + step;
          out[i] = j >= 0 && j < rows.length ? value(rows[j]) : dflt(rows[i]);
          continue;
        }
        // IGNORE NULLS: the offset counts non-null values only.
        let remaining = Math.abs(step);
        let j = i;
        let found: unknown = undefined;
        while (remaining > 0) {
          j += Math.sign(step);
          if (j < 0 || j >= rows.length) break;
          const v = value(rows[j]);
          if (v !== null) {
            remaining--;
            if (remaining === 0) found = v;
          }
        }
        out[i] = found === undefined ? dflt(rows[i]) : found;
      }
    };
  } else {
    compute = aggregateOverFrame(f.call, spec, bound, ctx, peers, orderValue);
  }
  return { spec, partitionKey, compare, orderValue, compute };
}

function rankingValues(name: string, rows: readonly Row[], out: unknown[], peers: (rows: readonly Row[], i: number, j: number) => boolean, ntileArg: Evaluator | undefined): void {
  const n = rows.length;
  let rank = 1;
  let dense = 1;
  for (let i = 0; i < n; i++) {
    if (i > 0 && !peers(rows, i - 1, i)) {
      rank = i + 1;
      dense++;
    }
    switch (name) {
      case 'row_number':
        out[i] = i + 1;
        break;
      case 'rank':
        out[i] = rank;
        break;
      case 'dense_rank':
        out[i] = dense;
        break;
      case 'percent_rank':
        out[i] = n <= 1 ? 0 : (rank - 1) / (n - 1);
        break;
      case 'cume_dist': {
        let last = i;
        while (last + 1 < n && peers(rows, i, last + 1)) last++;
        out[i] = (last + 1) / n;
        break;
      }
      case 'ntile': {
        // Spark's NTile: the first n % buckets buckets get one row more.
        const buckets = Number(ntileArg!(rows[i]));
        const per = Math.floor(n / buckets);
        const extra = n % buckets;
        const boundary = extra * (per + 1);
        out[i] = i < boundary ? Math.floor(i / (per + 1)) + 1 : Math.floor((i - boundary) / Math.max(per, 1)) + extra + 1;
        break;
      }
    }
  }
}

function aggregateOverFrame(
  call: Expression,
  spec: WindowFunctionSpec,
  bound: Map<number, number>,
  ctx: CompileContext,
  peers: (rows: readonly Row[], i: number, j: number) => boolean,
  orderValue: Evaluator | undefined,
): (rows: readonly Row[], out: unknown[]) => void {
  if (call.kind !== 'aggregateCall') throw new Error('window aggregate expected');
  const impl = call.fn.create(call.args.map((a) => a.dataType), call.dataType, ctx);
  const args = call.args.map((a) => compileExpression(a, bound, ctx));
  const filter = call.filter ? compileExpression(call.filter, bound, ctx) : undefined;
  const valueOf = (row: Row) => (args.length === 1 ? args[0](row) : args.map((a) => a(row)));
  const { type, lower, upper } = spec.frame;
  const descending = spec.orderBy[0]?.ascending === false;
  return (rows, out) => {
    const n = rows.length;
    // The frame [lo, hi] of row i.
    const frameOf = (i: number): [number, number] => {
      if (type === 'rows') return [lower === null ? 0 : Math.max(0, i + lower), upper === null ? n - 1 : Math.min(n - 1, i + upper)];
      let lo = 0;
      let hi = n - 1;
      if (lower === 0) {
        lo = i;
        while (lo > 0 && peers(rows, lo - 1, i)) lo--;
      } else if (lower !== null) {
        const target = offsetValue(orderValue!(rows[i]), lower, descending);
        lo = 0;
        while (lo < n && !withinLower(orderValue!(rows[lo]), target, descending)) lo++;
      }
      if (upper === 0) {
        hi = i;
        while (hi < n - 1 && peers(rows, hi + 1, i)) hi++;
      } else if (upper !== null) {
        const target = offsetValue(orderValue!(rows[i]), upper, descending);
        hi = n - 1;
        while (hi >= 0 && !withinUpper(orderValue!(rows[hi]), target, descending)) hi--;
      }
      return [lo, hi];
    };
    if (lower === null) {
      // Frames start at the partition's first row and only grow: aggregate incrementally.
      let buffer = impl.init();
      let added = -1;
      for (let i = 0; i < n; i++) {
        const [, hi] = frameOf(i);
        while (added < hi) {
          added++;
          if (filter === undefined || filter(rows[added]) === true) buffer = impl.update(buffer, valueOf(rows[added]));
        }
        out[i] = impl.result(buffer);
      }
      return;
    }
    for (let i = 0; i < n; i++) {
      const [lo, hi] = frameOf(i);
      let buffer = impl.init();
      for (let j = lo; j <= hi; j++) if (filter === undefined || filter(rows[j]) === true) buffer = impl.update(buffer, valueOf(rows[j]));
      out[i] = impl.result(buffer);
    }
  };
}

function offsetValue(v: unknown, offset: number, descending: boolean): unknown {
  if (v === null) return null;
  const d = descending ? -offset : offset;
  return typeof v === 'bigint' ? v + BigInt(d) : (v as number) + d;
}

function withinLower(v: unknown, target: unknown, descending: boolean): boolean {
  if (v === null || target === null) return v === target;
  const c = compareValues(v, target);
  return descending ? c <= 0 : c >= 0;
}

function withinUpper(v: unknown, target: unknown, descending: boolean): boolean {
  if (v === null || target === null) return v === target;
  const c = compareValues(v, target);
  return descending ? c >= 0 : c <= 0;
}
