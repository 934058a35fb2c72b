// DataFrame.transpose (PySpark 4.0+), as Spark's ResolveTranspose: the index column's values (not
// null, sorted, as text) become the columns; each other column becomes a row named in `key`,
// its values cast to the columns' least common type. Computed when called, from the collected rows.
import { AnalysisException } from '../errors/analysis-exception';
import { attribute } from '../expressions/expression';
import { ArrayType, DataTypes, MapType, type DataType } from '../types/data-types';
import { StructType } from '../types/struct-type';
import { scalaTypeString } from '../types/scala-type-string';
import { outputOf } from '../plans/logical-plan';
import { Column, type ColumnOrName } from './column';
import type { DataFrame } from './data-frame';
import { checkColumnOrStr } from './argument-checks';
import { lazy } from '../util/lazy';

const unpivotBuilderModule = lazy(() => require('../analysis/unpivot-builder') as typeof import('../analysis/unpivot-builder'));
const checkerModule = lazy(() => require('../analysis/unsupported-operation-checker') as typeof import('../analysis/unsupported-operation-checker'));

/** Spark's spark.sql.transposeMaxValues default. */
const DEFAULT_MAX_VALUES = 500;

export function transpose(df: DataFrame, indexColumn?: ColumnOrName | null): DataFrame {
  if (indexColumn !== undefined && indexColumn !== null) checkColumnOrStr(indexColumn, 'indexColumn');
  if (df.isStreaming) throw checkerModule().streamingActionError(df.plan);
  const input = outputOf(df.plan);
  const index = indexColumn === undefined || indexColumn === null ? df.col(input[0].name) : typeof indexColumn === 'string' ? df.col(indexColumn) : indexColumn;
  const indexed = df.select(index);
  const indexAttr = outputOf(indexed.plan)[0];
  if (!isAtomic(indexAttr.dataType)) {
    const found = scalaTypeString(indexAttr.dataType);
    throw new AnalysisException(`Invalid index column for TRANSPOSE because: Index column must be of atomic type, but found: ${found}`, {
      errorClass: 'TRANSPOSE_INVALID_INDEX_COLUMN',
      sqlState: '42804',
      messageParameters: { reason: `Index column must be of atomic type, but found: ${found}` },
    });
  }
  const others = input.filter((a) => a.exprId !== indexAttr.exprId);
  const ctx = df.session.resolverContext();
  let valueType: DataType = DataTypes.StringType;
  if (others.length > 0) {
    let common: DataType = others[0].dataType;
    for (const a of others.slice(1)) {
      const wider = unpivotBuilderModule().commonValueType([common, a.dataType], ctx.ansiEnabled);
      if (wider === undefined) {
        const left = `"${common.toDDL()}"`;
        const right = `"${a.dataType.toDDL()}"`;
        throw new AnalysisException(`Transpose requires non-index columns to share a least common type, but ${left} and ${right} do not.`, {
          errorClass: 'TRANSPOSE_NO_LEAST_COMMON_TYPE',
          sqlState: '42K09',
          messageParameters: { dt1: left, dt2: right },
        });
      }
      common = wider;
    }
    valueType = common;
  }
  const maxValues = Number(df.session.confGet('spark.sql.transposeMaxValues') ?? DEFAULT_MAX_VALUES);
  const named = (name: string) => new Column({ kind: 'column', nameParts: [name] });
  const valueName = (i: number) => `__transpose_value_${i}`;
  // Not-null index values in order, then the index as text (the column names) and the values.
  const rows = df
    .select(index.alias('__transpose_index'), ...others.map((a, i) => new Column({ kind: 'column', nameParts: [a.name], exprId: a.exprId }).cast(valueType).alias(valueName(i))))
    .where(named('__transpose_index').isNotNull())
    .orderBy('__transpose_index')
    .select(named('__transpose_index').cast(DataTypes.StringType), ...others.map((_, i) => named(valueName(i))))
    .collectInternalRows();
  if (rows.length > maxValues) {
    throw new AnalysisException(`Number of rows exceeds the allowed limit of ${maxValues} for TRANSPOSE. If this was intended, set spark.sql.transposeMaxValues to at least the current row count.`, {
      errorClass: 'TRANSPOSE_EXCEED_ROW_LIMIT',
      sqlState: '54006',
      messageParameters: { maxValues: String(maxValues), config: 'spark.sql.transposeMaxValues' },
    });
  }
  const output = [attribute('key', DataTypes.StringType, false), ...rows.map((r) => attribute(String(r[0]), valueType, true))];
  const data = others.map((a, j) => [a.name, ...rows.map((r) => r[j + 1])]);
  return df.withLogicalPlan({ kind: 'localRelation', name: 'LocalRelation', data: () => data, output });
}

function isAtomic(t: DataType): boolean {
  return !(t instanceof ArrayType || t instanceof MapType || t instanceof StructType);
}

