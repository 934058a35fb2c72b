// memoryUsedBytes of stateOperators progress: Spark's HDFS-backed provider reports the estimated
// size of its loaded maps (SizeEstimator). Walking every entry each batch would cost more than the
// batch, so the size of an entry is estimated from a sample of entries and multiplied by the key
// count. Figures are V8 heap estimates (pointer compression: 4-byte references), not exact.

/** A Map entry in V8's ordered hash table: key, value, chain link, plus a bucket slot. */
const MAP_ENTRY_BYTES = 16;
const SAMPLE = 16;

/** Estimated heap bytes of one engine value (shared strings and objects are counted in full). */
export function estimateValueBytes(value: unknown, depth = 0): number {
  switch (typeof value) {
    case 'number':
      // Small integers live in the reference; other numbers in a 12-byte heap number.
      return Number.isInteger(value) && value >= -(2 ** 30) && value < 2 ** 30 ? 0 : 12;
    case 'string':
      return 12 + ((value.length + 3) & ~3);
    case 'bigint':
      return 16;
    case 'boolean':
    case 'undefined':
      return 0;
    case 'object': {
      if (value === null || depth > 4) return 0;
      if (Array.isArray(value)) {
        let n = 16 + 4 * value.length;
        for (let i = 0; i < value.length; i++) n += estimateValueBytes(value[i], depth + 1);
        return n;
      }
      if (value instanceof Date) return 24;
      if (ArrayBuffer.isView(value)) return 64 + value.byteLength;
      if (value instanceof Map) {
        let n = 64;
        for (const [k, v] of value) n += MAP_ENTRY_BYTES + estimateValueBytes(k, depth + 1) + estimateValueBytes(v, depth + 1);
        return n;
      }
      let n = 12;
      for (const k in value) n += 4 + estimateValueBytes((value as Record<string, unknown>)[k], depth + 1);
      return n;
    }
    default:
      return 0;
  }
}

/**
 * Estimated heap bytes of the maps of one operator's partitions: the table's entries plus keys and
 * values, sized on up to 16 sampled entries.
 */
export function estimateMapsBytes(maps: Iterable<{ readonly size: number; [Symbol.iterator](): Iterator<[unknown, unknown]> }>): number {
  let entries = 0;
  let sampled = 0;
  let sampledBytes = 0;
  let tables = 0;
  for (const map of maps) {
    tables++;
    entries += map.size;
    if (sampled >= SAMPLE) continue;
    for (const [k, v] of map) {
      sampledBytes += estimateValueBytes(k) + estimateValueBytes(v);
      if (++sampled >= SAMPLE) break;
    }
  }
  const perEntry = MAP_ENTRY_BYTES + (sampled === 0 ? 0 : sampledBytes / sampled);
  return Math.round(tables * 64 + entries * perEntry);
}

/** The operators whose stores committed since the last call, and forget them (takeCommittedOperators of every provider). */
export function takeCommitted(committedOperators: Set<number>): number[] {
  const ids = [...committedOperators];
  committedOperators.clear();
  return ids;
}
