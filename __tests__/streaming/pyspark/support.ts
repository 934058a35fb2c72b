// Shared pieces of the ported PySpark SQL streaming tests (python/pyspark/sql/tests/streaming/):
// the fixture directory PySpark's tests read ("python/test_support/sql/streaming": text-test.txt
// and time/text-with-time-test.txt, the same lines), and ReusedSQLTestCase's helpers.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StreamSession } from 'rivulet';

/** PySpark's "python/test_support/sql/streaming" (12 lines in two files, one in a subfolder). */
export const STREAMING_TEST_SUPPORT = path.join(__dirname, 'test-support', 'sql', 'streaming');

/** tempfile.mkdtemp(). */
export function mkdtemp(prefix = 'rivulet-pyspark-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Every file under dir not starting with "." (os.walk + the tests' filter). */
export function walkFiles(dir: string): string[] {
  const out: string[] = [];
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) out.push(...walkFiles(path.join(dir, entry.name)));
    else if (!entry.name.startsWith('.')) out.push(entry.name);
  }
  return out;
}

/** ReusedSQLTestCase.table(*names): drops the tables (and memory-sink views) afterwards. */
export async function withTables(spark: StreamSession, names: string[], body: () => Promise<void> | void): Promise<void> {
  try {
    await body();
  } finally {
    for (const name of names) spark.sql(`DROP TABLE IF EXISTS ${name}`);
  }
}

/** ReusedSQLTestCase.sql_conf({...}): sets the confs for the body, then restores them. */
export async function withSqlConf(spark: StreamSession, conf: Record<string, string>, body: () => Promise<void> | void): Promise<void> {
  const old = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(conf)) {
    old.set(k, spark.conf.get(k, null) ?? undefined);
    spark.conf.set(k, v);
  }
  try {
    await body();
  } finally {
    for (const [k, v] of old) {
      if (v === undefined) spark.conf.unset(k);
      else spark.conf.set(k, v);
    }
  }
}

/** Waits (bounded, generously) for a condition polled every 20 ms; no fixed sleep decides an outcome. */
export async function eventually(cond: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
