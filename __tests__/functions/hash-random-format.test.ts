// hash, xxhash64, rand/randn, uuid, monotonically_increasing_id, input_file_name, format_number.
// Expected values are what PySpark 4.2.0 returns for the same calls (rand/randn with one partition).
import { AnalysisException, type StreamSession } from 'rivulet';
import { col, format_number, hash, lit, monotonically_increasing_id, rand, randn, uuid, xxhash64 } from 'rivulet/functions';
import { newSession } from '../support/session';

describe('hash, random and format functions', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession();
  });
  afterEach(() => spark.stop());

  const one = (sql: string) => spark.sql(sql).collectInternalRows()[0];

  test('hash() is Spark\'s Murmur3 with seed 42 for every type', () => {
    expect(one("select hash(1), hash('a'), hash(1L), hash(2.5D), hash(null), hash(1,'a'), hash(true), hash(2.5f), hash(cast(1 as short)), hash(date'2020-01-01'), hash(timestamp'2020-01-01 00:00:00'), hash(cast(1.5 as decimal(10,2))), hash(array(1,2)), hash(x'0102'), hash('héllo'), hash(cast(123456789012 as decimal(20,2)))")).toEqual([
      -559580957, 1485273170, -1712319331, -892273744, 42, -936062819, -559580957, 204117216, -559580957, -725858435, -1486022740, -2056712946, -222940379, 1964783052, 1212979866, 546421382,
    ]);
  });

  test('xxhash64() matches Spark', () => {
    expect(one("select xxhash64(1), xxhash64('a'), xxhash64(1L), xxhash64(2.5D), xxhash64(1,'a'), xxhash64(true), xxhash64(2.5f), xxhash64(date'2020-01-01'), xxhash64(cast(1.5 as decimal(10,2))), xxhash64(array(1,2)), xxhash64('héllo'), xxhash64(null)")).toEqual([
      -6698625589789238999n, -8582455328737087284n, -7001672635703045582n, 2435211733827758672n, 8205864924878002737n, -6698625589789238999n, -8224967761598873520n, 2299834470729022467n, -6873856301616164681n, -8133857028838179022n, 501425390238239234n, 42n,
    ]);
  });

  test('hash of a map is refused as in Spark 4', () => {
    expect(() => spark.sql("select hash(map('a', 1))")).toThrow(AnalysisException);
    expect(() => spark.sql("select hash(map('a', 1))")).toThrow('[DATATYPE_MISMATCH.HASH_MAP_TYPE] Cannot resolve "hash(map(a, 1))" due to data type mismatch: Input to the function `hash` cannot contain elements of the "MAP" type.');
  });

  test('column names and the DataFrame functions', () => {
    const df = spark.range(1).select(hash('id'), xxhash64('id', lit('x')), monotonically_increasing_id(), rand(1), randn(1), format_number(lit(12345.6789), 2));
    expect(df.columns).toEqual(['hash(id)', 'xxhash64(id, x)', 'monotonically_increasing_id()', 'rand(1)', 'randn(1)', 'format_number(12345.6789, 2)']);
    expect(spark.range(1).select(uuid()).schema.simpleString()).toBe('struct<uuid():string>');
    expect(String(spark.range(1).select(uuid()).collect()[0][0])).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(spark.range(1).select(rand()).columns[0]).toMatch(/^rand\(-?\d+\)$/);
  });

  test('rand(seed) and randn(seed) give Spark\'s sequence for one partition', () => {
    const rows = spark.range(0, 4, 1, 1).select(rand(42).alias('r'), randn(42).alias('n'), rand(0).alias('z'), rand(-7).alias('m')).collectInternalRows();
    expect(rows.map((r) => r[0])).toEqual([0.619189370225301, 0.5096018842446481, 0.8325259388871524, 0.26322809041172357]);
    expect(rows.map((r) => r[2])).toEqual([0.7604953758285915, 0.5234194256885571, 0.0953472826424725, 0.3163249920547614]);
    expect(rows.map((r) => r[3])).toEqual([0.14773215621571878, 0.0914602266360357, 0.024990435468302152, 0.12921121156209348]);
    const gauss = rows.map((r) => r[1] as number);
    const sparkGauss = [2.384479054241165, 0.1920934041293524, 0.7337336533286575, -0.5224480195716871];
    gauss.forEach((g, i) => expect(g).toBeCloseTo(sparkGauss[i], 12));
  });

  test('over several partitions each restarts from its index (PySpark 4.2.0 local[2])', () => {
    const two = spark.range(0, 4, 1, 2);
    expect(two.select(rand(42)).collectInternalRows().map((r) => r[0])).toEqual([0.619189370225301, 0.5096018842446481, 0.8017532427858894, 0.6565552949992319]);
    expect(spark.range(0, 3, 1, 2).select(monotonically_increasing_id()).collectInternalRows().map((r) => r[0])).toEqual([0n, 8589934592n, 8589934593n]);
  });

  test('monotonically_increasing_id counts rows of the (single) partition', () => {
    expect(spark.range(0, 3, 1, 1).select(monotonically_increasing_id()).collectInternalRows().map((r) => r[0])).toEqual([0n, 1n, 2n]);
    expect(one('select input_file_name()')).toEqual(['']);
  });

  test('format_number rounds HALF_EVEN on the exact value, with grouping', () => {
    expect(one("select format_number(12345.6789, 2), format_number(12345.6789, 0), format_number(-0.5, 0), format_number(1234567, '#,###.##'), format_number(1.5, -1), format_number(cast(12345.678 as decimal(10,3)), 1), format_number(null, 2), format_number(0.125, 2), format_number(1e20, 2)")).toEqual([
      '12,345.68', '12,346', '-0', '1,234,567', null, '12,345.7', null, '0.12', '100,000,000,000,000,000,000.00',
    ]);
    expect(one("select format_number(2.675D, 2), format_number(-1234.5D, 0), format_number(1234567L, 1), format_number(0.5D, 0), format_number(1.5D, 0), format_number(123.456D, '##0.0'), format_number(1e-7D, 3)")).toEqual(['2.67', '-1,234', '1,234,567.0', '0', '2', '123.5', '0.000']);
    expect(spark.range(1).select(format_number(col('id'), 1)).collectInternalRows()).toEqual([['0.0']]);
  });
});
