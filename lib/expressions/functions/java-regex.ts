// Java regex patterns as JS RegExps. Most syntax is shared; the differences that matter are
// translated here: leading inline flags, \Q..\E quoting, POSIX/Java classes (\p{Alpha}...),
// \A \z \Z \h anchors/classes, Java's `$` (also before a final line terminator), possessive
// quantifiers (approximated as greedy) and atomic groups (as non-capturing groups). What JS
// cannot parse is reported as Spark's INVALID_PARAMETER_VALUE.PATTERN.
import { SparkException } from '../../errors/spark-exception';

const cache = new Map<string, RegExp>();

/** Java's POSIX and java.lang.Character classes, as JS class contents (no brackets). */
const POSIX: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
  javaLowerCase: '\\p{Ll}',
  javaUpperCase: '\\p{Lu}',
  javaWhitespace: '\\t-\\r\\x1C-\\x1F \\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000',
  IsAlphabetic: '\\p{Alphabetic}',
  IsLetter: '\\p{L}',
  IsDigit: '\\p{Nd}',
  IsUppercase: '\\p{Uppercase}',
  IsLowercase: '\\p{Lowercase}',
  IsWhite_Space: '\\p{White_Space}',
  IsWhiteSpace: '\\p{White_Space}',
  IsPunctuation: '\\p{P}',
  IsLatin: '\\p{Script=Latin}',
  IsHan: '\\p{Script=Han}',
  InGreek: '\\u0370-\\u03FF',
};

const H_CLASS = ' \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000';

function escapeLiteral(s: string, inClass: boolean): string {
  return s.replace(inClass ? /[\\^$.|?*+()[\]{}\/-]/g : /[\\^$.|?*+()[\]{}\/]/g, '\\$&');
}

interface Translation {
  source: string;
  flags: string;
  /** Whether the translation relies on Unicode property escapes (needs the `u` flag). */
  unicode: boolean;
}

/** Translates Java regex syntax to JS syntax; throws Error on what has no JS equivalent. */
export function translateJavaRegex(pattern: string): Translation {
  let flags = '';
  let i = 0;
  // Leading inline flags (?i) (?s) (?m) (?x) (?-i) become JS flags (x: comments are stripped).
  let comments = false;
  for (;;) {
    const m = /^\(\?([imsxdu]*)(?:-([imsxdu]*))?\)/.exec(pattern.slice(i));
    if (!m || (m[1] === '' && m[2] === undefined)) break;
    for (const f of m[1]) {
      if (f === 'x') comments = true;
      else if (f === 'i' || f === 'm' || f === 's') flags += f;
    }
    for (const f of m[2] ?? '') flags = flags.replace(f, '');
    i += m[0].length;
  }
  let out = '';
  let unicode = false;
  let inClass = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) throw new Error('Unexpected internal error near index ' + i);
      if (n === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const lit = end < 0 ? pattern.slice(i + 2) : pattern.slice(i + 2, end);
        out += escapeLiteral(lit, inClass > 0);
        i = end < 0 ? pattern.length : end + 2;
        continue;
      }
      if (n === 'p' || n === 'P') {
        const m = /^\\[pP](?:\{(\^?)([A-Za-z_=]+)\}|([A-Za-z]))/.exec(pattern.slice(i));
        if (m) {
          const name = m[2] ?? m[3];
          const negated = (n === 'P') !== (m[1] === '^');
          const posix = POSIX[name] ?? (name.startsWith('Is') ? `\\p{${name.slice(2)}}` : name.startsWith('In') ? `\\p{Script=${name.slice(2)}}` : `\\p{${name}}`);
          if (posix.includes('\\p{')) unicode = true;
          if (inClass) {
            if (negated) {
              // A negated class inside a class: only expressible for \p{..} escapes.
              if (!/^\\p\{[^}]+\}$/.test(posix)) throw new Error(`Unsupported negated class ${m[0]} inside a character class`);
              out += posix.replace('\\p', '\\P');
            } else {
              out += posix;
            }
          } else {
            out += negated ? `[^${posix}]` : `[${posix}]`;
          }
          i += m[0].length;
          continue;
        }
      }
      if (!inClass) {
        if (n === 'A') {
          out += '(?<![\\s\\S])';
          i += 2;
          continue;
        }
        if (n === 'z') {
          out += '(?![\\s\\S])';
          i += 2;
          continue;
        }
        if (n === 'Z') {
          out += '(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?(?![\\s\\S]))';
          i += 2;
          continue;
        }
        if (n === 'G') throw new Error('\\G is not supported');
      }
      if (n === 'h') {
        out += inClass ? H_CLASS : `[${H_CLASS}]`;
        i += 2;
        continue;
      }
      if (n === 'H') {
        out += `[^${H_CLASS}]`;
        i += 2;
        continue;
      }
      if (n === 'R' && !inClass) {
        out += '(?:\\r\\n|[\\n\\x0B\\f\\r\\u0085\\u2028\\u2029])';
        i += 2;
        continue;
      }
      if (n === 'e') {
        out += '\\x1B';
        i += 2;
        continue;
      }
      if (n === 'a') {
        out += '\\x07';
        i += 2;
        continue;
      }
      if (n === 'x' && pattern[i + 2] === '{') {
        const end = pattern.indexOf('}', i + 3);
        out += `\\u{${pattern.slice(i + 3, end)}}`;
        unicode = true;
        i = end + 1;
        continue;
      }
      // Java allows escaping any non-alphabetic character; JS's `u` mode does not.
      if (!/[A-Za-z0-9]/.test(n) && (!'\\^$.|?*+()[]{}/-'.includes(n) || (n === '-' && !inClass))) {
        out += n;
        i += 2;
        continue;
      }
      out += c + n;
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === '[') {
        // Java's nested class union [a[bc]] flattens; intersections (&&) are not supported.
        inClass++;
        i++;
        continue;
      }
      if (c === ']') {
        inClass--;
        if (inClass === 0) out += ']';
        i++;
        continue;
      }
      if (c === '&' && pattern[i + 1] === '&') throw new Error('Character class intersection is not supported');
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = 1;
      out += '[';
      i++;
      if (pattern[i] === '^') {
        out += '^';
        i++;
      }
      // A leading ']' is a literal in Java.
      if (pattern[i] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (comments && /\s/.test(c)) {
      i++;
      continue;
    }
    if (comments && c === '#') {
      while (i < pattern.length && pattern[i] !== '\n') i++;
      continue;
    }
    if (c === '$' && !flags.includes('m')) {
      // Java's `$` also matches before a final line terminator.
      out += '(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?(?![\\s\\S]))';
      i++;
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      // Inline flags after a leading anchor, e.g. `^(?i)abc`, apply to the whole pattern as in Java.
      const m = /^\(\?([imsx]*)(?:-([imsx]*))?\)/.exec(pattern.slice(i));
      if (m && (m[1] !== '' || m[2] !== undefined) && /^(?:\^|\(\?<!\[\\s\\S\]\)|\(\?:|\()*$/.test(out)) {
        for (const f of m[1]) if (f === 'i' || f === 'm' || f === 's') flags += f;
        for (const f of m[1]) if (f === 'x') comments = true;
        for (const f of m[2] ?? '') flags = flags.replace(f, '');
        i += m[0].length;
        continue;
      }
    }
    if (c === '(' && pattern.startsWith('(?>', i)) {
      out += '(?:';
      i += 3;
      continue;
    }
    if ((c === '+' && i > 0 && /[*+?}]/.test(pattern[i - 1]) && pattern[i - 2] !== '\\')) {
      // Possessive quantifier: approximated by the greedy one.
      i++;
      continue;
    }
    out += c;
    i++;
  }
  if (inClass) throw new Error(`Unclosed character class near index ${pattern.length - 1}`);
  return { source: out, flags, unicode };
}

function invalidPattern(pattern: string, functionName: string): SparkException {
  const value = `'${pattern.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const params = { parameter: '`regexp`', functionName: `\`${functionName}\``, value };
  return new SparkException(`The value of parameter(s) ${params.parameter} in ${params.functionName} is invalid: ${value}.`, {
    errorClass: 'INVALID_PARAMETER_VALUE.PATTERN',
    sqlState: '22023',
    messageParameters: params,
  });
}

export function compileJavaRegex(pattern: string, flags = '', functionName = 'split'): RegExp {
  const key = `${flags}/${pattern}`;
  const hit = cache.get(key);
  if (hit) {
    hit.lastIndex = 0;
    return hit;
  }
  let regex: RegExp;
  try {
    const t = translateJavaRegex(pattern);
    const all = [...new Set(flags + t.flags)].join('');
    try {
      regex = new RegExp(t.source, all + 'u');
    } catch (e) {
      if (t.unicode) throw e;
      regex = new RegExp(t.source, all);
    }
  } catch {
    throw invalidPattern(pattern, functionName);
  }
  if (cache.size > 1000) cache.clear();
  cache.set(key, regex);
  return regex;
}

/** Number of capturing groups of a compiled pattern. */
export function groupCount(regex: RegExp): number {
  return new RegExp(`${regex.source}|`, regex.flags.replace('g', '').replace('y', '')).exec('')!.length - 1;
}

/** A piece of a Java replacement string: literal text or a group reference. */
type ReplacementPart = string | number;

/**
 * Parses a Java Matcher replacement: `$n` (greedy while the group exists), `${name}`, `\x` as a
 * literal x. Errors as Java's (IllegalArgumentException / IndexOutOfBoundsException).
 */
export function parseJavaReplacement(rep: string, groups: number, names: readonly string[] = []): ReplacementPart[] {
  const parts: ReplacementPart[] = [];
  let lit = '';
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i];
    if (c === '\\') {
      i++;
      if (i >= rep.length) throw new Error('character to be escaped is missing');
      lit += rep[i];
    } else if (c === '$') {
      i++;
      if (i >= rep.length) throw new Error('Illegal group reference: group index is missing');
      if (rep[i] === '{') {
        const end = rep.indexOf('}', i);
        const name = rep.slice(i + 1, end);
        if (end < 0 || !names.includes(name)) throw new Error(`No group with name {${name}}`);
        if (lit) parts.push(lit);
        lit = '';
        parts.push(`\u0000${name}` as string);
        i = end;
        continue;
      }
      const d = rep.charCodeAt(i) - 48;
      if (d < 0 || d > 9) throw new Error('Illegal group reference');
      let n = d;
      while (i + 1 < rep.length) {
        const nd = rep.charCodeAt(i + 1) - 48;
        if (nd < 0 || nd > 9 || n * 10 + nd > groups) break;
        n = n * 10 + nd;
        i++;
      }
      if (n > groups) throw new Error(`No group ${n}`);
      if (lit) parts.push(lit);
      lit = '';
      parts.push(n);
    } else {
      lit += c;
    }
  }
  if (lit) parts.push(lit);
  return parts;
}

/** Renders parsed replacement parts against a match. */
export function applyReplacement(parts: readonly ReplacementPart[], m: RegExpExecArray): string {
  if (parts.length === 1 && typeof parts[0] === 'string' && parts[0][0] !== '\u0000') return parts[0];
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += m[p] ?? '';
    else if (p[0] === '\u0000') out += m.groups?.[p.slice(1)] ?? '';
    else out += p;
  }
  return out;
}
