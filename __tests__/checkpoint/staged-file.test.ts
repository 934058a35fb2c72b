// StagedFile: a checkpoint file written to its temp name, fsynced on the thread pool with the other
// files of its batch, then renamed into place; and the purge of old log entries by name.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StagedFile } from '../../lib/checkpoint/checkpoint-file-manager';
import { CommitLog } from '../../lib/checkpoint/commit-log';
import { InternalError } from '../../lib/errors/spark-exception';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-staged-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the file appears only when published, after its fsync', async () => {
  const file = path.join(dir, 'a');
  const staged = StagedFile.write(file, 'content');
  expect(fs.existsSync(file)).toBe(false);
  expect(fs.readdirSync(dir)).toHaveLength(1);
  await staged.syncAsync();
  expect(fs.existsSync(file)).toBe(false);
  staged.publish();
  expect(fs.readFileSync(file, 'utf8')).toBe('content');
  expect(fs.readdirSync(dir)).toEqual(['a']);
});

test('publishing before the fsync is a bug, unless the caller says the file may go in unsynced', () => {
  const staged = StagedFile.write(path.join(dir, 'a'), 'x');
  expect(() => staged.publish()).toThrow(InternalError);
  const unsynced = StagedFile.write(path.join(dir, 'b'), 'y');
  unsynced.publish(true);
  expect(fs.readFileSync(path.join(dir, 'b'), 'utf8')).toBe('y');
});

test('a discarded write leaves nothing', () => {
  StagedFile.write(path.join(dir, 'a'), 'x').discard();
  expect(fs.readdirSync(dir)).toEqual([]);
});

test('purge removes old entries by name after the first listing, on the thread pool too', async () => {
  const log = new CommitLog(path.join(dir, 'commits'));
  for (let i = 0; i < 6; i++) log.add(i, { nextBatchWatermarkMs: 0 }, { sync: false });
  log.purge(2);
  expect(log.batchIds()).toEqual([2, 3, 4, 5]);
  await log.purgeAsync(4);
  expect(log.batchIds()).toEqual([4, 5]);
  await log.purgeAsync(3);
  expect(log.batchIds()).toEqual([4, 5]);
});
