// What a TIMESTAMP gives a user: a real `Date` (so `getTime()`, `toISOString()`, date libraries
// and `instanceof Date` work) that also keeps the microseconds a Date cannot hold, so a value
// read from a row and written back is exactly the same instant. JSON gives the UTC instant with
// all six fraction digits ("2024-05-01T10:00:00.123456Z").
import { inspect } from 'node:util';

const MICROS_PER_MILLI = 1000n;

export class Timestamp extends Date {
  /** Microseconds below the millisecond (0..999); the Date holds the rest. */
  readonly #subMillis: number;

  /** `new Timestamp(epochMillis)` as a Date, optionally with 0..999 microseconds past that millisecond. */
  constructor(epochMillis: number, subMillisMicros = 0) {
    super(epochMillis);
    if (!Number.isInteger(subMillisMicros) || subMillisMicros < 0 || subMillisMicros > 999) {
      throw new RangeError(`Timestamp: microseconds past the millisecond must be an integer in 0..999, got ${subMillisMicros}`);
    }
    this.#subMillis = subMillisMicros;
  }

  /** The instant `micros` microseconds after 1970-01-01T00:00:00Z. */
  static fromEpochMicros(micros: bigint): Timestamp {
    let millis = micros / MICROS_PER_MILLI;
    let rest = micros - millis * MICROS_PER_MILLI;
    if (rest < 0n) {
      rest += MICROS_PER_MILLI;
      millis -= 1n;
    }
    return new Timestamp(Number(millis), Number(rest));
  }

  /** Microseconds since 1970-01-01T00:00:00Z (exact, as Spark stores the value). */
  get epochMicros(): bigint {
    return BigInt(this.getTime()) * MICROS_PER_MILLI + BigInt(this.#subMillis);
  }

  /** Microseconds within the second (0..999999), as Python's `datetime.microsecond`. */
  get microsecond(): number {
    const millis = ((this.getTime() % 1000) + 1000) % 1000;
    return millis * 1000 + this.#subMillis;
  }

  /** ISO 8601 in UTC with six fraction digits: "2024-05-01T10:00:00.123456Z". */
  toISOStringMicros(): string {
    const text = super.toISOString();
    return `${text.slice(0, -5)}.${String(this.microsecond).padStart(6, '0')}Z`;
  }

  override toJSON(): string {
    return this.toISOStringMicros();
  }

  [inspect.custom](): string {
    return Number.isNaN(this.getTime()) ? 'Invalid Date' : `Timestamp ${this.toISOStringMicros()}`;
  }
}
