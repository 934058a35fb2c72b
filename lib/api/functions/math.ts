// pyspark.sql.functions: math (re-exported by lib/functions.ts).
import { Column, literalExpr } from '../column';
import { columnArg, flattenArgs } from '../column-args';
import { call, type UnresolvedExpression } from '../../expressions/unresolved';
import type { ColumnOrName } from '../column';

function fn(name: string, ...args: UnresolvedExpression[]): Column {
  return new Column(call(name, args));
}

const c = (x: ColumnOrName) => columnArg(x);
/** Numbers are literals (PySpark's float/int arguments); Columns and names are columns. */
const n = (x: ColumnOrName | number) => (typeof x === 'number' ? literalExpr(x) : columnArg(x));

const unary = (name: string) => (col: ColumnOrName | number): Column => fn(name, n(col));

export const abs = unary('abs');
export function ceil(col: ColumnOrName, scale?: Column | number): Column { return scale === undefined ? fn('ceil', c(col)) : fn('ceil', c(col), n(scale)); }
export function ceiling(col: ColumnOrName, scale?: Column | number): Column { return scale === undefined ? fn('ceiling', c(col)) : fn('ceiling', c(col), n(scale)); }
export function floor(col: ColumnOrName, scale?: Column | number): Column { return scale === undefined ? fn('floor', c(col)) : fn('floor', c(col), n(scale)); }
export function round(col: ColumnOrName, scale: Column | number = 0): Column { return fn('round', c(col), n(scale)); }
export function bround(col: ColumnOrName, scale: Column | number = 0): Column { return fn('bround', c(col), n(scale)); }
export const sqrt = unary('sqrt');
export const cbrt = unary('cbrt');
export const exp = unary('exp');
export const expm1 = unary('expm1');
export const ln = unary('ln');
export const log10 = unary('log10');
export const log2 = unary('log2');
export const log1p = unary('log1p');
/** PySpark's log(arg1, arg2=None): one argument is the natural log, two are (base, col). */
export function log(arg1: ColumnOrName | number, arg2?: ColumnOrName | number): Column {
  return arg2 === undefined ? fn('ln', n(arg1)) : fn('log', n(arg1), n(arg2));
}
export function pow(col1: ColumnOrName | number, col2: ColumnOrName | number): Column { return fn('power', n(col1), n(col2)); }
export const power = pow;
export const sign = unary('sign');
export const signum = unary('signum');
export function pmod(dividend: ColumnOrName | number, divisor: ColumnOrName | number): Column { return fn('pmod', n(dividend), n(divisor)); }
export function greatest(...cols: (ColumnOrName | ColumnOrName[])[]): Column { return fn('greatest', ...flattenArgs(cols).map(c)); }
export function least(...cols: (ColumnOrName | ColumnOrName[])[]): Column { return fn('least', ...flattenArgs(cols).map(c)); }
export function pi(): Column { return fn('pi'); }
export function e(): Column { return fn('e'); }
export const sin = unary('sin');
export const cos = unary('cos');
export const tan = unary('tan');
export const cot = unary('cot');
export const sec = unary('sec');
export const csc = unary('csc');
export const asin = unary('asin');
export const acos = unary('acos');
export const atan = unary('atan');
export const sinh = unary('sinh');
export const cosh = unary('cosh');
export const tanh = unary('tanh');
export const asinh = unary('asinh');
export const acosh = unary('acosh');
export const atanh = unary('atanh');
export function atan2(col1: ColumnOrName | number, col2: ColumnOrName | number): Column { return fn('atan2', n(col1), n(col2)); }
export function hypot(col1: ColumnOrName | number, col2: ColumnOrName | number): Column { return fn('hypot', n(col1), n(col2)); }
export const degrees = unary('degrees');
export const radians = unary('radians');
export const toDegrees = degrees;
export const toRadians = radians;
export const rint = unary('rint');
export const factorial = unary('factorial');
export const isnan = unary('isnan');
export function nanvl(col1: ColumnOrName, col2: ColumnOrName): Column { return fn('nanvl', c(col1), c(col2)); }
export const hex = unary('hex');
export const unhex = unary('unhex');
export const bin = unary('bin');
export function conv(col: ColumnOrName, fromBase: number, toBase: number): Column { return fn('conv', c(col), literalExpr(fromBase), literalExpr(toBase)); }

// try_* arithmetic: NULL instead of overflow / division-by-zero errors, in every mode.
export function try_add(left: ColumnOrName, right: ColumnOrName): Column { return fn('try_add', c(left), c(right)); }
export function try_subtract(left: ColumnOrName, right: ColumnOrName): Column { return fn('try_subtract', c(left), c(right)); }
export function try_multiply(left: ColumnOrName, right: ColumnOrName): Column { return fn('try_multiply', c(left), c(right)); }
export function try_divide(left: ColumnOrName, right: ColumnOrName): Column { return fn('try_divide', c(left), c(right)); }
export function try_mod(left: ColumnOrName, right: ColumnOrName): Column { return fn('try_mod', c(left), c(right)); }
export function zeroifnull(col: ColumnOrName): Column { return fn('zeroifnull', c(col)); }
export function nullifzero(col: ColumnOrName): Column { return fn('nullifzero', c(col)); }

// Bitwise functions.
export function bit_count(col: ColumnOrName): Column { return fn('bit_count', c(col)); }
export function bitwise_not(col: ColumnOrName): Column { return fn('~', c(col)); }
export const bitwiseNOT = bitwise_not;
export function shiftleft(col: ColumnOrName, numBits: number): Column { return fn('shiftleft', c(col), literalExpr(numBits)); }
export function shiftright(col: ColumnOrName, numBits: number): Column { return fn('shiftright', c(col), literalExpr(numBits)); }
export function shiftrightunsigned(col: ColumnOrName, numBits: number): Column { return fn('shiftrightunsigned', c(col), literalExpr(numBits)); }
export const shiftLeft = shiftleft;
export const shiftRight = shiftright;
export const shiftRightUnsigned = shiftrightunsigned;

export function width_bucket(v: ColumnOrName, min: ColumnOrName, max: ColumnOrName, numBucket: ColumnOrName | number): Column {
  return fn('width_bucket', c(v), c(min), c(max), n(numBucket));
}

/** PySpark's make_dt_interval(days=None, hours=None, mins=None, secs=None): omitted fields are lit(0). */
export function make_dt_interval(days?: ColumnOrName | null, hours?: ColumnOrName | null, mins?: ColumnOrName | null, secs?: ColumnOrName | null): Column {
  return fn('make_dt_interval', ...[days, hours, mins, secs].map((f) => (f === undefined || f === null ? literalExpr(0) : c(f))));
}

/** PySpark's make_ym_interval(years=None, months=None): omitted fields are lit(0). */
export function make_ym_interval(years?: ColumnOrName | null, months?: ColumnOrName | null): Column {
  return fn('make_ym_interval', ...[years, months].map((f) => (f === undefined || f === null ? literalExpr(0) : c(f))));
}

/** PySpark's make_interval(years=None, ..., secs=None): omitted fields are 0. */
export function make_interval(
  years?: ColumnOrName, months?: ColumnOrName, weeks?: ColumnOrName, days?: ColumnOrName,
  hours?: ColumnOrName, mins?: ColumnOrName, secs?: ColumnOrName,
): Column {
  const fields = [years, months, weeks, days, hours, mins, secs];
  let last = fields.length;
  while (last > 0 && fields[last - 1] === undefined) last--;
  return fn('make_interval', ...fields.slice(0, last).map((f) => (f === undefined ? literalExpr(0) : c(f))));
}
