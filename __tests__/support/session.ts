import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StreamSession } from 'rivulet';

const warehouses: string[] = [];
let counter = 0;
process.on('exit', () => {
  for (const w of warehouses) fs.rmSync(w, { recursive: true, force: true });
});

/**
 * A fresh, isolated session per test (not the process-wide active one), with its own table
 * warehouse (a temp directory removed when the test process exits), so tables never leak between
 * tests or into the repository.
 */
export function newSession(config: Record<string, string> = {}): StreamSession {
  // mkdtemp: test files share worker processes, and each file has its own module counter.
  const warehouse = fs.mkdtempSync(path.join(os.tmpdir(), `rivulet-test-warehouse-${process.pid}-${counter++}-`));
  warehouses.push(warehouse);
  const session = new StreamSession({ 'spark.sql.session.timeZone': 'UTC', 'spark.sql.warehouse.dir': warehouse, ...config });
  StreamSession.setActive(session);
  return session;
}
