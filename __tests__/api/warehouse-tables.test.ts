// Tables of the session catalog (issue 13 item 3): saveAsTable / insertInto / spark.table,
// writeStream.toTable / readStream.table, clusterBy, spark.catalog, all over a warehouse directory,
// so a table written by one session is read by the next. Texts and shapes come from PySpark 4.2.0
// runs of the same calls.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StreamSession, type DataFrame } from 'rivulet';
import { MemoryStream } from 'rivulet/testing';
import { StructType, StructField, IntegerType, StringType } from 'rivulet/types';

describe('warehouse tables', () => {
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
    df = spark.createDataFrame([[1, 'a'], [2, 'b']], 'id int, s string');
  });
  afterEach(async () => {
    for (const s of sessions.splice(0)) await s.stop();
    fs.rmSync(warehouse, { recursive: true, force: true });
  });

  const rows = (d: DataFrame) => d.collect().map((r) => r.asDict());

  test('saveAsTable writes Parquet files in the warehouse; the next session reads the table', () => {
    df.write.saveAsTable('t');
    const files = fs.readdirSync(path.join(warehouse, 't'));
    expect(files.some((f) => /^part-.*\.snappy\.parquet$/.test(f))).toBe(true);
    const next = open();
    expect(rows(next.table('t').orderBy('id'))).toEqual([{ id: 1, s: 'a' }, { id: 2, s: 'b' }]);
    expect(rows(next.read.table('default.t').orderBy('id'))).toEqual([{ id: 1, s: 'a' }, { id: 2, s: 'b' }]);
    expect(rows(next.sql('select count(*) c from spark_catalog.default.t'))).toEqual([{ c: 2 }]);
  });

  test('save modes: errorifexists, append (by name), ignore, overwrite; insertInto by position', () => {
    df.write.saveAsTable('t');
    expect(() => df.write.saveAsTable('t')).toThrow(
      '[TABLE_OR_VIEW_ALREADY_EXISTS] Cannot create table or view `spark_catalog`.`default`.`t` because it already exists.\nChoose a different name, drop or replace the existing object, or add the IF NOT EXISTS clause to tolerate pre-existing objects. SQLSTATE: 42P07',
    );
    df.select('s', 'id').write.mode('append').saveAsTable('t');
    expect(spark.table('t').count()).toBe(4);
    df.write.mode('ignore').saveAsTable('t');
    expect(spark.table('t').count()).toBe(4);
    df.limit(1).write.mode('overwrite').saveAsTable('t');
    expect(rows(spark.table('t'))).toEqual([{ id: 1, s: 'a' }]);
    spark.createDataFrame([[3, 'c']], 'x int, y string').write.insertInto('t');
    expect(rows(spark.table('t').orderBy('id'))).toEqual([{ id: 1, s: 'a' }, { id: 3, s: 'c' }]);
    spark.createDataFrame([[4, 'd']], 'x int, y string').write.insertInto('t', true);
    expect(rows(spark.table('t'))).toEqual([{ id: 4, s: 'd' }]);
    expect(() => df.write.insertInto('nope')).toThrow('[TABLE_OR_VIEW_NOT_FOUND] The table or view `nope` cannot be found.');
    expect(() => spark.table('nope')).toThrow(
      '[TABLE_OR_VIEW_NOT_FOUND] The table or view `nope` cannot be found. Verify the spelling and correctness of the schema and catalog.\nSearch path: [`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`].\nIf you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS. SQLSTATE: 42P01',
    );
  });

  test('SQL tables and DataFrame tables are the same catalog; DROP TABLE removes the files', () => {
    spark.sql('CREATE TABLE st (a INT, b STRING) USING parquet');
    spark.sql("INSERT INTO st VALUES (1, 'x')");
    expect(rows(open().table('st'))).toEqual([{ a: 1, b: 'x' }]);
    spark.sql('DROP TABLE st');
    expect(fs.existsSync(path.join(warehouse, 'st'))).toBe(false);
  });

  test('clusterBy is recorded and checked', () => {
    df.write.clusterBy('id').saveAsTable('tc');
    expect(spark.catalog.listColumns('tc').map((c) => [c.name, c.dataType, c.isCluster])).toEqual([['id', 'int', true], ['s', 'string', false]]);
    expect(() => df.write.clusterBy('nope').saveAsTable('tc2')).toThrow("Couldn't find column nope in:\nroot\n |-- id: integer (nullable = true)\n |-- s: string (nullable = true)\n");
    expect(() => df.write.clusterBy('id').partitionBy('s').saveAsTable('tc3')).toThrow('[SPECIFY_CLUSTER_BY_WITH_PARTITIONED_BY_IS_NOT_ALLOWED] Cannot specify both CLUSTER BY and PARTITIONED BY. SQLSTATE: 42908');
  });

  test('DESCRIBE [TABLE] lists columns, then partition and clustering columns under their headers', () => {
    // PySpark 4.2.0 gives these rows for tables made by CREATE TABLE pt (a INT, s STRUCT<x: INT>,
    // p STRING) USING parquet PARTITIONED BY (p) and CREATE TABLE ct (a INT, b STRING) USING parquet
    // CLUSTER BY (b, a); the same tables are made here with the DataFrame writer.
    const rows = (sql: string) => spark.sql(sql).collect().map((r) => [r.col_name, r.data_type, r.comment]);
    spark.createDataFrame([[1, { x: 1 }, 'u']], 'a int, s struct<x:int>, p string').write.partitionBy('p').saveAsTable('pt');
    const pt = [
      ['a', 'int', null],
      ['s', 'struct<x:int>', null],
      ['p', 'string', null],
      ['# Partition Information', '', ''],
      ['# col_name', 'data_type', 'comment'],
      ['p', 'string', null],
    ];
    expect(rows('DESCRIBE pt')).toEqual(pt);
    expect(rows('DESC TABLE pt')).toEqual(pt);
    spark.createDataFrame([[1, 'u']], 'a int, b string').write.clusterBy('b', 'a').saveAsTable('ct');
    expect(rows('DESCRIBE ct')).toEqual([
      ['a', 'int', null],
      ['b', 'string', null],
      ['# Clustering Information', '', ''],
      ['# col_name', 'data_type', 'comment'],
      ['b', 'string', null],
      ['a', 'int', null],
    ]);
    spark.range(3).selectExpr('id', 'CAST(id AS STRING) s').createOrReplaceTempView('tv');
    expect(rows('DESCRIBE tv')).toEqual([
      ['id', 'bigint', null],
      ['s', 'string', null],
    ]);
    expect(spark.sql('DESCRIBE tv').schema.simpleString()).toBe('struct<col_name:string,data_type:string,comment:string>');
    expect(() => spark.sql('DESCRIBE nope')).toThrow('[TABLE_OR_VIEW_NOT_FOUND] The table or view `nope` cannot be found.');
  });

  test('spark.catalog lists tables then temp views, checks existence, drops temp views', () => {
    df.write.saveAsTable('t');
    df.createOrReplaceTempView('v');
    expect(spark.catalog.listTables().map(String)).toEqual([
      "Table(name='t', catalog='spark_catalog', namespace=['default'], description=None, tableType='MANAGED', isTemporary=False)",
      "Table(name='v', catalog=None, namespace=[], description=None, tableType='TEMPORARY', isTemporary=True)",
    ]);
    expect([spark.catalog.tableExists('t'), spark.catalog.tableExists('v'), spark.catalog.tableExists('nope'), spark.catalog.tableExists('t', 'default')]).toEqual([true, true, false, true]);
    expect([spark.catalog.dropTempView('v'), spark.catalog.dropTempView('v')]).toEqual([true, false]);
    expect([spark.catalog.currentDatabase(), spark.catalog.currentCatalog()]).toEqual(['default', 'spark_catalog']);
    expect(spark.catalog.listDatabases().map((d) => [d.name, d.catalog, d.description, d.locationUri])).toEqual([['default', 'spark_catalog', 'default database', `file:${warehouse}`]]);
    expect(spark.catalog.listColumns('t').map((c) => ({ ...c }))).toEqual([
      { name: 'id', description: null, dataType: 'int', nullable: true, isPartition: false, isBucket: false, isCluster: false },
      { name: 's', description: null, dataType: 'string', nullable: true, isPartition: false, isBucket: false, isCluster: false },
    ]);
    expect(() => spark.catalog.listColumns('nope')).toThrow('[TABLE_OR_VIEW_NOT_FOUND] The table or view `nope` cannot be found.');
    expect(() => spark.catalog.tableExists(1 as never)).toThrow('[NOT_EXPECTED_TYPE] Argument `tableName` should be str, got int.');
  });

  test('writeStream.toTable appends each batch; readStream.table streams the table', async () => {
    const input = new MemoryStream(StructType([StructField('id', IntegerType()), StructField('s', StringType())]), spark);
    const checkpoint = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-ck-'));
    try {
      const q = input.toDF().writeStream.option('checkpointLocation', path.join(checkpoint, 'w')).toTable('events');
      input.addData([1, 'a'], [2, 'b']);
      await q.processAllAvailable();
      input.addData([3, 'c']);
      await q.processAllAvailable();
      await q.stop();
      const next = open();
      expect(rows(next.table('events').orderBy('id'))).toEqual([{ id: 1, s: 'a' }, { id: 2, s: 'b' }, { id: 3, s: 'c' }]);
      const streamed = next.readStream.table('events');
      expect(streamed.isStreaming).toBe(true);
      const seen: unknown[] = [];
      const r = streamed.writeStream.foreachBatch((batch) => { seen.push(...batch.collect().map((x) => x.asDict())); }).start();
      await r.processAllAvailable();
      await r.stop();
      expect(seen.sort((a, b) => (a as { id: number }).id - (b as { id: number }).id)).toEqual([{ id: 1, s: 'a' }, { id: 2, s: 'b' }, { id: 3, s: 'c' }]);
      expect(() => next.readStream.table('nope')).toThrow('[TABLE_OR_VIEW_NOT_FOUND] The table or view `nope` cannot be found.');
      expect(() => input.toDF().writeStream.toTable('other')).toThrow('checkpointLocation must be specified either through option("checkpointLocation", ...) or SparkSession.conf.set("spark.sql.streaming.checkpointLocation", ...).');
    } finally {
      fs.rmSync(checkpoint, { recursive: true, force: true });
    }
  });
});
