// The binary format of state files: one file per operator and version, `state/<op>/<version>.delta`,
// holding one section per shuffle partition the batch changed (or snapshots):
//   "RVST" u8:2                   magic and format version
//   u32 partitions                the operator's number of shuffle partitions (highest id + 1)
//   u32 sections
//   section: u32 partition, u8 kind (0 = delta, 1 = snapshot), u32 byteLength, u32 records, records
//     record: u8 op, key, [value]  op 0 = set in place, 1 = (re)insert at the end, 2 = remove
//   "END." u32 sections           trailer: a file without it was torn and is refused
// Keys and values use lib/util/binary-value-codec.ts. A delta section replays onto the partition's
// Map in file order (reproducing its iteration order, so output order survives a restart); a
// snapshot section lists every entry and replaces what came before.
import { BinaryReader, BinaryWriter } from '../util/binary-value-codec';

export type StateChange = 'inPlace' | 'moved' | 'removed';

/** A partition's entries as the format reads them (a Map or a DenseSequenceMap). */
export interface StateEntries {
  readonly size: number;
  get(key: unknown): unknown;
  has(key: unknown): boolean;
  forEach(fn: (value: unknown, key: unknown) => void): void;
}

export const SECTION_DELTA = 0;
export const SECTION_SNAPSHOT = 1;

const MAGIC = Buffer.from('RVST', 'latin1');
const TRAILER = Buffer.from('END.', 'latin1');
const FORMAT_VERSION = 2;

export interface SectionRef {
  kind: number;
  start: number;
  end: number;
}

export interface ParsedStateFile {
  buf: Buffer;
  partitions: number;
  sections: Map<number, SectionRef>;
}

/** Writes one operator version's file. */
export class StateFileWriter {
  private sections = 0;
  private readonly sectionsAt: number;

  /** `w`: a writer whose buffer is reused (a provider writes one file at a time). */
  constructor(
    partitions: number,
    private readonly w = new BinaryWriter(),
  ) {
    w.pos = 0;
    w.ensure(5);
    MAGIC.copy(w.buf, 0);
    w.pos = 4;
    w.u8(FORMAT_VERSION);
    w.u32(partitions);
    this.sectionsAt = w.reserveU32();
  }

  /**
   * A partition's changes of one version: `appended`, keys inserted new before the batch removed
   * anything (in insertion order; those still present are written as moves), then `changes` by
   * key in the Map's order. Every appended insert came before any change that moves or removes a
   * key, so replaying them first keeps the order of the state's keys. `removed`: keys of a dense
   * partition removed in this batch (never put again there), written last.
   */
  addDelta(partition: number, appended: readonly unknown[], changes: ReadonlyMap<unknown, StateChange>, removed: readonly unknown[], data: StateEntries): void {
    const w = this.begin(partition, SECTION_DELTA);
    const countAt = w.reserveU32();
    let n = changes.size + removed.length;
    for (let i = 0; i < appended.length; i++) {
      const key = appended[i];
      const value = data.get(key);
      // Gone again: the removal is in `changes` (it was not there before this version).
      if (value === undefined && !data.has(key)) continue;
      w.u8(1);
      w.value(key);
      w.value(value);
      n++;
    }
    w.patchU32(countAt, n);
    // forEach, not for-of over entries: that allocates an [key, value] array per record.
    changes.forEach((change, key) => {
      if (change !== 'removed') {
        // One lookup per record (has() only for a stored undefined).
        const value = data.get(key);
        if (value !== undefined || data.has(key)) {
          w.u8(change === 'moved' ? 1 : 0);
          w.value(key);
          w.value(value);
          return;
        }
      }
      w.u8(2);
      w.value(key);
    });
    // Removals of keys that have no other record (any order: they commute with every record).
    for (let i = 0; i < removed.length; i++) {
      w.u8(2);
      w.value(removed[i]);
    }
    this.end();
  }

  addSnapshot(partition: number, data: StateEntries): void {
    const w = this.begin(partition, SECTION_SNAPSHOT);
    w.u32(data.size);
    data.forEach((value, key) => {
      w.u8(1);
      w.value(key);
      w.value(value);
    });
    this.end();
  }

  /** Copies a section of another file of the same version (standalone commits merge). */
  addRaw(partition: number, kind: number, body: Buffer): void {
    const w = this.begin(partition, kind);
    w.ensure(body.length);
    body.copy(w.buf, w.pos);
    w.pos += body.length;
    this.end();
  }

  private lengthAt = 0;

  private begin(partition: number, kind: number): BinaryWriter {
    const w = this.w;
    w.u32(partition);
    w.u8(kind);
    this.lengthAt = w.reserveU32();
    return w;
  }

  private end(): void {
    this.w.patchU32(this.lengthAt, this.w.pos - this.lengthAt - 4);
    this.sections++;
  }

  /** The file's bytes: a view of the writer's buffer, valid until the writer is used again. */
  finish(): Buffer {
    const w = this.w;
    w.patchU32(this.sectionsAt, this.sections);
    w.ensure(8);
    TRAILER.copy(w.buf, w.pos);
    w.pos += 4;
    w.u32(this.sections);
    return w.result();
  }
}

/** The file's section index, or a description of what is wrong with it. */
export function parseStateFile(buf: Buffer): ParsedStateFile | string {
  if (buf.length >= 3 && buf.toString('latin1', 0, 3) === 'v1\n') return 'it is a text state file of an earlier Rivulet layout (one directory per partition)';
  if (buf.length < 13 || !buf.subarray(0, 4).equals(MAGIC)) return 'no state file header';
  if (buf[4] !== FORMAT_VERSION) return `unsupported state file format ${buf[4]}`;
  if (buf.length < 21 || !buf.subarray(buf.length - 8, buf.length - 4).equals(TRAILER)) return 'the file ends before its trailer (torn write)';
  const partitions = buf.readUInt32LE(5);
  const count = buf.readUInt32LE(9);
  if (buf.readUInt32LE(buf.length - 4) !== count) return `the trailer announces ${buf.readUInt32LE(buf.length - 4)} sections but the header ${count}`;
  const sections = new Map<number, SectionRef>();
  let pos = 13;
  const end = buf.length - 8;
  for (let i = 0; i < count; i++) {
    if (pos + 9 > end) return `section ${i + 1} is cut short`;
    const partition = buf.readUInt32LE(pos);
    const kind = buf[pos + 4];
    const length = buf.readUInt32LE(pos + 5);
    pos += 9;
    if (pos + length > end || (kind !== SECTION_DELTA && kind !== SECTION_SNAPSHOT)) return `section ${i + 1} is not a state section`;
    sections.set(partition, { kind, start: pos, end: pos + length });
    pos += length;
  }
  if (pos !== end) return 'bytes after the last section';
  return { buf, partitions, sections };
}

/** The number of partitions a file records (for the partition-count check), or undefined. */
export function partitionsOf(buf: Buffer): number | undefined {
  const parsed = parseStateFile(buf);
  return typeof parsed === 'string' ? undefined : parsed.partitions;
}

/** Applies a section to `data`; returns an error description, or undefined when whole. */
export function applySection(file: ParsedStateFile, section: SectionRef, data: Map<unknown, unknown>): string | undefined {
  const r = new BinaryReader(file.buf, section.start, section.end);
  try {
    if (section.kind === SECTION_SNAPSHOT) data.clear();
    const n = r.u32();
    for (let i = 0; i < n; i++) {
      const op = r.u8();
      const key = r.value();
      if (op === 2) {
        data.delete(key);
        continue;
      }
      const value = r.value();
      if (op === 1) data.delete(key);
      else if (op !== 0) return `record ${i + 1} is not a state record`;
      data.set(key, value);
    }
    if (r.pos !== section.end) return 'a section holds more than its records';
  } catch {
    return 'a record does not decode';
  }
  return undefined;
}

/** A section's body (after its 9-byte head), for addRaw. */
export function sectionBody(file: ParsedStateFile, section: SectionRef): Buffer {
  return file.buf.subarray(section.start, section.end);
}
