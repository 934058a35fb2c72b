// DataStreamReader.name (Spark 4.2 source naming): validation texts from PySpark 4.2.0 and the
// checkpoint folder sources/<name> Spark writes for a named source.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StreamSession } from 'rivulet';
import { newSession } from '../support/session';

describe('DataStreamReader.name', () => {
  let spark: StreamSession;
  let dir: string;
  beforeEach(() => {
    spark = newSession();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-source-name-'));
  });
  afterEach(async () => {
    await spark.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("names are checked as PySpark checks them; naming needs Spark's evolution flag", () => {
    expect(() => spark.readStream.format('rate').name('bad name')).toThrow("[INVALID_STREAMING_SOURCE_NAME] Invalid streaming source name 'bad name'. Source names must contain only ASCII letters, digits, and underscores.");
    expect(() => spark.readStream.format('rate').name(1 as never)).toThrow('[NOT_EXPECTED_TYPE] Argument `source_name` should be str, got int.');
    expect(() => spark.readStream.format('rate').name('my_source').load()).toThrow(
      "[STREAMING_QUERY_EVOLUTION_ERROR.SOURCE_NAMING_NOT_SUPPORTED] Streaming query evolution error: Streaming source naming is not supported. Source name 'my_source' was provided but the feature is disabled. Please enable the feature by setting spark.sql.streaming.queryEvolution.enableSourceEvolution to true. SQLSTATE: 42KDE",
    );
  });

  test('a named source keeps its checkpoint data under sources/<name>', async () => {
    spark.conf.set('spark.sql.streaming.queryEvolution.enableSourceEvolution', 'true');
    const input = path.join(dir, 'in');
    fs.mkdirSync(input);
    fs.writeFileSync(path.join(input, 'a.txt'), 'x\ny\n');
    const q = spark.readStream.format('text').name('src1').load(input).writeStream.format('noop').option('checkpointLocation', path.join(dir, 'ck')).start();
    await q.processAllAvailable();
    await q.stop();
    expect(fs.readdirSync(path.join(dir, 'ck', 'sources')).filter((f) => !f.startsWith('_'))).toEqual(['src1']);
  });
});
