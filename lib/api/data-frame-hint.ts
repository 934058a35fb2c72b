// DataFrame.hint(name, ...parameters): PySpark's argument checks, then Spark's ResolveHints.
// Join strategy hints (BROADCAST, MERGE, SHUFFLE_HASH, SHUFFLE_REPLICATE_NL and their aliases) are
// accepted and leave the plan as it is (Rivulet's join strategy follows Spark's statistics, not
// hints: docs/guides/pyspark-api-coverage.md). Partitioning hints become the DataFrame methods
// Spark turns them into (COALESCE -> coalesce, REPARTITION -> repartition, REPARTITION_BY_RANGE ->
// repartitionByRange; REBALANCE changes nothing here). Any other name is dropped with Spark's
// warning "Unrecognized hint: name(params)".
import { AnalysisException } from '../errors/analysis-exception';
import { PySparkTypeError } from '../errors/illegal-argument-exception';
import { Logger } from '../util/logger';
import { notExpectedType } from './argument-checks';
import { Column, pyTypeName } from './column';
import type { DataFrame } from './data-frame';

const log = new Logger('HintErrorLogger');

const JOIN_HINTS = new Set(['broadcast', 'broadcastjoin', 'mapjoin', 'shuffle_merge', 'merge', 'mergejoin', 'shuffle_hash', 'shuffle_replicate_nl']);
const ALLOWED_TYPES = 'str, float, int, Column, list[str], list[float], list[int]';

function isPrimitive(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint';
}

function disallowed(containerType: string, itemType: string): PySparkTypeError {
  return new PySparkTypeError(
    'DISALLOWED_TYPE_FOR_CONTAINER',
    `Argument \`parameters\`(type: ${containerType}) should only contain a type in [${ALLOWED_TYPES}], got ${itemType}`,
    { arg_name: 'parameters', arg_type: containerType, allowed_types: ALLOWED_TYPES, item_type: itemType },
  );
}

/** A hint parameter as Spark prints it in "Unrecognized hint: name(1, a)". */
function parameterText(p: unknown): string {
  if (p instanceof Column) return p.toString().replace(/^Column<'(.*)'>$/, '$1');
  if (Array.isArray(p)) return `[${p.map(parameterText).join(', ')}]`;
  return String(p);
}

export function applyHint(df: DataFrame, name: unknown, parameters: unknown[]): DataFrame {
  let params = parameters;
  let containerType = 'tuple';
  if (params.length === 1 && Array.isArray(params[0])) {
    params = params[0] as unknown[];
    containerType = 'list';
  }
  if (typeof name !== 'string') throw notExpectedType('name', 'str', name);
  for (const p of params) {
    if (!(isPrimitive(p) || p instanceof Column || Array.isArray(p))) throw disallowed(containerType, pyTypeName(p));
    if (Array.isArray(p) && !p.every(isPrimitive)) throw disallowed(containerType, `list[${pyTypeName(p[0])}]`);
  }
  const hintName = name.toUpperCase();
  const lower = name.toLowerCase();
  if (JOIN_HINTS.has(lower)) {
    // Parameters name the relations the hint applies to: identifiers or strings.
    const literal = params.find((p) => typeof p === 'number' || typeof p === 'bigint');
    if (literal !== undefined) {
      throw new AnalysisException(`Join strategy hint parameter should be an identifier or string but was "${String(literal)}" (class org.apache.spark.sql.catalyst.expressions.Literal).`, {
        errorClass: '_LEGACY_ERROR_TEMP_1046',
        messageParameters: { unsupported: `"${String(literal)}"`, class: 'class org.apache.spark.sql.catalyst.expressions.Literal' },
      });
    }
    return df;
  }
  const isInt = (p: unknown): p is number => (typeof p === 'number' && Number.isInteger(p)) || typeof p === 'bigint';
  switch (lower) {
    case 'coalesce':
      if (params.length !== 1 || !isInt(params[0])) {
        throw new AnalysisException(`${hintName} Hint expects a partition number as a parameter.`, { errorClass: '_LEGACY_ERROR_TEMP_1048', messageParameters: { hintName } });
      }
      return df.coalesce(Number(params[0]));
    case 'repartition':
    case 'repartition_by_range': {
      const [first, ...rest] = params;
      const numPartitions = isInt(first) ? Number(first) : undefined;
      const exprs = numPartitions === undefined ? params : rest;
      const invalid = exprs.filter((e) => typeof e !== 'string' && !(e instanceof Column));
      if (invalid.length > 0) {
        const invalidParams = invalid.map(parameterText).join(', ');
        throw new AnalysisException(`${hintName} Hint parameters should include an optional integral partitionNum and/or columns, but ${invalidParams} can not be recognized as either partitionNum or columns.`, {
          errorClass: '_LEGACY_ERROR_TEMP_1047',
          messageParameters: { hintName, invalidParams },
        });
      }
      const cols = exprs as (string | Column)[];
      if (numPartitions === undefined && cols.length === 0) return df;
      if (lower === 'repartition') return numPartitions === undefined ? df.repartition(cols[0], ...cols.slice(1)) : df.repartition(numPartitions, ...cols);
      return numPartitions === undefined ? df.repartitionByRange(cols[0], ...cols.slice(1)) : df.repartitionByRange(numPartitions, ...cols);
    }
    case 'rebalance':
      return df;
    default:
      log.warn(`Unrecognized hint: ${name}(${params.map(parameterText).join(', ')})`);
      return df;
  }
}
