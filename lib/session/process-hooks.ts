// Script behaviour, as a PySpark user expects of `query.awaitTermination()`: Ctrl-C (SIGINT) and
// SIGTERM stop running queries cleanly (the batch in progress finishes and commits) and the
// process exits 0; a failed query that nobody catches prints its message (no stack trace soup)
// and exits 1. Installed once per process, and not inside jest workers.
import { SparkException } from '../errors/spark-exception';
import { Logger } from '../util/logger';

const log = new Logger('ShutdownHookManager');
let installed = false;

export function installProcessHooks(stopAll: () => Promise<void>): void {
  if (installed || process.env.JEST_WORKER_ID !== undefined) return;
  installed = true;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.exit(130);
    }
    stopping = true;
    log.info(`Received ${signal}: stopping streaming queries`);
    void stopAll().finally(() => {
      // Let code after awaitTermination() run; exit even if something else keeps the loop alive.
      process.exitCode = 0;
      setTimeout(() => process.exit(0), 200).unref();
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const report = (error: unknown): void => {
    if (error instanceof SparkException) {
      process.stderr.write(`${error.name}: ${error.message}\n`);
    } else {
      process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    }
    process.exit(1);
  };
  process.on('uncaughtException', report);
  process.on('unhandledRejection', report);
}
