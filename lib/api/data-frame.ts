// pyspark.sql.DataFrame: an immutable handle on an analyzed logical plan. Transformations analyse
// eagerly (errors appear at the call, as in Spark) and return new DataFrames; actions run batch
// plans synchronously and refuse streaming plans with Spark's error.
import { guardTooComplex } from '../sql/too-complex';
import { StructType, StructField } from '../types/struct-type';
import { DataTypes } from '../types/data-types';
import { Row } from '../types/row';
import { AnalysisException } from '../errors/analysis-exception';
import { SparkException } from '../errors/spark-exception';
import { tempViewAlreadyExistsError } from '../errors/query-compilation-errors';
import type { UnresolvedExpression } from '../expressions/unresolved';
import { collectNodes, isStreamingPlan, outputOf, type LocalRelation, type LogicalPlan } from '../plans/logical-plan';
import { treeString } from '../plans/tree-string';
import type { ExplainOptions } from './explain-mode';
import { parseMultipartIdentifier, parseNamedExpression } from '../sql/parse';
import { Column, pyTypeName, type ColumnOrName } from './column';
import { columnArg, flattenArgs, nameToExpr, ordinalToColumn, type ColumnOrNameOrOrdinal } from './column-args';
import type { SessionContext } from './session-context';
import { GroupedData } from './grouped-data';
import { PySparkTypeError } from '../errors/illegal-argument-exception';
import { attribute } from '../expressions/expression';
import { call } from '../expressions/unresolved';
import { IllegalArgumentException } from '../errors/illegal-argument-exception';
import { checkBool, checkColumn, checkColumnOrStr, checkGroupingSets, checkInt, checkStr, isPlainObject, notExpectedType } from './argument-checks';
import type { GroupingAnalytics } from './grouping-analytics';
import { DataFrameNaFunctions, NO_VALUE, dropNa, fillNa, replaceNa } from './data-frame-na-functions';
import { summaryRows } from './data-frame-summary';
import { StorageLevel } from './storage-level';
import type { DataStreamWriter } from './data-stream-writer';
import type { DataFrameWriter } from './data-frame-writer';
import { lazy } from '../util/lazy';
// Loaded on first use, so `import 'rivulet'` stays fast.
const planBuilderModule = lazy(() => require('../analysis/plan-builder') as typeof import('../analysis/plan-builder'));
const groupingSetsBuilderModule = lazy(() => require('../analysis/grouping-sets-builder') as typeof import('../analysis/grouping-sets-builder'));
const matchSchemaModule = lazy(() => require('../analysis/match-schema') as typeof import('../analysis/match-schema'));
const unpivotBuilderModule = lazy(() => require('../analysis/unpivot-builder') as typeof import('../analysis/unpivot-builder'));
const groupingAnalyticsModule = lazy(() => require('./grouping-analytics') as typeof import('./grouping-analytics'));
const datetimeWindowRewriteModule = lazy(() => require('../expressions/functions/datetime-window-rewrite') as typeof import('../expressions/functions/datetime-window-rewrite'));
const expressionResolverModule = lazy(() => require('../analysis/expression-resolver') as typeof import('../analysis/expression-resolver'));
const notImplementedModule = lazy(() => require('../errors/illegal-argument-exception') as typeof import('../errors/illegal-argument-exception'));
const transposeModule = lazy(() => require('./transpose') as typeof import('./transpose'));
const partitionedRelationModule = lazy(() => require('./partitioned-relation') as typeof import('./partitioned-relation'));
const parallelizeSlicesModule = lazy(() => require('../util/parallelize-slices') as typeof import('../util/parallelize-slices'));
const unsupportedOperationCheckerModule = lazy(() => require('../analysis/unsupported-operation-checker') as typeof import('../analysis/unsupported-operation-checker'));
const explainStringModule = lazy(() => require('../execution/explain/explain-string') as typeof import('../execution/explain/explain-string'));
const explainModeModule = lazy(() => require('./explain-mode') as typeof import('./explain-mode'));
const plannerModule = lazy(() => require('../execution/planner') as typeof import('../execution/planner'));
const showStringModule = lazy(() => require('../execution/show-string') as typeof import('../execution/show-string'));
const sortBuilderModule = lazy(() => require('../analysis/sort-builder') as typeof import('../analysis/sort-builder'));
const setOperationBuilderModule = lazy(() => require('../analysis/set-operation-builder') as typeof import('../analysis/set-operation-builder'));
const joinBuilderModule = lazy(() => require('../analysis/join-builder') as typeof import('../analysis/join-builder'));
const dataStreamWriterModule = lazy(() => require('./data-stream-writer') as typeof import('./data-stream-writer'));
const externalRowModule = lazy(() => require('../types/external-row') as typeof import('../types/external-row'));
const dataFrameWriterModule = lazy(() => require('./data-frame-writer') as typeof import('./data-frame-writer'));
const dataFrameStatModule = lazy(() => require('./data-frame-stat-functions') as typeof import('./data-frame-stat-functions'));
const dataFrameSamplingModule = lazy(() => require('./data-frame-sampling') as typeof import('./data-frame-sampling'));
const watermarkBuilderModule = lazy(() => require('../analysis/watermark-builder') as typeof import('../analysis/watermark-builder'));

/**
 * A collected row typed by what the caller declares: `df.collect<{ word: string; count: number }>()`
 * gives rows whose `row.count + 1` needs no cast (the declaration is the caller's promise; the
 * value-types guide, docs/guides/value-types.md, says what each Spark type gives).
 */
export type TypedRow<T extends object> = Row & T;

export class DataFrame {
  /** Set while the DataFrame is cached: its storage level and the plan it had before. */
  private cacheState: { level: StorageLevel; uncachedPlan: LogicalPlan } | undefined;

  constructor(
    readonly session: SessionContext,
    private currentPlan: LogicalPlan,
    /** True for the result of a SQL command (CREATE VIEW, DROP VIEW...): Spark shows `struct<>`. */
    readonly isCommand = false,
  ) {}

  /** The analysed logical plan (an in-memory relation while the DataFrame is cached). */
  get plan(): LogicalPlan {
    return this.currentPlan;
  }

  private withPlan(plan: LogicalPlan): DataFrame {
    return new DataFrame(this.session, plan);
  }

  /** Internal: a DataFrame over a plan built by a helper (GroupedData's stateful functions). */
  withLogicalPlan(plan: LogicalPlan): DataFrame {
    return new DataFrame(this.session, plan);
  }

  /** PySpark's `df.isStreaming` property. */
  get isStreaming(): boolean {
    return isStreamingPlan(this.plan);
  }

  get schema(): StructType {
    return StructType(outputOf(this.plan).map((a) => StructField(a.name, a.dataType, a.nullable)));
  }

  get columns(): string[] {
    return outputOf(this.plan).map((a) => a.name);
  }

  get dtypes(): [string, string][] {
    return outputOf(this.plan).map((a) => [a.name, a.dataType.simpleString()]);
  }

  printSchema(): void {
    process.stdout.write(this.schema.treeString() + '\n');
  }

  /**
   * `colRegex('`(id|n.*)`')`: the columns whose names match a Java regex (in backquotes; `t.`...``
   * for table t's), for select; a name without backquotes is `col(name)`. Spark's Dataset.colRegex.
   */
  colRegex(colName: string): Column {
    checkStr(colName, 'colName');
    const caseSensitive = this.session.confGet('spark.sql.caseSensitive')?.toLowerCase() === 'true';
    const quoted = /^`(.+)`$/s.exec(colName);
    if (quoted) return new Column({ kind: 'star', regex: { pattern: quoted[1], caseSensitive, text: colName } });
    const qualified = /^(.+)\.`(.+)`$/s.exec(colName);
    if (qualified) return new Column({ kind: 'star', target: [qualified[1]], regex: { pattern: qualified[2], caseSensitive, text: colName } });
    return this.col(colName);
  }

  /** `df["name"]` / `df.name` in PySpark: bound to this DataFrame's column, so it stays unambiguous in joins. */
  col(name: string): Column {
    checkStr(name, 'col');
    const expr = nameToExpr(name);
    if (expr.kind !== 'column') return new Column(expr);
    const resolver = new (expressionResolverModule().ExpressionResolver)(outputOf(this.plan), this.session.resolverContext());
    const resolved = resolver.resolve(expr);
    if (resolved.kind === 'attribute') return new Column({ ...expr, exprId: resolved.exprId });
    // `df.col('s.f')`: bind the struct column `s` to this DataFrame and keep `f` as a field of it.
    for (let q = expr.nameParts.length - 1; q >= 1; q--) {
      let root;
      try {
        root = resolver.resolve({ kind: 'column', nameParts: expr.nameParts.slice(0, q) });
      } catch {
        continue;
      }
      if (root.kind === 'attribute') return new Column({ ...expr, exprId: root.exprId, fields: expr.nameParts.slice(q) });
    }
    return new Column(expr);
  }

  select(...cols: (ColumnOrName | ColumnOrName[])[]): DataFrame {
    const args = flattenArgs(cols);
    const items = args.map((c) => columnArg(c));
    return guardTooComplex(args.map((a) => (typeof a === 'string' ? a : '<column>')).join(', '), () => this.withPlan(planBuilderModule().buildProject(this.plan, items, this.session.resolverContext())));
  }

  selectExpr(...exprs: (string | string[])[]): DataFrame {
    const texts = flattenArgs(exprs);
    for (const e of texts) checkStr(e, 'expr');
    const items = texts.map((e) => parseNamedExpression(e));
    return guardTooComplex(texts.join(', '), () => this.withPlan(planBuilderModule().buildProject(this.plan, items, this.session.resolverContext())));
  }

  filter(condition: Column | string): DataFrame {
    if (typeof condition !== 'string' && !(condition instanceof Column)) throw notExpectedType('condition', 'Column or str', condition);
    const cond: UnresolvedExpression = typeof condition === 'string' ? parseNamedExpression(condition) : condition.expr;
    return guardTooComplex(typeof condition === 'string' ? condition : '<column>', () => this.withPlan(planBuilderModule().buildFilter(this.plan, cond, this.session.resolverContext())));
  }

  where(condition: Column | string): DataFrame {
    return this.filter(condition);
  }

  withColumn(colName: string, col: Column): DataFrame {
    checkStr(colName, 'colName');
    checkColumn(col, 'col');
    const names = this.columns;
    const lower = colName.toLowerCase();
    const items: UnresolvedExpression[] = [];
    let replaced = false;
    for (const n of names) {
      if (n.toLowerCase() === lower) {
        items.push({ kind: 'alias', child: col.expr, names: [colName] });
        replaced = true;
      } else {
        items.push({ kind: 'column', nameParts: [n] });
      }
    }
    if (!replaced) items.push({ kind: 'alias', child: col.expr, names: [colName] });
    return this.withPlan(planBuilderModule().buildProject(this.plan, items, this.session.resolverContext()));
  }

  withColumnRenamed(existing: string, newName: string): DataFrame {
    checkStr(existing, 'existing');
    checkStr(newName, 'new');
    const lower = existing.toLowerCase();
    if (!this.columns.some((n) => n.toLowerCase() === lower)) return this;
    const items: UnresolvedExpression[] = outputOf(this.plan).map((a) =>
      a.name.toLowerCase() === lower ? { kind: 'alias', child: { kind: 'column', nameParts: [a.name] }, names: [newName] } : { kind: 'column', nameParts: [a.name] },
    );
    return this.withPlan(planBuilderModule().buildProject(this.plan, items, this.session.resolverContext()));
  }

  drop(...cols: ColumnOrName[]): DataFrame {
    for (const c of cols) checkColumnOrStr(c, 'col');
    const output = outputOf(this.plan);
    const dropIds = new Set<number>();
    for (const c of cols) {
      if (typeof c === 'string') {
        for (const a of output) if (a.name.toLowerCase() === c.toLowerCase()) dropIds.add(a.exprId);
      } else if (c.expr.kind === 'column') {
        const name = c.expr.nameParts[c.expr.nameParts.length - 1].toLowerCase();
        for (const a of output) if (a.name.toLowerCase() === name) dropIds.add(a.exprId);
      }
    }
    const kept = output.filter((a) => !dropIds.has(a.exprId));
    return this.withPlan({ kind: 'project', projectList: kept, child: this.plan });
  }

  /** `groupBy('a', col('b'))`; PySpark 4 also takes 1-based column ordinals: `groupBy(1)`. */
  groupBy(...cols: (ColumnOrNameOrOrdinal | ColumnOrNameOrOrdinal[])[]): GroupedData {
    return new GroupedData(this, groupingColumns(this, cols));
  }

  groupby(...cols: (ColumnOrNameOrOrdinal | ColumnOrNameOrOrdinal[])[]): GroupedData {
    return this.groupBy(...cols);
  }

  /**
   * `unpivot('id', ['q1', 'q2'], 'quarter', 'sales')` (PySpark's, also `melt`): one row per input row
   * and value column, with the ids, the value column's name and its value (cast to the values'
   * common type). `values` null: every column that is not an id.
   */
  unpivot(ids: ColumnOrName | readonly ColumnOrName[], values: ColumnOrName | readonly ColumnOrName[] | null | undefined, variableColumnName: string, valueColumnName: string): DataFrame {
    checkStr(variableColumnName, 'variableColumnName');
    checkStr(valueColumnName, 'valueColumnName');
    const list = (x: ColumnOrName | readonly ColumnOrName[], name: string) => (Array.isArray(x) ? x : [x as ColumnOrName]).map((c) => columnArg(c, name));
    const valueList = values === null || values === undefined ? undefined : list(values, 'values');
    return this.withPlan(unpivotBuilderModule().buildUnpivot(this.plan, list(ids, 'ids'), valueList, variableColumnName, valueColumnName, this.session.resolverContext()));
  }

  melt(ids: ColumnOrName | readonly ColumnOrName[], values: ColumnOrName | readonly ColumnOrName[] | null | undefined, variableColumnName: string, valueColumnName: string): DataFrame {
    return this.unpivot(ids, values, variableColumnName, valueColumnName);
  }

  /**
   * `to(schema)` (PySpark 3.4+): each row reconciled to `schema`, as Spark's Dataset.to. Columns and
   * the fields inside structs, arrays and maps are found by name, ordered and cast as the schema
   * says (numeric to numeric, anything atomic to string, datetimes among themselves; casts are
   * ANSI, so an overflow fails); other columns are dropped; a column the schema names and the
   * DataFrame lacks is NULL when the schema lets it be; a nullable column cannot become
   * non-nullable. Works on streams.
   */
  to(schema: StructType): DataFrame {
    if (!(schema instanceof StructType)) throw notExpectedType('schema', 'StructType', schema);
    return this.withPlan(matchSchemaModule().buildMatchSchema(this.plan, schema, this.session.resolverContext()));
  }

  /** `rollup('a', 'b')`: aggregates per (a, b), per (a) and over all rows; the rolled-up columns are null. */
  rollup(...cols: (ColumnOrNameOrOrdinal | ColumnOrNameOrOrdinal[])[]): GroupedData {
    const grouping = groupingColumns(this, cols);
    return new GroupedData(this, grouping, undefined, groupingAnalyticsModule().rollupAnalytics(grouping.length));
  }

  /** `cube('a', 'b')`: aggregates per every subset of the columns: (a, b), (a), (b), (). */
  cube(...cols: (ColumnOrNameOrOrdinal | ColumnOrNameOrOrdinal[])[]): GroupedData {
    const grouping = groupingColumns(this, cols);
    return new GroupedData(this, grouping, undefined, groupingAnalyticsModule().cubeAnalytics(grouping.length));
  }

  /**
   * `groupingSets([['a'], ['b'], []], 'a', 'b')`: aggregates per each listed set; `cols` are the
   * output's grouping columns (a set may also group by a column not among them).
   */
  groupingSets(groupingSets: readonly (readonly ColumnOrNameOrOrdinal[])[], ...cols: (ColumnOrNameOrOrdinal | ColumnOrNameOrOrdinal[])[]): GroupedData {
    checkGroupingSets(groupingSets);
    const grouping = groupingColumns(this, cols);
    const sets = groupingSets.map((set) => groupingColumns(this, set, 'groupingSets'));
    return new GroupedData(this, grouping, undefined, groupingAnalyticsModule().groupingSetsAnalytics(sets, grouping));
  }

  agg(...exprs: (Column | Column[])[]): DataFrame {
    return this.groupBy().agg(...exprs);
  }

  /** @internal Used by GroupedData. */
  aggregate(grouping: UnresolvedExpression[], aggregates: UnresolvedExpression[], analytics?: GroupingAnalytics): DataFrame {
    const ctx = this.session.resolverContext();
    const hidden = analytics?.hidden ?? [];
    const build = (child: LogicalPlan, g: UnresolvedExpression[], a: UnresolvedExpression[], h: UnresolvedExpression[]): LogicalPlan =>
      analytics
        ? groupingSetsBuilderModule().buildGroupingSetsAggregate(child, [...g, ...h], analytics.sets, [...g, ...a], ctx)
        : planBuilderModule().buildAggregate(child, g, a, ctx, true);
    // Spark's TimeWindowing: window(...) becomes a generated `window` column (sliding windows give several rows).
    const tw = datetimeWindowRewriteModule().timeWindowRewrite([...grouping, ...hidden, ...aggregates]);
    if (!tw) return this.withPlan(build(this.plan, grouping, aggregates, hidden));
    const child = planBuilderModule().buildProject(this.plan, [{ kind: 'star' }, tw.generator], ctx);
    // The generated column comes last; bind to it, so an input `window` column (windows over
    // windows) does not make the reference ambiguous.
    const generated = outputOf(child);
    const windowId = generated[generated.length - 1].exprId;
    const bound = (list: UnresolvedExpression[]) => list.map((e) => tw.rewriteBound(e, windowId));
    return this.withPlan(build(child, bound(grouping), bound(aggregates), bound(hidden)));
  }

  /**
   * `orderBy("a", col("b").desc())`, `orderBy(["a", "b"], { ascending: [true, false] })`; PySpark 4
   * also takes 1-based column ordinals, negative for descending: `orderBy(1, -2)`.
   */
  orderBy(...args: (ColumnOrNameOrOrdinal | ColumnOrNameOrOrdinal[] | { ascending?: boolean | boolean[] })[]): DataFrame {
    let options: { ascending?: boolean | boolean[] } = {};
    const last = args[args.length - 1];
    if (last !== undefined && last !== null && typeof last === 'object' && !(last instanceof Column) && !Array.isArray(last)) {
      options = last as { ascending?: boolean | boolean[] };
      args = args.slice(0, -1);
    }
    const cols = flattenArgs(args as (ColumnOrNameOrOrdinal | ColumnOrNameOrOrdinal[])[]).map((c) => ordinalToColumn(c, this, true));
    const ascending = options.ascending;
    if (Array.isArray(ascending) && ascending.length !== cols.length) {
      throw new PySparkTypeError('NOT_BOOL_OR_LIST', `Argument \`ascending\` should be a bool or a list of the same length as the columns, got ${ascending.length} values.`);
    }
    const items = cols.map((c, i) => {
      const e = columnArg(c);
      const asc = Array.isArray(ascending) ? ascending[i] : ascending;
      if (asc === undefined || e.kind === 'sortOrder') return e;
      return asc ? new Column(e).asc().expr : new Column(e).desc().expr;
    });
    return this.withPlan(sortBuilderModule().buildSort(this.plan, items, this.session.resolverContext()));
  }

  sort(...args: (ColumnOrNameOrOrdinal | ColumnOrNameOrOrdinal[] | { ascending?: boolean | boolean[] })[]): DataFrame {
    return this.orderBy(...args);
  }

  /**
   * `sortWithinPartitions('a', col('b').desc())`: each partition sorted on its own, with orderBy's
   * arguments (no shuffle): the partitions of createDataFrame's slices or of a repartition keep
   * their rows, so `show()` prints them partition by partition, as Spark does.
   */
  sortWithinPartitions(...args: (ColumnOrNameOrOrdinal | ColumnOrNameOrOrdinal[] | { ascending?: boolean | boolean[] })[]): DataFrame {
    // orderBy checks the arguments (and fails as it does) before any partition is sorted.
    this.orderBy(...args);
    if (this.isStreaming) throw notImplementedModule().notImplemented('DataFrame.sortWithinPartitions on a streaming DataFrame');
    const output = outputOf(this.plan);
    const run = (plan: LogicalPlan, i?: number) => runBatchPlan(this.session, plan, i);
    const relation = partitionedRelationModule().partitionedRelation(output, 'SortWithinPartitions', () =>
      partitionedRelationModule()
        .planPartitions(this, run)
        .map((rows) => run(this.withLogicalPlan({ kind: 'localRelation', name: 'LocalRelation', output, data: () => rows }).orderBy(...args).plan)),
    );
    return this.withPlan(relation);
  }

  limit(num: number): DataFrame {
    if (typeof num !== 'number' || !Number.isInteger(num)) throw notExpectedType('num', 'int', num);
    return this.withPlan(sortBuilderModule().buildLimit(this.plan, num));
  }

  offset(num: number): DataFrame {
    checkInt(num, 'num');
    return this.withPlan(sortBuilderModule().buildOffset(this.plan, num));
  }

  distinct(): DataFrame {
    return this.withPlan(setOperationBuilderModule().buildDistinct(this.plan));
  }

  /**
   * Keeps the first row per distinct value of `subset` (all columns when omitted). As PySpark 4.2,
   * `subset` is one list: `dropDuplicates('a', 'b')` fails with NOT_EXPECTED_TYPE.
   */
  dropDuplicates(subset?: string[] | null): DataFrame {
    if (subset === undefined || subset === null) return this.distinct();
    if (!Array.isArray(subset)) throw notExpectedType('subset', 'list or tuple', subset);
    for (const c of subset) if (typeof c !== 'string') throw notExpectedType('subset', 'str', c);
    const output = outputOf(this.plan);
    const keys = subset.map((name) => {
      const a = output.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!a) throw new AnalysisException(`Cannot resolve column name "${name}" among (${output.map((x) => x.name).join(', ')}).`, { errorClass: 'UNRESOLVED_COLUMN_AMONG_FIELD_NAMES', sqlState: '42703' });
      return a;
    });
    return this.withPlan(setOperationBuilderModule().buildDistinct(this.plan, keys));
  }

  drop_duplicates(subset?: string[]): DataFrame {
    return this.dropDuplicates(subset);
  }

  /**
   * Streaming only: drops rows whose `subset` key was seen within the watermark delay (the event
   * time is not part of the key); needs withWatermark upstream.
   */
  dropDuplicatesWithinWatermark(subset?: string[] | null): DataFrame {
    if (subset !== undefined && subset !== null && !Array.isArray(subset)) throw notExpectedType('subset', 'list or tuple', subset);
    const deduped = subset ? this.dropDuplicates(subset) : this.distinct();
    const plan = deduped.plan;
    if (plan.kind !== 'deduplicate') return deduped;
    return this.withPlan({ ...plan, withinWatermark: true });
  }

  drop_duplicates_within_watermark(subset?: string[]): DataFrame {
    return this.dropDuplicatesWithinWatermark(subset);
  }

  /**
   * `withWatermark("timestamp", "10 minutes")`: marks the event-time column and how late its rows
   * may arrive; stateful operators downstream drop rows behind the watermark and evict state.
   */
  withWatermark(eventTime: string, delayThreshold: string): DataFrame {
    // PySpark rejects an empty name the same way (`got str`).
    if (eventTime === '') throw notExpectedType('eventTime', 'str', eventTime);
    checkStr(eventTime, 'eventTime');
    checkStr(delayThreshold, 'delayThreshold');
    return this.withPlan(watermarkBuilderModule().buildEventTimeWatermark(this.plan, nameToExpr(eventTime), delayThreshold, this.session.resolverContext()));
  }

  /** UNION ALL by column position (PySpark's union/unionAll keep duplicates). */
  union(other: DataFrame): DataFrame {
    checkDataFrame(other, 'other');
    return this.withPlan(setOperationBuilderModule().buildUnion([this.plan, other.plan]));
  }

  unionAll(other: DataFrame): DataFrame {
    return this.union(other);
  }

  unionByName(other: DataFrame, allowMissingColumns = false): DataFrame {
    checkDataFrame(other, 'other');
    checkBool(allowMissingColumns, 'allowMissingColumns');
    const [l, r] = setOperationBuilderModule().alignByName(this.plan, other.plan, allowMissingColumns);
    return this.withPlan(setOperationBuilderModule().buildUnion([l, r]));
  }

  intersect(other: DataFrame): DataFrame {
    checkDataFrame(other, 'other');
    return this.withPlan(setOperationBuilderModule().buildSetOperation('intersect', false, this.plan, other.plan));
  }

  intersectAll(other: DataFrame): DataFrame {
    checkDataFrame(other, 'other');
    return this.withPlan(setOperationBuilderModule().buildSetOperation('intersect', true, this.plan, other.plan));
  }

  /** EXCEPT DISTINCT. */
  subtract(other: DataFrame): DataFrame {
    checkDataFrame(other, 'other');
    return this.withPlan(setOperationBuilderModule().buildSetOperation('except', false, this.plan, other.plan));
  }

  exceptAll(other: DataFrame): DataFrame {
    checkDataFrame(other, 'other');
    return this.withPlan(setOperationBuilderModule().buildSetOperation('except', true, this.plan, other.plan));
  }

  /**
   * `join(other)`, `join(other, "key")`, `join(other, ["k1", "k2"], "left")`,
   * `join(other, df.col("a").eq(other.col("b")), "left_outer")`.
   */
  join(other: DataFrame, on?: string | string[] | Column, how = 'inner'): DataFrame {
    checkDataFrame(other, 'other');
    if (how !== undefined && how !== null) checkStr(how, 'how');
    if (Array.isArray(on)) for (const name of on) checkStr(name, 'on');
    const joinType = joinBuilderModule().parseJoinType(how ?? 'inner');
    const ctx = this.session.resolverContext();
    if (typeof on === 'string' || Array.isArray(on)) {
      return this.withPlan(joinBuilderModule().buildUsingJoin(this.plan, other.plan, joinType, typeof on === 'string' ? [on] : on, ctx));
    }
    return this.withPlan(joinBuilderModule().buildJoin(this.plan, other.plan, on === undefined && joinType === 'inner' ? 'inner' : joinType, on?.expr, ctx));
  }

  crossJoin(other: DataFrame): DataFrame {
    checkDataFrame(other, 'other');
    return this.withPlan(joinBuilderModule().buildJoin(this.plan, other.plan, 'cross', undefined, this.session.resolverContext()));
  }

  alias(name: string): DataFrame {
    // PySpark: `assert isinstance(alias, str), "alias should be a string"`.
    if (typeof name !== 'string') throw new (require('../errors/illegal-argument-exception') as typeof import('../errors/illegal-argument-exception')).PySparkAssertionError(undefined, 'alias should be a string');
    return this.withPlan({ kind: 'subqueryAlias', alias: name, child: this.plan });
  }

  createOrReplaceTempView(name: string): void {
    checkStr(name, 'name');
    this.session.registerTempView(name, { kind: 'subqueryAlias', alias: name, child: this.plan });
  }

  createTempView(name: string): void {
    if (this.session.lookupTempView(name)) throw tempViewAlreadyExistsError(name);
    this.createOrReplaceTempView(name);
  }

  /** `createOrReplaceGlobalTempView('v')`: a view of every session, read as `global_temp.v`. */
  createOrReplaceGlobalTempView(name: string): void {
    checkStr(name, 'name');
    checkSinglePartViewName(name);
    this.session.registerGlobalTempView(name, { kind: 'subqueryAlias', alias: name, child: this.plan });
  }

  /** `createGlobalTempView('v')`: as createOrReplaceGlobalTempView, failing when `global_temp.v` exists. */
  createGlobalTempView(name: string): void {
    checkStr(name, 'name');
    checkSinglePartViewName(name);
    if (this.session.lookupGlobalTempView(name)) throw tempViewAlreadyExistsError(name);
    this.createOrReplaceGlobalTempView(name);
  }

  // ---- more of PySpark's DataFrame surface ----

  /** `toDF('x', 'y')`: renames every column by position. */
  toDF(...cols: string[]): DataFrame {
    for (const c of cols) if (typeof c !== 'string') throw notExpectedType('cols', 'list[str]', c);
    const output = outputOf(this.plan);
    if (cols.length !== output.length) {
      throw new AnalysisException(`The number of columns or variables assigned or aliased: ${output.length} does not match the number of source expressions: ${cols.length}.`, {
        errorClass: 'ASSIGNMENT_ARITY_MISMATCH',
        sqlState: '42802',
        messageParameters: { numTarget: String(output.length), numExpr: String(cols.length) },
      });
    }
    const items: UnresolvedExpression[] = output.map((a, i) => ({ kind: 'alias', child: { kind: 'column', nameParts: [a.name], exprId: a.exprId }, names: [cols[i]] }));
    return this.withPlan(planBuilderModule().buildProject(this.plan, items, this.session.resolverContext()));
  }

  /** `withColumns({ name: column, ... })` (a Map too): adds or replaces several columns in one projection. */
  withColumns(colsMap: Record<string, Column> | Map<string, Column>): DataFrame {
    if (!(colsMap instanceof Map) && !isPlainObject(colsMap)) throw notExpectedType('colsMap', 'dict', colsMap);
    const entries = colsMap instanceof Map ? [...colsMap.entries()] : Object.entries(colsMap);
    for (const [, c] of entries) if (!(c instanceof Column)) throw notExpectedType('col', 'Column or str', c);
    const items: UnresolvedExpression[] = [];
    const used = new Set<number>();
    for (const a of outputOf(this.plan)) {
      const i = entries.findIndex(([n]) => n.toLowerCase() === a.name.toLowerCase());
      if (i >= 0) {
        used.add(i);
        items.push({ kind: 'alias', child: entries[i][1].expr, names: [entries[i][0]] });
      } else {
        items.push({ kind: 'column', nameParts: [a.name], exprId: a.exprId });
      }
    }
    entries.forEach(([n, c], i) => {
      if (!used.has(i)) items.push({ kind: 'alias', child: c.expr, names: [n] });
    });
    return this.withPlan(planBuilderModule().buildProject(this.plan, items, this.session.resolverContext()));
  }

  /** `withColumnsRenamed({ existing: new, ... })`: names that do not exist are ignored, as in Spark. */
  withColumnsRenamed(colsMap: Record<string, string> | Map<string, string>): DataFrame {
    if (!(colsMap instanceof Map) && !isPlainObject(colsMap)) throw notExpectedType('colsMap', 'dict', colsMap);
    const entries = colsMap instanceof Map ? [...colsMap.entries()] : Object.entries(colsMap);
    for (const [, n] of entries) if (typeof n !== 'string') throw notExpectedType('colsMap', 'dict[str, str]', n);
    const items: UnresolvedExpression[] = outputOf(this.plan).map((a) => {
      const hit = entries.find(([e]) => e.toLowerCase() === a.name.toLowerCase());
      const ref: UnresolvedExpression = { kind: 'column', nameParts: [a.name], exprId: a.exprId };
      return hit ? { kind: 'alias', child: ref, names: [hit[1]] } : ref;
    });
    return this.withPlan(planBuilderModule().buildProject(this.plan, items, this.session.resolverContext()));
  }

  /**
   * `cache()`: the first action materialises the rows in memory and later actions (and DataFrames
   * derived from this one afterwards) read them instead of re-reading the sources; returns this
   * DataFrame, as PySpark does. Streaming DataFrames cannot be cached.
   */
  cache(): DataFrame {
    return this.persist(StorageLevel.MEMORY_AND_DISK_DESER);
  }

  persist(storageLevel: StorageLevel = StorageLevel.MEMORY_AND_DISK_DESER): DataFrame {
    if (!(storageLevel instanceof StorageLevel)) throw notExpectedType('storageLevel', 'StorageLevel', storageLevel);
    if (this.isStreaming) throw unsupportedOperationCheckerModule().streamingActionError(this.plan);
    if (this.cacheState) return this;
    const uncachedPlan = this.currentPlan;
    let rows: unknown[][] | undefined;
    const session = this.session;
    this.cacheState = { level: storageLevel, uncachedPlan };
    this.currentPlan = {
      kind: 'localRelation',
      name: 'InMemoryRelation',
      output: outputOf(uncachedPlan),
      data: () => (rows ??= runBatchPlan(session, uncachedPlan)),
    };
    return this;
  }

  unpersist(_blocking = false): DataFrame {
    if (this.cacheState) {
      this.currentPlan = this.cacheState.uncachedPlan;
      this.cacheState = undefined;
    }
    return this;
  }

  /** PySpark's `df.is_cached`. */
  get is_cached(): boolean {
    return this.cacheState !== undefined;
  }

  get storageLevel(): StorageLevel {
    return this.cacheState?.level ?? StorageLevel.NONE;
  }

  /**
   * `repartition(n)`, `repartition(n, 'col')`, `repartition('col')` (spark.sql.shuffle.partitions):
   * a batch DataFrame gets Spark's partitions (df.rdd, foreachPartition, collect order; see
   * partitioned-relation.ts); a streaming one is unchanged (each micro-batch runs in one pass).
   */
  repartition(numPartitions: number | ColumnOrName, ...cols: ColumnOrName[]): DataFrame {
    if (typeof numPartitions === 'number') {
      checkPositivePartitions(numPartitions);
    } else {
      checkColumnOrStr(numPartitions, 'numPartitions');
      cols = [numPartitions, ...cols];
    }
    for (const c of cols) checkColumnOrStr(c, 'col');
    // Resolving the partitioning columns reports unknown names as Spark does.
    if (cols.length > 0) this.select(...cols);
    if (this.isStreaming) return this;
    const byNumber = typeof numPartitions === 'number';
    const n = byNumber ? numPartitions : this.session.numShufflePartitions();
    // repartition(cols) lets adaptive execution coalesce its spark.sql.shuffle.partitions (one
    // partition for a result as small as an in-process batch); repartition(n, ...) keeps n.
    const adaptive = !byNumber && this.session.confGet('spark.sql.adaptive.enabled') !== 'false' && this.session.confGet('spark.sql.adaptive.coalescePartitions.enabled') !== 'false';
    return this.withPlan(partitionedRelationModule().repartitioned(this, cols.length > 0 ? 'hash' : 'roundRobin', n, cols, (plan, i) => runBatchPlan(this.session, plan, i), adaptive));
  }

  /** Spark's RangePartitioner over the sort order of `cols` (see partitioned-relation.ts). */
  repartitionByRange(numPartitions: number | ColumnOrName, ...cols: ColumnOrName[]): DataFrame {
    const byNumber = typeof numPartitions === 'number';
    if (byNumber) checkPositivePartitions(numPartitions);
    else {
      checkColumnOrStr(numPartitions, 'numPartitions');
      cols = [numPartitions, ...cols];
    }
    for (const c of cols) checkColumnOrStr(c, 'col');
    if (this.isStreaming || cols.length === 0) return this;
    const n = byNumber ? numPartitions : this.session.numShufflePartitions();
    const adaptive = !byNumber && this.session.confGet('spark.sql.adaptive.enabled') !== 'false' && this.session.confGet('spark.sql.adaptive.coalescePartitions.enabled') !== 'false';
    return this.withPlan(partitionedRelationModule().repartitioned(this, 'range', n, cols, (plan, i) => runBatchPlan(this.session, plan, i), adaptive));
  }

  /** `coalesce(n)`: neighbouring partitions merged, never more than now (a streaming DataFrame is unchanged). */
  coalesce(numPartitions: number): DataFrame {
    if (typeof numPartitions !== 'number' || !Number.isInteger(numPartitions)) throw notExpectedType('numPartitions', 'int', numPartitions);
    checkPositivePartitions(numPartitions);
    if (this.isStreaming) return this;
    return this.withPlan(partitionedRelationModule().repartitioned(this, 'coalesce', numPartitions, [], (plan, i) => runBatchPlan(this.session, plan, i)));
  }

  /** Internal: the rows of each partition (df.rdd, foreachPartition). */
  partitionRows(): (readonly unknown[])[][] {
    if (this.isStreaming) throw unsupportedOperationCheckerModule().streamingActionError(this.plan);
    return partitionedRelationModule().planPartitions(this, (plan, i) => runBatchPlan(this.session, plan, i)) as (readonly unknown[])[][];
  }

  /** `df.na.fill(...)`, `df.na.drop(...)`, `df.na.replace(...)`. */
  get na(): DataFrameNaFunctions {
    return new DataFrameNaFunctions(this);
  }

  /** `fillna(0)`, `fillna('x', ['a'])`, `fillna({ a: 0, b: 'x' })`, `fillna(0, { subset: ['a'] })`. */
  fillna(value: unknown, subset?: string | string[] | { subset?: string | string[] }): DataFrame {
    return fillNa(this, value, isPlainObject(subset) ? subset.subset : subset);
  }

  /** `dropna()`, `dropna('all')`, `dropna({ how: 'any', thresh: 2, subset: ['a'] })`. */
  dropna(...args: unknown[]): DataFrame {
    const { positional, options } = splitOptions<{ how: string; thresh: number; subset: string | string[] }>(args);
    const [how = options.how ?? 'any', thresh = options.thresh, subset = options.subset] = positional as [string?, number?, (string | string[])?];
    return dropNa(this, how, thresh, subset);
  }

  /** `replace(1, 2)`, `replace([1, 2], [3, 4], ['col'])`, `replace({ a: 'b' })`, `replace('a', 'b', { subset: ['s'] })`. */
  replace(toReplace: unknown, value: unknown = NO_VALUE, subset?: string | string[] | { subset?: string | string[] }): DataFrame {
    if (isPlainObject(value) && subset === undefined && !isPlainObject(toReplace)) {
      const options = value as { value?: unknown; subset?: string | string[] };
      return replaceNa(this, toReplace, 'value' in options ? options.value : NO_VALUE, options.subset);
    }
    if (isPlainObject(value) && isPlainObject(toReplace)) return replaceNa(this, toReplace, NO_VALUE, (value as { subset?: string | string[] }).subset);
    return replaceNa(this, toReplace, value, isPlainObject(subset) ? subset.subset : subset);
  }

  /** count, mean, stddev, min, max of numeric and string columns, as strings (Spark's describe). */
  describe(...cols: (string | string[])[]): DataFrame {
    const names = flattenArgs(cols);
    for (const c of names) checkStr(c, 'cols');
    return this.summaryFrame(['count', 'mean', 'stddev', 'min', 'max'], names);
  }

  /** `summary()` (count, mean, stddev, min, 25%, 50%, 75%, max) or `summary('count', '90%', ...)`. */
  summary(...statistics: string[]): DataFrame {
    for (const s of statistics) checkStr(s, 'statistics');
    return this.summaryFrame(statistics.length > 0 ? statistics : ['count', 'mean', 'stddev', 'min', '25%', '50%', '75%', 'max'], []);
  }

  private summaryFrame(statistics: string[], cols: string[]): DataFrame {
    const { names, rows } = summaryRows(this, statistics, cols, (aggs) => runBatchPlan(this.session, this.agg(...aggs).plan)[0]);
    const output = ['summary', ...names].map((n) => attribute(n, DataTypes.StringType, true));
    return this.withPlan({ kind: 'localRelation', name: 'LocalRelation', data: () => rows, output });
  }

  /**
   * Each row as a JSON string. PySpark's classic API returns an RDD of strings; Rivulet returns what
   * Spark Connect returns (and PySpark announces for the classic API): a DataFrame with one string
   * column `value`, so `toJSON().collect()` gives Rows whose `value` is the JSON text.
   */
  toJSON(_useUnicode = true): DataFrame {
    return this.select(new Column({ kind: 'alias', child: call('to_json', [call('struct', [{ kind: 'star' }])]), names: ['value'] }));
  }

  /**
   * `observe(Observation | name, ...aggregates)`: the same rows, with named aggregate metrics
   * computed over them: a batch action fills the Observation (`obs.get`), a streaming query
   * reports them in each progress's `observedMetrics`.
   */
  observe(observation: import('./observation').Observation | string, ...exprs: Column[]): DataFrame {
    return this.withPlan((require('./observation') as typeof import('./observation')).observePlan(this.session, this.plan, observation, exprs));
  }

  /**
   * PySpark's `sample(fraction[, seed])`, `sample(withReplacement, fraction[, seed])` or
   * `sample({ withReplacement, fraction, seed })`: Spark's Bernoulli (or, with replacement,
   * Poisson) sampler, so a seed gives Spark's rows for the same partitioning (one partition here).
   */
  sample(fraction: number, seed?: number | bigint | null): DataFrame;
  sample(withReplacement: boolean | null, fraction: number, seed?: number | bigint | null): DataFrame;
  sample(options: { withReplacement?: boolean | null; fraction: number; seed?: number | bigint | null }): DataFrame;
  sample(...args: unknown[]): DataFrame {
    const sampling = dataFrameSamplingModule();
    const { withReplacement, fraction, seed } = sampling.sampleArguments(args);
    return sampling.samplePlan(this, 0, fraction, withReplacement, seed);
  }

  /** PySpark's `randomSplit(weights[, seed])`: disjoint samples whose sizes follow the weights. */
  randomSplit(weights: number[], seed?: number | bigint | null): DataFrame[] {
    return dataFrameSamplingModule().randomSplitFrames(this, weights, seed);
  }

  /** PySpark's `transform(func, ...args)`: `func(this, ...args)`, which must return a DataFrame. */
  transform<A extends unknown[]>(func: (df: DataFrame, ...args: A) => DataFrame, ...args: A): DataFrame {
    if (typeof func !== 'function') throw notExpectedType('func', 'function', func);
    const result: unknown = func(this, ...args);
    if (!(result instanceof DataFrame)) {
      throw new (require('../errors/illegal-argument-exception') as typeof import('../errors/illegal-argument-exception')).PySparkAssertionError(
        undefined,
        `Func returned an instance of type [${pyClassRepr(result)}], should have been DataFrame.`,
      );
    }
    return result;
  }

  /**
   * PySpark's `hint(name, ...parameters)`: Spark's join hints (broadcast, merge, shuffle_hash,
   * shuffle_replicate_nl) and partitioning hints (coalesce, repartition, repartition_by_range,
   * rebalance) are checked as Spark checks them; unknown hints are dropped with Spark's warning.
   */
  hint(name: string, ...parameters: unknown[]): DataFrame {
    return (require('./data-frame-hint') as typeof import('./data-frame-hint')).applyHint(this, name, parameters);
  }

  /** PySpark's `df.stat`: corr, cov, sampleBy, crosstab, approxQuantile, freqItems. */
  get stat(): import('./data-frame-stat-functions').DataFrameStatFunctions {
    return new (dataFrameStatModule().DataFrameStatFunctions)(this);
  }

  /** `corr(col1, col2, method='pearson')`: the Pearson correlation of two numeric columns. */
  corr(col1: string, col2: string, method?: string | null): number {
    return dataFrameStatModule().corr(this, col1, col2, method);
  }

  /** `cov(col1, col2)`: the sample covariance of two numeric columns. */
  cov(col1: string, col2: string): number {
    return dataFrameStatModule().cov(this, col1, col2);
  }

  /** `sampleBy(col, fractions, seed)`: a stratified sample (Spark's rows for a seed, one partition). */
  sampleBy(col: ColumnOrName, fractions: Record<string, number> | Map<unknown, number>, seed?: number | bigint | null): DataFrame {
    return dataFrameStatModule().sampleBy(this, col, fractions, seed);
  }

  /**
   * `transpose()` / `transpose('id')` (PySpark 4): the index column's values (the first column by
   * default; not null, sorted) become columns and every other column a row named in `key`.
   */
  transpose(indexColumn?: ColumnOrName | null): DataFrame {
    return transposeModule().transpose(this, indexColumn);
  }

  /** `crosstab('a', 'b')`: the pair-wise frequency table (`df.stat.crosstab`). */
  crosstab(col1: string, col2: string): DataFrame {
    return dataFrameStatModule().crosstab(this, col1, col2);
  }

  /**
   * `approxQuantile('x', [0.25, 0.5], 0.05)`: approximate quantiles of numeric columns (Spark's
   * Greenwald-Khanna summary; relativeError 0 is exact); for a list of columns, one list each.
   */
  approxQuantile(col: string, probabilities: readonly number[], relativeError: number): number[];
  approxQuantile(col: readonly string[], probabilities: readonly number[], relativeError: number): number[][];
  approxQuantile(col: string | readonly string[], probabilities: readonly number[], relativeError: number): number[] | number[][] {
    if (this.isStreaming) throw unsupportedOperationCheckerModule().streamingActionError(this.plan);
    return dataFrameStatModule().approxQuantile(this, col, probabilities, relativeError);
  }

  /**
   * `freqItems(['a', 'b'], 0.3)`: one row listing each column's frequent items (Spark's
   * single-pass algorithm, which may report false positives), in a column `<col>_freqItems`.
   */
  freqItems(cols: readonly string[], support?: number | null): DataFrame {
    if (this.isStreaming) throw unsupportedOperationCheckerModule().streamingActionError(this.plan);
    return dataFrameStatModule().freqItems(this, cols, support);
  }

  /**
   * `scalar()` (PySpark 4): this DataFrame's one value as a column of another query (a scalar
   * subquery; NULL without rows, SCALAR_SUBQUERY_TOO_MANY_ROWS with several).
   */
  scalar(): Column {
    return new Column({ kind: 'scalarSubquery', query: this.plan });
  }

  /** `exists()` (PySpark 4): a boolean column of another query, true when this DataFrame has rows. */
  exists(): Column {
    return new Column({ kind: 'exists', query: this.plan });
  }

  /** Deprecated PySpark alias of createOrReplaceTempView (PySpark warns FutureWarning). */
  registerTempTable(name: string): void {
    process.emitWarning('Deprecated in 2.0, use createOrReplaceTempView instead.', 'FutureWarning');
    this.createOrReplaceTempView(name);
  }

  /** Spark's isLocal: the plan is local rows or a command result (createDataFrame is RDD-backed and range a Range: false). */
  isLocal(): boolean {
    return this.isCommand || (this.plan.kind === 'localRelation' && !this.plan.rddBacked && this.plan.name !== 'Range');
  }

  /** `checkpoint(eager=true)`: the rows materialised now, lineage cut (an in-memory relation here). */
  checkpoint(eager = true): DataFrame {
    return this.materialized(eager);
  }

  /** `localCheckpoint(eager=true)`: as checkpoint; the storage level is accepted and changes nothing here. */
  localCheckpoint(eager = true, _storageLevel?: StorageLevel | null): DataFrame {
    return this.materialized(eager);
  }

  private materialized(eager: unknown): DataFrame {
    checkBool(eager, 'eager');
    if (this.isStreaming) throw unsupportedOperationCheckerModule().streamingActionError(this.plan);
    let rows: unknown[][] | undefined = eager ? this.executeRows() : undefined;
    const data = () => (rows ??= this.executeRows());
    return this.withPlan({ kind: 'localRelation', name: 'LogicalRDD', data, output: outputOf(this.plan), rddBacked: true });
  }

  /** Calls `f(row)` for every row (batch DataFrames). */
  foreach(f: (row: Row) => void): void {
    if (typeof f !== 'function') throw notExpectedType('f', 'function', f);
    for (const row of this.collect()) f(row);
  }

  /** Calls `f(rows)` once per partition with an iterator of its rows. */
  foreachPartition(f: (rows: Iterator<Row>) => void): void {
    if (typeof f !== 'function') throw notExpectedType('f', 'function', f);
    for (const part of this.partitionRows()) f(this.toRows(part)[Symbol.iterator]());
  }

  get writeStream(): DataStreamWriter {
    if (!this.isStreaming) {
      throw new AnalysisException('`writeStream` can be called only on streaming Dataset/DataFrame.', { errorClass: 'WRITE_STREAM_NOT_ALLOWED', sqlState: '42601' });
    }
    return new (dataStreamWriterModule().DataStreamWriter)(this);
  }

  /** The batch writer (`df.write.format(..).mode(..).save(path)`); refused on a streaming DataFrame, as in Spark. */
  get write(): DataFrameWriter {
    if (this.isStreaming) {
      throw new AnalysisException('The method `write` can not be called on streaming Dataset/DataFrame.', {
        errorClass: 'CALL_ON_STREAMING_DATASET_UNSUPPORTED',
        sqlState: '42KDE',
        messageParameters: { methodName: '`write`' },
      });
    }
    return new (dataFrameWriterModule().DataFrameWriter)(this);
  }

  // ---- actions (batch only) ----

  private executeRows(): unknown[][] {
    return runBatchPlan(this.session, this.plan);
  }

  /** The result rows in the engine's representation (arrays of values); for tools and tests. */
  collectInternalRows(): unknown[][] {
    return this.executeRows();
  }

  /** The rows as a user holds them (see docs/guides/value-types.md: LONG -> number, TIMESTAMP -> Timestamp...). */
  collect<T extends object = Record<string, unknown>>(): TypedRow<T>[] {
    return externalRowModule().toExternalRows(this.schema, this.executeRows(), externalRowModule().externalValueOptions((k) => this.session.confGet(k))) as TypedRow<T>[];
  }

  /** Internal: engine rows as the Rows collect() gives. */
  toRows<T extends object = Record<string, unknown>>(rows: readonly (readonly unknown[])[]): TypedRow<T>[] {
    return externalRowModule().toExternalRows(this.schema, rows as unknown[][], externalRowModule().externalValueOptions((k) => this.session.confGet(k))) as TypedRow<T>[];
  }

  /** PySpark's toLocalIterator: the collected rows, one at a time. */
  *toLocalIterator<T extends object = Record<string, unknown>>(): IterableIterator<TypedRow<T>> {
    yield* this.collect<T>();
  }

  count(): number {
    return this.executeRows().length;
  }

  take<T extends object = Record<string, unknown>>(n: number): TypedRow<T>[] {
    checkInt(n, 'num');
    return this.collect<T>().slice(0, n);
  }

  /** `head()` is the first row (or null), `head(n)` the first n rows, as PySpark's. */
  head<T extends object = Record<string, unknown>>(): TypedRow<T> | null;
  head<T extends object = Record<string, unknown>>(n: number): TypedRow<T>[];
  head<T extends object = Record<string, unknown>>(n?: number): TypedRow<T> | TypedRow<T>[] | null {
    if (n === undefined || n === null) return this.first<T>();
    return this.take<T>(n);
  }

  /** PySpark's tail(num): the last num rows. */
  tail<T extends object = Record<string, unknown>>(num: number): TypedRow<T>[] {
    checkInt(num, 'num');
    const rows = this.collect<T>();
    return num <= 0 ? [] : rows.slice(Math.max(0, rows.length - num));
  }

  first<T extends object = Record<string, unknown>>(): TypedRow<T> | null {
    return this.take<T>(1)[0] ?? null;
  }

  isEmpty(): boolean {
    return this.count() === 0;
  }

  show(n: number = 20, truncate: boolean | number = true, vertical = false): void {
    checkShowArguments(n, truncate, vertical);
    process.stdout.write(this.showString(n, truncate, vertical) + '\n');
  }

  /** The text `show()` prints, without its final newline. */
  showString(n: number = 20, truncate: boolean | number = true, vertical = false): string {
    checkShowArguments(n, truncate, vertical);
    const rows = this.executeRows();
    return showStringModule().showString(rows.slice(0, n + 1), this.schema, n, truncate, vertical, this.session.compileContext().timeZone);
  }

  /**
   * Prints the plan Spark would run, as PySpark's explain(extended=None, mode=None):
   * `explain()`, `explain(true)`, `explain('formatted')` or `explain({ mode: 'formatted' })`.
   */
  explain(extended?: boolean | string | ExplainOptions | null, mode?: string | ExplainOptions | null): void {
    process.stdout.write(this.explainString(extended, mode) + '\n');
  }

  /** The text explain() prints, without print()'s final newline. */
  explainString(extended?: boolean | string | ExplainOptions | null, mode?: string | ExplainOptions | null): string {
    const name = explainModeModule().explainModeName(extended, mode);
    const parsed = explainModeModule().parseExplainMode(name);
    return explainStringModule().explainText(this.plan, parsed, {
      numShufflePartitions: this.session.numShufflePartitions(),
      autoBroadcastJoinThreshold: explainStringModule().broadcastThreshold(this.session.confGet('spark.sql.autoBroadcastJoinThreshold')),
      adaptive: (this.session.confGet('spark.sql.adaptive.enabled') ?? 'true').toLowerCase() === 'true',
    });
  }

  /** `console.log(df)` shows what PySpark's repr shows: `DataFrame[word: string, count: bigint]`. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  toString(): string {
    return `DataFrame[${outputOf(this.plan).map((a) => `${a.name}: ${a.dataType.simpleString()}`).join(', ')}]`;
  }
}

/**
 * Runs a batch plan synchronously; streaming plans fail with Spark's error. `partitionIndex`: the
 * plan is one partition's work (what spark_partition_id() and the like read).
 */
function runBatchPlan(session: SessionContext, plan: LogicalPlan, partitionIndex = 0): unknown[][] {
  return prepareBatchPlan(session, plan, partitionIndex)();
}

/**
 * A batch plan checked and planned once, to be run many times (SQL subqueries run theirs once per
 * outer value); streaming plans fail with Spark's error.
 */
export function prepareBatchPlan(session: SessionContext, plan: LogicalPlan, partitionIndex = 0): () => unknown[][] {
  if (isStreamingPlan(plan)) throw unsupportedOperationCheckerModule().streamingActionError(plan);
  unsupportedOperationCheckerModule().checkBatchPlan(plan);
  // One timestamp for the whole query, as Spark's ComputeCurrentTime.
  const now = BigInt(Date.now()) * 1000n;
  // The input partition that spark_partition_id() & co. read (set by PartitionwiseExec).
  const compile = { ...session.compileContext(), currentTimestampMicros: () => now, partition: { index: partitionIndex } };
  const defaultParallelism = session.defaultParallelism();
  const localPartitioning = {
    defaultParallelism,
    of: (relation: LocalRelation) => partitionedRelationModule().relationPartitions(relation) ?? (relation.rddBacked ? parallelizeSlicesModule().parallelizeSlices(relation.data(), defaultParallelism) : undefined),
  };
  const physical = plannerModule().planPhysical(plan, { compile, numShufflePartitions: session.numShufflePartitions(), localPartitioning });
  return () => physical.execute({ sourceRows: [], batchId: 0, outputMode: 'append', stateMetrics: [] });
}

/** A view name of one part (TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS otherwise). */
function checkSinglePartViewName(name: string): void {
  if (parseMultipartIdentifier(name).length > 1) {
    throw new AnalysisException(`CREATE TEMPORARY VIEW or the corresponding Dataset APIs only accept single-part view names, but got: ${name}.`, {
      errorClass: 'TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS',
      sqlState: '428EK',
      messageParameters: { actualName: name },
    });
  }
}

function checkPositivePartitions(n: number): void {
  if (!Number.isInteger(n)) throw notExpectedType('numPartitions', 'int', n);
  if (n <= 0) throw new IllegalArgumentException(`requirement failed: Number of partitions (${n}) must be positive.`);
}

function checkDataFrame(value: unknown, argName: string): asserts value is DataFrame {
  if (!(value instanceof DataFrame)) throw notExpectedType(argName, 'DataFrame', value);
}

/** A trailing PySpark keyword-arguments object. */
function splitOptions<T extends object>(args: unknown[]): { positional: unknown[]; options: Partial<T> } {
  const last = args[args.length - 1];
  if (args.length > 0 && isPlainObject(last)) return { positional: args.slice(0, -1), options: last as Partial<T> };
  return { positional: args, options: {} };
}

/** Python's `type(x)` repr, for transform's assertion: `<class 'int'>`. */
function pyClassRepr(value: unknown): string {
  return `<class '${value === null || value === undefined ? 'NoneType' : pyTypeName(value)}'>`;
}

/** PySpark's `_show_string` checks: n an int (not a bool), vertical a bool, truncate a bool or an int. */
function checkShowArguments(n: unknown, truncate: unknown, vertical: unknown): void {
  if (typeof n !== 'number' || !Number.isInteger(n)) throw notExpectedType('n', 'int', n);
  checkBool(vertical, 'vertical');
  if (typeof truncate !== 'boolean' && !(typeof truncate === 'number' && Number.isFinite(truncate))) throw notExpectedType('truncate', 'bool', truncate);
}

/** Grouping columns: names, Columns or 1-based ordinals of `df`'s columns (PySpark's `_jcols_ordinal`). */
function groupingColumns(df: DataFrame, cols: readonly (ColumnOrNameOrOrdinal | readonly ColumnOrNameOrOrdinal[])[], argName = 'col'): UnresolvedExpression[] {
  return flattenArgs(cols).map((c) => columnArg(ordinalToColumn(c, df, false), argName));
}
