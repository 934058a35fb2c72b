// DataFrame in remote mode: the same methods as local mode's DataFrame, building a Spark Connect
// relation instead of a local plan. Actions (collect, show, count, schema) call the server
// synchronously through the client, so a script reads the same in both modes.
import { explainModeName, parseExplainMode, type ExplainOptions } from '../api/explain-mode';
import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { RelationSchema } from './gen/spark/connect/relations_pb';
import { Join_JoinType, SetOperation_SetOpType, Aggregate_GroupType } from './gen/spark/connect/relations_pb';
import { Column, literalExpr, type ColumnOrName } from '../api/column';
import { columnArg, flattenArgs, ordinalToColumn, type ColumnOrNameOrOrdinal } from '../api/column-args';
import { StructType } from '../types/struct-type';
import { toExternalRows, externalValueOptions } from '../types/external-row';
import { PySparkNotImplementedError, PySparkTypeError, PySparkValueError } from '../errors/illegal-argument-exception';
import { struct } from '../api/functions/collections';
import { to_json } from '../api/functions/json';
import { dataTypeToProto, expressionString, expressionToProto, sortOrderToProto, attribute, literalToProto, type ExprInit, type LiteralInit } from './expression-proto';
import { relation, planIdOf, type RelationInit } from './relation';
import { structFromProto } from './data-type-proto';
import { rowsFromArrowBatches } from './arrow-rows';
import { unsupportedRemotely } from './unsupported';
import { checkColumnOrStr, checkGroupingSets, checkStr, notExpectedType } from '../api/argument-checks';
import { sampleArguments } from '../api/data-frame-sampling';
import { NO_VALUE, replacementPairs } from '../api/data-frame-na-functions';
import type { RemoteSession } from './remote-session';
import type { RemoteDataStreamWriter } from './remote-data-stream-writer';
import type { RemoteDataFrameWriter } from './remote-data-frame-writer';
import type { ExecutePlanResponse } from './gen/spark/connect/base_pb';
import type { TypedRow } from '../api/data-frame';

const JOIN_TYPES: Record<string, Join_JoinType> = {
  inner: Join_JoinType.INNER,
  cross: Join_JoinType.CROSS,
  outer: Join_JoinType.FULL_OUTER,
  full: Join_JoinType.FULL_OUTER,
  fullouter: Join_JoinType.FULL_OUTER,
  full_outer: Join_JoinType.FULL_OUTER,
  left: Join_JoinType.LEFT_OUTER,
  leftouter: Join_JoinType.LEFT_OUTER,
  left_outer: Join_JoinType.LEFT_OUTER,
  right: Join_JoinType.RIGHT_OUTER,
  rightouter: Join_JoinType.RIGHT_OUTER,
  right_outer: Join_JoinType.RIGHT_OUTER,
  semi: Join_JoinType.LEFT_SEMI,
  leftsemi: Join_JoinType.LEFT_SEMI,
  left_semi: Join_JoinType.LEFT_SEMI,
  anti: Join_JoinType.LEFT_ANTI,
  leftanti: Join_JoinType.LEFT_ANTI,
  left_anti: Join_JoinType.LEFT_ANTI,
};

function colExpr(c: ColumnOrName): ExprInit {
  if (typeof c === 'string') return c === '*' ? { exprType: { case: 'unresolvedStar', value: {} } } : attribute(c);
  return expressionToProto(c.expr);
}

/** The rows and schema of an ExecutePlan answer. */
export function decodeResult(responses: readonly ExecutePlanResponse[]): { schema: StructType; rows: unknown[][] } {
  let schema: StructType | undefined;
  const batches: Uint8Array[] = [];
  for (const r of responses) {
    if (r.schema && r.schema.kind.case === 'struct') schema = structFromProto(r.schema.kind.value.fields);
    if (r.responseType.case === 'arrowBatch') batches.push(r.responseType.value.data);
  }
  if (!schema) schema = StructType([]);
  return { schema, rows: rowsFromArrowBatches(schema, batches) };
}

export class RemoteDataFrame {
  constructor(
    readonly session: RemoteSession,
    /** The Spark Connect relation this DataFrame stands for. */
    readonly relation: RelationInit,
  ) {}

  private with(relType: NonNullable<RelationInit['relType']>): RemoteDataFrame {
    return new RemoteDataFrame(this.session, relation(relType));
  }

  /** The relation as a protobuf message (what is sent). */
  toProto() {
    return create(RelationSchema, this.relation);
  }

  // ---- schema ----

  get schema(): StructType {
    const r = this.session.client.analyze({ case: 'schema', value: { plan: { opType: { case: 'root', value: this.relation } } } });
    if (r.result.case !== 'schema' || !r.result.value.schema || r.result.value.schema.kind.case !== 'struct') return StructType([]);
    return structFromProto(r.result.value.schema.kind.value.fields);
  }

  get columns(): string[] {
    return this.schema.fieldNames();
  }

  get dtypes(): [string, string][] {
    return this.schema.fields.map((f) => [f.name, f.dataType.simpleString()]);
  }

  get isStreaming(): boolean {
    const r = this.session.client.analyze({ case: 'isStreaming', value: { plan: { opType: { case: 'root', value: this.relation } } } });
    return r.result.case === 'isStreaming' ? r.result.value.isStreaming : false;
  }

  printSchema(): void {
    process.stdout.write(this.schema.treeString() + '\n');
  }

  // ---- transformations ----

  /** `df["name"]`: a column bound to this DataFrame (its plan id), unambiguous in joins. */
  col(name: string): Column {
    return new RemoteColumn(name, planIdOf(this.relation));
  }

  /** `colRegex('`(a|b)`')`: Spark Connect's UnresolvedRegex (the server expands it). */
  colRegex(colName: string): Column {
    checkStr(colName, 'colName');
    return new Column({ kind: 'star', regex: { pattern: colName, caseSensitive: false, text: colName } });
  }

  select(...cols: (ColumnOrName | ColumnOrName[])[]): RemoteDataFrame {
    return this.with({ case: 'project', value: { input: this.relation, expressions: flattenArgs(cols).map(colExprOf) } });
  }

  selectExpr(...exprs: (string | string[])[]): RemoteDataFrame {
    return this.with({ case: 'project', value: { input: this.relation, expressions: flattenArgs(exprs).map(expressionString) } });
  }

  filter(condition: Column | string): RemoteDataFrame {
    if (typeof condition !== 'string' && !(condition instanceof Column)) throw new PySparkTypeError('NOT_COLUMN_OR_STR', `Argument \`condition\` should be a Column or str, got ${typeof condition}.`, { arg_name: 'condition', arg_type: typeof condition });
    return this.with({ case: 'filter', value: { input: this.relation, condition: typeof condition === 'string' ? expressionString(condition) : colExprOf(condition) } });
  }

  where(condition: Column | string): RemoteDataFrame {
    return this.filter(condition);
  }

  withColumn(colName: string, col: Column): RemoteDataFrame {
    return this.withColumns({ [colName]: col });
  }

  withColumns(colsMap: Record<string, Column>): RemoteDataFrame {
    return this.with({ case: 'withColumns', value: { input: this.relation, aliases: Object.entries(colsMap).map(([name, c]) => ({ expr: colExprOf(c), name: [name] })) } });
  }

  withColumnRenamed(existing: string, newName: string): RemoteDataFrame {
    return this.with({ case: 'withColumnsRenamed', value: { input: this.relation, renames: [{ colName: existing, newColName: newName }] } });
  }

  withColumnsRenamed(colsMap: Record<string, string>): RemoteDataFrame {
    return this.with({ case: 'withColumnsRenamed', value: { input: this.relation, renames: Object.entries(colsMap).map(([colName, newColName]) => ({ colName, newColName })) } });
  }

  drop(...cols: ColumnOrName[]): RemoteDataFrame {
    const names = cols.filter((c): c is string => typeof c === 'string');
    const columns = cols.filter((c): c is Column => typeof c !== 'string').map(colExprOf);
    return this.with({ case: 'drop', value: { input: this.relation, columns, columnNames: names } });
  }

  toDF(...names: string[]): RemoteDataFrame {
    return this.with({ case: 'toDf', value: { input: this.relation, columnNames: names } });
  }

  alias(name: string): RemoteDataFrame {
    return this.with({ case: 'subqueryAlias', value: { input: this.relation, alias: name } });
  }

  groupBy(...cols: (ColumnOrNameOrOrdinal | ColumnOrNameOrOrdinal[])[]): RemoteGroupedData {
    return new RemoteGroupedData(this, remoteGroupingColumns(this, cols));
  }

  groupby(...cols: (ColumnOrNameOrOrdinal | ColumnOrNameOrOrdinal[])[]): RemoteGroupedData {
    return this.groupBy(...cols);
  }

  /** Sent as Spark Connect's Aggregate of group type ROLLUP; see DataFrame.rollup. */
  rollup(...cols: (ColumnOrNameOrOrdinal | ColumnOrNameOrOrdinal[])[]): RemoteGroupedData {
    return new RemoteGroupedData(this, remoteGroupingColumns(this, cols), Aggregate_GroupType.ROLLUP);
  }

  /** Sent as Spark Connect's Aggregate of group type CUBE; see DataFrame.cube. */
  cube(...cols: (ColumnOrNameOrOrdinal | ColumnOrNameOrOrdinal[])[]): RemoteGroupedData {
    return new RemoteGroupedData(this, remoteGroupingColumns(this, cols), Aggregate_GroupType.CUBE);
  }

  /** Sent as Spark Connect's Aggregate of group type GROUPING_SETS; see DataFrame.groupingSets. */
  groupingSets(groupingSets: readonly (readonly ColumnOrNameOrOrdinal[])[], ...cols: (ColumnOrNameOrOrdinal | ColumnOrNameOrOrdinal[])[]): RemoteGroupedData {
    checkGroupingSets(groupingSets);
    const sets = groupingSets.map((set) => ({ groupingSet: remoteGroupingColumns(this, set).map(colExprOf) }));
    return new RemoteGroupedData(this, remoteGroupingColumns(this, cols), Aggregate_GroupType.GROUPING_SETS, sets);
  }

  agg(...exprs: (Column | Column[])[]): RemoteDataFrame {
    return this.groupBy().agg(...exprs);
  }

  orderBy(...cols: (ColumnOrNameOrOrdinal | ColumnOrNameOrOrdinal[] | { ascending: boolean | boolean[] })[]): RemoteDataFrame {
    return this.sortRelation(cols, true);
  }

  sort(...cols: (ColumnOrNameOrOrdinal | ColumnOrNameOrOrdinal[] | { ascending: boolean | boolean[] })[]): RemoteDataFrame {
    return this.sortRelation(cols, true);
  }

  sortWithinPartitions(...cols: (ColumnOrNameOrOrdinal | ColumnOrNameOrOrdinal[] | { ascending: boolean | boolean[] })[]): RemoteDataFrame {
    return this.sortRelation(cols, false);
  }

  private sortRelation(args: (ColumnOrNameOrOrdinal | ColumnOrNameOrOrdinal[] | { ascending: boolean | boolean[] })[], isGlobal: boolean): RemoteDataFrame {
    let ascending: boolean | boolean[] | undefined;
    const cols: ColumnOrName[] = [];
    const column = (c: ColumnOrNameOrOrdinal): ColumnOrName => ordinalToColumn(c, this, true);
    for (const a of args) {
      if (Array.isArray(a)) cols.push(...a.map(column));
      else if (typeof a === 'string' || typeof a === 'number' || a instanceof Column) cols.push(column(a));
      else ascending = a.ascending;
    }
    const order = cols.map((c, i) => {
      const e = typeof c === 'string' ? columnArg(c) : c.expr;
      const asc = ascending === undefined ? true : Array.isArray(ascending) ? ascending[i] !== false : ascending;
      if (e.kind === 'sortOrder') return sortOrderToProto(e);
      return sortOrderToProto({ kind: 'sortOrder', child: e, ascending: asc, nullsFirst: asc });
    });
    return this.with({ case: 'sort', value: { input: this.relation, order, isGlobal } });
  }

  limit(num: number): RemoteDataFrame {
    return this.with({ case: 'limit', value: { input: this.relation, limit: num } });
  }

  offset(num: number): RemoteDataFrame {
    return this.with({ case: 'offset', value: { input: this.relation, offset: num } });
  }

  union(other: RemoteDataFrame): RemoteDataFrame {
    return this.setOp(other, SetOperation_SetOpType.UNION, true, false);
  }

  unionAll(other: RemoteDataFrame): RemoteDataFrame {
    return this.union(other);
  }

  unionByName(other: RemoteDataFrame, allowMissingColumns = false): RemoteDataFrame {
    return this.setOp(other, SetOperation_SetOpType.UNION, true, true, allowMissingColumns);
  }

  intersect(other: RemoteDataFrame): RemoteDataFrame {
    return this.setOp(other, SetOperation_SetOpType.INTERSECT, false, false);
  }

  intersectAll(other: RemoteDataFrame): RemoteDataFrame {
    return this.setOp(other, SetOperation_SetOpType.INTERSECT, true, false);
  }

  subtract(other: RemoteDataFrame): RemoteDataFrame {
    return this.setOp(other, SetOperation_SetOpType.EXCEPT, false, false);
  }

  exceptAll(other: RemoteDataFrame): RemoteDataFrame {
    return this.setOp(other, SetOperation_SetOpType.EXCEPT, true, false);
  }

  private setOp(other: RemoteDataFrame, setOpType: SetOperation_SetOpType, isAll: boolean, byName: boolean, allowMissingColumns = false): RemoteDataFrame {
    return this.with({ case: 'setOp', value: { leftInput: this.relation, rightInput: other.relation, setOpType, isAll, byName, allowMissingColumns } });
  }

  join(other: RemoteDataFrame, on?: string | string[] | Column | Column[] | null, how?: string | null): RemoteDataFrame {
    const type = how ? JOIN_TYPES[how.toLowerCase()] : on === undefined || on === null ? Join_JoinType.INNER : Join_JoinType.INNER;
    if (type === undefined) {
      throw new PySparkTypeError('UNSUPPORTED_JOIN_TYPE', `Unsupported join type '${how}'. Supported join types include: 'inner', 'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'.`, { join_type: String(how) });
    }
    const value: MessageInitShape<typeof import('./gen/spark/connect/relations_pb').JoinSchema> = { left: this.relation, right: other.relation, joinType: type };
    if (typeof on === 'string') value.usingColumns = [on];
    else if (Array.isArray(on) && on.every((x) => typeof x === 'string')) value.usingColumns = on as string[];
    else if (on instanceof Column) value.joinCondition = colExprOf(on);
    else if (Array.isArray(on) && on.length > 0) value.joinCondition = (on as Column[]).reduce((a, b) => a.and(b)).expr === undefined ? undefined : colExprOf((on as Column[]).reduce((a, b) => a.and(b)));
    return this.with({ case: 'join', value });
  }

  crossJoin(other: RemoteDataFrame): RemoteDataFrame {
    return this.with({ case: 'join', value: { left: this.relation, right: other.relation, joinType: Join_JoinType.CROSS } });
  }

  distinct(): RemoteDataFrame {
    return this.with({ case: 'deduplicate', value: { input: this.relation, allColumnsAsKeys: true, withinWatermark: false } });
  }

  dropDuplicates(subset?: string[] | null): RemoteDataFrame {
    return this.with({ case: 'deduplicate', value: subset ? { input: this.relation, columnNames: subset, allColumnsAsKeys: false, withinWatermark: false } : { input: this.relation, allColumnsAsKeys: true, withinWatermark: false } });
  }

  drop_duplicates(subset?: string[] | null): RemoteDataFrame {
    return this.dropDuplicates(subset);
  }

  dropDuplicatesWithinWatermark(subset?: string[] | null): RemoteDataFrame {
    return this.with({ case: 'deduplicate', value: subset ? { input: this.relation, columnNames: subset, allColumnsAsKeys: false, withinWatermark: true } : { input: this.relation, allColumnsAsKeys: true, withinWatermark: true } });
  }

  drop_duplicates_within_watermark(subset?: string[] | null): RemoteDataFrame {
    return this.dropDuplicatesWithinWatermark(subset);
  }

  /** `df.sparkSession`: the remote session this DataFrame belongs to. */
  get sparkSession(): RemoteSession {
    return this.session;
  }

  withWatermark(eventTime: string, delayThreshold: string): RemoteDataFrame {
    return this.with({ case: 'withWatermark', value: { input: this.relation, eventTime, delayThreshold } });
  }

  hint(name: string, ...parameters: unknown[]): RemoteDataFrame {
    return this.with({ case: 'hint', value: { input: this.relation, name, parameters: parameters.map((p) => expressionToProto(p instanceof Column ? p.expr : literalExpr(p))) } });
  }

  /** `sample(...)` with PySpark's arguments: Spark Connect's Sample relation. */
  sample(...args: unknown[]): RemoteDataFrame {
    const { withReplacement, fraction, seed } = sampleArguments(args);
    return this.with({ case: 'sample', value: { input: this.relation, lowerBound: 0, upperBound: fraction, withReplacement, seed, deterministicOrder: false } });
  }

  /** `randomSplit(weights, seed)`: one Sample relation per slice of the normalised weights, as PySpark's Connect client. */
  randomSplit(weights: number[], seed?: number | bigint | null): RemoteDataFrame[] {
    for (const w of weights) if (w < 0) throw new PySparkValueError('VALUE_NOT_POSITIVE', `Value for \`weights\` must be positive, got '${Number.isInteger(w) ? `${w}.0` : w}'.`, { arg_name: 'weights', arg_value: String(w) });
    const s = sampleArguments([0.5, seed ?? null]).seed;
    const total = weights.reduce((a, b) => a + b, 0);
    const bounds = [0];
    for (const w of weights) bounds.push(bounds[bounds.length - 1] + w / total);
    return weights.map((_, i) => this.with({ case: 'sample', value: { input: this.relation, lowerBound: bounds[i], upperBound: bounds[i + 1], withReplacement: false, seed: s, deterministicOrder: true } }));
  }

  /** `transform(func, ...args)`: `func(this, ...args)`, client-side as in PySpark. */
  transform<A extends unknown[]>(func: (df: RemoteDataFrame, ...args: A) => RemoteDataFrame, ...args: A): RemoteDataFrame {
    return func(this, ...args);
  }

  registerTempTable(name: string): void {
    this.createOrReplaceTempView(name);
  }

  /** The first value of a one-row statistics relation (StatCorr, StatCov, StatApproxQuantile). */
  private statValue(stat: NonNullable<RelationInit['relType']>): unknown {
    const { rows } = decodeResult(this.session.client.executeRelation(relation(stat)));
    return rows[0][0];
  }

  /** `corr(col1, col2, method='pearson')`: Spark Connect's StatCorr. */
  corr(col1: string, col2: string, method?: string | null): number {
    checkStr(col1, 'col1');
    checkStr(col2, 'col2');
    const m = method === undefined || method === null || method === '' ? 'pearson' : method;
    if (m !== 'pearson') throw new PySparkValueError('VALUE_NOT_PEARSON', `Value for \`method\` only supports 'pearson', got '${String(m)}'.`, { arg_name: 'method', arg_value: String(m) });
    return this.statValue({ case: 'corr', value: { input: this.relation, col1, col2, method: m } }) as number;
  }

  /** `cov(col1, col2)`: Spark Connect's StatCov (the sample covariance). */
  cov(col1: string, col2: string): number {
    checkStr(col1, 'col1');
    checkStr(col2, 'col2');
    return this.statValue({ case: 'cov', value: { input: this.relation, col1, col2 } }) as number;
  }

  /** `transpose(indexColumn?)`: Spark Connect's Transpose relation (PySpark Connect's message). */
  transpose(indexColumn?: ColumnOrName | null): RemoteDataFrame {
    if (indexColumn !== undefined && indexColumn !== null) checkColumnOrStr(indexColumn, 'indexColumn');
    const indexColumns = indexColumn === undefined || indexColumn === null ? [] : [colExprOf(indexColumn)];
    return this.with({ case: 'transpose', value: { input: this.relation, indexColumns } });
  }

  /** `crosstab(col1, col2)`: Spark 4's formulation (a count pivoted by col2's text), sent as such. */
  crosstab(col1: string, col2: string): RemoteDataFrame {
    const stat = require('../api/data-frame-stat-functions') as typeof import('../api/data-frame-stat-functions');
    // The formulation uses only select/groupBy/pivot/count/na, which remote mode sends.
    return stat.crosstab(this as unknown as Parameters<typeof stat.crosstab>[0], col1, col2) as unknown as RemoteDataFrame;
  }

  sampleBy(..._args: unknown[]): never {
    throw unsupportedRemotely('df.sampleBy', '`filter(rand(seed) < fraction)` per stratum');
  }

  /** `approxQuantile(col, probabilities, relativeError)`: Spark Connect's StatApproxQuantile. */
  approxQuantile(col: string, probabilities: readonly number[], relativeError: number): number[];
  approxQuantile(col: readonly string[], probabilities: readonly number[], relativeError: number): number[][];
  approxQuantile(col: string | readonly string[], probabilities: readonly number[], relativeError: number): number[] | number[][] {
    const stat = require('../api/data-frame-stat-functions') as typeof import('../api/data-frame-stat-functions');
    const args = stat.checkApproxQuantileArgs(col, probabilities, relativeError, true);
    const value = { input: this.relation, cols: args.names, probabilities: args.probabilities, relativeError: args.relativeError };
    const quantiles = (this.statValue({ case: 'approxQuantile', value }) as number[][]).map((q) => [...q]);
    return args.single ? quantiles[0] : quantiles;
  }

  /** `freqItems(cols, support)`: Spark Connect's StatFreqItems. */
  freqItems(cols: readonly string[], support?: number | null): RemoteDataFrame {
    const stat = require('../api/data-frame-stat-functions') as typeof import('../api/data-frame-stat-functions');
    const s = stat.checkFreqItemsArgs(cols, support);
    return this.with({ case: 'freqItems', value: { input: this.relation, cols: [...cols], support: s } });
  }

  /** `df.stat`: crosstab, corr, cov, approxQuantile and freqItems are sent; sampleBy is refused as on the DataFrame. */
  get stat(): {
    crosstab: (col1: string, col2: string) => RemoteDataFrame;
    corr: (col1: string, col2: string, method?: string | null) => number;
    cov: (col1: string, col2: string) => number;
    sampleBy: (...args: unknown[]) => never;
    approxQuantile: RemoteDataFrame['approxQuantile'];
    freqItems: (cols: readonly string[], support?: number | null) => RemoteDataFrame;
  } {
    return {
      crosstab: (col1, col2) => this.crosstab(col1, col2),
      corr: (col1, col2, method) => this.corr(col1, col2, method),
      cov: (col1, col2) => this.cov(col1, col2),
      sampleBy: (...args) => this.sampleBy(...args),
      approxQuantile: ((col: string | readonly string[], probabilities: readonly number[], relativeError: number) => this.approxQuantile(col as string, probabilities, relativeError)) as RemoteDataFrame['approxQuantile'],
      freqItems: (cols, support) => this.freqItems(cols, support),
    };
  }

  scalar(..._args: unknown[]): never {
    throw unsupportedRemotely('df.scalar', 'a scalar subquery in `spark.sql`');
  }

  exists(..._args: unknown[]): never {
    throw unsupportedRemotely('df.exists', 'EXISTS in `spark.sql`');
  }

  isLocal(..._args: unknown[]): never {
    throw unsupportedRemotely('df.isLocal', 'local mode');
  }

  checkpoint(..._args: unknown[]): never {
    throw unsupportedRemotely('df.checkpoint', '`cache()`');
  }

  localCheckpoint(..._args: unknown[]): never {
    throw unsupportedRemotely('df.localCheckpoint', '`cache()`');
  }

  repartition(numPartitions: number): RemoteDataFrame {
    return this.with({ case: 'repartition', value: { input: this.relation, numPartitions, shuffle: true } });
  }

  /** RepartitionByExpression with each column as a sort order (ascending unless given), as PySpark's Connect client. */
  repartitionByRange(numPartitions: number | ColumnOrName, ...cols: ColumnOrName[]): RemoteDataFrame {
    const all = typeof numPartitions === 'number' ? cols : [numPartitions, ...cols];
    if (all.length === 0) throw new PySparkValueError('CANNOT_BE_EMPTY', 'At least one cols must be specified.', { item: 'cols' });
    const partitionExprs = all.map((c) => ({ exprType: { case: 'sortOrder' as const, value: sortOrderToProto(typeof c === 'string' ? columnArg(c) : c.expr) } }));
    return this.with({ case: 'repartitionByExpression', value: { input: this.relation, partitionExprs, ...(typeof numPartitions === 'number' ? { numPartitions } : {}) } });
  }

  /** `describe()` / `describe('a', 'b')` / `describe(['a', 'b'])`: the StatDescribe relation. */
  describe(...cols: (string | string[])[]): RemoteDataFrame {
    return this.with({ case: 'describe', value: { input: this.relation, cols: flattenArgs(cols) } });
  }

  /** `summary()` or `summary('count', '50%', ...)`: the StatSummary relation. */
  summary(...statistics: string[]): RemoteDataFrame {
    return this.with({ case: 'summary', value: { input: this.relation, statistics } });
  }

  /** One string column `value` with each row as JSON, as PySpark's Connect client builds it (`to_json(struct(*))`). */
  toJSON(_useUnicode = true): RemoteDataFrame {
    return this.select(to_json(struct(new Column(columnArg('*')))).alias('value'));
  }

  coalesce(numPartitions: number): RemoteDataFrame {
    return this.with({ case: 'repartition', value: { input: this.relation, numPartitions, shuffle: false } });
  }

  // ---- actions ----

  /** Runs the relation on the server and returns its rows as local mode gives them. */
  collect<T extends object = Record<string, unknown>>(): TypedRow<T>[] {
    const { schema, rows } = decodeResult(this.session.client.executeRelation(this.relation));
    return toExternalRows(schema, rows, externalValueOptions((k) => this.session.conf.getOption(k) ?? undefined)) as TypedRow<T>[];
  }

  take<T extends object = Record<string, unknown>>(num: number): TypedRow<T>[] {
    return this.limit(num).collect<T>();
  }

  head<T extends object = Record<string, unknown>>(n?: number): TypedRow<T> | TypedRow<T>[] | null {
    if (n === undefined) {
      const rows = this.take<T>(1);
      return rows.length ? rows[0] : null;
    }
    return this.take<T>(n);
  }

  /** The last `num` rows (PySpark sends a Tail relation; here the rows are collected and sliced). */
  tail<T extends object = Record<string, unknown>>(num: number): TypedRow<T>[] {
    const rows = this.collect<T>();
    return num <= 0 ? [] : rows.slice(Math.max(0, rows.length - num));
  }

  first<T extends object = Record<string, unknown>>(): TypedRow<T> | null {
    const rows = this.take<T>(1);
    return rows.length ? rows[0] : null;
  }

  isEmpty(): boolean {
    return this.take(1).length === 0;
  }

  toLocalIterator<T extends object = Record<string, unknown>>(): IterableIterator<TypedRow<T>> {
    return this.collect<T>()[Symbol.iterator]();
  }

  count(): number {
    const { rows } = decodeResult(this.session.client.executeRelation(this.groupBy().count().relation));
    return Number(rows[0][0]);
  }

  /** The table Spark prints, rendered by the server (ShowString), written to stdout. */
  show(n: number | boolean = 20, truncate: boolean | number = true, vertical = false): void {
    process.stdout.write(this.showString(n, truncate, vertical) + '\n');
  }

  /** The text `show()` prints before print()'s newline (Spark's ShowString, as local mode's showString). */
  showString(n: number | boolean = 20, truncate: boolean | number = true, vertical = false): string {
    const numRows = typeof n === 'boolean' ? 20 : n;
    const trunc = typeof n === 'boolean' ? (n ? 20 : 0) : truncate === true ? 20 : truncate === false ? 0 : truncate;
    const df = this.with({ case: 'showString', value: { input: this.relation, numRows, truncate: trunc, vertical } });
    const { rows } = decodeResult(this.session.client.executeRelation(df.relation));
    return String(rows[0]?.[0] ?? '');
  }

  explain(extended?: boolean | string | ExplainOptions | null, modeArg?: string | ExplainOptions | null): void {
    // PySpark prints the server's text, which ends in a newline, with print(): a blank line follows.
    process.stdout.write(this.explainString(extended, modeArg) + '\n\n');
  }

  explainString(extended?: boolean | string | ExplainOptions | null, modeArg?: string | ExplainOptions | null): string {
    const modes: Record<string, number> = { simple: 1, extended: 2, codegen: 3, cost: 4, formatted: 5 };
    // PySpark checks the arguments on the client, as the classic DataFrame does.
    const mode = modes[parseExplainMode(explainModeName(extended, modeArg))];
    const r = this.session.client.analyze({ case: 'explain', value: { plan: { opType: { case: 'root', value: this.relation } }, explainMode: mode } });
    return r.result.case === 'explain' ? r.result.value.explainString.replace(/\n$/, '') : '';
  }

  createOrReplaceTempView(name: string): void {
    this.session.client.executeCommand({ commandType: { case: 'createDataframeView', value: { input: this.relation, name, isGlobal: false, replace: true } } } as never);
  }

  createTempView(name: string): void {
    this.session.client.executeCommand({ commandType: { case: 'createDataframeView', value: { input: this.relation, name, isGlobal: false, replace: false } } } as never);
  }

  createOrReplaceGlobalTempView(name: string): void {
    this.session.client.executeCommand({ commandType: { case: 'createDataframeView', value: { input: this.relation, name, isGlobal: true, replace: true } } } as never);
  }

  createGlobalTempView(name: string): void {
    this.session.client.executeCommand({ commandType: { case: 'createDataframeView', value: { input: this.relation, name, isGlobal: true, replace: false } } } as never);
  }

  get writeStream(): RemoteDataStreamWriter {
    const { RemoteDataStreamWriter: W } = require('./remote-data-stream-writer') as typeof import('./remote-data-stream-writer');
    return new W(this);
  }

  get write(): RemoteDataFrameWriter {
    const { RemoteDataFrameWriter: W } = require('./remote-data-frame-writer') as typeof import('./remote-data-frame-writer');
    return new W(this);
  }

  /** `df.na`: fill, drop and replace (NAFill / NADrop / NAReplace relations, as PySpark's Connect client sends them). */
  get na(): { fill: RemoteDataFrame['fillna']; drop: RemoteDataFrame['dropna']; replace: (toReplace: unknown, value?: unknown, subset?: string | string[] | null) => RemoteDataFrame } {
    return {
      fill: (value, subset) => this.fillna(value, subset),
      drop: (how, thresh, subset) => this.dropna(how, thresh, subset),
      replace: (toReplace, value = NO_VALUE, subset) => this.replaceRelation(toReplace, value, subset),
    };
  }

  /**
   * `replace(1, 2)`, `replace([1, 2], [3, 4], ['col'])`, `replace({ a: 'b' })`, `replace('a', 'b', { subset: ['s'] })`:
   * local mode's argument checks, then one NAReplace relation; numbers are sent as DOUBLE, as PySpark sends them.
   */
  replace(toReplace: unknown, value: unknown = NO_VALUE, subset?: string | string[] | { subset?: string | string[] }): RemoteDataFrame {
    const isOptions = (v: unknown): v is { value?: unknown; subset?: string | string[] } => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
    if (isOptions(value) && subset === undefined && !isOptions(toReplace)) return this.replaceRelation(toReplace, 'value' in value ? value.value : NO_VALUE, value.subset);
    if (isOptions(value) && isOptions(toReplace)) return this.replaceRelation(toReplace, NO_VALUE, value.subset);
    return this.replaceRelation(toReplace, value, isOptions(subset) ? subset.subset : (subset as string | string[] | undefined));
  }

  private replaceRelation(toReplace: unknown, value: unknown, subset: string | string[] | null | undefined): RemoteDataFrame {
    const pairs = replacementPairs(toReplace, value, subset);
    const lit = (v: unknown) =>
      v === null || v === undefined
        ? { literalType: { case: 'null' as const, value: { kind: { case: 'null' as const, value: {} } } } }
        : typeof v === 'boolean'
          ? { literalType: { case: 'boolean' as const, value: v } }
          : typeof v === 'number'
            ? { literalType: { case: 'double' as const, value: v } }
            : { literalType: { case: 'string' as const, value: String(v) } };
    const cols = subset === undefined || subset === null ? [] : typeof subset === 'string' ? [subset] : subset;
    return this.with({ case: 'replace', value: { input: this.relation, cols, replacements: pairs.map(([k, v]) => ({ oldValue: lit(k), newValue: lit(v) })) } });
  }

  /** `fillna(0)`, `fillna('x', ['a'])`, `fillna({ a: 0, b: 'x' })`: integers fill as BIGINT, as PySpark sends them. */
  fillna(value: number | string | boolean | Record<string, number | string | boolean>, subset?: string | string[] | null): RemoteDataFrame {
    const lit = (v: number | string | boolean) =>
      typeof v === 'boolean' ? { literalType: { case: 'boolean' as const, value: v } } : typeof v === 'string' ? { literalType: { case: 'string' as const, value: v } } : Number.isInteger(v) ? { literalType: { case: 'long' as const, value: BigInt(v) } } : { literalType: { case: 'double' as const, value: v } };
    if (typeof value === 'object') {
      const entries = Object.entries(value);
      return this.with({ case: 'fillNa', value: { input: this.relation, cols: entries.map(([k]) => k), values: entries.map(([, v]) => lit(v)) } });
    }
    const cols = subset === undefined || subset === null ? [] : typeof subset === 'string' ? [subset] : subset;
    return this.with({ case: 'fillNa', value: { input: this.relation, cols, values: [lit(value)] } });
  }

  /** `dropna(how = 'any', thresh?, subset?)`. */
  dropna(how: string | null = 'any', thresh?: number | null, subset?: string | string[] | null): RemoteDataFrame {
    const cols = subset === undefined || subset === null ? [] : typeof subset === 'string' ? [subset] : subset;
    const minNonNulls = thresh !== undefined && thresh !== null ? thresh : how === 'all' ? 1 : undefined;
    return this.with({ case: 'dropNa', value: { input: this.relation, cols, ...(minNonNulls !== undefined ? { minNonNulls } : {}) } });
  }

  foreach(): never {
    throw unsupportedRemotely('df.foreach with a JavaScript function', '`collect()` and a loop');
  }

  foreachPartition(): never {
    throw unsupportedRemotely('df.foreachPartition with a JavaScript function', '`collect()` and a loop');
  }

  /**
   * `unpivot('id', ['q1', 'q2'], 'quarter', 'sales')` (also `melt`): local mode's argument checks,
   * then one Unpivot relation; `values` null sends no Values, and the server takes every non-id column.
   */
  unpivot(ids: ColumnOrName | readonly ColumnOrName[], values: ColumnOrName | readonly ColumnOrName[] | null | undefined, variableColumnName: string, valueColumnName: string): RemoteDataFrame {
    checkStr(variableColumnName, 'variableColumnName');
    checkStr(valueColumnName, 'valueColumnName');
    const exprs = (x: ColumnOrName | readonly ColumnOrName[], name: string) =>
      (Array.isArray(x) ? (x as readonly ColumnOrName[]) : [x as ColumnOrName]).map((c) => (columnArg(c, name), colExprOf(c)));
    const valueList = values === null || values === undefined ? {} : { values: { values: exprs(values, 'values') } };
    return this.with({ case: 'unpivot', value: { input: this.relation, ids: exprs(ids, 'ids'), ...valueList, variableColumnName, valueColumnName } });
  }

  melt(ids: ColumnOrName | readonly ColumnOrName[], values: ColumnOrName | readonly ColumnOrName[] | null | undefined, variableColumnName: string, valueColumnName: string): RemoteDataFrame {
    return this.unpivot(ids, values, variableColumnName, valueColumnName);
  }

  /** `to(schema)`: Spark Connect's ToSchema relation (the server reconciles the rows). */
  to(schema: StructType): RemoteDataFrame {
    if (!(schema instanceof StructType)) throw notExpectedType('schema', 'StructType', schema);
    return this.with({ case: 'toSchema', value: { input: this.relation, schema: dataTypeToProto(schema) } });
  }

  /** Observed metrics need the CollectMetrics relation, which remote mode does not send yet. */
  observe(): never {
    throw unsupportedRemotely('df.observe (observed metrics)', 'an aggregation (`groupBy().agg(...)`) over the DataFrame');
  }

  /** The cache lives on the server; remote mode does not send Persist/GetStorageLevel requests yet (cache() and persist() do nothing). */
  get is_cached(): never {
    throw unsupportedRemotely('df.is_cached', 'local mode to inspect the cache; remotely, cache() and persist() leave caching to the server');
  }

  get storageLevel(): never {
    throw unsupportedRemotely('df.storageLevel', 'local mode to inspect the cache; remotely, cache() and persist() leave caching to the server');
  }

  cache(): RemoteDataFrame {
    return this;
  }

  persist(_storageLevel?: unknown): RemoteDataFrame {
    return this;
  }

  unpersist(): RemoteDataFrame {
    return this;
  }

  toString(): string {
    const fields = this.schema.fields.map((f) => `${f.name}: ${f.dataType.simpleString()}`).join(', ');
    return `DataFrame[${fields}]`;
  }
}

/** A column resolved against one DataFrame (PySpark's `df["a"]`): carries the relation's plan id. */
export class RemoteColumn extends Column {
  constructor(readonly columnName: string, readonly planId: bigint | undefined) {
    super(columnArg(columnName));
  }
}

/** A Column (or name) as a protobuf expression; plan ids of `df.col()` columns are kept. */
export function colExprOf(c: ColumnOrName | Column): ExprInit {
  if (c instanceof RemoteColumn && c.planId !== undefined) {
    return { exprType: { case: 'unresolvedAttribute', value: { unparsedIdentifier: c.columnName, planId: c.planId, isMetadataColumn: false } } };
  }
  return colExpr(c as ColumnOrName);
}

/** A pivot as Aggregate.Pivot carries it: the column, and the values as literals (none: the server computes them). */
interface RemotePivot {
  col: ExprInit;
  values: LiteralInit[];
}

/** The `type` PySpark Connect's GroupedData repr shows per group type. */
const GROUP_TYPE_NAMES: Record<Aggregate_GroupType, string> = {
  [Aggregate_GroupType.UNSPECIFIED]: 'GroupBy',
  [Aggregate_GroupType.GROUPBY]: 'GroupBy',
  [Aggregate_GroupType.ROLLUP]: 'RollUp',
  [Aggregate_GroupType.CUBE]: 'Cube',
  [Aggregate_GroupType.GROUPING_SETS]: 'GroupingSets',
  [Aggregate_GroupType.PIVOT]: 'Pivot',
};

export class RemoteGroupedData {
  private readonly grouping: ExprInit[];

  constructor(
    private readonly df: RemoteDataFrame,
    private readonly groupingColumns: readonly ColumnOrName[],
    private readonly groupType: Aggregate_GroupType = Aggregate_GroupType.GROUPBY,
    private readonly groupingSets: { groupingSet: ExprInit[] }[] = [],
    private readonly pivotSpec?: RemotePivot,
  ) {
    this.grouping = groupingColumns.map(colExprOf);
  }

  /**
   * PySpark Connect's repr, which differs from classic PySpark's: every column of the DataFrame is
   * listed, and the grouping expressions are shown unresolved (names as given).
   */
  toString(): string {
    const grouping = this.groupingColumns.map((c) => (typeof c === 'string' ? c : c instanceof RemoteColumn ? c.columnName : String(c).replace(/^Column<'(.*)'>$/, '$1'))).join(', ');
    const value = this.df.dtypes.map(([name, type]) => `${name}: ${type}`).join(', ');
    return `GroupedData[grouping expressions: [${grouping}], value: [${value}], type: ${GROUP_TYPE_NAMES[this.groupType]}]`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  private aggregate(aggregates: ExprInit[]): RemoteDataFrame {
    const pivot = this.pivotSpec ? { pivot: this.pivotSpec } : {};
    return new RemoteDataFrame(
      this.df.session,
      relation({ case: 'aggregate', value: { input: this.df.relation, groupType: this.groupType, groupingExpressions: this.grouping, aggregateExpressions: aggregates, groupingSets: this.groupingSets, ...pivot } }),
    );
  }

  agg(...exprs: (Column | Column[] | Record<string, string>)[]): RemoteDataFrame {
    const out: ExprInit[] = [];
    for (const e of exprs) {
      if (Array.isArray(e)) out.push(...e.map(colExprOf));
      else if (e instanceof Column) out.push(colExprOf(e));
      else for (const [name, fn] of Object.entries(e)) out.push({ exprType: { case: 'unresolvedFunction', value: { functionName: fn, arguments: [attribute(name)], isDistinct: false } } });
    }
    return this.aggregate(out);
  }

  count(): RemoteDataFrame {
    return this.aggregate([{ exprType: { case: 'alias', value: { expr: { exprType: { case: 'unresolvedFunction', value: { functionName: 'count', arguments: [{ exprType: { case: 'literal', value: { literalType: { case: 'integer', value: 1 } } } }] } } }, name: ['count'] } } }]);
  }

  private simple(fn: string, cols: string[]): RemoteDataFrame {
    return this.aggregate(cols.map((c) => ({ exprType: { case: 'unresolvedFunction', value: { functionName: fn, arguments: [attribute(c)], isDistinct: false } } })));
  }

  sum(...cols: string[]): RemoteDataFrame { return this.simple('sum', cols); }
  avg(...cols: string[]): RemoteDataFrame { return this.simple('avg', cols); }
  mean(...cols: string[]): RemoteDataFrame { return this.simple('avg', cols); }
  min(...cols: string[]): RemoteDataFrame { return this.simple('min', cols); }
  max(...cols: string[]): RemoteDataFrame { return this.simple('max', cols); }

  /**
   * `groupBy('year').pivot('course')` or `.pivot('course', ['Java', 'dotNET'])`: an Aggregate of group
   * type PIVOT. Without values none are sent and the server computes them. As PySpark's Connect
   * client, a pivot after rollup/cube/groupingSets or a second pivot fails here with
   * UNSUPPORTED_OPERATION (classic Spark's errors are UNSUPPORTED_FEATURE.PIVOT_AFTER_GROUP_BY and
   * REPEATED_CLAUSE).
   */
  pivot(pivot_col: string, values?: (boolean | number | bigint | string)[] | null): RemoteGroupedData {
    if (this.groupType !== Aggregate_GroupType.GROUPBY) {
      const operation = this.groupType === Aggregate_GroupType.PIVOT ? 'Repeated PIVOT operation' : `PIVOT after ${Aggregate_GroupType[this.groupType]}`;
      throw new PySparkNotImplementedError('UNSUPPORTED_OPERATION', `${operation} is not supported.`, { operation });
    }
    checkStr(pivot_col, 'pivot_col');
    if (values !== undefined && values !== null && !Array.isArray(values)) throw notExpectedType('values', 'list', values);
    for (const v of values ?? []) {
      if (!['boolean', 'number', 'bigint', 'string'].includes(typeof v)) throw notExpectedType('value', 'bool, float, int or str', v);
    }
    // The pivot column is bound to this DataFrame (PySpark's `df[pivot_col]`); each value is sent as `lit(v)` would be.
    const col = colExprOf(this.df.col(pivot_col));
    const literals = (values ?? []).map((v) => {
      const e = literalExpr(v);
      if (e.kind !== 'literal') throw new Error('a pivot value is always a literal');
      return literalToProto(e.value, e.dataType);
    });
    return new RemoteGroupedData(this.df, this.groupingColumns, Aggregate_GroupType.PIVOT, [], { col, values: literals });
  }

  transformWithState(): never {
    throw unsupportedRemotely('transformWithState with a JavaScript processor', 'SQL aggregations, or local mode for arbitrary stateful processing');
  }

  transformWithStateInPandas(): never {
    throw unsupportedRemotely('transformWithStateInPandas with a JavaScript processor', 'SQL aggregations, or local mode for arbitrary stateful processing');
  }

  applyInPandasWithState(): never {
    throw unsupportedRemotely('applyInPandasWithState with a JavaScript function', 'SQL aggregations, or local mode for arbitrary stateful processing');
  }

  mapGroupsWithState(): never {
    throw unsupportedRemotely('mapGroupsWithState with a JavaScript function', 'SQL aggregations, or local mode for arbitrary stateful processing');
  }

  flatMapGroupsWithState(): never {
    throw unsupportedRemotely('flatMapGroupsWithState with a JavaScript function', 'SQL aggregations, or local mode for arbitrary stateful processing');
  }
}

/** Names, Columns or 1-based ordinals, resolved against the schema here as PySpark's client does. */
function remoteGroupingColumns(df: RemoteDataFrame, cols: readonly (ColumnOrNameOrOrdinal | readonly ColumnOrNameOrOrdinal[])[]): ColumnOrName[] {
  return flattenArgs(cols).map((c) => ordinalToColumn(c, df, false));
}
