// The Decimal value class: Java BigDecimal parsing and printing, exact arithmetic, rounding.
import { Decimal, DecimalFormatError, toDecimal } from '../../lib/types/decimal';
import {
  addResultType,
  adjustPrecisionScale,
  decimalForLiteral,
  decimalForType,
  divideResultType,
  multiplyResultType,
  remainderResultType,
} from '../../lib/types/decimal-precision';
import { ByteType, DecimalType, DoubleType, IntegerType, LongType } from '../../lib/types/data-types';

const d = (s: string) => Decimal.fromString(s);

describe('parsing and printing', () => {
  test.each([
    ['123.45', 12345n, 2, '123.45'],
    ['-0.5', -5n, 1, '-0.5'],
    ['+7', 7n, 0, '7'],
    ['.5', 5n, 1, '0.5'],
    ['5.', 5n, 0, '5'],
    ['1E+3', 1000n, 0, '1000'],
    ['1.5e-7', 15n, 8, '0.00000015'],
    ['0.10', 10n, 2, '0.10'],
    ['123.0E-28', 1230n, 29, '0.00000000000000000000000001230'],
  ])('%s', (text, unscaled, scale, plain) => {
    const v = d(text);
    expect(v.unscaled).toBe(unscaled);
    expect(v.scale).toBe(scale);
    expect(v.toString()).toBe(plain);
    expect(v.toPlainString()).toBe(plain);
  });

  test('malformed text', () => {
    for (const bad of ['', '.', 'abc', '1.2.3', '1e', ' 1', 'Infinity', 'NaN', '1,5']) {
      expect(Decimal.parse(bad)).toBeNull();
      expect(() => d(bad)).toThrow(DecimalFormatError);
    }
  });

  test("Java's BigDecimal.toString uses an exponent below 1E-6", () => {
    expect(d('0.00000000000000000000000001230').toJavaString()).toBe('1.230E-26');
    expect(d('0.000001').toJavaString()).toBe('0.000001');
    expect(d('0.0000001').toJavaString()).toBe('1E-7');
    expect(d('-0.00000012').toJavaString()).toBe('-1.2E-7');
    expect(d('123.45').toJavaString()).toBe('123.45');
  });

  test('precision counts digits, at least the scale', () => {
    expect(d('123.45').precision).toBe(5);
    expect(d('0.01').precision).toBe(2);
    expect(d('0').precision).toBe(1);
    expect(d('-9999').precision).toBe(4);
  });

  test('fromNumber uses the shortest decimal text of the double, fromBigInt is exact', () => {
    expect(Decimal.fromNumber(0.1).toString()).toBe('0.1');
    expect(Decimal.fromNumber(1e21).toString()).toBe('1000000000000000000000');
    expect(Decimal.fromNumber(-2.5e-8).toString()).toBe('-0.000000025');
    expect(Decimal.fromNumber(7).toString()).toBe('7');
    expect(() => Decimal.fromNumber(NaN)).toThrow(DecimalFormatError);
    expect(Decimal.fromBigInt(12345n, 2).toString()).toBe('123.45');
    expect(toDecimal('1.50').equals(d('1.5'))).toBe(true);
    expect(toDecimal(3n).toString()).toBe('3');
  });

  test('toNumber and toBigInt', () => {
    expect(d('123.45').toNumber()).toBe(123.45);
    expect(d('-123.99').toBigInt()).toBe(-123n);
    expect(d('99999999999999999999.5').toBigInt()).toBe(99999999999999999999n);
    expect(JSON.stringify({ v: d('1.50') })).toBe('{"v":"1.50"}');
  });
});

describe('arithmetic', () => {
  test('add, subtract, multiply are exact', () => {
    expect(d('1.5').add(d('2.25')).toString()).toBe('3.75');
    expect(d('1.5').subtract(d('2.25')).toString()).toBe('-0.75');
    expect(d('1.5').multiply(d('2.25')).toString()).toBe('3.375');
    expect(d('99999999999999999999999999999999999999').add(d('1')).toString()).toBe('100000000000000000000000000000000000000');
    expect(d('-0.5').negate().toString()).toBe('0.5');
    expect(d('-0.5').abs().toString()).toBe('0.5');
  });

  test('divide rounds to the requested scale', () => {
    expect(d('10').divide(d('3'), 6).toString()).toBe('3.333333');
    expect(d('2').divide(d('3'), 6).toString()).toBe('0.666667');
    expect(d('-2').divide(d('3'), 6).toString()).toBe('-0.666667');
    expect(d('1').divide(d('8'), 2, 'HALF_UP').toString()).toBe('0.13');
    expect(d('1').divide(d('8'), 2, 'HALF_EVEN').toString()).toBe('0.12');
    expect(d('1').divide(d('8'), 2, 'DOWN').toString()).toBe('0.12');
    expect(d('-1').divide(d('8'), 2, 'FLOOR').toString()).toBe('-0.13');
    expect(d('1.00').divide(d('0.3'), 3).toString()).toBe('3.333');
    expect(() => d('1').divide(d('0'), 2)).toThrow(RangeError);
  });

  test('remainder and quot follow Java (sign of the dividend, truncation)', () => {
    expect(d('7.5').remainder(d('2')).toString()).toBe('1.5');
    expect(d('-7.5').remainder(d('2')).toString()).toBe('-1.5');
    expect(d('-7').quot(d('2')).toString()).toBe('-3');
  });

  test('compare and equals are numeric', () => {
    expect(d('1.0').equals(d('1.00'))).toBe(true);
    expect(d('1.0').compare(d('0.99'))).toBe(1);
    expect(d('-1').compare(d('0'))).toBe(-1);
    expect(d('1').equals('1')).toBe(false);
  });

  test('setScale and toPrecision round half up; overflow gives null', () => {
    expect(d('1.005').setScale(2).toString()).toBe('1.01');
    expect(d('-1.005').setScale(2).toString()).toBe('-1.01');
    expect(d('1.5').setScale(3).toString()).toBe('1.500');
    expect(d('1.25').setScale(1, 'HALF_EVEN').toString()).toBe('1.2');
    expect(d('123.45').toPrecision(4, 2)).toBeNull();
    expect(d('23.45').toPrecision(4, 2)?.toString()).toBe('23.45');
    expect(d('9.995').toPrecision(3, 2)).toBeNull(); // rounds to 10.00
    expect(d('1.0').toPrecision(10, 0)?.toString()).toBe('1');
  });

  test('roundToDigits is MathContext rounding', () => {
    expect(d('1.23456').roundToDigits(3).toString()).toBe('1.23');
    expect(d('99.95').roundToDigits(3).toString()).toBe('100');
    expect(d('12345').roundToDigits(3).toString()).toBe('12345'); // integer digits are kept
  });
});

describe('DecimalPrecision result types', () => {
  const dt = (p: number, s: number) => new DecimalType(p, s);
  const str = (t: DecimalType) => t.simpleString();

  test('promotion of integral types and literals', () => {
    expect(str(decimalForType(IntegerType())!)).toBe('decimal(10,0)');
    expect(str(decimalForType(LongType())!)).toBe('decimal(20,0)');
    expect(str(decimalForType(ByteType())!)).toBe('decimal(3,0)');
    expect(str(decimalForType(DoubleType())!)).toBe('decimal(30,15)');
    expect(str(decimalForLiteral(1, IntegerType())!)).toBe('decimal(1,0)');
    expect(str(decimalForLiteral(-123, IntegerType())!)).toBe('decimal(3,0)');
    expect(str(decimalForLiteral(12345678901n, LongType())!)).toBe('decimal(11,0)');
  });

  test.each([
    ['add', addResultType(dt(10, 2), dt(5, 3)), 'decimal(12,3)'],
    ['add at the cap', addResultType(dt(38, 10), dt(38, 10)), 'decimal(38,9)'],
    ['multiply', multiplyResultType(dt(10, 2), dt(5, 3)), 'decimal(16,5)'],
    ['multiply capped keeps 6 fraction digits', multiplyResultType(dt(38, 18), dt(38, 18)), 'decimal(38,6)'],
    ['divide', divideResultType(dt(3, 1), dt(1, 0)), 'decimal(8,6)'],
    ['divide wide', divideResultType(dt(38, 18), dt(38, 18)), 'decimal(38,6)'],
    ['divide by int', divideResultType(dt(10, 0), dt(2, 1)), 'decimal(17,6)'],
    ['remainder', remainderResultType(dt(10, 2), dt(5, 3)), 'decimal(5,3)'],
  ])('%s', (_name, type, expected) => {
    expect(str(type)).toBe(expected);
  });

  test('adjustPrecisionScale', () => {
    expect(str(adjustPrecisionScale(20, 5))).toBe('decimal(20,5)');
    expect(str(adjustPrecisionScale(40, 10))).toBe('decimal(38,8)');
    expect(str(adjustPrecisionScale(50, 4))).toBe('decimal(38,4)');
    expect(str(adjustPrecisionScale(77, 39))).toBe('decimal(38,6)');
  });
});
