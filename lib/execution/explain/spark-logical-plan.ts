// Spark's logical plans as explain('extended') and explain('cost') print them: the parsed plan (the
// last operator's columns still unresolved, `'Project ['k]`), the analyzed plan (resolved, with
// expression ids) and the optimized plan (inferred `isnotnull` filters, no-op projections and
// subquery aliases gone), optionally with each node's size estimate (`Statistics(sizeInBytes=...)`).
// A micro-batch plan shows what Spark's MicroBatchExecution made of it: each file source became a
// `Relation [..] json` of the batch's files under a `~Project` re-aliasing its columns to the
// stream's, and `~` marks the nodes that process a stream.
// Only the operators below are modelled; for any other plan `sparkLogicalPlans` returns undefined
// and explain prints the analysed plan in Rivulet's own form.
import { newExprId, type Attribute, type Expression } from '../../expressions/expression';
import { childrenOf, outputOf, type LogicalPlan } from '../../plans/logical-plan';
import { defaultSize, estimatedSize } from '../join-strategy';
import { attributeString, sparkExpressionString } from './spark-expression-string';
import { filterBelowProject, withInferredNotNull } from './spark-physical-plan';

interface TextNode {
  line: string;
  children: TextNode[];
  output: readonly Attribute[];
  /** Spark's size estimate (SizeInBytesOnlyStatsPlanVisitor), for the cost mode. */
  sizeInBytes?: bigint;
}

export interface SparkLogicalPlans {
  parsed: string;
  analyzed: string;
  optimized: string;
  /** The optimized plan with `, Statistics(...)` on each line; undefined when a size is unknown. */
  optimizedWithStats: string | undefined;
}

export interface MicroBatchLogical {
  /** The sink's logical write nodes: `WriteToMicroBatchDataSource MemorySink` (analysed) and the optimized one. */
  analyzedWrite: string;
  optimizedWrite: string;
}

const MODELLED = new Set(['localRelation', 'streamingRelation', 'project', 'filter', 'subqueryAlias', 'union']);
const FILE_FORMATS = new Set(['json', 'csv', 'parquet', 'text', 'orc']);

function modelled(plan: LogicalPlan, microBatch: boolean): boolean {
  if (!MODELLED.has(plan.kind)) return false;
  if (plan.kind === 'streamingRelation' && (!microBatch || !FILE_FORMATS.has(plan.source.format))) return false;
  return childrenOf(plan).every((c) => modelled(c, microBatch));
}

function attrList(attrs: readonly Attribute[], sep = ', '): string {
  return attrs.map(attributeString).join(sep);
}

function expr(e: Expression): string {
  return sparkExpressionString(e);
}

function unresolved(e: Expression): string {
  return sparkExpressionString(e, 'final', (a) => `'${a.name}`);
}

function isStreaming(plan: LogicalPlan): boolean {
  return plan.kind === 'streamingRelation' || childrenOf(plan).some(isStreaming);
}

/** The plans' texts, or undefined when the plan holds an operator this module does not model. */
export function sparkLogicalPlans(plan: LogicalPlan, microBatch?: MicroBatchLogical): SparkLogicalPlans | undefined {
  if (microBatch === undefined && isStreaming(plan)) return undefined;
  if (!modelled(plan, microBatch !== undefined)) return undefined;
  let analyzed = analyzedNode(plan, microBatch !== undefined);
  let optimized = optimizedNode(plan);
  let parsed = analyzed;
  if (microBatch) {
    analyzed = { line: microBatch.analyzedWrite, children: [analyzed], output: [] };
    parsed = analyzed;
    optimized = { line: microBatch.optimizedWrite, children: [optimized], output: [] };
  } else {
    parsed = { ...analyzed, line: parsedLine(plan) ?? analyzed.line };
  }
  const schema = analyzed.output.length > 0 ? `${analyzed.output.map((a) => `${a.name}: ${a.dataType.simpleString()}`).join(', ')}\n` : '';
  return {
    parsed: render(parsed, false),
    analyzed: schema + render(analyzed, false),
    optimized: render(optimized, false),
    optimizedWithStats: hasSizes(optimized) ? render(optimized, true) : undefined,
  };
}

/** The Dataset's last operator, as it was before analysis: columns by name (`'k`). */
function parsedLine(plan: LogicalPlan): string | undefined {
  switch (plan.kind) {
    case 'project':
      return `'Project [${plan.projectList.map(unresolved).join(', ')}]`;
    case 'filter':
      return `'Filter ${unresolved(plan.condition)}`;
    default:
      return undefined;
  }
}

function analyzedNode(plan: LogicalPlan, microBatch: boolean): TextNode {
  const mark = microBatch && isStreaming(plan) ? '~' : '';
  const output = outputOf(plan);
  switch (plan.kind) {
    case 'streamingRelation': {
      // MicroBatchExecution: the batch's relation of fresh attributes, re-aliased to the stream's.
      const fresh = plan.output.map((a) => ({ ...a, exprId: newExprId() }));
      const relation: TextNode = { line: `Relation [${attrList(fresh, ',')}] ${plan.source.format}`, children: [], output: fresh };
      return { line: `~Project [${fresh.map((f, i) => `${attributeString(f)} AS ${attributeString(plan.output[i])}`).join(', ')}]`, children: [relation], output };
    }
    case 'localRelation':
      return relationNode(plan);
    case 'project':
      return { line: `${mark}Project [${plan.projectList.map(expr).join(', ')}]`, children: [analyzedNode(plan.child, microBatch)], output };
    case 'filter':
      return { line: `${mark}Filter ${expr(plan.condition)}`, children: [analyzedNode(plan.child, microBatch)], output };
    case 'subqueryAlias':
      return { line: `${mark}SubqueryAlias ${plan.alias}`, children: [analyzedNode(plan.child, microBatch)], output };
    case 'union':
      return { line: `${mark}Union false, false`, children: plan.children.map((c) => analyzedNode(c, microBatch)), output };
    default:
      throw new Error(`unmodelled logical operator ${plan.kind}`);
  }
}

function relationNode(plan: Extract<LogicalPlan, { kind: 'localRelation' }>): TextNode {
  if (plan.files) return { line: `Relation [${attrList(plan.output, ',')}] ${plan.files.format}`, children: [], output: plan.output, sizeInBytes: BigInt(plan.files.sizeInBytes) };
  if (plan.rddBacked) return { line: `LogicalRDD [${attrList(plan.output)}], false`, children: [], output: plan.output };
  return { line: `LocalRelation [${attrList(plan.output)}]`, children: [], output: plan.output, sizeInBytes: BigInt(estimatedSize(plan, plan.data().length)) };
}

function optimizedNode(plan: LogicalPlan): TextNode {
  const mark = isStreaming(plan) ? '~' : '';
  const output = outputOf(plan);
  switch (plan.kind) {
    case 'streamingRelation':
      // RemoveRedundantAliases took the re-aliasing projection away.
      return { line: `Relation [${attrList(plan.output, ',')}] ${plan.source.format}`, children: [], output: plan.output };
    case 'localRelation':
      return relationNode(plan);
    case 'subqueryAlias':
      return optimizedNode(plan.child);
    case 'project': {
      const child = optimizedNode(plan.child);
      // RemoveNoopOperators: a projection of its child's columns, in order.
      const noop = plan.projectList.length === child.output.length && plan.projectList.every((e, i) => e.kind === 'attribute' && e.exprId === child.output[i].exprId);
      if (noop) return child;
      return unary(`${mark}Project [${plan.projectList.map(expr).join(', ')}]`, child, output);
    }
    case 'filter': {
      // PushPredicateThroughNonJoin: a filter goes below a projection, reading its aliases' inputs.
      const pushed = filterBelowProject(plan);
      if (pushed) return optimizedNode(pushed);
      const child = optimizedNode(plan.child);
      const condition = withInferredNotNull(plan.condition).map(expr).reduce((a, b) => `(${a} AND ${b})`);
      return unary(`${mark}Filter ${condition}`, child, output);
    }
    case 'union': {
      const children = plan.children.map(optimizedNode);
      const sizes = children.map((c) => c.sizeInBytes);
      const total = sizes.every((s) => s !== undefined) ? sizes.reduce((a, b) => a! + b!, 0n) : undefined;
      return { line: `${mark}Union false, false`, children, output, sizeInBytes: total };
    }
    default:
      throw new Error(`unmodelled logical operator ${plan.kind}`);
  }
}

/** Spark's default unary estimate: the child's size scaled by the row widths, at least 1 byte. */
function unary(line: string, child: TextNode, output: readonly Attribute[]): TextNode {
  if (child.sizeInBytes === undefined) return { line, children: [child], output };
  const scaled = (child.sizeInBytes * rowSize(output)) / rowSize(child.output);
  return { line, children: [child], output, sizeInBytes: scaled === 0n ? 1n : scaled };
}

function rowSize(attrs: readonly Attribute[]): bigint {
  return BigInt(8 + attrs.reduce((n, a) => n + defaultSize(a.dataType), 0));
}

function hasSizes(n: TextNode): boolean {
  return n.sizeInBytes !== undefined && n.children.every(hasSizes);
}

function render(root: TextNode, statistics: boolean): string {
  const lines: string[] = [];
  const visit = (n: TextNode, prefix: string, childPrefix: string): void => {
    lines.push(`${prefix}${n.line}${statistics ? `, Statistics(sizeInBytes=${bytesToString(n.sizeInBytes!)})` : ''}`);
    n.children.forEach((c, i) => {
      const last = i === n.children.length - 1;
      visit(c, `${childPrefix}${last ? '+- ' : ':- '}`, `${childPrefix}${last ? '   ' : ':  '}`);
    });
  };
  visit(root, '', '');
  return lines.join('\n') + '\n';
}

const UNITS: [string, bigint][] = [['EiB', 1n << 60n], ['PiB', 1n << 50n], ['TiB', 1n << 40n], ['GiB', 1n << 30n], ['MiB', 1n << 20n], ['KiB', 1n << 10n]];

/** Spark's Utils.bytesToString: one decimal, the largest binary unit of which the size is at least 2. */
export function bytesToString(size: bigint): string {
  for (const [unit, bytes] of UNITS) {
    if (size >= 2n * bytes) return `${(Number(size) / Number(bytes)).toFixed(1)} ${unit}`;
  }
  return `${Number(size).toFixed(1)} B`;
}
