// explode / posexplode (and _outer): one output row per array element or map entry; inline: one
// row per struct of an array; stack(n, ...): the values laid out in n rows.
import { ArrayType, MapType, DataTypes, IntegralType } from '../../types/data-types';
import { StructType } from '../../types/struct-type';
import { AnalysisException } from '../../errors/analysis-exception';
import { unexpectedInputTypeError, wrongNumArgsError } from '../../errors/query-compilation-errors';
import type { GeneratorFunction } from '../function-definition';
import { isNullable } from '../expression';
import { prettySql } from '../expression-sql';
import { isNull, implicitCast, typeSql } from '../type-utils';
import { checkArity } from './check-args';

/** UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS: a generator inside another expression. */
export function nestedGeneratorError(sqlExpr: string): AnalysisException {
  const expression = `"${sqlExpr}"`;
  return new AnalysisException(`The generator is not supported: nested in expressions ${expression}.`, {
    errorClass: 'UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS',
    sqlState: '42K0E',
    messageParameters: { expression },
  });
}

function explodeFunction(name: string, withPosition: boolean): GeneratorFunction {
  return {
    kind: 'generator',
    name,
    resolve(args, ctx, outer) {
      checkArity(ctx.name, args, 1);
      const t = args[0].dataType;
      const pos = withPosition ? [{ name: 'pos', dataType: DataTypes.IntegerType, nullable: outer }] : [];
      if (t instanceof ArrayType) {
        return { args, elementTypes: [...pos, { name: 'col', dataType: t.elementType, nullable: t.containsNull || outer }] };
      }
      if (t instanceof MapType) {
        return {
          args,
          elementTypes: [...pos, { name: 'key', dataType: t.keyType, nullable: outer }, { name: 'value', dataType: t.valueType, nullable: t.valueContainsNull || outer }],
        };
      }
      throw unexpectedInputTypeError(`${name}(${prettySql(args[0])})`, 0, '("ARRAY" or "MAP")', prettySql(args[0]), typeSql(t));
    },
    compile([input], [inputType]) {
      const isMap = inputType instanceof MapType;
      if (isMap) {
        return (row, emit) => {
          const m = input(row) as Map<unknown, unknown> | null;
          if (m === null) return;
          let i = 0;
          for (const [k, v] of m) emit(withPosition ? [i++, k, v] : [k, v]);
        };
      }
      if (withPosition) {
        return (row, emit) => {
          const a = input(row) as unknown[] | null;
          if (a === null) return;
          for (let i = 0; i < a.length; i++) emit([i, a[i]]);
        };
      }
      return (row, emit) => {
        const a = input(row) as unknown[] | null;
        if (a === null) return;
        for (let i = 0; i < a.length; i++) emit([a[i]]);
      };
    },
  };
}

const inline: GeneratorFunction = {
  kind: 'generator',
  name: 'inline',
  resolve(args, ctx, outer) {
    checkArity(ctx.name, args, 1);
    const t = args[0].dataType;
    if (!(t instanceof ArrayType && t.elementType instanceof StructType)) {
      throw unexpectedInputTypeError(`inline(${prettySql(args[0])})`, 0, '"ARRAY<STRUCT>"', prettySql(args[0]), typeSql(t));
    }
    return { args, elementTypes: t.elementType.fields.map((f) => ({ name: f.name, dataType: f.dataType, nullable: f.nullable || outer })) };
  },
  compile([input], [inputType]) {
    const width = ((inputType as ArrayType).elementType as StructType).fields.length;
    const nulls = new Array<unknown>(width).fill(null);
    return (row, emit) => {
      const a = input(row) as (unknown[] | null)[] | null;
      if (a === null) return;
      for (const s of a) emit(s === null ? [...nulls] : [...s]);
    };
  },
};

/** stack(n, v1, ..., vk): n rows of ceil(k / n) columns; missing trailing values are NULL. */
const stack: GeneratorFunction = {
  kind: 'generator',
  name: 'stack',
  resolve(args) {
    if (args.length < 2) throw wrongNumArgsError('stack', '> 1', args.length);
    const sqlExpr = `stack(${args.map(prettySql).join(', ')})`;
    const n = args[0];
    if (!(n.dataType instanceof IntegralType) || n.dataType.typeName() === 'long' || n.kind !== 'literal' || typeof n.value !== 'number' || n.value <= 0) {
      const params = { sqlExpr: `"${sqlExpr}"`, inputName: '`n`', inputType: '"INT"', inputExpr: `"${prettySql(n)}"` };
      if (n.kind === 'literal' && n.dataType.typeName() === 'integer') {
        throw new AnalysisException(`Cannot resolve ${params.sqlExpr} due to data type mismatch: The \`n\` must be positive, got ${String(n.value)}.`, {
          errorClass: 'DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE' as string,
          sqlState: '42K09',
        });
      }
      throw unexpectedInputTypeError(sqlExpr, 0, '"INT"', prettySql(n), typeSql(n.dataType));
    }
    const rows = n.value;
    const values = args.slice(1);
    const width = Math.ceil(values.length / rows);
    const elementTypes: { name: string; dataType: typeof n.dataType; nullable: boolean }[] = [];
    const out = [n, ...values];
    for (let j = 0; j < width; j++) {
      const column = values.map((v, i) => ({ v, i })).filter(({ i }) => i % width === j);
      const typed = column.find(({ v }) => !isNull(v.dataType));
      const type = typed ? typed.v.dataType : DataTypes.NullType;
      for (const { v, i } of column) {
        if (isNull(v.dataType)) out[i + 1] = implicitCast(v, type);
        else if (!v.dataType.equals(type)) {
          const params = { sqlExpr: `"${sqlExpr}"`, columnIndex: String(j), leftParamIndex: String(typed!.i + 1), leftType: `"${typeSql(type)}"`, rightParamIndex: String(i + 1), rightType: `"${typeSql(v.dataType)}"` };
          throw new AnalysisException(
            `Cannot resolve ${params.sqlExpr} due to data type mismatch: The data type of the column (${params.columnIndex}) do not have the same type: ${params.leftType} (${params.leftParamIndex}) <> ${params.rightType} (${params.rightParamIndex}).`,
            { errorClass: 'DATATYPE_MISMATCH.STACK_COLUMN_DIFF_TYPES', sqlState: '42K09', messageParameters: params },
          );
        }
      }
      const nullable = column.some(({ v }) => isNullable(v)) || column.length < rows;
      elementTypes.push({ name: `col${j}`, dataType: type, nullable });
    }
    return { args: out, elementTypes };
  },
  compile(args) {
    const values = args.slice(1);
    return (row, emit) => {
      const rows = args[0](row) as number;
      const width = Math.ceil(values.length / rows);
      for (let r = 0; r < rows; r++) {
        const out = new Array<unknown>(width);
        for (let j = 0; j < width; j++) {
          const i = r * width + j;
          out[j] = i < values.length ? values[i](row) : null;
        }
        emit(out);
      }
    };
  },
};

export const GENERATOR_FUNCTIONS: { fn: GeneratorFunction; aliases: string[]; outer?: boolean }[] = [
  { fn: explodeFunction('explode', false), aliases: [] },
  { fn: explodeFunction('posexplode', true), aliases: [] },
  { fn: inline, aliases: [] },
  { fn: stack, aliases: [] },
];
