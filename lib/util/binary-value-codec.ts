// Engine values <-> compact binary, for state files: one tag byte per value, numbers as float64
// (int32 when they fit), bigints as int64 (text only beyond 64 bits), strings as length-prefixed
// UTF-8, arrays/maps/sets/objects with a count. Covers what lib/util/value-codec.ts covers (NaN,
// -0, decimals, binary, registered classes) at a fraction of the cost of tagged JSON.
import { decimalSupport, newStateValue, stateValueClassName } from './value-codec';

const T_NULL = 0;
const T_FALSE = 1;
const T_TRUE = 2;
const T_INT = 3;
const T_DOUBLE = 4;
const T_STRING = 5;
const T_BIGINT = 6;
const T_BIGTEXT = 7;
const T_ARRAY = 8;
const T_BINARY = 9;
const T_MAP = 10;
const T_SET = 11;
const T_DECIMAL = 12;
const T_OBJECT = 13;
const T_CLASS = 14;
const T_UNDEFINED = 15;
/** Strings with lone surrogates (not representable in UTF-8) as UTF-16. */
const T_STRING16 = 16;

const MIN_I64 = -(2n ** 63n);
const MAX_I64 = 2n ** 63n - 1n;

// Buffer's writeBigInt64LE/readBigInt64LE do several BigInt operations per call (a third of the
// cost of writing a state file of timestamp keys); a one-element typed array converts natively.
const scratch64 = new BigInt64Array(1);
const scratch8 = new Uint8Array(scratch64.buffer);
/** The file format is little-endian; the typed-array shortcut holds on little-endian hosts only. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A growable output buffer. */
export class BinaryWriter {
  buf: Buffer;
  pos = 0;

  constructor(initial = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  u32(v: number): void {
    this.ensure(4);
    this.buf.writeUInt32LE(v, this.pos);
    this.pos += 4;
  }

  /** Reserves four bytes for a u32 written later with patchU32. */
  reserveU32(): number {
    this.ensure(4);
    const at = this.pos;
    this.pos += 4;
    return at;
  }

  patchU32(at: number, v: number): void {
    this.buf.writeUInt32LE(v, at);
  }

  f64(v: number): void {
    this.ensure(8);
    this.buf.writeDoubleLE(v, this.pos);
    this.pos += 8;
  }

  string(s: string): void {
    // Short ASCII strings are the common case: the byte length is then the string length.
    const max = s.length * 3;
    this.ensure(max + 4);
    const n = this.buf.write(s, this.pos + 4, 'utf8');
    this.buf.writeUInt32LE(n, this.pos);
    this.pos += 4 + n;
  }

  bytes(b: Uint8Array): void {
    this.u32(b.byteLength);
    this.ensure(b.byteLength);
    this.buf.set(b, this.pos);
    this.pos += b.byteLength;
  }

  value(v: unknown): void {
    switch (typeof v) {
      case 'string':
        if ((v as unknown as { isWellFormed(): boolean }).isWellFormed()) {
          this.u8(T_STRING);
          this.string(v);
        } else {
          this.u8(T_STRING16);
          this.u32(v.length * 2);
          this.ensure(v.length * 2);
          this.pos += this.buf.write(v, this.pos, 'utf16le');
        }
        return;
      case 'number':
        if ((v | 0) === v && (v !== 0 || 1 / v > 0)) {
          // Byte stores instead of Buffer#writeInt32LE (its argument checks cost more than the write).
          this.ensure(5);
          const buf = this.buf;
          const p = this.pos;
          buf[p] = T_INT;
          buf[p + 1] = v;
          buf[p + 2] = v >> 8;
          buf[p + 3] = v >> 16;
          buf[p + 4] = v >> 24;
          this.pos = p + 5;
        } else {
          this.u8(T_DOUBLE);
          this.f64(v);
        }
        return;
      case 'boolean':
        this.u8(v ? T_TRUE : T_FALSE);
        return;
      case 'bigint':
        if (v >= MIN_I64 && v <= MAX_I64) {
          this.ensure(9);
          const buf = this.buf;
          let p = this.pos;
          buf[p++] = T_BIGINT;
          if (LITTLE_ENDIAN) {
            scratch64[0] = v;
            for (let i = 0; i < 8; i++) buf[p + i] = scratch8[i];
          } else {
            buf.writeBigInt64LE(v, p);
          }
          this.pos = p + 8;
        } else {
          this.u8(T_BIGTEXT);
          this.string(v.toString());
        }
        return;
      case 'undefined':
        this.u8(T_UNDEFINED);
        return;
      case 'object':
        this.object(v);
        return;
      default:
        throw new TypeError(`A state value of type ${typeof v} cannot be written to the checkpoint.`);
    }
  }

  private object(v: object | null): void {
    if (v === null) {
      this.u8(T_NULL);
      return;
    }
    if (Array.isArray(v)) {
      const n = v.length;
      this.ensure(5);
      const buf = this.buf;
      const p = this.pos;
      buf[p] = T_ARRAY;
      buf[p + 1] = n;
      buf[p + 2] = n >>> 8;
      buf[p + 3] = n >>> 16;
      buf[p + 4] = n >>> 24;
      this.pos = p + 5;
      for (let i = 0; i < n; i++) this.value(v[i]);
      return;
    }
    if (v instanceof Uint8Array) {
      this.u8(T_BINARY);
      this.bytes(v);
      return;
    }
    if (v instanceof Map) {
      this.u8(T_MAP);
      this.u32(v.size);
      for (const [k, x] of v) {
        this.value(k);
        this.value(x);
      }
      return;
    }
    if (v instanceof Set) {
      this.u8(T_SET);
      this.u32(v.size);
      for (const x of v) this.value(x);
      return;
    }
    const proto = Object.getPrototypeOf(v) as object | null;
    if (proto === Object.prototype || proto === null) {
      this.u8(T_OBJECT);
    } else {
      const decimal = decimalSupport();
      if (decimal && decimal.isDecimal(v)) {
        const d = v as { unscaled: bigint; scale: number };
        this.u8(T_DECIMAL);
        this.value(d.unscaled);
        this.value(d.scale);
        return;
      }
      const name = stateValueClassName(v);
      if (name === undefined) throw new TypeError(`A state value of class ${v.constructor?.name ?? 'unknown'} cannot be written to the checkpoint.`);
      this.u8(T_CLASS);
      this.string(name);
    }
    const keys = Object.keys(v);
    this.u32(keys.length);
    for (const k of keys) {
      this.string(k);
      this.value((v as Record<string, unknown>)[k]);
    }
  }

  result(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

/** Reads what BinaryWriter wrote; throws RangeError/TypeError on damaged input. */
export class BinaryReader {
  pos: number;

  constructor(
    readonly buf: Buffer,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  private need(n: number): void {
    if (this.pos + n > this.end) throw new RangeError('unexpected end of data');
  }

  u8(): number {
    this.need(1);
    return this.buf[this.pos++];
  }

  u32(): number {
    this.need(4);
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  f64(): number {
    this.need(8);
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  string(): string {
    const n = this.u32();
    this.need(n);
    const s = this.buf.toString('utf8', this.pos, this.pos + n);
    this.pos += n;
    return s;
  }

  value(): unknown {
    const tag = this.u8();
    switch (tag) {
      case T_NULL:
        return null;
      case T_FALSE:
        return false;
      case T_TRUE:
        return true;
      case T_INT: {
        this.need(4);
        const v = this.buf.readInt32LE(this.pos);
        this.pos += 4;
        return v;
      }
      case T_DOUBLE:
        return this.f64();
      case T_STRING:
        return this.string();
      case T_BIGINT: {
        this.need(8);
        const buf = this.buf;
        const p = this.pos;
        this.pos = p + 8;
        if (!LITTLE_ENDIAN) return buf.readBigInt64LE(p);
        for (let i = 0; i < 8; i++) scratch8[i] = buf[p + i];
        return scratch64[0];
      }
      case T_BIGTEXT:
        return BigInt(this.string());
      case T_ARRAY: {
        const n = this.u32();
        const out = new Array(n);
        for (let i = 0; i < n; i++) out[i] = this.value();
        return out;
      }
      case T_BINARY: {
        const n = this.u32();
        this.need(n);
        const out = new Uint8Array(n);
        out.set(this.buf.subarray(this.pos, this.pos + n));
        this.pos += n;
        return out;
      }
      case T_MAP: {
        const n = this.u32();
        const out = new Map<unknown, unknown>();
        for (let i = 0; i < n; i++) {
          const k = this.value();
          out.set(k, this.value());
        }
        return out;
      }
      case T_SET: {
        const n = this.u32();
        const out = new Set<unknown>();
        for (let i = 0; i < n; i++) out.add(this.value());
        return out;
      }
      case T_DECIMAL: {
        const unscaled = this.value() as bigint;
        const scale = this.value() as number;
        const decimal = decimalSupport();
        if (!decimal) throw new TypeError('Decimal values cannot be read before the Decimal class is loaded.');
        return decimal.of(unscaled, scale);
      }
      case T_OBJECT:
      case T_CLASS: {
        const target: Record<string, unknown> = tag === T_CLASS ? newStateValue(this.string()) : {};
        const n = this.u32();
        for (let i = 0; i < n; i++) {
          const k = this.string();
          target[k] = this.value();
        }
        return target;
      }
      case T_UNDEFINED:
        return undefined;
      case T_STRING16: {
        const n = this.u32();
        this.need(n);
        const s = this.buf.toString('utf16le', this.pos, this.pos + n);
        this.pos += n;
        return s;
      }
      default:
        throw new TypeError(`unknown value tag ${tag}`);
    }
  }
}
