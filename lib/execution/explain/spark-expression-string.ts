// Spark's Expression.toString, the form expressions take in plan text: attributes with their
// expression ids (`v#12`, `count#13L` for longs), binary operators in parentheses, casts as
// `cast(v#12 as bigint)`, aliases as `(v#12 + 1) AS w#14`, aggregates with their mode prefix.
import type { Attribute, Expression } from '../../expressions/expression';
import { javaDoubleToString, javaFloatToString } from '../../types/pretty-value';

/**
 * Event-time attributes above their EventTimeWatermark carry Spark's `spark.watermarkDelayMs`
 * metadata, which their text shows as `-T<delay>ms`; the physical planner sets these while it
 * builds a plan's text (by expression id, from the watermark node up).
 */
let watermarkDelays: ReadonlyMap<number, number> = new Map();

export function withWatermarkDelays<T>(delays: ReadonlyMap<number, number>, body: () => T): T {
  const previous = watermarkDelays;
  watermarkDelays = delays;
  try {
    return body();
  } finally {
    watermarkDelays = previous;
  }
}

function delaySuffix(exprId: number): string {
  const delay = watermarkDelays.get(exprId);
  return delay === undefined ? '' : `-T${delay}ms`;
}

/** `name#id`, with Spark's `L` suffix for long attributes and `-T<delay>ms` for event times. */
export function attributeString(a: Pick<Attribute, 'name' | 'exprId' | 'dataType'>): string {
  return `${a.name}#${a.exprId}${a.dataType.typeName() === 'long' ? 'L' : ''}${delaySuffix(a.exprId)}`;
}

/** The aggregate's mode as Spark prefixes it: partial_count, merge_count, count. */
export type AggregateMode = 'partial' | 'merge' | 'final';

/** `attribute` overrides how attributes print (the parsed plan's unresolved `'k`). */
export function sparkExpressionString(e: Expression, aggregateMode: AggregateMode = 'final', attribute: (a: Attribute) => string = attributeString): string {
  const str = (x: Expression): string => sparkExpressionString(x, aggregateMode, attribute);
  switch (e.kind) {
    case 'attribute':
      return attribute(e);
    case 'literal':
      return literalString(e.value, e.dataType.typeName());
    case 'alias':
      return `${str(e.child)} AS ${attributeString(e)}`;
    case 'cast':
      // ConstantFolding: a cast literal is the literal of the target type.
      if (e.child.kind === 'literal' && isNumericLiteral(e.child.value) && NUMERIC_TYPES.has(e.dataType.typeName())) return literalString(e.child.value, e.dataType.typeName());
      return `cast(${str(e.child)} as ${e.dataType.simpleString()})`;
    case 'caseWhen': {
      const parts = e.branches.map((b) => ` WHEN ${str(b.condition)} THEN ${str(b.value)}`).join('');
      return `CASE${parts}${e.elseValue ? ` ELSE ${str(e.elseValue)}` : ''} END`;
    }
    case 'scalarCall': {
      const name = e.fn.name.toLowerCase();
      const args = e.args.map(str);
      if (name === 'and' || name === 'or') return `(${args[0]} ${name.toUpperCase()} ${args[1]})`;
      if (name === 'not') return `NOT ${args[0]}`;
      return e.fn.sql ? e.fn.sql(args) : `${e.fn.name}(${args.join(', ')})`;
    }
    case 'aggregateCall': {
      // Spark's aggregates take their input types as they are (sum(int) is sum(v#1)); Rivulet's
      // implicit widening casts are its own.
      const args = e.args.map((a) => str(a.kind === 'cast' && a.implicit ? a.child : a));
      const body = `${e.fn.name}(${e.distinct ? 'distinct ' : ''}${args.join(', ')})`;
      const prefixed = aggregateMode === 'partial' ? `partial_${body}` : aggregateMode === 'merge' ? `merge_${body}` : body;
      return e.filter ? `${prefixed} FILTER (WHERE ${str(e.filter)})` : prefixed;
    }
    case 'generatorCall':
      return `${e.fn.name}(${e.args.map(str).join(', ')})`;
    case 'lambdaVariable':
      return `lambda ${e.name}#${e.exprId}`;
    case 'lambdaFunction':
      return `lambdafunction(${[e.body, ...e.params].map(str).join(', ')})`;
  }
}

function literalString(value: unknown, typeName: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (typeName === 'double') return javaDoubleToString(value);
    if (typeName === 'float') return javaFloatToString(value);
  }
  return String(value);
}

const NUMERIC_TYPES = new Set(['byte', 'short', 'integer', 'long']);

function isNumericLiteral(v: unknown): boolean {
  return (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
}
