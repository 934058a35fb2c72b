// transformWithState keeps its state variables' schemas in the checkpoint: a restart with a
// variable's schema changed is refused (Spark's StateSchemaCompatibilityChecker; the PySpark side is
// oracle/scenarios/stateful-tws/tws-state-schema-changed), a restart that adds a variable is not.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Row, StatefulProcessor, type StreamSession, type TimerValues, type ValueState } from 'rivulet';
import type { StatefulProcessorHandle } from '../../lib/execution/stateful-processor-handle';
import { StringType, StructField, StructType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';

const ROCKSDB = 'org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider';

class Count extends StatefulProcessor {
  private count!: ValueState;
  constructor(
    private readonly schema: string,
    private readonly value: (n: number) => unknown,
    private readonly extra?: string,
  ) {
    super();
  }
  init(handle: StatefulProcessorHandle): void {
    this.count = handle.getValueState('count', this.schema);
    if (this.extra) handle.getListState(this.extra, 'v long');
  }
  *handleInputRows(key: string[], rows: IterableIterator<Row>, _timerValues: TimerValues): Generator<Row> {
    const n = [...rows].length;
    this.count.update([this.value(n)]);
    yield Row({ k: key[0], n });
  }
}

describe('transformWithState state variable schemas across restarts', () => {
  let spark: StreamSession;
  let checkpoint: string;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '2', 'spark.sql.streaming.stateStore.providerClass': ROCKSDB });
    spark.sparkContext.setLogLevel('OFF');
    checkpoint = fs.mkdtempSync(path.join(os.tmpdir(), 'tws-schema-'));
  });
  afterEach(async () => {
    for (const q of spark.streams.active) await q.stop();
    spark.stop();
    fs.rmSync(checkpoint, { recursive: true, force: true });
  });

  async function run(input: MemoryStream, processor: Count): Promise<Error | null> {
    const q = input
      .toDF()
      .groupBy('value')
      .transformWithState(processor, 'k string, n long', 'Update', 'None')
      .writeStream.foreachBatch(() => undefined)
      .outputMode('update')
      .option('checkpointLocation', checkpoint)
      .start();
    try {
      await q.processAllAvailable();
      return null;
    } catch (e) {
      return e as Error;
    } finally {
      await q.stop();
    }
  }

  test('a changed variable schema fails the restart with Spark\'s error; an added variable does not', async () => {
    const input = new MemoryStream(StructType([StructField('value', StringType(), true)]), spark);
    input.addData(['a'], ['b']);
    expect(await run(input, new Count('c long', (n) => n))).toBeNull();
    input.addData(['a']);
    // Same schema, one more variable: accepted.
    expect(await run(input, new Count('c long', (n) => n, 'added'))).toBeNull();
    input.addData(['b']);
    const e = await run(input, new Count('c string', (n) => String(n)));
    expect(e).not.toBeNull();
    // Spark's text as PySpark 4.2 prints it (oracle scenario tws-state-schema-changed).
    expect(e!.message).toContain(
      '[STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE] Provided value schema does not match existing state value schema.\n' +
        'Please check number and type of fields.\n' +
        'Existing value_schema=StructType(StructField(c,LongType,true)) and new value_schema=StructType(StructField(c,StringType,true)).\n' +
        'If you want to force running the query without schema validation, please set spark.sql.streaming.stateStore.stateSchemaCheck to false.\n' +
        'However, please note that running the query with incompatible schema could cause non-deterministic behavior. SQLSTATE: XXKST',
    );
    // With the check off (spark.sql.streaming.stateStore.stateSchemaCheck=false) the query runs.
    spark.conf.set('spark.sql.streaming.stateStore.stateSchemaCheck', 'false');
    expect(await run(input, new Count('c string', (n) => String(n)))).toBeNull();
  });
});
