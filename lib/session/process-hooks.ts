// Script behaviour, as a PySpark user expects of `query.awaitTermination()`: Ctrl-C (SIGINT) and
// SIGTERM stop running queries cleanly (the batch in progress finishes and commits). When
// Rivulet's handler is the only one for the signal (a plain script), the process then exits 0 as
// a PySpark script does; when the application has its own handler, Rivulet only stops the
// queries and leaves the exit, its timing and its code to the application. A script that ends
// without awaiting its queries stops them and exits, as a PySpark script does. A failed query that
// nobody catches prints its message (no stack trace soup) and exits 1, again only when no
// handler of the application's own is there. Installed once per process, not in jest workers.
import { SparkException } from '../errors/spark-exception';
import { Logger } from '../util/logger';

const log = new Logger('ShutdownHookManager');
let installed = false;

/** True when `listener` is the only listener for `event` (no handler of the application's own). */
function alone(event: string, listener: (...args: never[]) => void): boolean {
  const listeners = process.listeners(event as NodeJS.Signals);
  return listeners.length === 1 && listeners[0] === listener;
}

export function installProcessHooks(stopAll: () => Promise<void>, activeQueries: () => number): void {
  if (installed || process.env.JEST_WORKER_ID !== undefined) return;
  installed = true;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    const ownsExit = alone(signal, onSignal);
    if (stopping) {
      // A second Ctrl-C in a plain script: leave at once, as the shell expects.
      if (ownsExit) process.exit(130);
      return;
    }
    stopping = true;
    log.info(`Received ${signal}: stopping streaming queries`);
    void stopAll().finally(() => {
      if (!ownsExit) return;
      // Let code after awaitTermination() run; exit even if something else keeps the loop alive.
      process.exitCode = 0;
      setTimeout(() => process.exit(0), 200).unref();
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // The script ended and nothing awaits its queries (their timers are unref'd): stop them cleanly,
  // as the end of a PySpark script stops the SparkContext, then let the process exit.
  process.on('beforeExit', () => {
    if (stopping || activeQueries() === 0) return;
    stopping = true;
    log.info('The script ended without awaiting its streaming queries: stopping them');
    void stopAll().finally(() => {
      stopping = false;
    });
  });
  const report = (event: 'uncaughtException' | 'unhandledRejection') => (error: unknown): void => {
    // The application's own handler decides what an uncaught error means.
    if (!alone(event, handlers[event])) return;
    if (error instanceof SparkException) {
      process.stderr.write(`${error.name}: ${error.message}\n`);
    } else {
      process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    }
    process.exit(1);
  };
  const handlers = { uncaughtException: report('uncaughtException'), unhandledRejection: report('unhandledRejection') };
  process.on('uncaughtException', handlers.uncaughtException);
  process.on('unhandledRejection', handlers.unhandledRejection);
}
