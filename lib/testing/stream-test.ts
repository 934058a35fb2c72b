// A StreamTest-style helper (Spark's StreamTest.testStream): a query is driven by a list of
// actions on a manual clock, its output collected per batch, and on failure the action list is
// printed with a marker at the failing step, the sink's batches and the plan.
//
//   await testStream(df, 'update', [
//     AddData(input, ['a', 1]), CheckLastBatch(['a', 1n]),
//     StopStream(), StartStream(), AddData(input, ['a', 2]), CheckNewAnswer(['a', 3n]),
//   ], { restartAfterEveryBatch: true });
//
// Rows compare as arrays of the values collect() gives (longs as bigint), order-insensitively.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { DataFrame } from '../api/data-frame';
import type { StreamingQuery } from '../api/streaming-query';
import { Row } from '../types/row';
import { ManualClock } from '../streaming/clock';
import { treeString } from '../plans/tree-string';
import type { MemoryStream } from './memory-stream';

export type StreamAction =
  | { kind: 'AddData'; source: MemoryStream; rows: unknown[] }
  | { kind: 'CheckAnswer'; rows: unknown[][] }
  | { kind: 'CheckNewAnswer'; rows: unknown[][] }
  | { kind: 'CheckLastBatch'; rows: unknown[][] }
  | { kind: 'AdvanceManualClock'; ms: number }
  | { kind: 'StopStream' }
  | { kind: 'StartStream' }
  | { kind: 'ExpectFailure'; check?: (e: Error) => void }
  | { kind: 'AssertOnQuery'; check: (q: StreamingQuery) => boolean | void; message: string }
  | { kind: 'Execute'; run: (q: StreamingQuery) => void | Promise<void> };

export const AddData = (source: MemoryStream, ...rows: unknown[]): StreamAction => ({ kind: 'AddData', source, rows });
/** Every row the sink holds: all batches (append/update) or the last one (complete). */
export const CheckAnswer = (...rows: unknown[][]): StreamAction => ({ kind: 'CheckAnswer', rows });
/** The rows of the batches since the previous check. */
export const CheckNewAnswer = (...rows: unknown[][]): StreamAction => ({ kind: 'CheckNewAnswer', rows });
/** The rows of the last batch that ran. */
export const CheckLastBatch = (...rows: unknown[][]): StreamAction => ({ kind: 'CheckLastBatch', rows });
export const AdvanceManualClock = (ms: number): StreamAction => ({ kind: 'AdvanceManualClock', ms });
export const StopStream = (): StreamAction => ({ kind: 'StopStream' });
export const StartStream = (): StreamAction => ({ kind: 'StartStream' });
export const ExpectFailure = (check?: (e: Error) => void): StreamAction => ({ kind: 'ExpectFailure', check });
export const AssertOnQuery = (check: (q: StreamingQuery) => boolean | void, message = ''): StreamAction => ({ kind: 'AssertOnQuery', check, message });
export const Execute = (run: (q: StreamingQuery) => void | Promise<void>): StreamAction => ({ kind: 'Execute', run });

export interface TestStreamOptions {
  /** Stop the query and start it again from its checkpoint after every batch that ran. */
  restartAfterEveryBatch?: boolean;
  /** The clock the session runs on during the test (default: a ManualClock at 0). */
  clock?: ManualClock;
}

function actionString(a: StreamAction): string {
  const rows = (rs: unknown[]) => rs.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))).join(', ');
  switch (a.kind) {
    case 'AddData':
      return `AddData(${rows(a.rows)})`;
    case 'CheckAnswer':
    case 'CheckNewAnswer':
    case 'CheckLastBatch':
      return `${a.kind}(${rows(a.rows)})`;
    case 'AdvanceManualClock':
      return `AdvanceManualClock(${a.ms})`;
    case 'AssertOnQuery':
      return `AssertOnQuery(${a.message})`;
    default:
      return `${a.kind}()`;
  }
}

function toValues(r: unknown): unknown[] {
  return r instanceof Row ? [...(r as unknown as Iterable<unknown>)].map((v) => (v instanceof Row ? toValues(v) : v)) : (r as unknown[]);
}

function sameRows(actual: unknown[][], expected: unknown[][]): boolean {
  if (actual.length !== expected.length) return false;
  const left = [...expected];
  for (const a of actual) {
    const i = left.findIndex((e) => isDeepStrictEqual(e, a));
    if (i < 0) return false;
    left.splice(i, 1);
  }
  return true;
}

export async function testStream(df: DataFrame, outputMode: 'append' | 'update' | 'complete', actions: StreamAction[], options: TestStreamOptions = {}): Promise<void> {
  const session = df.session as unknown as { clock: unknown };
  const previousClock = session.clock;
  const clock = options.clock ?? new ManualClock(0);
  session.clock = clock;
  const checkpoint = fs.mkdtempSync(path.join(os.tmpdir(), 'stream-test-'));
  /** Batches by id: a re-run batch replaces its rows (the sink is idempotent per batch id). */
  const batches = new Map<number, unknown[][]>();
  let lastBatchId = -1;
  let checkedUpTo = -1;
  let query: StreamingQuery | undefined;
  let step = 0;
  const start = (): StreamingQuery =>
    df.writeStream
      .outputMode(outputMode)
      .option('checkpointLocation', checkpoint)
      .foreachBatch((batch: DataFrame, id: number) => {
        batches.set(id, batch.collect().map(toValues));
        lastBatchId = Math.max(lastBatchId, id);
      })
      .start();
  const process = async (): Promise<void> => {
    if (!query) return;
    const before = lastBatchId;
    await query.processAllAvailable();
    if (options.restartAfterEveryBatch && lastBatchId !== before) {
      await query.stop();
      query = start();
      await query.processAllAvailable();
    }
  };
  const sinkRows = (from: number, to: number): unknown[][] => {
    const out: unknown[][] = [];
    for (let id = from; id <= to; id++) out.push(...(batches.get(id) ?? []));
    return out;
  };
  const fail = (message: string): never => {
    const list = actions.map((a, i) => `${i === step ? '=> ' : '   '}${actionString(a)}`).join('\n');
    const sink = [...batches.entries()].map(([id, rows]) => `  batch ${id}: ${rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))).join(', ')}`).join('\n');
    throw new Error(`${message}\n\n== Actions ==\n${list}\n\n== Sink ==\n${sink || '  (empty)'}\n\n== Plan ==\n${treeString(df.plan)}`);
  };
  const check = (name: string, actual: unknown[][], expected: unknown[][]): void => {
    if (!sameRows(actual, expected)) {
      // Longs print as 1n and other numbers as 1, so a type difference shows.
      const show = (rs: unknown[][]) => rs.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))).join(', ');
      fail(`${name} failed: expected ${expected.length} rows [${show(expected)}], got ${actual.length} [${show(actual)}]`);
    }
  };
  try {
    query = start();
    for (step = 0; step < actions.length; step++) {
      const a = actions[step];
      switch (a.kind) {
        case 'AddData':
          // Processed at the next check, clock advance or failure expectation (as Spark's StreamTest).
          a.source.addData(...a.rows);
          break;
        case 'AdvanceManualClock':
          clock.advance(a.ms);
          await process();
          break;
        case 'CheckAnswer':
          await process();
          check('CheckAnswer', outputMode === 'complete' ? (batches.get(lastBatchId) ?? []) : sinkRows(0, lastBatchId), a.rows);
          checkedUpTo = lastBatchId;
          break;
        case 'CheckNewAnswer':
          await process();
          check('CheckNewAnswer', sinkRows(checkedUpTo + 1, lastBatchId), a.rows);
          checkedUpTo = lastBatchId;
          break;
        case 'CheckLastBatch':
          await process();
          check('CheckLastBatch', batches.get(lastBatchId) ?? [], a.rows);
          checkedUpTo = lastBatchId;
          break;
        case 'StopStream':
          await query?.stop();
          query = undefined;
          break;
        case 'StartStream':
          if (query) fail('StartStream: the query is already running');
          query = start();
          await query.processAllAvailable();
          break;
        case 'ExpectFailure': {
          let error: Error | undefined;
          try {
            await query?.processAllAvailable();
          } catch (e) {
            error = e as Error;
          }
          if (!error) error = query?.exception() ?? undefined;
          if (!error) fail('ExpectFailure: the query did not fail');
          a.check?.(error!);
          query = undefined;
          break;
        }
        case 'AssertOnQuery':
          if (!query) fail('AssertOnQuery: no query is running');
          if (a.check(query!) === false) fail(`AssertOnQuery failed: ${a.message}`);
          break;
        case 'Execute':
          if (!query) fail('Execute: no query is running');
          await a.run(query!);
          break;
      }
    }
  } catch (e) {
    if (e instanceof Error && e.message.includes('== Actions ==')) throw e;
    fail(`Error at step ${step}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await query?.stop();
    session.clock = previousClock;
    fs.rmSync(checkpoint, { recursive: true, force: true });
  }
}
