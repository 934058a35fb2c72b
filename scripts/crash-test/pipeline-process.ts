// What every pipeline process the crash harness kills shares: atomic output files, and running its
// named queries to their end, each even when another fails (the damage matrix judges them one by
// one): a failure is reported as `query <name> failed: <message>` and the process exits with 1.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StreamSession, StreamingQuery } from 'rivulet';

/** Replaces `file` whole: a crash leaves the old content or the new, never half. */
export function writeAtomically(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temp, content);
  fs.renameSync(temp, file);
}

/** Starts every query, awaits them all, stops the session; prints `started` and `done` for the harness. */
export function runQueriesToTheEnd(spark: StreamSession, queries: [string, () => StreamingQuery][]): void {
  const main = async (): Promise<void> => {
    process.stdout.write('started\n');
    const outcomes = await Promise.allSettled(queries.map(async ([, start]) => start().awaitTermination()));
    await spark.stop();
    let failed = false;
    outcomes.forEach((o, i) => {
      if (o.status === 'fulfilled') return;
      failed = true;
      process.stderr.write(`query ${queries[i][0]} failed: ${(o.reason as Error).message}\n`);
    });
    if (failed) process.exit(1);
    process.stdout.write('done\n');
  };
  main().catch((e: Error) => {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  });
}
