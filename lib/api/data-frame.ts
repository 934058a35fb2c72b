// pyspark.sql.DataFrame: an immutable handle on an analyzed logical plan. Transformations analyse
// eagerly (errors appear at the call, as in Spark) and return new DataFrames; actions run batch
// plans synchronously and refuse streaming plans with Spark's error.
import { StructType, StructField } from '../types/struct-type';
import { Row } from '../types/row';
import { AnalysisException } from '../errors/analysis-exception';
import { SparkException } from '../errors/spark-exception';
import type { UnresolvedExpression } from '../expressions/unresolved';
import { buildAggregate, buildFilter, buildProject } from '../analysis/plan-builder';
import { timeWindowRewrite } from '../expressions/functions/datetime-window-rewrite';
import { ExpressionResolver } from '../analysis/expression-resolver';
import { checkBatchPlan, streamingActionError } from '../analysis/unsupported-operation-checker';
import { collectNodes, isStreamingPlan, outputOf, type LogicalPlan } from '../plans/logical-plan';
import { physicalTreeString } from '../execution/physical-tree-string';
import { treeString } from '../plans/tree-string';
import { planPhysical } from '../execution/planner';
import { showString } from '../execution/show-string';
import { parseNamedExpression } from '../sql/parse';
import { Column, type ColumnOrName } from './column';
import { columnArg, flattenArgs, nameToExpr } from './column-args';
import type { SessionContext } from './session-context';
import { GroupedData } from './grouped-data';
import { buildLimit, buildOffset, buildSort } from '../analysis/sort-builder';
import { alignByName, buildDistinct, buildSetOperation, buildUnion } from '../analysis/set-operation-builder';
import { buildJoin, buildUsingJoin, parseJoinType } from '../analysis/join-builder';
import { PySparkTypeError } from '../errors/illegal-argument-exception';
import { DataStreamWriter } from './data-stream-writer';
import { externalValueOptions, toExternalRows } from '../types/external-row';
import { DataFrameWriter } from './data-frame-writer';
import { buildEventTimeWatermark } from '../analysis/watermark-builder';

/**
 * A collected row typed by what the caller declares: `df.collect<{ word: string; count: number }>()`
 * gives rows whose `row.count + 1` needs no cast (the declaration is the caller's promise; README
 * "Values" says what each Spark type gives).
 */
export type TypedRow<T extends object> = Row & T;

export class DataFrame {
  constructor(
    readonly session: SessionContext,
    readonly plan: LogicalPlan,
    /** True for the result of a SQL command (CREATE VIEW, DROP VIEW...): Spark shows `struct<>`. */
    readonly isCommand = false,
  ) {}

  private withPlan(plan: LogicalPlan): DataFrame {
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

  /** `df["name"]` / `df.name` in PySpark: bound to this DataFrame's column, so it stays unambiguous in joins. */
  col(name: string): Column {
    const expr = nameToExpr(name);
    if (expr.kind !== 'column') return new Column(expr);
    const resolved = new ExpressionResolver(outputOf(this.plan), this.session.resolverContext()).resolve(expr);
    return new Column(resolved.kind === 'attribute' ? { ...expr, exprId: resolved.exprId } : expr);
  }

  select(...cols: (ColumnOrName | ColumnOrName[])[]): DataFrame {
    const items = flattenArgs(cols).map((c) => columnArg(c));
    return this.withPlan(buildProject(this.plan, items, this.session.resolverContext()));
  }

  selectExpr(...exprs: (string | string[])[]): DataFrame {
    const items = flattenArgs(exprs).map((e) => parseNamedExpression(e));
    return this.withPlan(buildProject(this.plan, items, this.session.resolverContext()));
  }

  filter(condition: Column | string): DataFrame {
    const cond: UnresolvedExpression = typeof condition === 'string' ? parseNamedExpression(condition) : condition.expr;
    return this.withPlan(buildFilter(this.plan, cond, this.session.resolverContext()));
  }

  where(condition: Column | string): DataFrame {
    return this.filter(condition);
  }

  withColumn(colName: string, col: Column): DataFrame {
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
    return this.withPlan(buildProject(this.plan, items, this.session.resolverContext()));
  }

  withColumnRenamed(existing: string, newName: string): DataFrame {
    const lower = existing.toLowerCase();
    if (!this.columns.some((n) => n.toLowerCase() === lower)) return this;
    const items: UnresolvedExpression[] = outputOf(this.plan).map((a) =>
      a.name.toLowerCase() === lower ? { kind: 'alias', child: { kind: 'column', nameParts: [a.name] }, names: [newName] } : { kind: 'column', nameParts: [a.name] },
    );
    return this.withPlan(buildProject(this.plan, items, this.session.resolverContext()));
  }

  drop(...cols: ColumnOrName[]): DataFrame {
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

  groupBy(...cols: (ColumnOrName | ColumnOrName[])[]): GroupedData {
    return new GroupedData(this, flattenArgs(cols).map((c) => columnArg(c)));
  }

  groupby(...cols: (ColumnOrName | ColumnOrName[])[]): GroupedData {
    return this.groupBy(...cols);
  }

  agg(...exprs: (Column | Column[])[]): DataFrame {
    return this.groupBy().agg(...exprs);
  }

  /** Internal: used by GroupedData. */
  aggregate(grouping: UnresolvedExpression[], aggregates: UnresolvedExpression[]): DataFrame {
    const ctx = this.session.resolverContext();
    // Spark's TimeWindowing: window(...) becomes a generated `window` column (sliding windows give several rows).
    const tw = timeWindowRewrite([...grouping, ...aggregates]);
    if (!tw) return this.withPlan(buildAggregate(this.plan, grouping, aggregates, ctx, true));
    const child = buildProject(this.plan, [{ kind: 'star' }, tw.generator], ctx);
    return this.withPlan(buildAggregate(child, grouping.map(tw.rewrite), aggregates.map(tw.rewrite), ctx, true));
  }

  /** `orderBy("a", col("b").desc())`, `orderBy(["a", "b"], { ascending: [true, false] })`. */
  orderBy(...args: (ColumnOrName | ColumnOrName[] | { ascending?: boolean | boolean[] })[]): DataFrame {
    let options: { ascending?: boolean | boolean[] } = {};
    const last = args[args.length - 1];
    if (last !== undefined && typeof last === 'object' && !(last instanceof Column) && !Array.isArray(last)) {
      options = last as { ascending?: boolean | boolean[] };
      args = args.slice(0, -1);
    }
    const cols = flattenArgs(args as (ColumnOrName | ColumnOrName[])[]);
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
    return this.withPlan(buildSort(this.plan, items, this.session.resolverContext()));
  }

  sort(...args: (ColumnOrName | ColumnOrName[] | { ascending?: boolean | boolean[] })[]): DataFrame {
    return this.orderBy(...args);
  }

  limit(num: number): DataFrame {
    return this.withPlan(buildLimit(this.plan, num));
  }

  offset(num: number): DataFrame {
    return this.withPlan(buildOffset(this.plan, num));
  }

  distinct(): DataFrame {
    return this.withPlan(buildDistinct(this.plan));
  }

  /** Keeps the first row per distinct value of `subset` (all columns when omitted). */
  dropDuplicates(subset?: string[]): DataFrame {
    if (!subset) return this.distinct();
    const output = outputOf(this.plan);
    const keys = subset.map((name) => {
      const a = output.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!a) throw new AnalysisException(`Cannot resolve column name "${name}" among (${output.map((x) => x.name).join(', ')}).`, { errorClass: 'UNRESOLVED_COLUMN_AMONG_FIELD_NAMES', sqlState: '42703' });
      return a;
    });
    return this.withPlan(buildDistinct(this.plan, keys));
  }

  drop_duplicates(subset?: string[]): DataFrame {
    return this.dropDuplicates(subset);
  }

  /**
   * Streaming only: drops rows whose `subset` key was seen within the watermark delay (the event
   * time is not part of the key); needs withWatermark upstream.
   */
  dropDuplicatesWithinWatermark(subset?: string[]): DataFrame {
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
    if (typeof eventTime !== 'string' || eventTime.length === 0) {
      throw new PySparkTypeError('NOT_STR', `Argument \`eventTime\` should be a str, got ${pythonTypeName(eventTime)}.`, { arg_name: 'eventTime', arg_type: pythonTypeName(eventTime) });
    }
    if (typeof delayThreshold !== 'string' || delayThreshold.length === 0) {
      throw new PySparkTypeError('NOT_STR', `Argument \`delayThreshold\` should be a str, got ${pythonTypeName(delayThreshold)}.`, { arg_name: 'delayThreshold', arg_type: pythonTypeName(delayThreshold) });
    }
    return this.withPlan(buildEventTimeWatermark(this.plan, nameToExpr(eventTime), delayThreshold, this.session.resolverContext()));
  }

  /** UNION ALL by column position (PySpark's union/unionAll keep duplicates). */
  union(other: DataFrame): DataFrame {
    return this.withPlan(buildUnion([this.plan, other.plan]));
  }

  unionAll(other: DataFrame): DataFrame {
    return this.union(other);
  }

  unionByName(other: DataFrame, allowMissingColumns = false): DataFrame {
    const [l, r] = alignByName(this.plan, other.plan, allowMissingColumns);
    return this.withPlan(buildUnion([l, r]));
  }

  intersect(other: DataFrame): DataFrame {
    return this.withPlan(buildSetOperation('intersect', false, this.plan, other.plan));
  }

  intersectAll(other: DataFrame): DataFrame {
    return this.withPlan(buildSetOperation('intersect', true, this.plan, other.plan));
  }

  /** EXCEPT DISTINCT. */
  subtract(other: DataFrame): DataFrame {
    return this.withPlan(buildSetOperation('except', false, this.plan, other.plan));
  }

  exceptAll(other: DataFrame): DataFrame {
    return this.withPlan(buildSetOperation('except', true, this.plan, other.plan));
  }

  /**
   * `join(other)`, `join(other, "key")`, `join(other, ["k1", "k2"], "left")`,
   * `join(other, df.col("a").eq(other.col("b")), "left_outer")`.
   */
  join(other: DataFrame, on?: string | string[] | Column, how = 'inner'): DataFrame {
    const joinType = parseJoinType(how);
    const ctx = this.session.resolverContext();
    if (typeof on === 'string' || Array.isArray(on)) {
      return this.withPlan(buildUsingJoin(this.plan, other.plan, joinType, typeof on === 'string' ? [on] : on, ctx));
    }
    return this.withPlan(buildJoin(this.plan, other.plan, on === undefined && joinType === 'inner' ? 'inner' : joinType, on?.expr, ctx));
  }

  crossJoin(other: DataFrame): DataFrame {
    return this.withPlan(buildJoin(this.plan, other.plan, 'cross', undefined, this.session.resolverContext()));
  }

  alias(name: string): DataFrame {
    return this.withPlan({ kind: 'subqueryAlias', alias: name, child: this.plan });
  }

  createOrReplaceTempView(name: string): void {
    this.session.registerTempView(name, { kind: 'subqueryAlias', alias: name, child: this.plan });
  }

  createTempView(name: string): void {
    if (this.session.lookupTempView(name)) {
      throw new AnalysisException(`Cannot create the temporary view \`${name}\` because it already exists.\nChoose a different name, drop or replace the existing view,  or add the IF NOT EXISTS clause to tolerate pre-existing views.`, {
        errorClass: 'TEMP_TABLE_OR_VIEW_ALREADY_EXISTS',
        sqlState: '42P07',
        messageParameters: { relationName: `\`${name}\`` },
      });
    }
    this.createOrReplaceTempView(name);
  }

  get writeStream(): DataStreamWriter {
    if (!this.isStreaming) {
      throw new SparkException('`writeStream` can be called only on streaming Dataset/DataFrame.', { errorClass: 'WRITE_STREAM_NOT_ALLOWED', sqlState: '42601' });
    }
    return new DataStreamWriter(this);
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
    return new DataFrameWriter(this);
  }

  // ---- actions (batch only) ----

  private executeRows(): unknown[][] {
    if (this.isStreaming) throw streamingActionError(this.plan);
    checkBatchPlan(this.plan);
    // One timestamp for the whole query, as Spark's ComputeCurrentTime.
    const now = BigInt(Date.now()) * 1000n;
    const compile = { ...this.session.compileContext(), currentTimestampMicros: () => now };
    const physical = planPhysical(this.plan, { compile, numShufflePartitions: this.session.numShufflePartitions() });
    return physical.execute({ sourceRows: [], batchId: 0, outputMode: 'append', stateMetrics: [] });
  }

  /** The result rows in the engine's representation (arrays of values); for tools and tests. */
  collectInternalRows(): unknown[][] {
    return this.executeRows();
  }

  /** The rows as a user holds them (see README "Values": LONG -> number, TIMESTAMP -> Timestamp...). */
  collect<T extends object = Record<string, unknown>>(): TypedRow<T>[] {
    return toExternalRows(this.schema, this.executeRows(), externalValueOptions((k) => this.session.confGet(k))) as TypedRow<T>[];
  }

  /** PySpark's toLocalIterator: the collected rows, one at a time. */
  *toLocalIterator<T extends object = Record<string, unknown>>(): IterableIterator<TypedRow<T>> {
    yield* this.collect<T>();
  }

  count(): number {
    return this.executeRows().length;
  }

  take<T extends object = Record<string, unknown>>(n: number): TypedRow<T>[] {
    return this.collect<T>().slice(0, n);
  }

  head(n?: number): Row | Row[] | null {
    if (n === undefined) return this.first();
    return this.take(n);
  }

  first<T extends object = Record<string, unknown>>(): TypedRow<T> | null {
    return this.take<T>(1)[0] ?? null;
  }

  isEmpty(): boolean {
    return this.count() === 0;
  }

  show(n: number = 20, truncate: boolean | number = true, vertical = false): void {
    process.stdout.write(this.showString(n, truncate, vertical) + '\n');
  }

  /** The text `show()` prints, without its final newline. */
  showString(n: number = 20, truncate: boolean | number = true, vertical = false): string {
    const rows = this.executeRows();
    return showString(rows.slice(0, n + 1), this.schema, n, truncate, vertical, this.session.compileContext().timeZone);
  }

  /** Prints the physical plan; `extended` adds the analysed logical plan first, as Spark does. */
  explain(extended = false): void {
    const relations = [...new Set(collectNodes(this.plan, 'streamingRelation'))];
    const physical = planPhysical(this.plan, { compile: this.session.compileContext(), numShufflePartitions: this.session.numShufflePartitions(), streamingRelations: relations });
    const physicalText = `== Physical Plan ==\n${physicalTreeString(physical)}`;
    process.stdout.write(extended ? `== Analyzed Logical Plan ==\n${treeString(this.plan)}\n${physicalText}\n` : `${physicalText}\n`);
  }

  /** `console.log(df)` shows what PySpark's repr shows: `DataFrame[word: string, count: bigint]`. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  toString(): string {
    return `DataFrame[${outputOf(this.plan).map((a) => `${a.name}: ${a.dataType.simpleString()}`).join(', ')}]`;
  }
}

/** The Python type name PySpark's argument errors print. */
function pythonTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}
