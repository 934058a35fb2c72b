// Hex text <-> bytes, as Spark's Hex: upper-case digits out; on the way in an odd length gets a
// leading 0 nibble and any non-hex digit gives null.

const HEX = '0123456789ABCDEF';

export function bytesToHex(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i++) out += HEX[b[i] >> 4] + HEX[b[i] & 15];
  return out;
}

function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

export function hexToBytes(s: string): Uint8Array | null {
  const odd = s.length & 1;
  const out = new Uint8Array((s.length + odd) >> 1);
  let j = 0;
  let i = 0;
  if (odd) {
    const n = nibble(s.charCodeAt(0));
    if (n < 0) return null;
    out[j++] = n;
    i = 1;
  }
  for (; i < s.length; i += 2) {
    const hi = nibble(s.charCodeAt(i));
    const lo = nibble(s.charCodeAt(i + 1));
    if (hi < 0 || lo < 0) return null;
    out[j++] = (hi << 4) | lo;
  }
  return out;
}
