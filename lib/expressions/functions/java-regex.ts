// Java regex patterns as JS RegExps. Most syntax is shared; the differences that matter for
// common patterns are handled here and the rest is reported clearly rather than mis-matched.
import { SparkException } from '../../errors/spark-exception';

const cache = new Map<string, RegExp>();

export function compileJavaRegex(pattern: string, flags = ''): RegExp {
  const key = `${flags}/${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let source = pattern;
  let extraFlags = '';
  // Java's leading inline flags (?i), (?s), (?m) become JS flags.
  const inline = /^\(\?([imsx]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    extraFlags = inline[1].replace('x', '');
  }
  // Possessive quantifiers and atomic groups have no JS equivalent; \A and \Z anchors do.
  source = source.replace(/\\A/g, '^').replace(/\\Z/g, '$').replace(/\\z/g, '$');
  let regex: RegExp;
  try {
    regex = new RegExp(source, [...new Set(flags + extraFlags + 'u')].join(''));
  } catch {
    try {
      regex = new RegExp(source, [...new Set(flags + extraFlags)].join(''));
    } catch (e) {
      throw new SparkException(
        `The value of parameter(s) \`regexp\` in \`split\` is invalid: ${(e as Error).message}.`,
        { errorClass: 'INVALID_PARAMETER_VALUE.PATTERN', sqlState: '22023', messageParameters: { parameter: '`regexp`', value: pattern } },
      );
    }
  }
  if (cache.size > 1000) cache.clear();
  cache.set(key, regex);
  return regex;
}
