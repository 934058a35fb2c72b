// Spark's stringToDate / stringToTimestamp and the session-zone conversions.
import {
  convertTz,
  daysToMicros,
  formatDate,
  microsToDays,
  stringToDate,
  stringToTimestamp,
  stringToTimestampNTZ,
  timestampFormatter,
} from '../../lib/types/datetime';
import { localToEpochSecond, resolveZone } from '../../lib/types/time-zone';

const utcMicros = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): bigint => BigInt(Date.UTC(y, mo - 1, d, h, mi, s)) * 1000n;
const LA = 'America/Los_Angeles';

describe('stringToDate', () => {
  test.each([
    ['2015-03-18', '2015-03-18'],
    ['2015-3-8', '2015-03-08'],
    ['2015', '2015-01-01'],
    ['2015-03', '2015-03-01'],
    [' 2015-03-18 ', '2015-03-18'],
    ['2015-03-18 12:03:17', '2015-03-18'],
    ['2015-03-18T12:03:17', '2015-03-18'],
    ['2015-03-18 anything', '2015-03-18'],
    ['+12345-01-01', '+12345-01-01'],
    ['-0042-01-01', '-0042-01-01'],
    ['2020-02-29', '2020-02-29'],
  ])('%s -> %s', (text, expected) => {
    const d = stringToDate(text);
    expect(d).not.toBeNull();
    expect(formatDate(d as number)).toBe(expected);
  });

  test.each(['', 'a', '2015-03-18X', '2015-13-01', '2019-02-29', '201', '2015-03-', '2015-03 x', '15-03-18', '2015/03/18', '2015-03-18-1'])('%s is not a date', (text) => {
    expect(stringToDate(text)).toBeNull();
  });
});

describe('stringToTimestamp', () => {
  test.each([
    ['2022-01-01 00:00:00', 'UTC', utcMicros(2022, 1, 1)],
    ['2022-01-01', 'UTC', utcMicros(2022, 1, 1)],
    ['2022-01', 'UTC', utcMicros(2022, 1, 1)],
    ['2022', 'UTC', utcMicros(2022, 1, 1)],
    ['2022-01-01T10:20', 'UTC', utcMicros(2022, 1, 1, 10, 20)],
    ['2022-01-01 10:20:30.123456', 'UTC', utcMicros(2022, 1, 1, 10, 20, 30) + 123456n],
    ['2022-01-01 10:20:30.123456789', 'UTC', utcMicros(2022, 1, 1, 10, 20, 30) + 123456n],
    ['2022-01-01 10:20:30.5', 'UTC', utcMicros(2022, 1, 1, 10, 20, 30) + 500000n],
    ['2022-01-01 00:00:00', LA, utcMicros(2022, 1, 1, 8)],
    ['2022-07-01 00:00:00', LA, utcMicros(2022, 7, 1, 7)],
    ['2022-01-01 00:00:00Z', LA, utcMicros(2022, 1, 1)],
    ['2022-01-01 00:00:00+01:00', 'UTC', utcMicros(2021, 12, 31, 23)],
    ['2022-01-01 00:00:00 +1:00', 'UTC', utcMicros(2021, 12, 31, 23)],
    ['2022-01-01T00:00:00-08:00', 'UTC', utcMicros(2022, 1, 1, 8)],
    ['2022-01-01 00:00:00 UTC+2', 'UTC', utcMicros(2021, 12, 31, 22)],
    ['2022-01-01 00:00:00 GMT-03:30', 'UTC', utcMicros(2022, 1, 1, 3, 30)],
    ['2022-01-01 00:00:00 Europe/Paris', 'UTC', utcMicros(2021, 12, 31, 23)],
    ['2022-01-01 00:00:00 PST', 'UTC', utcMicros(2022, 1, 1, 8)],
    ['  2022-01-01 00:00:00  ', 'UTC', utcMicros(2022, 1, 1)],
  ])('%s in %s', (text, zone, expected) => {
    expect(stringToTimestamp(text, zone)).toBe(expected);
  });

  test('a time without a date takes today in the zone', () => {
    const now = () => Date.UTC(2024, 4, 6, 12, 0, 0);
    expect(stringToTimestamp('T10:00:00', 'UTC', now)).toBe(utcMicros(2024, 5, 6, 10));
    expect(stringToTimestamp('10:00:00', 'UTC', now)).toBe(utcMicros(2024, 5, 6, 10));
  });

  test.each(['a', '', '2022-01-01 25:00:00', '2022-01-01 10:61', '2022-02-30', '2022-01-01 00:00:00 Nowhere/Land', '2022-01-01X'])('%s is not a timestamp', (text) => {
    expect(stringToTimestamp(text, 'UTC')).toBeNull();
  });

  test('TIMESTAMP_NTZ ignores a zone in the text, rejects a time alone', () => {
    expect(stringToTimestampNTZ('2022-01-01 10:00:00')).toBe(utcMicros(2022, 1, 1, 10));
    expect(stringToTimestampNTZ('2022-01-01 10:00:00+05:00')).toBe(utcMicros(2022, 1, 1, 10));
    expect(stringToTimestampNTZ('2022-01-01 10:00:00+05:00', false)).toBeNull();
    expect(stringToTimestampNTZ('10:00:00')).toBeNull();
  });
});

describe('zones', () => {
  test('Java zone ids', () => {
    expect(resolveZone('+08:00')).toEqual({ kind: 'fixed', offset: 8 * 3600 });
    expect(resolveZone('-5')).toEqual({ kind: 'fixed', offset: -5 * 3600 });
    expect(resolveZone('+1:30')).toEqual({ kind: 'fixed', offset: 5400 });
    expect(resolveZone('UTC')).toEqual({ kind: 'fixed', offset: 0 });
    expect(resolveZone('EST')).toEqual({ kind: 'fixed', offset: -5 * 3600 });
    expect(resolveZone('PST')).toEqual({ kind: 'region', id: LA });
    expect(resolveZone('+19:00')).toBeUndefined();
    expect(resolveZone('Mars/Base')).toBeUndefined();
  });

  test('DST gap moves later, overlap takes the earlier offset (java.time)', () => {
    // 2021-03-14 02:30 does not exist in Los Angeles: 03:30 PDT = 10:30 UTC.
    expect(localToEpochSecond(Date.UTC(2021, 2, 14, 2, 30) / 1000, LA)).toBe(Date.UTC(2021, 2, 14, 10, 30) / 1000);
    // 2021-11-07 01:30 happens twice: the first (PDT, UTC-7) wins.
    expect(localToEpochSecond(Date.UTC(2021, 10, 7, 1, 30) / 1000, LA)).toBe(Date.UTC(2021, 10, 7, 8, 30) / 1000);
  });

  test('date <-> timestamp in the session zone and convertTz', () => {
    const day = stringToDate('2022-01-01') as number;
    expect(daysToMicros(day, LA)).toBe(utcMicros(2022, 1, 1, 8));
    expect(microsToDays(utcMicros(2022, 1, 1, 7), LA)).toBe(day - 1);
    expect(microsToDays(utcMicros(2022, 1, 1, 7), 'UTC')).toBe(day);
    // TIMESTAMP -> TIMESTAMP_NTZ: the wall clock in the session zone.
    expect(convertTz(utcMicros(2022, 1, 1, 8), 'UTC', LA)).toBe(utcMicros(2022, 1, 1));
    expect(timestampFormatter(LA)(utcMicros(2022, 1, 1, 8, 0, 1) + 500n)).toBe('2022-01-01 00:00:01.0005');
  });
});
