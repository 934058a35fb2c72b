import { ConnectClient } from '../../lib/connect/connect-client';
import { parseConnectionString } from '../../lib/connect/connection-string';
import { rowsFromArrowBatches } from '../../lib/connect/arrow-rows';
import { structFromProto } from '../../lib/connect/data-type-proto';
import { toExternalRows } from '../../lib/types/external-row';
const c = new ConnectClient(parseConnectionString('sc://127.0.0.1:15302'));
let t = Date.now();
const rs = c.executeRelation({ relType: { case: 'sql', value: { query: "select 1 as a, 2L as b, 'x' as s, cast(1.5 as decimal(10,2)) d, timestamp'2024-05-01 10:00:00.123456' ts, date'2024-05-01' dt, array(1,2,null) arr, map('k', 1) m, named_struct('x', 1, 'y', 'z') st, X'0102' bin, true bo, 1.5D dbl, timestamp_ntz'2024-01-01 00:00:00' ntz, interval '1 2:03:04' day to second dti, cast(null as int) n" } } } as any);
console.log('ms', Date.now() - t, rs.map((r) => r.responseType.case));
const schemaResp = rs.find((r) => r.schema);
console.log(schemaResp?.schema?.kind.case);
const schema = structFromProto((schemaResp!.schema!.kind as any).value.fields);
const batches = rs.filter((r) => r.responseType.case === 'arrowBatch').map((r) => (r.responseType.value as any).data);
console.log(toExternalRows(schema, rowsFromArrowBatches(schema, batches)));
try { c.executeRelation({ relType: { case: 'sql', value: { query: 'select nope' } } } as any); } catch (e) { console.log((e as any).constructor.name, (e as Error).message); }
t = Date.now();
for (let i = 0; i < 10; i++) c.executeRelation({ relType: { case: 'sql', value: { query: 'select 1' } } } as any);
console.log('10 collects ms', Date.now() - t);
c.close().then(() => console.log('closed'));
