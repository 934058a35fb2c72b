// Display width of a string as Spark's `show()` measures it (Utils.stringHalfWidth): the UTF-16
// length plus one for every code unit in Spark's `fullWidthRegex` ranges, so such a character
// occupies two columns. Spark matches per UTF-16 char; surrogates fall outside every range, so
// astral characters (emoji) count as their two code units, exactly as in Spark.

/** Spark's full-width ranges (inclusive), in order; all lie at or above U+1100. */
const FULL_WIDTH_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
];

const FIRST_FULL_WIDTH = 0x1100;

function isFullWidth(code: number): boolean {
  for (const [lo, hi] of FULL_WIDTH_RANGES) {
    if (code < lo) return false; // ranges are sorted: nothing further can match
    if (code <= hi) return true;
  }
  return false;
}

/** Number of half-width columns `s` takes in `show()` output. */
export function stringHalfWidth(s: string): number {
  let extra = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    // Fast path: ASCII and Latin/Greek/Cyrillic never reach the table.
    if (code >= FIRST_FULL_WIDTH && isFullWidth(code)) extra++;
  }
  return s.length + extra;
}
