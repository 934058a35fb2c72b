// df.observe with an Observation (batch) and observed metrics in streaming progress (issue 13).
// Texts and shapes come from PySpark 4.2.0 runs of the same calls.
import { Observation, StreamingQueryProgress, type DataFrame, type StreamSession } from 'rivulet';
import { col, count, count_distinct, lit, max, sum } from 'rivulet/functions';
import { MemoryStream } from 'rivulet/testing';
import { IntegerType } from 'rivulet/types';
import { newSession } from '../support/session';

describe('observe', () => {
  let spark: StreamSession;
  let df: DataFrame;

  beforeEach(() => {
    spark = newSession();
    df = spark.createDataFrame([[1, 'a'], [2, 'b'], [3, null]], 'id int, s string');
  });
  afterEach(() => spark.stop());

  test('an Observation gets the metrics of the first action over the observed rows', () => {
    const obs = new Observation('my');
    const observed = df.observe(obs, count(lit(1)).alias('rows'), max('id').alias('maxid'), sum('id').alias('total'));
    expect(() => obs.get).toThrow('NO_OBSERVATION_RESULT');
    expect(observed.filter('id > 1').collect().map((r) => r.asDict())).toEqual([{ id: 2, s: 'b' }, { id: 3, s: null }]);
    expect(obs.get).toEqual({ rows: 3, maxid: 3, total: 6 });
    // Later actions do not change it (Spark keeps the first).
    observed.limit(1).collect();
    expect(obs.get).toEqual({ rows: 3, maxid: 3, total: 6 });
    expect(obs.name).toBe('my');
    expect(new Observation().name).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("PySpark's argument errors and Spark's analysis errors", () => {
    const obs = new Observation('o');
    df.observe(obs, count(lit(1)).alias('c'));
    expect(() => df.observe(obs, count(lit(1)).alias('c'))).toThrow('[REUSE_OBSERVATION] An Observation can be used with a DataFrame only once.');
    expect(() => new Observation('x').get).toThrow('[NO_OBSERVE_BEFORE_GET] Should observe by calling `DataFrame.observe` before `get`.');
    expect(() => new Observation(1 as never)).toThrow('[NOT_EXPECTED_TYPE] Argument `name` should be str, got int.');
    expect(() => new Observation('')).toThrow("[VALUE_NOT_NON_EMPTY_STR] Value for `name` must be a non-empty string, got ''.");
    expect(() => df.observe('m')).toThrow('[CANNOT_BE_EMPTY] At least one exprs must be specified.');
    expect(() => df.observe(1 as never, count(lit(1)).alias('c'))).toThrow('[NOT_EXPECTED_TYPE] Argument `observation` should be Observation or str, got int.');
    expect(() => df.observe('m', col('id').alias('c'))).toThrow('[INVALID_OBSERVED_METRICS.NON_AGGREGATE_FUNC_ARG_IS_ATTRIBUTE] Invalid observed metrics. Attribute "id AS c" can only be used as an argument to an aggregate function. SQLSTATE: 42K0E');
    expect(() => df.observe('m', count_distinct('id').alias('c'))).toThrow('[INVALID_OBSERVED_METRICS.AGGREGATE_EXPRESSION_WITH_DISTINCT_UNSUPPORTED] Invalid observed metrics. Aggregate expressions with DISTINCT are not allowed in observed metrics, but found: "count(DISTINCT id) AS c". SQLSTATE: 42K0E');
    // Spark accepts an unnamed metric and an expression over aggregates.
    expect(df.observe('m', count(lit(1))).count()).toBe(3);
    expect(df.observe('m', count(lit(1)).plus(1).alias('c')).count()).toBe(3);
  });

  test('a streaming query reports observedMetrics per batch, in progress JSON too', async () => {
    const stream = new MemoryStream(IntegerType(), spark);
    const q = stream
      .toDF()
      .observe('metric', count(lit(1)).alias('cnt'), max('value').alias('mx'))
      .writeStream.format('memory')
      .queryName('observed')
      .start();
    stream.addData(1, 5, 3);
    await q.processAllAvailable();
    stream.addData(7);
    await q.processAllAvailable();
    await q.stop();
    const [first, second] = q.recentProgress.filter((p) => p.numInputRows > 0);
    expect(first.observedMetrics.metric.asDict()).toEqual({ cnt: 3, mx: 5 });
    expect(second.observedMetrics.metric.asDict()).toEqual({ cnt: 1, mx: 7 });
    const json = JSON.parse(second.json());
    expect(Object.keys(json).slice(-2)).toEqual(['sink', 'observedMetrics']);
    expect(json.observedMetrics).toEqual({ metric: { cnt: 1, mx: 7 } });
    expect(second.prettyJson()).toContain('"observedMetrics" : {\n    "metric" : {\n      "cnt" : 1,\n      "mx" : 7\n    }\n  }\n}');
    const back = StreamingQueryProgress.fromJson(second.json());
    expect(back.observedMetrics.metric.asDict()).toEqual({ cnt: 1, mx: 7 });
    expect(back.json()).toBe(second.json());
  });
});

describe('df.rdd', () => {
  test('the rows as an RDD of Rows; a stream is refused as an action is', () => {
    const spark = newSession();
    const df = spark.createDataFrame([[1, 'a'], [2, 'b']], 'id int, s string');
    expect(df.rdd.map((r) => (r.asDict() as { id: number }).id * 10).collect()).toEqual([10, 20]);
    expect(df.rdd.count()).toBe(2);
    const stream = new MemoryStream(IntegerType(), spark);
    expect(() => stream.toDF().rdd).toThrow('Queries with streaming sources must be executed with writeStream.start()');
    return spark.stop();
  });
});
