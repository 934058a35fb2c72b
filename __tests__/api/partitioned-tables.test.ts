// Partitioned session-catalog tables: saveAsTable / toTable with partitionBy (issue 13 item 3).
// Shapes and texts come from PySpark 4.2.0 running the same calls: partition columns go last in
// the table, their values name the folders (NULL as __HIVE_DEFAULT_PARTITION__), and appends must
// name the table's partitioning.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StreamSession, type DataFrame } from 'rivulet';
import { errorOf } from '../support/errors';

describe('partitioned warehouse tables', () => {
  let warehouse: string;
  let spark: StreamSession;
  let df: DataFrame;
  const sessions: StreamSession[] = [];
  const open = () => {
    const s = new StreamSession({ 'spark.sql.session.timeZone': 'UTC', 'spark.sql.warehouse.dir': warehouse });
    sessions.push(s);
    return s;
  };

  beforeEach(() => {
    warehouse = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-warehouse-'));
    spark = open();
    df = spark.createDataFrame([[1, 'a', 'x'], [2, 'b', 'y'], [3, null, 'x']], 'id INT, p STRING, q STRING');
  });
  afterEach(async () => {
    for (const s of sessions.splice(0)) await s.stop();
    fs.rmSync(warehouse, { recursive: true, force: true });
  });

  const rows = (d: DataFrame) => d.collect().map((r) => r.asDict());
  const folders = (table: string) => fs.readdirSync(path.join(warehouse, table)).filter((f) => !f.startsWith('_') && !f.startsWith('.')).sort();

  test('partition columns go last; one folder per value, NULL as __HIVE_DEFAULT_PARTITION__; the next session reads it', () => {
    df.write.partitionBy('p').saveAsTable('t1');
    expect(spark.table('t1').columns).toEqual(['id', 'q', 'p']);
    expect(folders('t1')).toEqual(['p=__HIVE_DEFAULT_PARTITION__', 'p=a', 'p=b']);
    expect(rows(open().table('t1').orderBy('id'))).toEqual([
      { id: 1, q: 'x', p: 'a' },
      { id: 2, q: 'y', p: 'b' },
      { id: 3, q: 'x', p: null },
    ]);
  });

  test('append must repeat the partitioning (none or other columns fail as in Spark)', () => {
    df.write.partitionBy('p').saveAsTable('t1');
    expect(errorOf(() => df.write.mode('append').saveAsTable('t1')).message).toBe(
      'Specified partitioning does not match that of the existing table spark_catalog.default.t1.\nSpecified partition columns: [].\nExisting partition columns: [p].',
    );
    expect(errorOf(() => df.write.mode('append').partitionBy('q').saveAsTable('t1')).message).toBe(
      'Specified partitioning does not match that of the existing table spark_catalog.default.t1.\nSpecified partition columns: [q].\nExisting partition columns: [p].',
    );
    df.write.mode('append').partitionBy('p').saveAsTable('t1');
    expect(spark.table('t1').count()).toBe(6);
  });

  test('two partition columns nest in partitionBy order; overwrite re-partitions', () => {
    df.write.partitionBy('q', 'p').saveAsTable('t3');
    expect(spark.table('t3').columns).toEqual(['id', 'q', 'p']);
    expect(folders('t3')).toEqual(['q=x', 'q=y']);
    expect(fs.readdirSync(path.join(warehouse, 't3', 'q=x')).sort()).toEqual(['p=__HIVE_DEFAULT_PARTITION__', 'p=a']);
    df.write.mode('overwrite').partitionBy('q').saveAsTable('t3');
    expect(spark.table('t3').columns).toEqual(['id', 'p', 'q']);
    expect(rows(spark.table('t3').orderBy('id'))).toEqual([
      { id: 1, p: 'a', q: 'x' },
      { id: 2, p: 'b', q: 'y' },
      { id: 3, p: null, q: 'x' },
    ]);
  });

  test('an unknown partition column fails before anything is written', () => {
    const error = errorOf(() => df.write.partitionBy('nope').saveAsTable('t2'));
    expect(error.message).toBe('[COLUMN_NOT_DEFINED_IN_TABLE] partition column `nope` is not defined in table `spark_catalog`.`default`.`t2`, defined table columns are: `id`, `p`, `q`. SQLSTATE: 42703');
    expect(fs.existsSync(path.join(warehouse, 't2'))).toBe(false);
    expect(errorOf(() => spark.createDataFrame([[1]], 'id INT').write.partitionBy('id').saveAsTable('t4')).message).toBe('[ALL_PARTITION_COLUMNS_NOT_ALLOWED] Cannot use all columns for partition columns. SQLSTATE: KD005');
  });

  test('writeStream.partitionBy(...).toTable(...) writes partition folders per batch', async () => {
    const input = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-pt-in-'));
    const checkpoint = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-pt-cp-'));
    try {
      fs.writeFileSync(path.join(input, '1.json'), '{"id":5,"p":"z","q":"w"}\n');
      const query = spark.readStream.schema('id INT, p STRING, q STRING').json(input).writeStream.partitionBy('p').option('checkpointLocation', checkpoint).trigger({ availableNow: true }).toTable('s1');
      await query.awaitTermination();
      expect(spark.table('s1').columns).toEqual(['id', 'q', 'p']);
      expect(rows(spark.table('s1'))).toEqual([{ id: 5, q: 'w', p: 'z' }]);
      expect(folders('s1')).toEqual(['p=z']);
    } finally {
      fs.rmSync(input, { recursive: true, force: true });
      fs.rmSync(checkpoint, { recursive: true, force: true });
    }
  });
});
