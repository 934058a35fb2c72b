// get_json_object's path language (Spark's JsonPathParser, a Hive subset): `$` then `.name`,
// `['name']`, `[n]`, `[*]` and `.*`. Evaluation follows Spark's evaluatePath: a string found
// outside a wildcard is returned raw (unquoted), anything else as JSON text; a `[*]` over an
// array gathers its matches into an array, unwrapped when exactly one element matched; a named
// field holding null matches nothing.
import { javaDoubleToString } from '../../types/pretty-value';
import type { JsonValue } from '../../types/json-parser';
import { quoteJsonString } from './json-writer';

export type PathStep = { k: 'key'; name: string } | { k: 'keyWildcard' } | { k: 'index'; index: number } | { k: 'arrayWildcard' };

/** The steps of a path, or null when Spark's parser rejects it. */
export function parseJsonPath(path: string): PathStep[] | null {
  if (!path.startsWith('$')) return null;
  const steps: PathStep[] = [];
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      i++;
      if (path[i] === '*') {
        steps.push({ k: 'keyWildcard' });
        i++;
        continue;
      }
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      if (j === i) return null;
      steps.push({ k: 'key', name: path.slice(i, j) });
      i = j;
    } else if (c === '[') {
      if (path.startsWith('[*]', i)) {
        steps.push({ k: 'arrayWildcard' });
        i += 3;
      } else if (path[i + 1] === "'") {
        const close = path.indexOf("']", i + 2);
        if (close < 0) return null;
        steps.push({ k: 'key', name: path.slice(i + 2, close) });
        i = close + 2;
      } else {
        const close = path.indexOf(']', i);
        if (close < 0) return null;
        const digits = path.slice(i + 1, close);
        if (!/^\d+$/.test(digits)) return null;
        steps.push({ k: 'index', index: Number(digits) });
        i = close + 1;
      }
    } else {
      return null;
    }
  }
  return steps;
}

/** JSON text of a parsed value as Jackson re-serializes it (compact; fractions as doubles). */
export function jsonValueText(v: JsonValue): string {
  switch (v.t) {
    case 'obj':
      return `{${v.fields.map(([k, x]) => `${quoteJsonString(k)}:${jsonValueText(x)}`).join(',')}}`;
    case 'arr':
      return `[${v.items.map(jsonValueText).join(',')}]`;
    case 'str':
      return quoteJsonString(v.v);
    case 'num':
      if (v.int) return v.text.replace(/^\+/, '');
      {
        const d = Number(v.text === 'NaN' || /INF/i.test(v.text) ? (v.text.startsWith('-') ? -Infinity : v.text === 'NaN' ? NaN : Infinity) : v.text);
        return Number.isFinite(d) ? javaDoubleToString(d) : `"${javaDoubleToString(d)}"`;
      }
    case 'bool':
      return v.v ? 'true' : 'false';
    case 'null':
      return 'null';
  }
}

type Style = 'raw' | 'quoted';

/** Appends the text of what `steps` match in `v` to `out`; returns how many values it wrote. */
function evaluate(v: JsonValue, steps: readonly PathStep[], at: number, style: Style, out: string[]): number {
  if (at === steps.length) {
    out.push(v.t === 'str' && style === 'raw' ? v.v : jsonValueText(v));
    return 1;
  }
  const step = steps[at];
  switch (step.k) {
    case 'key':
      if (v.t !== 'obj') return 0;
      // A named field holding null matches nothing (Spark checks for VALUE_NULL here only).
      for (const [name, x] of v.fields) if (name === step.name) return x.t === 'null' ? 0 : evaluate(x, steps, at + 1, style, out);
      return 0;
    case 'keyWildcard': {
      if (v.t !== 'obj') return 0;
      for (const [, x] of v.fields) {
        const n = evaluate(x, steps, at + 1, style, out);
        if (n > 0) return n;
      }
      return 0;
    }
    case 'index':
      if (v.t !== 'arr' || step.index >= v.items.length) return 0;
      return evaluate(v.items[step.index], steps, at + 1, style, out);
    case 'arrayWildcard': {
      if (v.t !== 'arr') return 0;
      const inner: string[] = [];
      let count = 0;
      for (const item of v.items) count += evaluate(item, steps, at + 1, 'quoted', inner);
      if (count === 0) return 0;
      if (style === 'quoted') {
        out.push(`[${inner.join(',')}]`);
        return 1;
      }
      out.push(count === 1 ? inner[0] : `[${inner.join(',')}]`);
      return 1;
    }
  }
}

/** get_json_object's result for one parsed document, or null when nothing matches. */
export function evaluateJsonPath(v: JsonValue, steps: readonly PathStep[]): string | null {
  const out: string[] = [];
  return evaluate(v, steps, 0, 'raw', out) > 0 ? out.join('') : null;
}
