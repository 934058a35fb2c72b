// StreamingQueryListener: started (synchronously inside start()), progress after each batch, idle
// when a trigger finds no data (throttled), terminated with the failure's message and class.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { QueryIdleEvent, QueryProgressEvent, QueryStartedEvent, QueryTerminatedEvent, StreamingQueryListener, type StreamSession } from 'rivulet';
import { StringType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';

class Recorder extends StreamingQueryListener {
  readonly events: string[] = [];
  readonly progress: QueryProgressEvent[] = [];
  terminated: QueryTerminatedEvent | undefined;
  started: QueryStartedEvent | undefined;

  onQueryStarted(e: QueryStartedEvent): void {
    this.started = e;
    this.events.push(`started ${e.name}`);
  }

  onQueryProgress(e: QueryProgressEvent): void {
    this.progress.push(e);
    this.events.push(`progress ${e.progress.batchId} rows=${e.progress.numInputRows}`);
  }

  override onQueryIdle(e: QueryIdleEvent): void {
    this.events.push(`idle ${e.id === this.started?.id}`);
  }

  onQueryTerminated(e: QueryTerminatedEvent): void {
    this.terminated = e;
    this.events.push(`terminated ${e.exception === null ? 'ok' : 'failed'}`);
  }
}

let spark: StreamSession;
let dir: string;
beforeEach(() => {
  spark = newSession({ 'spark.sql.shuffle.partitions': '2' });
  spark.sparkContext.setLogLevel('OFF');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-listener-'));
});
afterEach(async () => {
  for (const q of spark.streams.active) await q.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

// Events other than started are delivered asynchronously, in order: wait for the terminated one
// (a loaded machine can take far longer than any fixed pause).
async function untilTerminated(listener: Recorder): Promise<void> {
  for (let i = 0; i < 1000 && listener.terminated === undefined; i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

test('started inside start(), then progress per batch, idle, and terminated', async () => {
  spark.conf.set('spark.sql.streaming.noDataProgressEventInterval', '0');
  const listener = new Recorder();
  spark.streams.addListener(listener);
  const input = new MemoryStream(StringType(), spark);
  const query = input.toDF().groupBy('value').count().writeStream.format('memory').queryName('counts').outputMode('complete').start();
  expect(listener.events).toEqual(['started counts']);
  expect(listener.started!.id).toBe(query.id);
  expect(listener.started!.runId).toBe(query.runId);
  expect(listener.started!.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  input.addData('a', 'b');
  await query.processAllAvailable();
  input.addData('a');
  await query.processAllAvailable();
  await query.stop();
  await untilTerminated(listener);
  expect(listener.events.filter((e) => e.startsWith('progress'))).toEqual(['progress 0 rows=2', 'progress 1 rows=1']);
  expect(listener.events[listener.events.length - 1]).toBe('terminated ok');
  // Idle events come only between batches, never inside one's progress/terminated order.
  expect(listener.events).toContain('idle true');
  expect(listener.events.indexOf('idle true')).toBeLessThan(listener.events.indexOf('terminated ok'));
  expect(listener.progress[1].progress.id).toBe(query.id);
  expect(listener.terminated).toEqual(new QueryTerminatedEvent(query.id, query.runId, null, null));
});

test('a failed query posts its message and the cause error class; a throwing listener does not stop the others', async () => {
  class Throwing extends Recorder {
    override onQueryProgress(): void {
      throw new Error('listener bug');
    }
  }
  const throwing = new Throwing();
  const listener = new Recorder();
  spark.streams.addListener(throwing);
  spark.streams.addListener(listener);
  const input = new MemoryStream(StringType(), spark);
  const query = input
    .toDF()
    .selectExpr('CAST(value AS INT) AS n')
    .writeStream.format('memory')
    .queryName('ints')
    .start();
  input.addData('1');
  await query.processAllAvailable();
  input.addData('x');
  await expect(query.awaitTermination()).rejects.toThrow('[STREAM_FAILED]');
  await untilTerminated(listener);
  expect(listener.events.filter((e) => e.startsWith('progress'))).toEqual(['progress 0 rows=1']);
  expect(listener.terminated!.exception).toContain('[CAST_INVALID_INPUT]');
  expect(listener.terminated!.errorClassOnException).toBe('CAST_INVALID_INPUT');
});

test('removeListener stops delivery; addListener rejects what is not a listener', async () => {
  const listener = new Recorder();
  const witness = new Recorder();
  spark.streams.addListener(listener);
  spark.streams.addListener(witness);
  spark.streams.removeListener(listener);
  const input = new MemoryStream(StringType(), spark);
  const query = input.toDF().writeStream.format('noop').start();
  input.addData('a');
  await query.processAllAvailable();
  await query.stop();
  await untilTerminated(witness);
  expect(witness.events[witness.events.length - 1]).toBe('terminated ok');
  expect(listener.events).toEqual([]);
  expect(() => spark.streams.addListener({} as StreamingQueryListener)).toThrow('[NOT_INSTANCE_OF]');
});
