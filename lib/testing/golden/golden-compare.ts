// Compares an engine's golden block with Spark's, as the shared format note recommends: values
// exact first, then with a relative tolerance on floating-point cells; rows compared in order only
// when the query is semantically sorted (both sides are already sorted otherwise); an expected
// error means the query must fail, with the same error class when ours has one.
import { expectedErrorClass, isErrorBlock, type GoldenBlock } from './golden-file';

export type Verdict =
  | { kind: 'pass'; tolerant: boolean; strictSchema: boolean }
  | { kind: 'fail'; reason: 'value' | 'schema' | 'unexpected-error' | 'missing-error' | 'error-class'; detail: string };

/** Types of a catalogString schema, names removed (bracket-aware: names may contain commas). */
export function schemaTypes(schema: string): string {
  if (!schema.startsWith('struct<') || schema === 'struct<>') return schema;
  const body = schema.slice('struct<'.length, -1);
  const types: string[] = [];
  let depth = 0;
  let field = '';
  const flush = (): void => {
    // The type starts after the last top-level ':' whose right side is a valid type start.
    const m = /:((?:[a-z_]+)(?:\(.*\)|<.*>)?(?: to [a-z]+)?)$/.exec(field);
    types.push(m ? m[1] : field);
    field = '';
  };
  for (const c of body) {
    if (c === '<' || c === '(') depth++;
    if (c === '>' || c === ')') depth--;
    if (c === ',' && depth === 0) {
      flush();
      continue;
    }
    field += c;
  }
  if (field.length > 0) flush();
  return types.join(',');
}

function cellsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const x = Number(a);
  const y = Number(b);
  if (a.trim() === '' || b.trim() === '' || Number.isNaN(x) || Number.isNaN(y)) return false;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
  const tolerance = /E|\./.test(a + b) ? 1e-6 : 0;
  return Math.abs(x - y) <= tolerance * Math.max(Math.abs(x), Math.abs(y));
}

function outputsMatchTolerant(actual: string, expected: string): boolean {
  const a = actual.split('\n');
  const e = expected.split('\n');
  if (a.length !== e.length) return false;
  for (let i = 0; i < a.length; i++) {
    const ac = a[i].split('\t');
    const ec = e[i].split('\t');
    if (ac.length !== ec.length) return false;
    for (let j = 0; j < ac.length; j++) if (!cellsMatch(ac[j], ec[j])) return false;
  }
  return true;
}

export function compareBlocks(actual: GoldenBlock, expected: GoldenBlock): Verdict {
  const expectError = isErrorBlock(expected);
  const gotError = isErrorBlock(actual);
  if (expectError) {
    if (!gotError) return { kind: 'fail', reason: 'missing-error', detail: `expected ${expectedErrorClass(expected) ?? expected.output.split('\n')[0]}` };
    const want = expectedErrorClass(expected);
    const got = expectedErrorClass(actual);
    if (want && got && want !== got) return { kind: 'fail', reason: 'error-class', detail: `expected ${want}, got ${got}` };
    return { kind: 'pass', tolerant: false, strictSchema: true };
  }
  if (gotError) return { kind: 'fail', reason: 'unexpected-error', detail: actual.output.split('\n').slice(0, 3).join(' ').slice(0, 300) };
  const strictSchema = actual.schema === expected.schema;
  if (!strictSchema && schemaTypes(actual.schema) !== schemaTypes(expected.schema)) {
    return { kind: 'fail', reason: 'schema', detail: `expected ${expected.schema}, got ${actual.schema}` };
  }
  if (actual.output === expected.output) return { kind: 'pass', tolerant: false, strictSchema };
  if (outputsMatchTolerant(actual.output, expected.output)) return { kind: 'pass', tolerant: true, strictSchema };
  return { kind: 'fail', reason: 'value', detail: `expected ${JSON.stringify(expected.output.slice(0, 200))}, got ${JSON.stringify(actual.output.slice(0, 200))}` };
}
