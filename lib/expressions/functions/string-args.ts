// Shared argument handling for the string and regexp function families: implicit casts with
// Spark's UNEXPECTED_INPUT_TYPE on failure, and null-intolerant evaluation without per-row arrays.
import { DataTypes, type DataType } from '../../types/data-types';
import { unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import type { Evaluator } from '../function-definition';
import { forEachExpression, type Expression } from '../expression';
import { compileExpression } from '../compiler';
import { prettySql } from '../expression-sql';
import { typeSql } from '../type-utils';
import { castArgumentTo } from '../type-coercion';

/** `name(a, b)` as Spark prints a call. */
export function callSql(name: string, args: readonly Expression[]): string {
  return `${name}(${args.map(prettySql).join(', ')})`;
}

/** Argument `index` implicitly cast to `to`; UNEXPECTED_INPUT_TYPE naming `required` otherwise. */
export function castArg(sqlExpr: string, args: readonly Expression[], index: number, to: DataType, ansi: boolean, required?: string): Expression {
  const a = args[index];
  const cast = castArgumentTo(a, to, ansi);
  if (cast === undefined) throw unexpectedInputTypeError(sqlExpr, index, required ?? `"${typeSql(to)}"`, prettySql(a), typeSql(a.dataType));
  return cast;
}

export function stringArg(sqlExpr: string, args: readonly Expression[], index: number, ansi: boolean): Expression {
  return castArg(sqlExpr, args, index, DataTypes.StringType, ansi);
}

export function intArg(sqlExpr: string, args: readonly Expression[], index: number, ansi: boolean): Expression {
  return castArg(sqlExpr, args, index, DataTypes.IntegerType, ansi);
}

/** Evaluates the arguments in order; null as soon as one is null, else `op` of the values. */
export function strict1(a: Evaluator, op: (x: any) => unknown): Evaluator {
  return (row) => {
    const x = a(row);
    return x === null ? null : op(x);
  };
}

export function strict2(a: Evaluator, b: Evaluator, op: (x: any, y: any) => unknown): Evaluator {
  return (row) => {
    const x = a(row);
    if (x === null) return null;
    const y = b(row);
    return y === null ? null : op(x, y);
  };
}

export function strict3(a: Evaluator, b: Evaluator, c: Evaluator, op: (x: any, y: any, z: any) => unknown): Evaluator {
  return (row) => {
    const x = a(row);
    if (x === null) return null;
    const y = b(row);
    if (y === null) return null;
    const z = c(row);
    return z === null ? null : op(x, y, z);
  };
}

export function strict4(a: Evaluator, b: Evaluator, c: Evaluator, d: Evaluator, op: (x: any, y: any, z: any, w: any) => unknown): Evaluator {
  return (row) => {
    const x = a(row);
    if (x === null) return null;
    const y = b(row);
    if (y === null) return null;
    const z = c(row);
    if (z === null) return null;
    const w = d(row);
    return w === null ? null : op(x, y, z, w);
  };
}

/** Any arity: used where the argument count varies. */
export function strictN(args: readonly Evaluator[], op: (values: unknown[]) => unknown): Evaluator {
  switch (args.length) {
    case 1:
      return strict1(args[0], (x) => op([x]));
    default: {
      const n = args.length;
      return (row) => {
        const values = new Array<unknown>(n);
        for (let i = 0; i < n; i++) {
          const v = args[i](row);
          if (v === null) return null;
          values[i] = v;
        }
        return op(values);
      };
    }
  }
}

/** Strings as arrays of code points only when they hold surrogate pairs (Spark counts code points). */
const SURROGATE = /[\uD800-\uDFFF]/;
export function hasSurrogates(s: string): boolean {
  return SURROGATE.test(s);
}

export function codePoints(s: string): string[] {
  return Array.from(s);
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8');
export function utf8Bytes(s: string): Uint8Array {
  return utf8Encoder.encode(s);
}
export function utf8String(b: Uint8Array): string {
  return utf8Decoder.decode(b);
}

const NONDETERMINISTIC = new Set(['rand', 'randn', 'uuid', 'shuffle', 'random']);

/** Spark's `foldable`: no column, aggregate, generator or nondeterministic call inside. */
export function isFoldable(e: Expression): boolean {
  let foldable = true;
  forEachExpression(e, (x) => {
    if (x.kind === 'attribute' || x.kind === 'aggregateCall' || x.kind === 'generatorCall' || x.kind === 'lambdaVariable') foldable = false;
    else if (x.kind === 'scalarCall' && NONDETERMINISTIC.has(x.fn.name)) foldable = false;
  });
  return foldable;
}

/** Evaluates a foldable argument at analysis time. */
export function evalConstant(e: Expression, ansi = true): unknown {
  return compileExpression(e, [], { ansiEnabled: ansi, timeZone: 'UTC' })([]);
}
