// The three shapes of arbitrary stateful processing on grouped data, adapted to one engine
// function (plans/logical-plan.ts GroupStateFunction):
//   applyInPandasWithState(func, outputStructType, stateStructType, outputMode, timeoutConf)
//     PySpark 3.4+: func(key, frames, state) with key a tuple (array) of the grouping values,
//     frames an iterable of arrays of Rows (Rivulet's stand-in for pandas DataFrames), state a
//     GroupState whose value is a Row of stateStructType; it yields frames (arrays of rows) or
//     single rows (Row, object keyed by column or array of values).
//   flatMapGroupsWithState(func, outputSchema, outputMode, timeoutConf) /
//   mapGroupsWithState(func, outputSchema, timeoutConf)
//     Spark's Scala shape: func(key, values, state) with key the grouping value (an array for
//     several columns), values an iterator of Rows, state a GroupState of any JS value (frozen;
//     update(draft => ...) is an immer recipe). flatMap returns an iterable of rows, map one row.
//     Both take Scala's optional initialState: a grouped batch DataFrame (df.groupBy(key columns))
//     whose rows seed each key's state in the first batch; the state value is the row's one
//     non-key column (several: an object keyed by column name). Keys must match the grouping's.
import { notExpectedType } from './argument-checks';
import type { Attribute, Expression, NamedExpression } from '../expressions/expression';
import { attribute, newExprId, toAttribute } from '../expressions/expression';
import type { UnresolvedExpression } from '../expressions/unresolved';
import { outputOf, type GroupStateFunction, type LogicalPlan } from '../plans/logical-plan';
import { isGroupStateTimeout, type GroupStateApi, type GroupStateTimeoutKind } from '../plans/group-state-timeout';
import { StructType } from '../types/struct-type';
import { Row } from '../types/row';
import { parseTableSchema } from '../types/ddl';
import { IllegalArgumentException, PySparkTypeError } from '../errors/illegal-argument-exception';
import type { GroupState } from '../execution/group-state';
import type { SessionContext } from './session-context';
import { lazy } from '../util/lazy';

// The analyzer loads when a grouped-state function is first built, not at `import 'rivulet'`.
const expressionResolverModule = lazy(() => require('../analysis/expression-resolver') as typeof import('../analysis/expression-resolver'));
const externalRowModule = lazy(() => require('../types/external-row') as typeof import('../types/external-row'));
const userDataRowsModule = lazy(() => require('../types/user-data-rows') as typeof import('../types/user-data-rows'));
const planBuilderModule = lazy(() => require('../analysis/plan-builder') as typeof import('../analysis/plan-builder'));

/** PySpark's func(key, pdfs, state) with Rows in arrays for pandas frames. */
export type ApplyInPandasWithStateFunction = (key: unknown[], frames: Iterable<Row[]>, state: GroupState<Row>) => Iterable<unknown>;
/** Scala's (K, Iterator[V], GroupState[S]) => Iterator[U]. */
export type FlatMapGroupsWithStateFunction<S = unknown> = (key: any, values: IterableIterator<Row>, state: GroupState<S>) => Iterable<unknown>;
/** Scala's (K, Iterator[V], GroupState[S]) => U. */
export type MapGroupsWithStateFunction<S = unknown> = (key: any, values: IterableIterator<Row>, state: GroupState<S>) => unknown;

/** PySpark's spark.sql.execution.arrow.maxRecordsPerBatch: rows per frame handed to the function. */
const ROWS_PER_FRAME = 10_000;

export interface StatefulGroupingArgs {
  session: SessionContext;
  plan: LogicalPlan;
  grouping: UnresolvedExpression[];
}

function schemaArg(schema: StructType | string, argName: string): StructType {
  if (schema instanceof StructType) return schema;
  if (typeof schema === 'string') return parseTableSchema(schema);
  throw new PySparkTypeError('NOT_STR_OR_STRUCT', `Argument \`${argName}\` should be a str or StructType, got ${typeof schema}.`, { arg_name: argName, arg_type: typeof schema });
}

/** Spark's InternalOutputModes(name), then the two modes a stateful function supports. */
function outputModeArg(mode: string): 'append' | 'update' {
  const m = typeof mode === 'string' ? mode.toLowerCase() : String(mode);
  if (m === 'append' || m === 'update') return m;
  if (m === 'complete') throw new IllegalArgumentException('requirement failed: The output mode of function should be append or update');
  throw new IllegalArgumentException(`Invalid streaming output mode: ${mode}. Accepted output modes are 'Append', 'Complete', 'Update'.`, {
    errorClass: 'STREAMING_OUTPUT_MODE.INVALID',
    sqlState: '42KDE',
    messageParameters: { outputMode: String(mode) },
  });
}

function timeoutArg(timeout: unknown): GroupStateTimeoutKind {
  // PySpark asserts `timeoutConf in [GroupStateTimeout.NoTimeout, ...]`.
  if (isGroupStateTimeout(timeout)) return timeout;
  throw new IllegalArgumentException(`timeoutConf must be one of GroupStateTimeout.NoTimeout, ProcessingTimeTimeout, EventTimeTimeout; got ${String(timeout)}`);
}

/** The child with every grouping expression as a column, and those columns. */
export function groupingColumns(args: StatefulGroupingArgs): { child: LogicalPlan; grouping: ReturnType<typeof toAttribute>[]; dataWidth: number } {
  const input = outputOf(args.plan);
  const resolver = new (expressionResolverModule().ExpressionResolver)(input, args.session.resolverContext());
  const resolved: Expression[] = args.grouping.flatMap((u) => planBuilderModule().expandStar(u, input, undefined, args.session.resolverContext())).map((u) => resolver.resolve(u));
  if (resolved.every((e) => e.kind === 'attribute')) return { child: args.plan, grouping: resolved.map((e) => e as Attribute), dataWidth: input.length };
  const extra: NamedExpression[] = resolved.filter((e) => e.kind !== 'attribute').map((e) => ({ kind: 'alias', child: e.kind === 'alias' ? e.child : e, name: e.kind === 'alias' ? e.name : 'key', exprId: newExprId(), dataType: e.dataType }));
  let next = 0;
  const grouping = resolved.map((e) => (e.kind === 'attribute' ? (e as Attribute) : toAttribute(extra[next++])));
  return { child: { kind: 'project', projectList: [...input, ...extra], child: args.plan }, grouping, dataWidth: input.length };
}

function* framesOf(rows: Row[]): Generator<Row[]> {
  for (let i = 0; i < rows.length; i += ROWS_PER_FRAME) yield rows.slice(i, i + ROWS_PER_FRAME);
}

/** A grouped DataFrame as Scala's initialState (KeyValueGroupedDataset[K, S]). */
export interface GroupedStateSeed {
  readonly plan: LogicalPlan;
  readonly groupingAttributes: Attribute[];
}

function initialStateOf(seed: GroupedStateSeed | undefined, grouping: readonly Attribute[], funcName: string): NonNullable<Extract<LogicalPlan, { kind: 'flatMapGroupsWithState' }>['initialState']> | undefined {
  if (seed === undefined || seed === null) return undefined;
  if (typeof (seed as { plan?: unknown }).plan !== 'object' || !Array.isArray((seed as { groupingAttributes?: unknown }).groupingAttributes)) {
    throw new PySparkTypeError('NOT_GROUPED_DATA', `Argument \`initialState\` should be a GroupedData, got ${typeof seed}.`, { arg_name: 'initialState', arg_type: typeof seed });
  }
  const keys = seed.groupingAttributes;
  const sameKeys = keys.length === grouping.length && keys.every((k, i) => k.dataType.simpleString() === grouping[i].dataType.simpleString());
  if (!sameKeys) {
    const show = (as: readonly Attribute[]) => `[${as.map((a) => a.dataType.simpleString()).join(', ')}]`;
    throw new IllegalArgumentException(`The initial state of ${funcName} must be grouped by keys of the types the data is grouped by: ${show(grouping)}, got ${show(keys)}.`);
  }
  const all = outputOf(seed.plan);
  const keyIds = new Set(keys.map((k) => k.exprId));
  const valueOrdinals = all.map((a, i) => (keyIds.has(a.exprId) ? -1 : i)).filter((i) => i >= 0);
  const valueSchema = StructType(valueOrdinals.map((i) => ({ name: all[i].name, dataType: all[i].dataType, nullable: all[i].nullable }) as never));
  const stateValue = (row: readonly unknown[]): unknown => {
    const external = externalRowModule().toExternalRows(valueSchema, [valueOrdinals.map((i) => row[i])])[0] as unknown as Record<string, unknown>;
    if (valueOrdinals.length === 1) return external[all[valueOrdinals[0]].name];
    const value: Record<string, unknown> = {};
    for (const i of valueOrdinals) value[all[i].name] = external[all[i].name];
    return value;
  };
  return { plan: seed.plan, groupingAttributes: keys, stateValue };
}

function build(
  args: StatefulGroupingArgs,
  api: GroupStateApi,
  funcName: string,
  outputSchema: StructType,
  stateType: StructType | undefined,
  outputMode: 'append' | 'update',
  timeout: GroupStateTimeoutKind,
  call: (key: unknown[], rows: Row[], state: unknown) => Iterable<unknown>,
  seed?: GroupedStateSeed,
): LogicalPlan {
  const { child, grouping, dataWidth } = groupingColumns(args);
  const dataSchema = StructType(outputOf(child).slice(0, dataWidth).map((a) => ({ name: a.name, dataType: a.dataType, nullable: a.nullable }) as never));
  const keySchema = StructType(grouping.map((a) => ({ name: a.name, dataType: a.dataType, nullable: a.nullable }) as never));
  const func: GroupStateFunction = (key, rows, state) => {
    const externalKey = [...externalRowModule().toExternalRows(keySchema, [key as unknown[]])[0]];
    const externalRows = externalRowModule().toExternalRows(dataSchema, rows.map((r) => (r.length === dataWidth ? (r as unknown[]) : r.slice(0, dataWidth))));
    const out: unknown[] = [];
    for (const item of call(externalKey, externalRows, state)) {
      // An array of rows (a frame) or a single row.
      if (api === 'applyInPandasWithState' && Array.isArray(item)) out.push(...item);
      else out.push(item);
    }
    // Dates given for DATE fields are placed on their UTC day (the session time zone is not at hand).
    return userDataRowsModule().rowsFromUserData(out, outputSchema, 'UTC').rows;
  };
  return {
    kind: 'flatMapGroupsWithState',
    api,
    func,
    funcName,
    groupingAttributes: grouping,
    output: outputSchema.fields.map((f) => attribute(f.name, f.dataType, f.nullable)),
    stateType,
    outputMode,
    timeout,
    child,
    initialState: initialStateOf(seed, grouping, api),
  };
}

export function applyInPandasWithState(
  args: StatefulGroupingArgs,
  func: ApplyInPandasWithStateFunction,
  outputStructType: StructType | string,
  stateStructType: StructType | string,
  outputMode: string,
  timeoutConf: string,
): LogicalPlan {
  if (typeof func !== 'function') throw notExpectedType('func', 'function', func);
  const output = schemaArg(outputStructType, 'outputStructType');
  const state = schemaArg(stateStructType, 'stateStructType');
  const mode = outputModeArg(outputMode);
  const timeout = timeoutArg(timeoutConf);
  return build(args, 'applyInPandasWithState', func.name || 'func', output, state, mode, timeout, (key, rows, s) => func(key, framesOf(rows), s as GroupState<Row>));
}

export function flatMapGroupsWithState(args: StatefulGroupingArgs, func: FlatMapGroupsWithStateFunction, outputSchema: StructType | string, outputMode: string, timeoutConf: string, initialState?: GroupedStateSeed): LogicalPlan {
  const output = schemaArg(outputSchema, 'outputSchema');
  const mode = outputModeArg(outputMode);
  const timeout = timeoutArg(timeoutConf);
  return build(
    args,
    'flatMapGroupsWithState',
    func.name || 'func',
    output,
    undefined,
    mode,
    timeout,
    (key, rows, s) => func(key.length === 1 ? key[0] : key, rows.values(), s as GroupState),
    initialState,
  );
}

export function mapGroupsWithState(args: StatefulGroupingArgs, func: MapGroupsWithStateFunction, outputSchema: StructType | string, timeoutConf: string, initialState?: GroupedStateSeed): LogicalPlan {
  const output = schemaArg(outputSchema, 'outputSchema');
  const timeout = timeoutArg(timeoutConf);
  return build(args, 'mapGroupsWithState', func.name || 'func', output, undefined, 'update', timeout, (key, rows, s) => [func(key.length === 1 ? key[0] : key, rows.values(), s as GroupState)], initialState);
}
