// Analyzed logical plans. DataFrames hold these; every node's output attributes are known, and
// expressions inside are resolved. Streaming is a property of the leaves.
import type { StructType } from '../types/struct-type';
import type { GroupStateApi, GroupStateTimeoutKind } from './group-state-timeout';
import { toAttribute, type Attribute, type Expression, type GeneratorCall, type NamedExpression } from '../expressions/expression';

/** Where a streaming relation reads from; a Source instance is created per query run. */
export interface SourceDescriptor {
  format: string;
  options: ReadonlyMap<string, string>;
  schema: StructType;
  /** DataStreamReader.name(): the source's checkpoint folder name (sources/<name>) instead of its index. */
  name?: string;
  /**
   * What the source reads from, held by the plan for as long as a DataFrame over it lives
   * (MemoryStream's rows: its registry by id holds them only weakly, so they go with the last
   * DataFrame, query and MemoryStream that use them).
   */
  keepAlive?: object;
}

export interface StreamingRelation {
  kind: 'streamingRelation';
  source: SourceDescriptor;
  output: Attribute[];
}

/** Rows held in memory (createDataFrame, memory-sink tables); `data` is read at execution. */
export interface LocalRelation {
  kind: 'localRelation';
  data: () => readonly (readonly unknown[])[];
  output: Attribute[];
  /** For explain/treeString. */
  name: string;
  /**
   * PySpark's createDataFrame of local data is an RDD-backed relation (`Scan ExistingRDD`) that
   * Spark sizes as unknown, so it is never broadcast in a join (see join-strategy.ts).
   */
  rddBacked?: boolean;
  /** A batch file read (spark.read.json(...)): what explain() prints as Spark's FileScan. */
  files?: { format: string; rootPaths: string[]; paths: string[]; sizeInBytes: number };
}

export interface Project {
  kind: 'project';
  projectList: (NamedExpression | Attribute)[];
  child: LogicalPlan;
}

export interface Filter {
  kind: 'filter';
  condition: Expression;
  child: LogicalPlan;
  /** Set on the filter DataFrame.sample/randomSplit build (Spark's Sample, refused on streams). */
  sample?: true;
}

/** Spark's Generate: keeps the child's columns and appends the generator's. */
export interface Generate {
  kind: 'generate';
  generator: GeneratorCall;
  outer: boolean;
  generatorOutput: Attribute[];
  child: LogicalPlan;
}

export interface Aggregate {
  kind: 'aggregate';
  groupingExpressions: Expression[];
  aggregateExpressions: (NamedExpression | Attribute)[];
  child: LogicalPlan;
}

export interface SubqueryAlias {
  kind: 'subqueryAlias';
  alias: string;
  child: LogicalPlan;
}

export interface SortOrder {
  child: Expression;
  ascending: boolean;
  nullsFirst: boolean;
}

export interface Sort {
  kind: 'sort';
  orders: SortOrder[];
  child: LogicalPlan;
}

export interface Limit {
  kind: 'limit';
  limit: number;
  child: LogicalPlan;
}

export interface Offset {
  kind: 'offset';
  offset: number;
  child: LogicalPlan;
}

/** UNION ALL by position; UNION DISTINCT is a Deduplicate over it, as Spark rewrites it. */
export interface Union {
  kind: 'union';
  children: LogicalPlan[];
  /** The output: the first child's names with nullability merged across children. */
  output: Attribute[];
}

/**
 * df.observe(name, ...metrics): rows pass through unchanged; the aggregate `metrics` are computed
 * over the rows of each execution (each micro-batch in a stream) and reported under `name`
 * (Spark's CollectMetrics). `report` delivers a batch query's result to its Observation.
 */
export interface CollectMetrics {
  kind: 'collectMetrics';
  name: string;
  metrics: NamedExpression[];
  child: LogicalPlan;
  report?: (values: unknown[]) => void;
}

/** Keeps the first row of each group of equal `keys` (distinct, dropDuplicates). */
export interface Deduplicate {
  kind: 'deduplicate';
  keys: Attribute[];
  child: LogicalPlan;
  /** dropDuplicatesWithinWatermark (Spark's DeduplicateWithinWatermark): streaming only. */
  withinWatermark?: boolean;
}

/** EXCEPT / INTERSECT [ALL]; rows compare null-safely, as Spark's set operations do. */
export interface SetOperation {
  kind: 'except' | 'intersect';
  isAll: boolean;
  left: LogicalPlan;
  right: LogicalPlan;
}

export type JoinType = 'inner' | 'cross' | 'left_outer' | 'right_outer' | 'full_outer' | 'left_semi' | 'left_anti';

export interface Join {
  kind: 'join';
  joinType: JoinType;
  condition: Expression | undefined;
  left: LogicalPlan;
  right: LogicalPlan;
}

/**
 * `withWatermark(eventTime, delay)`: marks `eventTime` as the event-time column with a watermark
 * delay (Spark's `spark.watermarkDelayMs` metadata, see event-time.ts); rows pass through.
 */
export interface EventTimeWatermark {
  kind: 'eventTimeWatermark';
  eventTime: Attribute;
  delayMs: number;
  /** The delay as Spark prints it in plans (`10 minutes`). */
  delayText: string;
  child: LogicalPlan;
}

/**
 * Spark's Expand (GROUPING SETS, ROLLUP, CUBE): every input row becomes one row per projection;
 * `output` is the child's columns, then one column per grouping expression, then spark_grouping_id.
 */
export interface Expand {
  kind: 'expand';
  projections: Expression[][];
  output: Attribute[];
  child: LogicalPlan;
}

/**
 * The user's per-key function of [flat]MapGroupsWithState / applyInPandasWithState, adapted by
 * the API to engine values: grouping values and the group's rows in, output rows out.
 */
export type GroupStateFunction = (key: readonly unknown[], rows: readonly (readonly unknown[])[], state: unknown) => unknown[][];

/** Spark's FlatMapGroupsWithState (and FlatMapGroupsInPandasWithState): per-key user state. */
export interface FlatMapGroupsWithState {
  kind: 'flatMapGroupsWithState';
  api: GroupStateApi;
  func: GroupStateFunction;
  /** For plans: the function's name. */
  funcName: string;
  groupingAttributes: Attribute[];
  output: Attribute[];
  /** applyInPandasWithState's state schema; undefined for the JS-valued Scala-shaped API. */
  stateType: StructType | undefined;
  /** The function's output mode (mapGroupsWithState: update). */
  outputMode: 'append' | 'update';
  timeout: GroupStateTimeoutKind;
  child: LogicalPlan;
  /**
   * Scala's initialState (a grouped batch DataFrame): its plan, its grouping columns and how one
   * of its rows becomes the key's first state value (set up by the API).
   */
  initialState?: { plan: LogicalPlan; groupingAttributes: Attribute[]; stateValue: (row: readonly unknown[]) => unknown };
}

/**
 * Spark's TransformWithState (transformWithState / transformWithStateInPandas): a StatefulProcessor
 * per key with its state variables and timers. `processor` and `adapter` are the execution
 * layer's StatefulProcessor and TransformWithStateAdapter (opaque here: plans sit below execution).
 */
export interface TransformWithState {
  kind: 'transformWithState';
  api: 'transformWithState' | 'transformWithStateInPandas';
  processor: unknown;
  adapter: unknown;
  /** For plans: the processor's class name. */
  processorName: string;
  groupingAttributes: Attribute[];
  output: Attribute[];
  /** Complete is refused when the query starts (UnsupportedOperationChecker). */
  outputMode: 'append' | 'update' | 'complete';
  timeMode: 'None' | 'ProcessingTime' | 'EventTime';
  /** The grouped initial state (a batch DataFrame) and its grouping columns. */
  initialState?: { plan: LogicalPlan; groupingAttributes: Attribute[] };
  child: LogicalPlan;
}

/** One window function of a Window node: its output column and how it is computed. */
export interface WindowFunctionSpec {
  output: Attribute;
  /** row_number, rank, dense_rank, percent_rank, cume_dist, ntile, lag, lead, nth_value, or an aggregate. */
  function: { kind: 'ranking'; name: string; args: Expression[] } | { kind: 'offset'; name: 'lag' | 'lead'; input: Expression; offset: number; default: Expression; ignoreNulls: boolean } | { kind: 'aggregate'; call: Expression };
  partitionBy: Expression[];
  orderBy: SortOrder[];
  frame: { type: 'rows' | 'range'; lower: number | null; upper: number | null };
  /** How the call prints in plans. */
  sql: string;
  /** The select item's name (its alias), for messages. */
  columnName?: string;
}

/** Spark's Window: the child's columns plus one column per window function. */
export interface Window {
  kind: 'window';
  functions: WindowFunctionSpec[];
  child: LogicalPlan;
}

export type LogicalPlan =
  | FlatMapGroupsWithState
  | TransformWithState
  | Window
  | Expand
  | EventTimeWatermark
  | StreamingRelation
  | LocalRelation
  | Project
  | Filter
  | Generate
  | Aggregate
  | SubqueryAlias
  | Sort
  | Limit
  | Offset
  | Union
  | Deduplicate
  | CollectMetrics
  | SetOperation
  | Join;

export function outputOf(plan: LogicalPlan): Attribute[] {
  switch (plan.kind) {
    case 'streamingRelation':
    case 'localRelation':
      return plan.output;
    case 'project':
    case 'aggregate': {
      const list = plan.kind === 'project' ? plan.projectList : plan.aggregateExpressions;
      return list.map(toAttribute);
    }
    case 'filter':
    case 'sort':
    case 'limit':
    case 'offset':
    case 'deduplicate':
    case 'collectMetrics':
    case 'eventTimeWatermark':
      return outputOf(plan.child);
    case 'union':
    case 'expand':
    case 'flatMapGroupsWithState':
    case 'transformWithState':
      return plan.output;
    case 'except':
    case 'intersect':
      return outputOf(plan.left);
    case 'join':
      return joinOutput(plan.joinType, outputOf(plan.left), outputOf(plan.right));
    case 'generate':
      return [...outputOf(plan.child), ...plan.generatorOutput];
    case 'window':
      return [...outputOf(plan.child), ...plan.functions.map((f) => f.output)];
    case 'subqueryAlias':
      return outputOf(plan.child).map((a) => ({ ...a, qualifier: [plan.alias] }));
  }
}

export function joinOutput(joinType: JoinType, left: Attribute[], right: Attribute[]): Attribute[] {
  const nullable = (attrs: Attribute[]) => attrs.map((a) => (a.nullable ? a : { ...a, nullable: true }));
  switch (joinType) {
    case 'left_semi':
    case 'left_anti':
      return left;
    case 'left_outer':
      return [...left, ...nullable(right)];
    case 'right_outer':
      return [...nullable(left), ...right];
    case 'full_outer':
      return [...nullable(left), ...nullable(right)];
    case 'inner':
    case 'cross':
      return [...left, ...right];
  }
}

export function childrenOf(plan: LogicalPlan): LogicalPlan[] {
  switch (plan.kind) {
    case 'streamingRelation':
    case 'localRelation':
      return [];
    case 'project':
    case 'filter':
    case 'generate':
    case 'aggregate':
    case 'subqueryAlias':
    case 'sort':
    case 'limit':
    case 'offset':
    case 'deduplicate':
    case 'collectMetrics':
    case 'eventTimeWatermark':
    case 'expand':
    case 'window':
      return [plan.child];
    case 'flatMapGroupsWithState':
    case 'transformWithState':
      return plan.initialState ? [plan.child, plan.initialState.plan] : [plan.child];
    case 'union':
      return plan.children;
    case 'except':
    case 'intersect':
    case 'join':
      return [plan.left, plan.right];
  }
}

export function isStreamingPlan(plan: LogicalPlan): boolean {
  if (plan.kind === 'streamingRelation') return true;
  return childrenOf(plan).some(isStreamingPlan);
}

export function collectNodes<K extends LogicalPlan['kind']>(plan: LogicalPlan, kind: K): Extract<LogicalPlan, { kind: K }>[] {
  const out: Extract<LogicalPlan, { kind: K }>[] = [];
  const visit = (p: LogicalPlan): void => {
    if (p.kind === kind) out.push(p as Extract<LogicalPlan, { kind: K }>);
    childrenOf(p).forEach(visit);
  };
  visit(plan);
  return out;
}
