// The event-time index of the lmdb state store: one LMDB record per (partition, event time)
// listing the keys put with that time, as u32 count, then per key f64 seq + u32 length + key bytes.
// Keys share times (every group of a window has the window's end), so a batch writes one record
// per window and partition instead of one per key, and range eviction reads one per window.
import type { Database } from 'lmdb';
import { BinaryWriter } from '../util/binary-value-codec';

export type TimeIndexDb = Database<Buffer, [number, number]>;

/** One key of a time record. */
export interface TimeIndexEntry {
  seq: number;
  encodedKey: Buffer;
}

/** The number of keys in a time record (without reading them). */
export function timeRecordCount(record: Buffer): number {
  return record.readUInt32LE(0);
}

/** The keys of a time record. */
export function timeRecordEntries(record: Buffer): TimeIndexEntry[] {
  const n = record.readUInt32LE(0);
  const out: TimeIndexEntry[] = new Array(n);
  let at = 4;
  for (let i = 0; i < n; i++) {
    const seq = record.readDoubleLE(at);
    const length = record.readUInt32LE(at + 8);
    out[i] = { seq, encodedKey: record.subarray(at + 12, at + 12 + length) };
    at += 12 + length;
  }
  return out;
}

const writer = new BinaryWriter(64 * 1024);

function encodeTimeRecord(entries: readonly TimeIndexEntry[]): Buffer {
  writer.pos = 0;
  writer.u32(entries.length);
  for (const e of entries) {
    writer.f64(e.seq);
    writer.bytes(e.encodedKey);
  }
  return Buffer.from(writer.result());
}

interface TimeEdits {
  added: TimeIndexEntry[];
  /** Sequences leaving the record (a sequence names one live key of a partition). */
  removed: Set<number> | undefined;
}

/**
 * A write transaction's changes to one partition's time index, gathered by time and applied
 * together: per time touched, one read of its record and one write.
 */
export class TimeIndexEdits {
  private readonly byTime = new Map<number, TimeEdits>();

  private edits(time: number): TimeEdits {
    let e = this.byTime.get(time);
    if (e === undefined) this.byTime.set(time, (e = { added: [], removed: undefined }));
    return e;
  }

  add(time: number, seq: number, encodedKey: Buffer): void {
    this.edits(time).added.push({ seq, encodedKey });
  }

  /** Removals apply to the stored record, before this transaction's additions. */
  remove(time: number, seq: number): void {
    (this.edits(time).removed ??= new Set()).add(seq);
  }

  /**
   * Writes the edits. No record exists for a time above `highest` (the highest time the index held
   * before), so adding to such a time skips the read. Returns the highest time added, or -Infinity.
   */
  apply(db: TimeIndexDb, partitionId: number, highest: number): number {
    let highestAdded = -Infinity;
    for (const [time, { added, removed }] of this.byTime) {
      const key: [number, number] = [partitionId, time];
      if (added.length > 0 && time > highestAdded) highestAdded = time;
      const stored = removed === undefined && time > highest ? undefined : db.get(key);
      let entries = stored === undefined ? [] : timeRecordEntries(stored);
      if (removed !== undefined) entries = entries.filter((e) => !removed.has(e.seq));
      if (added.length > 0) entries = entries.length === 0 ? added : entries.concat(added);
      if (entries.length > 0) db.putSync(key, encodeTimeRecord(entries));
      else if (stored !== undefined) db.removeSync(key);
    }
    this.byTime.clear();
    return highestAdded;
  }
}
