// Spark's structured_sessionization.py, ported: words typed on a socket are session ids; events of
// one id less than 10 seconds apart form a session (session_window). Spark 4.2 refuses the
// original's Update mode for session windows ("This output mode is not supported for session
// window streaming aggregations"), and so does Rivulet; this port adds a watermark and uses Append
// mode, so each session is printed once, when the watermark closes it.
//
//   npx tsx scripts/line-server.ts --port 9999         # in one terminal (or: nc -lk 9999)
//   npx tsx examples/structured_sessionization.ts      # in another; type words into the first
//
// Options: --host localhost --port 9999
import minimist from 'minimist';
import { StreamSession, type DataFrame } from 'rivulet';
import { col, count, explode, session_window, split } from 'rivulet/functions';

/** lines (value, timestamp) -> one row per closed session: sessionId, start, end, durationMs, numEvents. */
export function sessionize(lines: DataFrame): DataFrame {
  const events = lines.select(explode(split(col('value'), ' ')).alias('sessionId'), col('timestamp').alias('eventTime'));
  return events
    .withWatermark('eventTime', '10 seconds')
    .groupBy(session_window(col('eventTime'), '10 seconds').alias('session'), col('sessionId'))
    .agg(count('*').alias('numEvents'))
    .selectExpr('sessionId', 'CAST(session.start AS LONG)', 'CAST(session.end AS LONG)', 'CAST(session.end AS LONG) - CAST(session.start AS LONG) AS durationMs', 'numEvents');
}

async function main(): Promise<void> {
  const args = minimist(process.argv.slice(2), { string: ['host'], default: { host: 'localhost', port: 9999 } });
  const spark = StreamSession.builder().appName('StructuredSessionization').getOrCreate();
  const lines = spark.readStream.format('socket').option('host', args.host).option('port', String(args.port)).option('includeTimestamp', 'true').load();
  const query = sessionize(lines).writeStream.outputMode('append').format('console').start();
  await query.awaitTermination();
}

if (require.main === module) void main();
