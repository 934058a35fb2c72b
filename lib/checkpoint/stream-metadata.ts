// `<checkpoint>/metadata`: {"id":"<query id>"}, written once; it keeps query.id stable across runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { SparkException } from '../errors/spark-exception';
import { writeFileAtomic } from './checkpoint-file-manager';
import { mkdirs } from './local-directories';

export function readOrCreateStreamMetadata(checkpointDir: string): { id: string } {
  const file = path.join(checkpointDir, 'metadata');
  if (fs.existsSync(file)) {
    const text = fs.readFileSync(file, 'utf8');
    try {
      const parsed = JSON.parse(text.split('\n')[0]) as { id?: unknown };
      if (typeof parsed.id === 'string') return { id: parsed.id };
    } catch {
      // fall through to the error below
    }
    throw new SparkException(`The checkpoint metadata file ${file} is corrupt: expected {"id":"<uuid>"}. Delete the checkpoint directory to start over.`);
  }
  const metadata = { id: randomUUID() };
  mkdirs(checkpointDir);
  writeFileAtomic(file, JSON.stringify(metadata) + '\n');
  return metadata;
}
