// The inverse of encodeCompositeKey for the values it encodes losslessly (strings, numbers, longs,
// booleans, nulls, arrays of those): offline tools recover a state key's column values from it.
// Binary, map and object values return undefined (their encoding does not give them back).

export function decodeCompositeKey(text: string): unknown[] | undefined {
  const out: unknown[] = [];
  let i = 0;
  const value = (): unknown => {
    const tag = text[i++];
    switch (tag) {
      case 'n':
        i++; // ';'
        return null;
      case 't':
        i++;
        return true;
      case 'f':
        i++;
        return false;
      case 'd':
      case 'l': {
        const end = text.indexOf(';', i);
        if (end < 0) throw new Error('bad key');
        const raw = text.slice(i, end);
        i = end + 1;
        return tag === 'd' ? Number(raw) : BigInt(raw);
      }
      case 's': {
        const colon = text.indexOf(':', i);
        const len = Number(text.slice(i, colon));
        const s = text.slice(colon + 1, colon + 1 + len);
        i = colon + 1 + len;
        return s;
      }
      case 'a': {
        const open = text.indexOf('[', i);
        const len = Number(text.slice(i, open));
        i = open + 1;
        const arr: unknown[] = [];
        for (let k = 0; k < len; k++) arr.push(value());
        i++; // ']'
        return arr;
      }
      default:
        throw new Error('undecodable key');
    }
  };
  try {
    while (i < text.length) out.push(value());
  } catch {
    return undefined;
  }
  return out;
}
