import { StreamSession, SparkSession, IllegalArgumentException } from 'rivulet';
import { getLogLevel, setLogLevel, setLogSink } from '../../lib/util/logger';

describe('StreamSession', () => {
  afterEach(async () => {
    await StreamSession.getActiveSession()?.stop();
    setLogLevel('WARN');
  });

  test('builder() and the PySpark property form build the same active session', () => {
    const a = StreamSession.builder().appName('one').master('local[2]').config('spark.sql.shuffle.partitions', 4).getOrCreate();
    const b = SparkSession.builder.appName('two').getOrCreate();
    expect(b).toBe(a);
    expect(a.conf.get('spark.app.name')).toBe('two');
    expect(a.sparkContext.appName).toBe('two');
    expect(a.sparkContext.master).toBe('local[2]');
    expect(a.conf.get('spark.sql.shuffle.partitions')).toBe('4');
    expect(SparkSession).toBe(StreamSession);
  });

  test('config({...}) sets several keys; conf.get/set/unset with defaults', () => {
    const spark = StreamSession.builder().config({ 'spark.sql.shuffle.partitions': 8, 'my.key': 'x' }).getOrCreate();
    expect(spark.conf.get('my.key')).toBe('x');
    spark.conf.set('my.key', 'y');
    expect(spark.conf.get('my.key')).toBe('y');
    spark.conf.unset('my.key');
    expect(spark.conf.get('my.key', null)).toBeNull();
    expect(spark.conf.get('spark.sql.ansi.enabled')).toBe('true');
    expect(() => spark.conf.get('no.such.key')).toThrow('[SQL_CONF_NOT_FOUND] The SQL config "no.such.key" cannot be found. Please verify that the config exists. SQLSTATE: 42K0I');
  });

  test('setLogLevel filters engine logs, which go to stderr only', () => {
    const spark = StreamSession.builder().getOrCreate();
    spark.sparkContext.setLogLevel('error');
    expect(getLogLevel()).toBe('ERROR');
    let logged = '';
    const restore = setLogSink((l) => (logged += l));
    spark.readStream.format('socket').option('host', 'localhost').option('port', 1).load();
    restore();
    expect(logged).toBe('');
    expect(() => spark.sparkContext.setLogLevel('LOUD')).toThrow(IllegalArgumentException);
  });

  test('stop() stops the session; the next getOrCreate makes a new one', async () => {
    const a = StreamSession.builder().getOrCreate();
    await a.stop();
    const b = StreamSession.builder().getOrCreate();
    expect(b).not.toBe(a);
  });
});
