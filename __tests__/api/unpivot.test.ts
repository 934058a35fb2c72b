// DataFrame.unpivot / melt (Spark's Unpivot). The expected values were checked against PySpark
// 4.2.0 runs of the same calls (oracle/scenarios/functions/unpivot-melt).
import { type DataFrame, type StreamSession } from 'rivulet';
import { col, lit } from 'rivulet/functions';
import { MemoryStream } from 'rivulet/testing';
import { IntegerType, StringType, StructField, StructType } from 'rivulet/types';
import { newSession } from '../support/session';

const values = (d: DataFrame) => d.collect().map((r) => Object.values(r.asDict()));

describe('unpivot', () => {
  let spark: StreamSession;
  let df: DataFrame;

  beforeEach(() => {
    spark = newSession();
    df = spark.createDataFrame([[1, 11, 1.1], [2, 12, 1.2]], ['id', 'int', 'double']);
  });
  afterEach(() => spark.stop());

  test('one row per input row and value column; the values widen to their common type', () => {
    const long = df.unpivot('id', ['int', 'double'], 'var', 'val');
    expect(long.schema.treeString()).toBe('root\n |-- id: long (nullable = true)\n |-- var: string (nullable = false)\n |-- val: double (nullable = true)\n');
    expect(values(long)).toEqual([[1, 'int', 11], [1, 'double', 1.1], [2, 'int', 12], [2, 'double', 1.2]]);
    // values null: every column that is not an id; melt is the same operation.
    expect(values(df.melt(['id'], null, 'var', 'val'))).toEqual(values(long));
  });

  test('expressions and literals as ids and values; a value named as a select names it', () => {
    expect(values(df.melt(['id'], [col('int').plus(1), 'double'], 'var', 'val'))).toEqual([[1, '(int + 1)', 12], [1, 'double', 1.1], [2, '(int + 1)', 13], [2, 'double', 1.2]]);
    expect(values(df.unpivot([col('id'), lit(1).alias('one')], ['int'], 'var', 'val'))).toEqual([[1, 1, 'int', 11], [2, 1, 'int', 12]]);
    expect(values(df.unpivot([], ['int'], 'k', 'v'))).toEqual([['int', 11], ['int', 12]]);
  });

  test("Spark's errors: no value columns, no common type without string promotion, bad names", () => {
    expect(() => df.unpivot(['id', 'int', 'double'], null, 'v', 'x')).toThrow(
      '[UNPIVOT_REQUIRES_VALUE_COLUMNS] At least one value column needs to be specified for UNPIVOT, all columns specified as ids. SQLSTATE: 42K0A',
    );
    expect(() => df.unpivot('id', ['int', lit('s')], 'v', 'x')).toThrow(
      '[UNPIVOT_VALUE_DATA_TYPE_MISMATCH] Unpivot value columns must share a least common type, some types do not: ["BIGINT" (`int`), "STRING" (`s`)]. SQLSTATE: 42K09',
    );
    expect(() => df.unpivot('id', ['nope'], 'v', 'x')).toThrow('UNRESOLVED_COLUMN');
    expect(() => df.unpivot('id', ['int'], 1 as never, 'x')).toThrow('[NOT_EXPECTED_TYPE] Argument `variableColumnName` should be str, got int.');
  });

  test('on a stream: each batch unpivots its rows', async () => {
    const input = new MemoryStream(StructType([StructField('id', StringType()), StructField('q1', IntegerType()), StructField('q2', IntegerType())]), spark);
    const q = input.toDF().unpivot('id', ['q1', 'q2'], 'quarter', 'sales').writeStream.format('memory').queryName('quarters').start();
    input.addData(['a', 1, 2]);
    await q.processAllAvailable();
    input.addData(['b', 3, null]);
    await q.processAllAvailable();
    await q.stop();
    expect(values(spark.table('quarters'))).toEqual([['a', 'q1', 1], ['a', 'q2', 2], ['b', 'q1', 3], ['b', 'q2', null]]);
  });
});
