// KafkaSourceOffset: {"topic":{"0":123,"1":45}} with topics and partitions sorted, as in the
// engine's offsets log; and KafkaSourceInitialOffsetWriter's file `<metadataPath>/0` (a zero byte,
// "v1\n", then the offset JSON), read back on restart so `latest` is resolved only once.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../../checkpoint/checkpoint-file-manager';
import { corruptLogFile } from '../../checkpoint/metadata-log';
import { IllegalArgumentException } from '../../errors/illegal-argument-exception';
import { parseOffsetJson, tpKey } from './kafka-options';

export type PartitionOffsets = Map<string, number>;
export type KafkaSourceOffsetJson = Record<string, Record<string, number>>;

const VERSION = 1;

/** Splits "topic-partition" at the last dash (topics may contain dashes). */
export function splitTpKey(key: string): [string, number] {
  const i = key.lastIndexOf('-');
  return [key.slice(0, i), Number(key.slice(i + 1))];
}

export function compareTpKeys(a: string, b: string): number {
  const [ta, pa] = splitTpKey(a);
  const [tb, pb] = splitTpKey(b);
  return ta < tb ? -1 : ta > tb ? 1 : pa - pb;
}

export function offsetsToJson(offsets: PartitionOffsets): KafkaSourceOffsetJson {
  const out: KafkaSourceOffsetJson = {};
  for (const key of [...offsets.keys()].sort(compareTpKeys)) {
    const [topic, partition] = splitTpKey(key);
    (out[topic] ??= {})[String(partition)] = offsets.get(key)!;
  }
  return out;
}

export function offsetsFromJson(json: unknown): PartitionOffsets {
  if (typeof json === 'string') return parseOffsetJson(json);
  const out: PartitionOffsets = new Map();
  for (const [topic, parts] of Object.entries(json as KafkaSourceOffsetJson)) {
    for (const [p, o] of Object.entries(parts)) out.set(tpKey(topic, Number(p)), Number(o));
  }
  return out;
}

/** Reads `<metadataPath>/0` if present (Spark's format, with or without the leading zero byte). */
export function readInitialOffsets(metadataPath: string): PartitionOffsets | undefined {
  const file = path.join(metadataPath, '0');
  if (!fs.existsSync(file)) return undefined;
  let content = fs.readFileSync(file, 'utf8');
  if (content.startsWith('\u0000')) content = content.slice(1);
  if (content.length === 0) throw new IllegalArgumentException(`Log file was malformed: failed to read correct log version from ${file}.`);
  let json = content;
  if (content[0] === 'v') {
    const newline = content.indexOf('\n');
    const version = Number(content.slice(1, newline < 0 ? undefined : newline));
    if (!Number.isInteger(version) || newline < 0) throw new IllegalArgumentException(`Log file was malformed: failed to read correct log version from ${file}.`);
    if (version > VERSION) {
      throw new IllegalArgumentException(
        `UnsupportedLogVersion: maximum supported log version is v${VERSION}, but encountered v${version}. The log file was produced by a newer version of Spark and cannot be read by this version. Please upgrade.`,
      );
    }
    json = content.slice(newline + 1);
  }
  try {
    return parseOffsetJson(json);
  } catch (e) {
    throw corruptLogFile(file, `the initial offsets are not Kafka offsets JSON: ${(e as Error).message}`);
  }
}

export function writeInitialOffsets(metadataPath: string, offsets: PartitionOffsets): void {
  writeFileAtomic(path.join(metadataPath, '0'), `\u0000v${VERSION}\n${JSON.stringify(offsetsToJson(offsets))}`);
}
