import { DataFrame } from './lib/api/data-frame';
import { RemoteDataFrame, RemoteGroupedData } from './lib/connect/remote-data-frame';
import { RemoteDataReader } from './lib/connect/remote-data-reader';
import { RemoteDataStreamWriter } from './lib/connect/remote-data-stream-writer';
import { RemoteDataFrameWriter } from './lib/connect/remote-data-frame-writer';
import { RemoteSession } from './lib/connect/remote-session';
import { RemoteStreamingQuery } from './lib/connect/remote-streaming-query';
import { RemoteStreamingQueryManager } from './lib/connect/remote-streaming-query-manager';
import { StreamSession } from './lib/session/stream-session';
const names = (c: Function) => { const out = new Set<string>(); for (let p = c.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) for (const n of Object.getOwnPropertyNames(p)) if (n !== 'constructor' && !n.startsWith('_')) out.add(n); return out; };
const mods: [string, string, Function][] = [];
function diff(label: string, a: Function, b: Function) { const rb = names(b); console.log(label, [...names(a)].filter((n) => !rb.has(n)).join(' ')); }
diff('DataFrame', DataFrame, RemoteDataFrame);
diff('Session', StreamSession, RemoteSession);
for (const [label, path, rem] of [['GroupedData', './lib/api/grouped-data', RemoteGroupedData], ['DataStreamReader', './lib/api/data-stream-reader', RemoteDataReader], ['DataFrameReader', './lib/api/data-frame-reader', RemoteDataReader], ['DataStreamWriter', './lib/api/data-stream-writer', RemoteDataStreamWriter], ['DataFrameWriter', './lib/api/data-frame-writer', RemoteDataFrameWriter], ['StreamingQuery', './lib/api/streaming-query', RemoteStreamingQuery], ['StreamingQueryManager', './lib/api/streaming-query-manager', RemoteStreamingQueryManager]] as const) {
  try { const m = require(path); const cls = Object.values(m).find((v) => typeof v === 'function' && (v as Function).name === label) as Function; diff(label, cls, rem as Function); } catch (e) { console.log(label, 'ERR', (e as Error).message.slice(0, 100)); }
}
