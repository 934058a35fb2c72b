// describe() / summary(): one aggregation over the chosen columns, reshaped into one row per
// statistic with every value as a string, as Spark's StatFunctions.summary does. Numeric and string
// columns take part when no columns are named; strings have no mean/stddev unless they hold numbers,
// and no percentiles.
import { AnalysisException } from '../errors/analysis-exception';
import { call, literal, type UnresolvedExpression } from '../expressions/unresolved';
import { DataTypes, type DataType } from '../types/data-types';
import { Column } from './column';
import type { DataFrame } from './data-frame';

const NUMERIC = new Set(['byte', 'short', 'integer', 'long', 'float', 'double']);

function isNumeric(t: DataType): boolean {
  return NUMERIC.has(t.typeName()) || t.typeName().startsWith('decimal');
}

function asString(e: UnresolvedExpression): UnresolvedExpression {
  return { kind: 'cast', child: e, dataType: DataTypes.StringType, tryCast: false };
}

function unrecognised(stat: string): AnalysisException {
  return new AnalysisException(
    `The statistic ${stat} is not recognized. Valid statistics include \`count\`, \`count_distinct\`, \`approx_count_distinct\`, \`mean\`, \`stddev\`, \`min\`, \`max\`, and percentile values. Percentile must be a numeric value followed by '%', within the range 0% to 100%.`,
    { errorClass: 'UNRECOGNIZED_STATISTIC', sqlState: '42704', messageParameters: { stats: stat } },
  );
}

/** The aggregate giving `stat` of column `c` as a string, or null where Spark gives null. */
function statExpr(stat: string, name: string, t: DataType): UnresolvedExpression | null {
  const c: UnresolvedExpression = { kind: 'column', nameParts: [name] };
  const numericInput: UnresolvedExpression = isNumeric(t) ? c : { kind: 'cast', child: c, dataType: DataTypes.DoubleType, tryCast: true };
  switch (stat) {
    case 'count':
      return asString(call('count', [c]));
    case 'mean':
      return asString(call('avg', [numericInput]));
    case 'stddev':
      return asString(call('stddev', [numericInput]));
    case 'min':
    case 'max':
      return asString(call(stat, [c]));
    case 'count_distinct':
      return asString(call('count', [c], { distinct: true }));
    case 'approx_count_distinct':
      return asString(call('approx_count_distinct', [c]));
  }
  const p = percentile(stat);
  if (p === undefined) throw unrecognised(stat);
  return isNumeric(t) ? asString(call('percentile_approx', [c, literal(p, DataTypes.DoubleType), literal(10000, DataTypes.IntegerType)])) : null;
}

function percentile(stat: string): number | undefined {
  if (!/^\d+(\.\d+)?%$/.test(stat)) return undefined;
  const p = Number(stat.slice(0, -1)) / 100;
  return p >= 0 && p <= 1 ? p : undefined;
}

/**
 * The column names and the rows (`[statistic, value per column...]`); `runAggregate` evaluates the
 * aggregate columns over the DataFrame and returns its single row.
 */
export function summaryRows(
  df: DataFrame,
  statistics: readonly string[],
  cols: readonly string[],
  runAggregate: (aggs: Column[]) => readonly unknown[],
): { names: string[]; rows: unknown[][] } {
  const fields = cols.length > 0
    ? cols.map((n) => {
        const f = df.schema.fields.find((x) => x.name.toLowerCase() === n.toLowerCase());
        if (!f) df.select(n);
        return f!;
      })
    : df.schema.fields.filter((f) => isNumeric(f.dataType) || f.dataType.typeName() === 'string');
  const cells: (UnresolvedExpression | null)[][] = statistics.map((s) => fields.map((f) => statExpr(s, f.name, f.dataType)));
  const aggs: Column[] = [];
  const slots = cells.map((row) => row.map((e) => (e === null ? -1 : aggs.push(new Column(e)) - 1)));
  const values = aggs.length > 0 ? runAggregate(aggs) : [];
  const rows = statistics.map((s, i) => [s, ...slots[i].map((slot) => (slot < 0 ? null : values[slot]))]);
  return { names: fields.map((f) => f.name), rows };
}
