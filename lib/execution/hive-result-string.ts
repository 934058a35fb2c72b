// Spark's HiveResult.toHiveString: how SQL golden files (and the spark-sql CLI) render values.
// Top-level nulls are NULL, nested ones null; nested strings are quoted; arrays have no spaces;
// map entries are sorted as "k:v" strings; struct fields are named.
import { ArrayType, DataType, MapType } from '../types/data-types';
import { StructType } from '../types/struct-type';
import { prettyStringFormatter } from '../types/pretty-value';

type Formatter = (value: unknown) => string;

export function hiveStringFormatter(dataType: DataType, timeZone: string, nested = false): Formatter {
  if (dataType instanceof ArrayType) {
    const element = hiveStringFormatter(dataType.elementType, timeZone, true);
    return orNull((v) => `[${(v as unknown[]).map(element).join(',')}]`, nested);
  }
  if (dataType instanceof MapType) {
    const key = hiveStringFormatter(dataType.keyType, timeZone, true);
    const value = hiveStringFormatter(dataType.valueType, timeZone, true);
    return orNull((v) => {
      const entries = [...(v as Map<unknown, unknown>)].map(([k, x]) => `${key(k)}:${value(x)}`);
      entries.sort();
      return `{${entries.join(',')}}`;
    }, nested);
  }
  if (dataType instanceof StructType) {
    const fields = dataType.fields.map((f) => ({ name: f.name, format: hiveStringFormatter(f.dataType, timeZone, true) }));
    return orNull((v) => `{${fields.map((f, i) => `"${f.name}":${f.format((v as unknown[])[i])}`).join(',')}}`, nested);
  }
  const name = dataType.typeName();
  // ANSI intervals print HIVE_STYLE: "y-m" and "d hh:mm:ss.nnnnnnnnn", whatever the fields.
  if (name.startsWith('interval year') || name === 'interval month') return orNull(hiveYearMonth, nested);
  if (name.startsWith('interval day') || name.startsWith('interval hour') || name.startsWith('interval minute') || name === 'interval second') return orNull(hiveDayTime, nested);
  if (name === 'string') return orNull((v) => (nested ? `"${v as string}"` : (v as string)), nested);
  if (name === 'binary') return orNull((v) => new TextDecoder().decode(v as Uint8Array), nested);
  const atomic = prettyStringFormatter(dataType, timeZone);
  return orNull(atomic, nested);
}

function hiveYearMonth(v: unknown): string {
  const m = v as number;
  const abs = Math.abs(m);
  return `${m < 0 ? '-' : ''}${Math.floor(abs / 12)}-${abs % 12}`;
}

function hiveDayTime(v: unknown): string {
  const micros = v as bigint;
  const abs = micros < 0n ? -micros : micros;
  const pad = (n: bigint, w: number) => n.toString().padStart(w, '0');
  const secs = abs / 1_000_000n;
  return `${micros < 0n ? '-' : ''}${secs / 86400n} ${pad((secs / 3600n) % 24n, 2)}:${pad((secs / 60n) % 60n, 2)}:${pad(secs % 60n, 2)}.${pad((abs % 1_000_000n) * 1000n, 9)}`;
}

function orNull(format: Formatter, nested: boolean): Formatter {
  const nullText = nested ? 'null' : 'NULL';
  return (v) => (v === null || v === undefined ? nullText : format(v));
}

/** Rows as golden files print them: columns joined by tabs, rows by newlines. */
export function hiveResultLines(rows: readonly (readonly unknown[])[], schema: StructType, timeZone: string): string[] {
  const formats = schema.fields.map((f) => hiveStringFormatter(f.dataType, timeZone));
  return rows.map((r) => formats.map((f, i) => f(r[i])).join('\t'));
}
