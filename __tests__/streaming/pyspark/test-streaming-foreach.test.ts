// Apache Spark's python/pyspark/sql/tests/streaming/test_streaming_foreach.py
// (StreamingTestsForeachMixin / StreamingTestsForeach), ported test by test. The ForeachWriterTester
// is ported as it is: events are files of Python-repr dicts ({'epoch': 0}, single quotes) read back
// with spark.read.schema(...).json(dir), as PySpark's tester does. Results: /work/wt/pytests-evidence.md.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StreamingQueryException, type Row, type StreamSession } from 'rivulet';
import { newSession } from '../../support/session';
import { mkdtemp } from './support';

let spark: StreamSession;
beforeAll(() => {
  spark = newSession({ 'spark.sql.shuffle.partitions': '2' });
  spark.sparkContext.setLogLevel('OFF');
});
afterEach(async () => {
  for (const q of spark.streams.active) await q.stop();
});

/** Python's str() of what close(error) receives: None, or the error. */
function pyStr(v: unknown): string {
  return v === null || v === undefined ? 'None' : String(v);
}

/** Python's str(dict) / str(str): the text PySpark's tester writes. */
function pyRepr(event: Record<string, number | string> | string): string {
  if (typeof event === 'string') return event;
  return `{${Object.entries(event)
    .map(([k, v]) => `'${k}': ${typeof v === 'string' ? `'${v}'` : v}`)
    .join(', ')}}`;
}

class ForeachWriterTester {
  inputDir = '';
  openEventsDir = '';
  processEventsDir = '';
  closeEventsDir = '';
  private readonly dirs: string[] = [];

  constructor(private readonly spark: StreamSession) {}

  writeOpenEvent(partitionId: number, epochId: number): void {
    this.writeEvent(this.openEventsDir, { partition: partitionId, epoch: epochId });
  }

  writeProcessEvent(_row: unknown): void {
    this.writeEvent(this.processEventsDir, { value: 'text' });
  }

  writeCloseEvent(error: unknown): void {
    this.writeEvent(this.closeEventsDir, { error: pyStr(error) });
  }

  writeInputFile(): void {
    this.writeEvent(this.inputDir, 'text');
  }

  openEvents(): Record<string, unknown>[] {
    return this.readEvents(this.openEventsDir, 'partition INT, epoch INT');
  }

  processEvents(): Record<string, unknown>[] {
    return this.readEvents(this.processEventsDir, 'value STRING');
  }

  closeEvents(): Record<string, unknown>[] {
    return this.readEvents(this.closeEventsDir, 'error STRING');
  }

  async runStreamingQueryOnWriter(writer: unknown, numFiles: number): Promise<void> {
    this.reset();
    try {
      const sdf = this.spark.readStream.format('text').load(this.inputDir);
      const sq = sdf.writeStream.foreach(writer as never).start();
      for (let i = 0; i < numFiles; i++) {
        this.writeInputFile();
        await sq.processAllAvailable();
      }
    } finally {
      await this.stopAll();
    }
  }

  async assertInvalidWriter(writer: unknown, msg?: string): Promise<void> {
    this.reset();
    try {
      const sdf = this.spark.readStream.format('text').load(this.inputDir);
      const sq = sdf.writeStream.foreach(writer as never).start();
      this.writeInputFile();
      await sq.processAllAvailable();
      throw new Error(`invalid writer ${String(writer)} did not fail the query`); // not expected
    } catch (e) {
      // As PySpark's tester: any exception (its own self.fail included) is caught here, and
      // only the message, when given, is checked.
      if (msg) expect(String(e)).toContain(msg);
    } finally {
      await this.stopAll();
    }
  }

  async stopAll(): Promise<void> {
    for (const q of this.spark.streams.active) await q.stop();
  }

  cleanup(): void {
    for (const d of this.dirs) fs.rmSync(d, { recursive: true, force: true });
  }

  private reset(): void {
    this.inputDir = this.track(mkdtemp());
    this.openEventsDir = this.track(mkdtemp());
    this.processEventsDir = this.track(mkdtemp());
    this.closeEventsDir = this.track(mkdtemp());
  }

  private track(dir: string): string {
    this.dirs.push(dir);
    return dir;
  }

  private readEvents(dir: string, json: string): Record<string, unknown>[] {
    const rows: Row[] = this.spark.read.schema(json).json(dir).collect();
    return rows.map((row) => row.asDict());
  }

  private writeEvent(dir: string, event: Record<string, number | string> | string): void {
    fs.writeFileSync(path.join(dir, crypto.randomUUID()), `${pyRepr(event)}\n`);
  }
}

let tester: ForeachWriterTester;
beforeEach(() => {
  tester = new ForeachWriterTester(spark);
});
afterEach(() => tester.cleanup());

describe('test_streaming_foreach.py StreamingTestsForeach', () => {
  test('test_streaming_foreach_with_simple_function', async () => {
    const foreachFunc = (row: Row) => tester.writeProcessEvent(row);
    await tester.runStreamingQueryOnWriter(foreachFunc, 2);
    expect(tester.processEvents().length).toBe(2);
  });

  test('test_streaming_foreach_with_basic_open_process_close', async () => {
    class ForeachWriter {
      open(partitionId: number, epochId: number): boolean {
        tester.writeOpenEvent(partitionId, epochId);
        return true;
      }
      process(row: Row): void {
        tester.writeProcessEvent(row);
      }
      close(error: unknown): void {
        tester.writeCloseEvent(error);
      }
    }
    await tester.runStreamingQueryOnWriter(new ForeachWriter(), 2);

    const openEvents = tester.openEvents();
    expect(openEvents.length).toBe(2);
    expect(new Set(openEvents.map((e) => e.epoch))).toEqual(new Set([0, 1]));

    expect(tester.processEvents().length).toBe(2);

    const closeEvents = tester.closeEvents();
    expect(closeEvents.length).toBe(2);
    expect(new Set(closeEvents.map((e) => e.error))).toEqual(new Set(['None']));
  });

  test('test_streaming_foreach_with_open_returning_false', async () => {
    class ForeachWriter {
      open(partitionId: number, epochId: number): boolean {
        tester.writeOpenEvent(partitionId, epochId);
        return false;
      }
      process(row: Row): void {
        tester.writeProcessEvent(row);
      }
      close(error: unknown): void {
        tester.writeCloseEvent(error);
      }
    }
    await tester.runStreamingQueryOnWriter(new ForeachWriter(), 2);

    expect(tester.openEvents().length).toBe(2);
    expect(tester.processEvents().length).toBe(0); // no row was processed

    const closeEvents = tester.closeEvents();
    expect(closeEvents.length).toBe(2);
    expect(new Set(closeEvents.map((e) => e.error))).toEqual(new Set(['None']));
  });

  test('test_streaming_foreach_without_open_method', async () => {
    class ForeachWriter {
      process(row: Row): void {
        tester.writeProcessEvent(row);
      }
      close(error: unknown): void {
        tester.writeCloseEvent(error);
      }
    }
    await tester.runStreamingQueryOnWriter(new ForeachWriter(), 2);
    expect(tester.openEvents().length).toBe(0); // no open events
    expect(tester.processEvents().length).toBe(2);
    expect(tester.closeEvents().length).toBe(2);
  });

  test('test_streaming_foreach_without_close_method', async () => {
    class ForeachWriter {
      open(partitionId: number, epochId: number): boolean {
        tester.writeOpenEvent(partitionId, epochId);
        return true;
      }
      process(row: Row): void {
        tester.writeProcessEvent(row);
      }
    }
    await tester.runStreamingQueryOnWriter(new ForeachWriter(), 2);
    expect(tester.openEvents().length).toBe(2);
    expect(tester.processEvents().length).toBe(2);
    expect(tester.closeEvents().length).toBe(0);
  });

  test('test_streaming_foreach_without_open_and_close_methods', async () => {
    class ForeachWriter {
      process(row: Row): void {
        tester.writeProcessEvent(row);
      }
    }
    await tester.runStreamingQueryOnWriter(new ForeachWriter(), 2);
    expect(tester.openEvents().length).toBe(0); // no open events
    expect(tester.processEvents().length).toBe(2);
    expect(tester.closeEvents().length).toBe(0);
  });

  test('test_streaming_foreach_with_process_throwing_error', async () => {
    class ForeachWriter {
      process(_row: Row): void {
        throw new Error('test error');
      }
      close(error: unknown): void {
        tester.writeCloseEvent(error);
      }
    }
    let caught: unknown;
    try {
      await tester.runStreamingQueryOnWriter(new ForeachWriter(), 1);
      throw new Error('bad writer did not fail the query'); // this is not expected
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(StreamingQueryException);
    const errMsg = String(caught);
    expect(errMsg).toContain('test error');
    expect(errMsg).toContain('FOREACH_USER_FUNCTION_ERROR');

    expect(tester.processEvents().length).toBe(0); // no row was processed
    const closeEvents = tester.closeEvents();
    expect(closeEvents.length).toBe(1);
  });

  test('test_streaming_foreach_with_invalid_writers', async () => {
    // A function of one argument is a row function in PySpark too (a Row is iterable there).
    const funcWithIteratorInput = (iter: Iterable<unknown>) => {
      for (const x of Object.values(iter as object)) void x;
    };
    await tester.assertInvalidWriter(funcWithIteratorInput);

    class WriterWithoutProcess {
      open(_partition: number): void {}
    }
    await tester.assertInvalidWriter(new WriterWithoutProcess(), 'ATTRIBUTE_NOT_CALLABLE');

    class WriterWithNonCallableProcess {
      process = true;
    }
    await tester.assertInvalidWriter(new WriterWithNonCallableProcess(), 'ATTRIBUTE_NOT_CALLABLE');

    class WriterWithNoParamProcess {
      process(): void {}
    }
    await tester.assertInvalidWriter(new WriterWithNoParamProcess());

    // Abstract class for tests below
    class WithProcess {
      process(_row: Row): void {}
    }

    class WriterWithNonCallableOpen extends WithProcess {
      open = true;
    }
    await tester.assertInvalidWriter(new WriterWithNonCallableOpen(), 'ATTRIBUTE_NOT_CALLABLE');

    class WriterWithNoParamOpen extends WithProcess {
      open(): void {}
    }
    await tester.assertInvalidWriter(new WriterWithNoParamOpen());

    class WriterWithNonCallableClose extends WithProcess {
      close = true;
    }
    await tester.assertInvalidWriter(new WriterWithNonCallableClose(), 'ATTRIBUTE_NOT_CALLABLE');
  });
});
