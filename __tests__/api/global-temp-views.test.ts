// Global temporary views: df.createGlobalTempView / createOrReplaceGlobalTempView, CREATE GLOBAL
// TEMPORARY VIEW, `global_temp.v` in SQL and spark.table, the catalog, and Spark's errors (each
// checked with PySpark 4.2.0).
import { StreamSession } from 'rivulet';
import { newSession } from '../support/session';
import { errorOf } from '../support/errors';

describe('global temporary views', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession();
  });
  afterEach(() => spark.stop());

  const rows = (sql: string) => spark.sql(sql).collectInternalRows();

  test('read only as global_temp.<name>, in SQL and spark.table', () => {
    const df = spark.createDataFrame([[1, 'a'], [2, 'b']], ['id', 's']);
    df.createGlobalTempView('people');
    expect(rows('select * from global_temp.people')).toEqual([
      [1n, 'a'],
      [2n, 'b'],
    ]);
    expect(spark.table('global_temp.people').count()).toBe(2);
    expect(rows('select people.id from GLOBAL_TEMP.People where id = 2')).toEqual([[2n]]);
    expect(errorOf(() => spark.sql('select * from people')).errorClass).toBe('TABLE_OR_VIEW_NOT_FOUND');
    expect(errorOf(() => spark.table('people')).errorClass).toBe('TABLE_OR_VIEW_NOT_FOUND');
  });

  test('create fails when the view exists; createOrReplace replaces it', () => {
    const df = spark.createDataFrame([[1], [2]], ['id']);
    df.createGlobalTempView('v');
    const e = errorOf(() => df.createGlobalTempView('v'));
    expect(e.errorClass).toBe('TEMP_TABLE_OR_VIEW_ALREADY_EXISTS');
    expect(e.message.split('\n')[0]).toBe('[TEMP_TABLE_OR_VIEW_ALREADY_EXISTS] Cannot create the temporary view `v` because it already exists.');
    df.where('id = 1').createOrReplaceGlobalTempView('v');
    expect(rows('select * from global_temp.v')).toEqual([[1n]]);
    expect(errorOf(() => df.createGlobalTempView('a.b')).errorClass).toBe('TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS');
  });

  test('shared by the sessions of the process', () => {
    spark.createDataFrame([[7]], ['x']).createGlobalTempView('shared');
    const other = new StreamSession({});
    expect(other.sql('select x from global_temp.shared').collectInternalRows()).toEqual([[7n]]);
  });

  test('SQL: CREATE [OR REPLACE] GLOBAL TEMPORARY VIEW and DROP VIEW global_temp.<name>', () => {
    spark.sql('create global temporary view g as select 1 as x');
    expect(errorOf(() => spark.sql('create global temporary view g as select 1 as x')).errorClass).toBe('TEMP_TABLE_OR_VIEW_ALREADY_EXISTS');
    spark.sql('create or replace global temp view g as select 2 as x');
    expect(rows('select * from global_temp.g')).toEqual([[2]]);
    spark.sql('drop view global_temp.g');
    expect(errorOf(() => spark.sql('select * from global_temp.g')).message).toContain('The table or view `global_temp`.`g` cannot be found.');
  });

  test('the catalog lists, finds and drops them', () => {
    spark.createDataFrame([[1]], ['id']).createGlobalTempView('people');
    spark.createDataFrame([[1]], ['id']).createOrReplaceTempView('local1');
    expect(spark.catalog.listTables('global_temp').map((t) => [t.name, t.database, t.tableType, t.isTemporary])).toEqual([
      ['people', 'global_temp', 'TEMPORARY', true],
      ['local1', null, 'TEMPORARY', true],
    ]);
    expect(spark.catalog.listTables().map((t) => t.name)).toEqual(['local1']);
    expect([spark.catalog.tableExists('global_temp.people'), spark.catalog.tableExists('people', 'global_temp')]).toEqual([true, true]);
    expect(spark.catalog.dropGlobalTempView('people')).toBe(true);
    expect(spark.catalog.dropGlobalTempView('people')).toBe(false);
  });

  test('they end when a session stops', async () => {
    const other = new StreamSession({});
    spark.createDataFrame([[1]], ['id']).createGlobalTempView('gone');
    await other.stop();
    expect(spark.catalog.tableExists('global_temp.gone')).toBe(false);
  });
});
