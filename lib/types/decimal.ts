// Spark's Decimal as an immutable value: a bigint unscaled value and a scale >= 0 (value =
// unscaled / 10^scale). Arithmetic is exact; rounding happens only where asked (setScale,
// divide, toPrecision), with java.math.RoundingMode semantics. A negative scale, as Java's
// BigDecimal allows for "1E+3", is normalised to scale 0 as Spark does without the legacy flag.
import { registerDecimalClass } from '../util/value-codec';

export type RoundingMode = 'HALF_UP' | 'HALF_EVEN' | 'HALF_DOWN' | 'UP' | 'DOWN' | 'CEILING' | 'FLOOR';

/** Spark's `DecimalType.MAX_PRECISION`. */
export const MAX_PRECISION = 38;

const TEN = 10n;
const POW10: bigint[] = [1n];
for (let i = 1; i <= 80; i++) POW10.push(POW10[i - 1] * TEN);

/** 10^n as a bigint (cached for small n). */
export function pow10(n: number): bigint {
  return n < POW10.length ? POW10[n] : TEN ** BigInt(n);
}

function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}

/** Number of decimal digits of |v| (0 has one digit). */
export function digitCount(v: bigint): number {
  const a = abs(v);
  if (a < 10n) return 1;
  // Length of the decimal text is exact and fast enough for <= 80-digit values.
  return a.toString().length;
}

/** `q = n / d` rounded to an integer with `mode` (d != 0). */
function divideRounded(n: bigint, d: bigint, mode: RoundingMode): bigint {
  let q = n / d; // truncates toward zero
  const r = n - q * d;
  if (r === 0n) return q;
  const negative = n < 0n !== d < 0n;
  const sign = negative ? -1n : 1n;
  const twice = abs(r) * 2n;
  const ad = abs(d);
  let up: boolean;
  switch (mode) {
    case 'DOWN':
      up = false;
      break;
    case 'UP':
      up = true;
      break;
    case 'FLOOR':
      up = negative;
      break;
    case 'CEILING':
      up = !negative;
      break;
    case 'HALF_UP':
      up = twice >= ad;
      break;
    case 'HALF_DOWN':
      up = twice > ad;
      break;
    case 'HALF_EVEN':
      up = twice > ad || (twice === ad && (q & 1n) !== 0n);
      break;
  }
  if (up) q += sign;
  return q;
}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export class Decimal {
  /** Value = unscaled / 10^scale. */
  readonly unscaled: bigint;
  readonly scale: number;

  private constructor(unscaled: bigint, scale: number) {
    this.unscaled = unscaled;
    this.scale = scale;
  }

  static readonly ZERO = new Decimal(0n, 0);
  static readonly ONE = new Decimal(1n, 0);

  /** The decimal `unscaled * 10^-scale`; a negative scale is folded into the unscaled value. */
  static of(unscaled: bigint, scale = 0): Decimal {
    if (scale < 0) return new Decimal(unscaled * pow10(-scale), 0);
    return new Decimal(unscaled, scale);
  }

  /**
   * Java's `new BigDecimal(text)`: `[+-]digits[.digits][e[+-]digits]`, no spaces. Throws
   * `DecimalFormatError` on anything else; `parse` is the non-throwing form.
   */
  static fromString(text: string): Decimal {
    const d = Decimal.parse(text);
    if (d === null) throw new DecimalFormatError(text);
    return d;
  }

  /** `fromString` that returns null for malformed text. */
  static parse(text: string): Decimal | null {
    const m = DECIMAL_TEXT.exec(text);
    if (!m) return null;
    const intPart = m[2];
    const fracPart = m[3] ?? '';
    if (intPart === '' && fracPart === '') return null;
    const exponentText = m[4];
    // Guard against absurd exponents ("1e999999999") that would allocate huge strings.
    const exponent = exponentText === undefined ? 0 : Number(exponentText);
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 100_000) return null;
    let unscaled = BigInt((intPart + fracPart) || '0');
    if (m[1] === '-') unscaled = -unscaled;
    return Decimal.of(unscaled, fracPart.length - exponent);
  }

  /**
   * A JS number as Spark's `Decimal(double)`: the shortest decimal text that reads back as the
   * same double (Java's Double.toString digits). Throws for NaN and infinities.
   */
  static fromNumber(value: number): Decimal {
    if (!Number.isFinite(value)) throw new DecimalFormatError(String(value));
    if (Number.isInteger(value) && Number.isSafeInteger(value)) return new Decimal(BigInt(value), 0);
    return Decimal.fromString(String(value));
  }

  static fromBigInt(value: bigint, scale = 0): Decimal {
    return Decimal.of(value, scale);
  }

  /** Spark's precision of this value: digits of the unscaled value, at least the scale. */
  get precision(): number {
    return Math.max(digitCount(this.unscaled), this.scale);
  }

  signum(): number {
    return this.unscaled > 0n ? 1 : this.unscaled < 0n ? -1 : 0;
  }

  isZero(): boolean {
    return this.unscaled === 0n;
  }

  /** Unscaled value at a scale >= this.scale (exact). */
  private unscaledAt(scale: number): bigint {
    return scale === this.scale ? this.unscaled : this.unscaled * pow10(scale - this.scale);
  }

  add(other: Decimal): Decimal {
    const s = Math.max(this.scale, other.scale);
    return new Decimal(this.unscaledAt(s) + other.unscaledAt(s), s);
  }

  subtract(other: Decimal): Decimal {
    const s = Math.max(this.scale, other.scale);
    return new Decimal(this.unscaledAt(s) - other.unscaledAt(s), s);
  }

  /** Exact product (scale s1 + s2). */
  multiply(other: Decimal): Decimal {
    return new Decimal(this.unscaled * other.unscaled, this.scale + other.scale);
  }

  /** The quotient rounded to `scale` fraction digits. Throws RangeError on a zero divisor. */
  divide(other: Decimal, scale: number, mode: RoundingMode = 'HALF_UP'): Decimal {
    if (other.unscaled === 0n) throw new RangeError('Division by zero');
    // this/other = (u1 / u2) * 10^(s2 - s1); scaled by 10^scale.
    const shift = scale + other.scale - this.scale;
    let n = this.unscaled;
    let d = other.unscaled;
    if (shift >= 0) n *= pow10(shift);
    else d *= pow10(-shift);
    return new Decimal(divideRounded(n, d, mode), scale);
  }

  /** Java's `divideToIntegralValue`: the quotient truncated toward zero, scale 0. */
  quot(other: Decimal): Decimal {
    return this.divide(other, 0, 'DOWN');
  }

  /** Java's `remainder`: `this - quot(other) * other`, sign of the dividend. */
  remainder(other: Decimal): Decimal {
    if (other.unscaled === 0n) throw new RangeError('Division by zero');
    const s = Math.max(this.scale, other.scale);
    return new Decimal(this.unscaledAt(s) % other.unscaledAt(s), s);
  }

  negate(): Decimal {
    return new Decimal(-this.unscaled, this.scale);
  }

  abs(): Decimal {
    return this.unscaled < 0n ? this.negate() : this;
  }

  compare(other: Decimal): number {
    if (this.scale === other.scale) return this.unscaled < other.unscaled ? -1 : this.unscaled > other.unscaled ? 1 : 0;
    const s = Math.max(this.scale, other.scale);
    const a = this.unscaledAt(s);
    const b = other.unscaledAt(s);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** Numeric equality (1.0 equals 1.00), as Spark's Decimal.equals. */
  equals(other: unknown): boolean {
    return other instanceof Decimal && this.compare(other) === 0;
  }

  /** Same value at another scale, rounding when digits are dropped. */
  setScale(scale: number, mode: RoundingMode = 'HALF_UP'): Decimal {
    if (scale === this.scale) return this;
    if (scale > this.scale) return new Decimal(this.unscaled * pow10(scale - this.scale), scale);
    return new Decimal(divideRounded(this.unscaled, pow10(this.scale - scale), mode), scale);
  }

  /**
   * Spark's `changePrecision`: the value at `scale` (rounded with `mode`) if it fits in
   * `precision` digits, else null.
   */
  toPrecision(precision: number, scale: number, mode: RoundingMode = 'HALF_UP'): Decimal | null {
    const v = this.setScale(scale, mode);
    return abs(v.unscaled) < pow10(precision) ? v : null;
  }

  /** Java's `round(new MathContext(digits, mode))`, keeping the scale >= 0. */
  roundToDigits(digits: number, mode: RoundingMode = 'HALF_UP'): Decimal {
    const excess = digitCount(this.unscaled) - digits;
    if (excess <= 0 || this.scale === 0) return this;
    const drop = Math.min(excess, this.scale);
    const rounded = this.setScale(this.scale - drop, mode);
    // Rounding can carry into a new digit (99.95 -> 100.0): drop one more if still too long.
    return digitCount(rounded.unscaled) > digits && rounded.scale > 0 ? rounded.setScale(rounded.scale - 1, mode) : rounded;
  }

  /** Integer part, truncated toward zero. */
  toBigInt(): bigint {
    return this.scale === 0 ? this.unscaled : this.unscaled / pow10(this.scale);
  }

  /** The nearest double (correctly rounded from the exact text). */
  toNumber(): number {
    if (this.scale === 0 && abs(this.unscaled) <= 9007199254740991n) return Number(this.unscaled);
    return Number(this.toJavaString());
  }

  /** Java's `toPlainString`: no exponent, exactly `scale` fraction digits. */
  toPlainString(): string {
    const negative = this.unscaled < 0n;
    const digits = abs(this.unscaled).toString();
    if (this.scale === 0) return negative ? `-${digits}` : digits;
    const padded = digits.length <= this.scale ? '0'.repeat(this.scale - digits.length + 1) + digits : digits;
    const cut = padded.length - this.scale;
    return `${negative ? '-' : ''}${padded.slice(0, cut)}.${padded.slice(cut)}`;
  }

  /**
   * Java's `BigDecimal.toString` (what Spark's `Decimal.toString` gives, and so legacy casts
   * to string and generated column names): scientific when the exponent is below -6.
   */
  toJavaString(): string {
    const digits = abs(this.unscaled).toString();
    const adjusted = digits.length - 1 - this.scale;
    if (adjusted >= -6) return this.toPlainString();
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${this.unscaled < 0n ? '-' : ''}${mantissa}E${adjusted}`;
  }

  /** Plain notation (Java's toPlainString). */
  toString(): string {
    return this.toPlainString();
  }

  /** Exact text, so JSON never rounds (a JSON number would pass through a double). */
  toJSON(): string {
    return this.toPlainString();
  }

  /**
   * The nearest double: arithmetic and comparison with numbers are numeric (`price + 1` is 3.25,
   * never the string "2.251"); exact work goes through the methods (add, multiply...).
   */
  valueOf(): number {
    return this.toNumber();
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Decimal('${this.toPlainString()}')`;
  }
}

export class DecimalFormatError extends Error {
  constructor(readonly text: string) {
    super(`Character array is missing "exponent" mark 'e' or 'E' or is not a valid decimal: ${text}`);
    this.name = 'DecimalFormatError';
  }
}

/** A Decimal from a row value that may still be decimal text or a number (older producers). */
export function toDecimal(value: unknown): Decimal {
  if (value instanceof Decimal) return value;
  if (typeof value === 'bigint') return Decimal.of(value, 0);
  if (typeof value === 'number') return Decimal.fromNumber(value);
  return Decimal.fromString(String(value).trim());
}

// State files store decimals in aggregate buffers; the codec (util layer) learns the class here.
registerDecimalClass(Decimal);
