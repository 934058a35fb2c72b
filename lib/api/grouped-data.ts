// pyspark.sql.GroupedData: groupBy(..).count() / .agg(..) / .sum(..) etc.
import { PySparkAssertionError } from '../errors/illegal-argument-exception';
import type { UnresolvedExpression } from '../expressions/unresolved';
import { call, alias } from '../expressions/unresolved';
import { DataTypes } from '../types/data-types';
import { Column } from './column';
import { flattenArgs } from './column-args';
import type { DataFrame } from './data-frame';
import type { StructType } from '../types/struct-type';
import type { PivotSpec } from './pivot';
import type { GroupingAnalytics } from './grouping-analytics';
import { checkColumn, checkStr, isPlainObject, notExpectedType } from './argument-checks';
import { GroupStateTimeout } from '../plans/group-state-timeout';
import {
  applyInPandasWithState,
  flatMapGroupsWithState,
  mapGroupsWithState,
  groupingColumns,
  type ApplyInPandasWithStateFunction,
  type FlatMapGroupsWithStateFunction,
  type MapGroupsWithStateFunction,
} from './grouped-state-functions';
import type { GroupedInitialState } from './transform-with-state';
import type { StatefulProcessor } from '../execution/stateful-processor';
import { lazy } from '../util/lazy';
// Loaded on first use, so `import 'rivulet'` stays fast.
const pivotModule = lazy(() => require('./pivot') as typeof import('./pivot'));
const transformWithStateModule = lazy(() => require('./transform-with-state') as typeof import('./transform-with-state'));

export class GroupedData {
  constructor(
    private readonly df: DataFrame,
    private readonly grouping: UnresolvedExpression[],
    private readonly pivotSpec?: PivotSpec,
    /** rollup / cube / groupingSets: the grouping sets (undefined for groupBy). */
    private readonly analytics?: GroupingAnalytics,
  ) {}

  /**
   * `console.log(grouped)` shows PySpark's repr (Spark's RelationalGroupedDataset.toString):
   * `GroupedData[grouping expressions: [a, b], value: [a: bigint, b: string ... 1 more field], type: GroupBy]`.
   */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    const names = this.grouping.map((e) => (e.kind === 'column' ? e.nameParts.join('.') : new Column(e).toString().replace(/^Column<'(.*)'>$/, '$1')));
    const fields = this.df.schema.fields;
    const shown = fields.slice(0, 2).map((f) => `${f.name}: ${f.dataType.simpleString()}`).join(', ');
    const more = fields.length > 2 ? ` ... ${fields.length - 2} more field${fields.length > 3 ? 's' : ''}` : '';
    const keys = names.slice(0, 2).join(', ') + (names.length > 2 ? ` ... ${names.length - 2} more field` : '');
    return `GroupedData[grouping expressions: [${keys}], value: [${shown}${more}], type: ${this.pivotSpec ? 'Pivot' : (this.analytics?.type ?? 'GroupBy')}]`;
  }

  /**
   * `groupBy('year').pivot('course')` or `.pivot('course', ['Java', 'dotNET'])`: one output column
   * per pivot value (per value and aggregate when there are several aggregates, named
   * `value_aggregate`). Without values, the distinct values are computed first (batch only, as
   * Spark refuses it on a stream).
   */
  pivot(pivot_col: string, values?: unknown[] | null): GroupedData {
    if (this.pivotSpec) throw pivotModule().repeatedPivotError();
    if (this.analytics) throw pivotModule().pivotAfterGroupByError();
    checkStr(pivot_col, 'pivot_col');
    if (values !== undefined && values !== null && !Array.isArray(values)) throw notExpectedType('values', 'list', values);
    // Resolving the column reports an unknown name as Spark does.
    this.df.select(pivot_col);
    const resolvedValues = values ?? pivotModule().pivotValuesOf(this.df, pivot_col);
    return new GroupedData(this.df, this.grouping, { column: pivot_col, values: resolvedValues });
  }

  private aggregateOf(aggregates: UnresolvedExpression[]): DataFrame {
    if (this.pivotSpec) return this.df.withLogicalPlan(pivotModule().buildPivot(this.df, this.grouping, this.pivotSpec, aggregates));
    return this.df.aggregate(this.grouping, aggregates, this.analytics);
  }

  /** `count()` names its column `count`, as PySpark. */
  count(): DataFrame {
    return this.aggregateOf([alias(call('count', [{ kind: 'literal', value: 1, dataType: DataTypes.IntegerType }]), 'count')]);
  }

  agg(...exprs: (Column | Column[] | Record<string, string>)[]): DataFrame {
    if (exprs.length === 0) throw new PySparkAssertionError(undefined, 'exprs should not be empty');
    if (exprs.length === 1 && isPlainObject(exprs[0])) {
      // agg({"col": "fn"}) form: names become fn(col).
      const dict = exprs[0] as Record<string, string>;
      for (const fn of Object.values(dict)) checkStr(fn, 'exprs');
      return this.aggregateOf(
        Object.entries(dict).map(([c, fn]) => call(fn.toLowerCase() === 'mean' ? 'avg' : fn.toLowerCase(), [c === '*' ? { kind: 'star' } : { kind: 'column', nameParts: [c] }])),
      );
    }
    const columns = flattenArgs(exprs as (Column | Column[])[]);
    for (const c of columns) checkColumn(c, 'exprs');
    return this.aggregateOf(columns.map((c) => c.expr));
  }

  private numeric(fn: string, cols: string[]): DataFrame {
    for (const c of cols) checkStr(c, 'cols');
    const targets = cols.length > 0 ? cols : this.df.schema.fields.filter((f) => ['integer', 'long', 'double', 'float', 'short', 'byte'].includes(f.dataType.typeName()) || f.dataType.typeName().startsWith('decimal')).map((f) => f.name);
    return this.aggregateOf(targets.map((c) => call(fn, [{ kind: 'column', nameParts: [c] }])));
  }

  sum(...cols: string[]): DataFrame { return this.numeric('sum', cols); }
  avg(...cols: string[]): DataFrame { return this.numeric('avg', cols); }
  mean(...cols: string[]): DataFrame { return this.numeric('avg', cols); }
  min(...cols: string[]): DataFrame { return this.numeric('min', cols); }
  max(...cols: string[]): DataFrame { return this.numeric('max', cols); }

  /**
   * PySpark's applyInPandasWithState: `func(key, frames, state)` runs per key and batch with the
   * key's rows (arrays of Rows stand in for pandas frames) and its GroupState; see
   * grouped-state-functions.ts.
   */
  applyInPandasWithState(func: ApplyInPandasWithStateFunction, outputStructType: StructType | string, stateStructType: StructType | string, outputMode: string, timeoutConf: string): DataFrame {
    return this.df.withLogicalPlan(applyInPandasWithState(this.stateArgs(), func, outputStructType, stateStructType, outputMode, timeoutConf));
  }

  /**
   * Spark's flatMapGroupsWithState (Scala shape): `func(key, values, state)` returns rows.
   * `initialState` (Scala's third argument) is a grouped batch DataFrame, `df.groupBy(keys)`, whose
   * rows seed the keys' states in the query's first batch (the one non-key column is the value;
   * several make an object keyed by column name).
   */
  flatMapGroupsWithState<S = unknown>(func: FlatMapGroupsWithStateFunction<S>, outputSchema: StructType | string, outputMode: string, timeoutConf: string = GroupStateTimeout.NoTimeout, initialState?: GroupedData | null): DataFrame {
    return this.df.withLogicalPlan(flatMapGroupsWithState(this.stateArgs(), func as FlatMapGroupsWithStateFunction, outputSchema, outputMode, timeoutConf, initialState ? initialState.initialStateArgs() : undefined));
  }

  /** Spark's mapGroupsWithState (Scala shape): `func(key, values, state)` returns one row; Update mode only. `initialState` as flatMapGroupsWithState's. */
  mapGroupsWithState<S = unknown>(func: MapGroupsWithStateFunction<S>, outputSchema: StructType | string, timeoutConf: string = GroupStateTimeout.NoTimeout, initialState?: GroupedData | null): DataFrame {
    return this.df.withLogicalPlan(mapGroupsWithState(this.stateArgs(), func as MapGroupsWithStateFunction, outputSchema, timeoutConf, initialState ? initialState.initialStateArgs() : undefined));
  }

  /**
   * PySpark 4.1's transformWithState: a StatefulProcessor per key with value/list/map state,
   * timers and TTL; `handleInputRows(key, rows, timerValues)` gets an iterator of Rows. timeMode is
   * "None", "ProcessingTime" or "EventTime"; `initialState` is a grouped batch DataFrame whose rows
   * go to `handleInitialState` in the first batch.
   */
  transformWithState(statefulProcessor: StatefulProcessor, outputStructType: StructType | string, outputMode: string, timeMode: string, initialState?: GroupedData | null, eventTimeColumnName = ''): DataFrame {
    void eventTimeColumnName;
    return this.df.withLogicalPlan(transformWithStateModule().transformWithState(this.stateArgs(), 'transformWithState', statefulProcessor, outputStructType, outputMode, timeMode, initialState ? initialState.initialStateArgs() : undefined));
  }

  /** PySpark 4.0's transformWithStateInPandas: as transformWithState, with frames (arrays of Rows) for pandas DataFrames. */
  transformWithStateInPandas(statefulProcessor: StatefulProcessor, outputStructType: StructType | string, outputMode: string, timeMode: string, initialState?: GroupedData | null, eventTimeColumnName = ''): DataFrame {
    void eventTimeColumnName;
    return this.df.withLogicalPlan(transformWithStateModule().transformWithState(this.stateArgs(), 'transformWithStateInPandas', statefulProcessor, outputStructType, outputMode, timeMode, initialState ? initialState.initialStateArgs() : undefined));
  }

  /** @internal The grouped plan as an initial state: its plan (with computed keys) and key columns. */
  initialStateArgs(): GroupedInitialState {
    const { child, grouping } = groupingColumns(this.stateArgs());
    return { plan: child, groupingAttributes: grouping };
  }

  private stateArgs() {
    return { session: this.df.session, plan: this.df.plan, grouping: this.grouping };
  }
}
