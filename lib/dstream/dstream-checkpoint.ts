// What a StreamingContext with a checkpoint directory writes after every batch, and
// getOrCreate reads back: the batch grid (zero time, last batch), every stream's remembered RDDs
// (the state of updateStateByKey and of windows) and the files each file stream already read.
// JavaScript functions cannot be stored, so the graph itself is rebuilt by setupFunc and matched
// stream by stream (creation order, slide). Values go through v8 serialization (structured clone:
// arrays, plain objects, Map, Set, Date, bigint, typed arrays).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';

export interface SavedStream {
  slideDurationMs: number;
  /** [batch time, the RDD's elements], oldest first. */
  generated: [number, unknown[]][];
  watcher?: { startMs: number; selected: [string, number][] };
}

export interface DStreamCheckpoint {
  version: 1;
  batchDurationMs: number;
  zeroTimeMs: number;
  checkpointTimeMs: number;
  streams: SavedStream[];
}

const PREFIX = 'rivulet-dstream-checkpoint-';
/** Spark keeps the last 10 checkpoint files; two are enough to survive a torn write. */
const KEEP = 2;

function checkpointFiles(dir: string): { file: string; time: number }[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith(PREFIX) && /^\d+$/.test(n.slice(PREFIX.length)))
    .map((n) => ({ file: path.join(dir, n), time: Number(n.slice(PREFIX.length)) }))
    .sort((a, b) => b.time - a.time);
}

/** Written to a temporary file and renamed, so a crash never leaves a torn checkpoint behind. */
export function writeCheckpoint(dir: string, checkpoint: DStreamCheckpoint): void {
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, `${PREFIX}${checkpoint.checkpointTimeMs}`);
  const temp = `${target}.tmp-${process.pid}`;
  fs.writeFileSync(temp, v8.serialize(checkpoint));
  fs.renameSync(temp, target);
  for (const old of checkpointFiles(dir).slice(KEEP)) fs.rmSync(old.file, { force: true });
}

/** The newest readable checkpoint in `dir`, or undefined (no directory, no checkpoint). */
export function readLatestCheckpoint(dir: string): DStreamCheckpoint | undefined {
  for (const { file } of checkpointFiles(dir)) {
    try {
      const value = v8.deserialize(fs.readFileSync(file)) as DStreamCheckpoint;
      if (value && value.version === 1) return value;
    } catch {
      // A damaged file: try the one before, as Spark's CheckpointReader does.
    }
  }
  return undefined;
}
