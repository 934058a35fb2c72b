// pyspark.sql.functions: strings and regular expressions (re-exported by lib/functions.ts).
// Parameters PySpark types as `str`/`int` are literals; ColumnOrName parameters are columns.
import { Column, literalExpr } from '../column';
import { columnArg } from '../column-args';
import { call, type UnresolvedExpression } from '../../expressions/unresolved';
import type { ColumnOrName } from '../column';

function fn(name: string, ...args: UnresolvedExpression[]): Column {
  return new Column(call(name, args));
}

const c = (x: ColumnOrName) => columnArg(x);
/** A literal for plain JS values (PySpark's str/int parameters); Columns pass through. */
const v = (x: unknown) => (x instanceof Column ? columnArg(x) : literalExpr(x));
/** Column-or-literal: numbers are literals, strings are column names. */
const n = (x: ColumnOrName | number) => (typeof x === 'number' ? literalExpr(x) : columnArg(x));

// ---- characters and lengths ----
export function ascii(col: ColumnOrName): Column { return fn('ascii', c(col)); }
export function char(col: ColumnOrName | number): Column { return fn('char', n(col)); }
export function initcap(col: ColumnOrName): Column { return fn('initcap', c(col)); }
export function soundex(col: ColumnOrName): Column { return fn('soundex', c(col)); }
export function quote(col: ColumnOrName): Column { return fn('quote', c(col)); }
export function char_length(str: ColumnOrName): Column { return fn('char_length', c(str)); }
export function character_length(str: ColumnOrName): Column { return fn('character_length', c(str)); }
export function octet_length(col: ColumnOrName): Column { return fn('octet_length', c(col)); }
export function bit_length(col: ColumnOrName): Column { return fn('bit_length', c(col)); }
export function repeat(col: ColumnOrName, count: ColumnOrName | number): Column { return fn('repeat', c(col), n(count)); }
export function levenshtein(left: ColumnOrName, right: ColumnOrName, threshold?: number): Column {
  return threshold === undefined ? fn('levenshtein', c(left), c(right)) : fn('levenshtein', c(left), c(right), literalExpr(threshold));
}

// ---- building strings ----
export function concat_ws(sep: string, ...cols: ColumnOrName[]): Column { return fn('concat_ws', literalExpr(sep), ...cols.map(c)); }
export function format_string(format: string, ...cols: ColumnOrName[]): Column { return fn('format_string', literalExpr(format), ...cols.map(c)); }
export function printf(format: ColumnOrName, ...cols: ColumnOrName[]): Column { return fn('printf', c(format), ...cols.map(c)); }
export function lpad(col: ColumnOrName, len: Column | number, pad: Column | string): Column { return fn('lpad', c(col), v(len), v(pad)); }
export function rpad(col: ColumnOrName, len: Column | number, pad: Column | string): Column { return fn('rpad', c(col), v(len), v(pad)); }
export function btrim(str: ColumnOrName, trim?: ColumnOrName): Column { return trim === undefined ? fn('btrim', c(str)) : fn('btrim', c(str), c(trim)); }
export function elt(...inputs: ColumnOrName[]): Column { return fn('elt', ...inputs.map(c)); }
export function overlay(src: ColumnOrName, replace: ColumnOrName, pos: ColumnOrName | number, len: ColumnOrName | number = -1): Column {
  return fn('overlay', c(src), c(replace), n(pos), n(len));
}

// ---- searching and slicing ----
export function instr(str: ColumnOrName, substr: Column | string): Column { return fn('instr', c(str), v(substr)); }
export function locate(substr: string, str: ColumnOrName, pos = 1): Column { return fn('locate', literalExpr(substr), c(str), literalExpr(pos)); }
export function position(substr: ColumnOrName, str: ColumnOrName, start?: ColumnOrName): Column {
  return start === undefined ? fn('position', c(substr), c(str)) : fn('position', c(substr), c(str), c(start));
}
export function left(str: ColumnOrName, len: ColumnOrName): Column { return fn('left', c(str), c(len)); }
export function right(str: ColumnOrName, len: ColumnOrName): Column { return fn('right', c(str), c(len)); }
export function split_part(src: ColumnOrName, delimiter: ColumnOrName, partNum: ColumnOrName): Column { return fn('split_part', c(src), c(delimiter), c(partNum)); }
export function substring_index(str: ColumnOrName, delim: string, count: number): Column {
  return fn('substring_index', c(str), literalExpr(delim), literalExpr(count));
}
export function find_in_set(str: ColumnOrName, str_array: ColumnOrName): Column { return fn('find_in_set', c(str), c(str_array)); }
export function replace(src: ColumnOrName, search: ColumnOrName, replace?: ColumnOrName): Column {
  return replace === undefined ? fn('replace', c(src), c(search)) : fn('replace', c(src), c(search), c(replace));
}
export function translate(srcCol: ColumnOrName, matching: string, replace: string): Column {
  return fn('translate', c(srcCol), literalExpr(matching), literalExpr(replace));
}

// ---- bytes, charsets, digests ----
export function encode(col: ColumnOrName, charset: string): Column { return fn('encode', c(col), literalExpr(charset)); }
export function decode(col: ColumnOrName, charset: string): Column { return fn('decode', c(col), literalExpr(charset)); }
export function base64(col: ColumnOrName): Column { return fn('base64', c(col)); }
export function unbase64(col: ColumnOrName): Column { return fn('unbase64', c(col)); }
export function to_binary(col: ColumnOrName, format?: ColumnOrName): Column { return format === undefined ? fn('to_binary', c(col)) : fn('to_binary', c(col), c(format)); }
export function try_to_binary(col: ColumnOrName, format?: ColumnOrName): Column {
  return format === undefined ? fn('try_to_binary', c(col)) : fn('try_to_binary', c(col), c(format));
}
export function md5(col: ColumnOrName): Column { return fn('md5', c(col)); }
export function sha1(col: ColumnOrName): Column { return fn('sha1', c(col)); }
export function sha2(col: ColumnOrName, numBits: number): Column { return fn('sha2', c(col), literalExpr(numBits)); }
export function crc32(col: ColumnOrName): Column { return fn('crc32', c(col)); }
export function luhn_check(str: ColumnOrName): Column { return fn('luhn_check', c(str)); }
export function is_valid_utf8(str: ColumnOrName): Column { return fn('is_valid_utf8', c(str)); }
export function make_valid_utf8(str: ColumnOrName): Column { return fn('make_valid_utf8', c(str)); }
export function validate_utf8(str: ColumnOrName): Column { return fn('validate_utf8', c(str)); }
export function try_validate_utf8(str: ColumnOrName): Column { return fn('try_validate_utf8', c(str)); }

// ---- regular expressions (Java syntax) ----
export function regexp_extract(str: ColumnOrName, pattern: string, idx: number): Column {
  return fn('regexp_extract', c(str), literalExpr(pattern), literalExpr(idx));
}
export function regexp_extract_all(str: ColumnOrName, regexp: ColumnOrName, idx?: Column | number): Column {
  return idx === undefined ? fn('regexp_extract_all', c(str), c(regexp)) : fn('regexp_extract_all', c(str), c(regexp), v(idx));
}
export function regexp_replace(string: ColumnOrName, pattern: Column | string, replacement: Column | string): Column {
  return fn('regexp_replace', c(string), v(pattern), v(replacement));
}
export function regexp_count(str: ColumnOrName, regexp: ColumnOrName): Column { return fn('regexp_count', c(str), c(regexp)); }
export function regexp_substr(str: ColumnOrName, regexp: ColumnOrName): Column { return fn('regexp_substr', c(str), c(regexp)); }
export function regexp_instr(str: ColumnOrName, regexp: ColumnOrName, idx?: Column | number): Column {
  return idx === undefined ? fn('regexp_instr', c(str), c(regexp)) : fn('regexp_instr', c(str), c(regexp), v(idx));
}
