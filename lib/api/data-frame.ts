// pyspark.sql.DataFrame: an immutable handle on an analyzed logical plan. Transformations analyse
// eagerly (errors appear at the call, as in Spark) and return new DataFrames; actions run batch
// plans synchronously and refuse streaming plans with Spark's error.
import { StructType, StructField } from '../types/struct-type';
import { Row } from '../types/row';
import { AnalysisException } from '../errors/analysis-exception';
import { SparkException } from '../errors/spark-exception';
import type { UnresolvedExpression } from '../expressions/unresolved';
import { buildAggregate, buildFilter, buildProject } from '../analysis/plan-builder';
import { streamingActionError } from '../analysis/unsupported-operation-checker';
import { isStreamingPlan, outputOf, type LogicalPlan } from '../plans/logical-plan';
import { treeString } from '../plans/tree-string';
import { planPhysical } from '../execution/planner';
import { showString } from '../execution/show-string';
import { parseNamedExpression } from '../sql/parse';
import { Column, type ColumnOrName } from './column';
import { columnArg, flattenArgs, nameToExpr } from './column-args';
import type { SessionContext } from './session-context';
import { GroupedData } from './grouped-data';
import { DataStreamWriter } from './data-stream-writer';

export class DataFrame {
  constructor(
    readonly session: SessionContext,
    readonly plan: LogicalPlan,
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

  /** `df["name"]` / `df.name` in PySpark. */
  col(name: string): Column {
    return new Column(nameToExpr(name));
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
    return this.withPlan(buildAggregate(this.plan, grouping, aggregates, this.session.resolverContext(), true));
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

  // ---- actions (batch only) ----

  private executeRows(): unknown[][] {
    if (this.isStreaming) throw streamingActionError(this.plan);
    const physical = planPhysical(this.plan, { compile: this.session.compileContext(), numShufflePartitions: this.session.numShufflePartitions() });
    return physical.execute({ sourceRows: [], batchId: 0, outputMode: 'append', stateMetrics: [] });
  }

  collect(): Row[] {
    const names = this.columns;
    return this.executeRows().map((r) => Row.fromValues(names, r));
  }

  count(): number {
    return this.executeRows().length;
  }

  take(n: number): Row[] {
    return this.collect().slice(0, n);
  }

  head(n?: number): Row | Row[] | null {
    if (n === undefined) return this.first();
    return this.take(n);
  }

  first(): Row | null {
    return this.take(1)[0] ?? null;
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

  explain(extended = false): void {
    const text = treeString(this.plan);
    process.stdout.write(extended ? `== Analyzed Logical Plan ==\n${text}\n` : `== Physical Plan ==\n${text}\n`);
  }

  toString(): string {
    return `DataFrame[${outputOf(this.plan).map((a) => `${a.name}: ${a.dataType.simpleString()}`).join(', ')}]`;
  }
}
