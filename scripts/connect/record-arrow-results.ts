// Records what a real Spark Connect server answers (ExecutePlanResponse bytes: schema + Arrow
// batches) for the queries in __tests__/connect/fixtures/arrow-queries.json, into
// __tests__/connect/fixtures/arrow-results.json, so the JVM-free Arrow decoding test reads real
// server output. Run with a server up:
//   scripts/spark/connect-server.sh start 15302
//   node --import tsx scripts/connect/record-arrow-results.ts sc://127.0.0.1:15302
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toBinary } from '@bufbuild/protobuf';
import { ConnectClient } from '../../lib/connect/connect-client';
import { parseConnectionString } from '../../lib/connect/connection-string';
import { ExecutePlanResponseSchema, FetchErrorDetailsResponseSchema, type FetchErrorDetailsResponse } from '../../lib/connect/gen/spark/connect/base_pb';

const dir = path.resolve(__dirname, '../../__tests__/connect/fixtures');
const queries = JSON.parse(fs.readFileSync(path.join(dir, 'arrow-queries.json'), 'utf8')) as Record<string, string>;
const client = new ConnectClient(parseConnectionString(process.argv[2] ?? 'sc://127.0.0.1:15002'));
client.config({ opType: { case: 'set', value: { pairs: [{ key: 'spark.sql.session.timeZone', value: 'UTC' }] } } });
const out: Record<string, string[]> = {};
for (const [name, sql] of Object.entries(queries)) {
  const responses = client.executeRelation({ relType: { case: 'sql', value: { query: sql } } });
  out[name] = responses
    .filter((r) => r.schema !== undefined || r.responseType.case === 'arrowBatch')
    .map((r) => Buffer.from(toBinary(ExecutePlanResponseSchema, r)).toString('base64'));
}
fs.writeFileSync(path.join(dir, 'arrow-results.json'), JSON.stringify(out, null, 2) + '\n');
// Failures: the gRPC status and its details trailer as the server sent them.
// `long-message`: a message longer than the server puts in the gRPC status (its full text comes
// from FetchErrorDetails, recorded as `errorDetails`).
const failing: Record<string, string> = {
  analysis: 'SELECT nope',
  parse: 'SELEC 1',
  'divide-by-zero': 'SELECT 1 / 0',
  'long-message': `SELECT \`${'a_long_column_name_'.repeat(120)}end\``,
};
const errors: Record<string, { code: number; details: string; statusDetails: string; errorDetails?: string }> = {};
for (const [name, sql] of Object.entries(failing)) {
  try {
    client.executeRelation({ relType: { case: 'sql', value: { query: sql } } });
  } catch (e) {
    if (!(e as { grpcFailure?: unknown }).grpcFailure) { console.error(name, e); continue; }
    const f = (e as { grpcFailure: { code: number; details: string; statusDetails?: Uint8Array } }).grpcFailure;
    const d = (e as { errorDetails?: FetchErrorDetailsResponse }).errorDetails;
    errors[name] = {
      code: f.code,
      details: f.details,
      statusDetails: Buffer.from(f.statusDetails ?? new Uint8Array()).toString('base64'),
      ...(d ? { errorDetails: Buffer.from(toBinary(FetchErrorDetailsResponseSchema, d)).toString('base64') } : {}),
    };
  }
}
fs.writeFileSync(path.join(dir, 'server-errors.json'), JSON.stringify(errors, null, 2) + '\n');
console.log(`wrote ${Object.keys(out).length} results`);
void client.close();
