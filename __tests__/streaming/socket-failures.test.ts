// A refused or lost socket connection ends the query with a StreamingQueryException that names
// host and port; lines that arrived before the loss are still processed.
import { StreamingQueryException } from 'rivulet';
import type { StreamSession } from 'rivulet';
import { LineServer } from '../../scripts/line-server';
import { captureStdout, type Captured } from '../support/capture-stdout';
import { newSession } from '../support/session';
import { setLogSink } from '../../lib/util/logger';

describe('socket source failures', () => {
  let spark: StreamSession;
  let out: Captured;
  let logs: string;
  let restoreLogs: () => void;

  beforeEach(() => {
    spark = newSession();
    out = captureStdout();
    logs = '';
    restoreLogs = setLogSink((line) => {
      logs += line;
    });
  });

  afterEach(async () => {
    restoreLogs();
    out.restore();
    await spark.stop();
  });

  test('connection refused fails the query naming host and port', async () => {
    const probe = new LineServer();
    const port = await probe.listen();
    await probe.close(); // nothing listens on this port any more
    const query = spark.readStream.format('socket').option('host', '127.0.0.1').option('port', port).load().writeStream.format('console').start();
    await expect(query.awaitTermination()).rejects.toThrow(StreamingQueryException);
    const e = query.exception()!;
    expect(e.errorClass).toBe('STREAM_FAILED');
    expect(e.message).toMatch(new RegExp(`^\\[STREAM_FAILED\\] Query \\[id = ${query.id}, runId = ${query.runId}\\] terminated with exception: Cannot connect to the socket source at 127\\.0\\.0\\.1:${port}: Connection refused`));
    expect(query.isActive).toBe(false);
    expect(query.status.message).toMatch(/^Terminated with exception: /);
    expect(logs).toContain('WARN TextSocketSourceProvider: The socket source should not be used for production applications! It does not support recovery.');
  });

  test('a lost connection fails the query after the lines already received are processed', async () => {
    const server = new LineServer();
    const port = await server.listen();
    const query = spark.readStream.format('socket').option('host', '127.0.0.1').option('port', port).load().writeStream.format('console').start();
    await server.waitForClient();
    await server.send('last words');
    await query.processAllAvailable();
    server.disconnectClients();
    await expect(query.awaitTermination()).rejects.toThrow(`The socket source at 127.0.0.1:${port} was closed by the remote end.`);
    expect(out.text()).toContain('|last words|');
    await server.close();
  });

  test('missing options give Spark\'s messages', () => {
    expect(() => spark.readStream.format('socket').option('port', 9999).load()).toThrow('Set a host to read from with option("host", ...).');
    expect(() => spark.readStream.format('socket').option('host', 'localhost').load()).toThrow('Set a port to read from with option("port", ...).');
    expect(() => spark.readStream.format('socket').option('host', 'localhost').option('port', 1).option('includeTimestamp', 'yes').load()).toThrow(
      'includeTimestamp must be set to either "true" or "false"',
    );
  });

  test('includeTimestamp adds a timestamp column', () => {
    const df = spark.readStream.format('socket').option('host', 'localhost').option('port', 9999).option('includeTimestamp', true).load();
    expect(df.schema.simpleString()).toBe('struct<value:string,timestamp:timestamp>');
    expect(df.isStreaming).toBe(true);
  });
});
