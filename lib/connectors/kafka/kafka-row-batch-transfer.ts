// Kafka rows across the worker-thread boundary without a structured clone per row: the worker packs
// a batch read's rows into a few typed arrays (keys and values in one byte buffer) whose memory is
// transferred, not copied, and the caller rebuilds the rows with views into that buffer. Cloning
// 200k rows of views and BigInts cost about as much as fetching them.

export interface PackedKafkaRows {
  count: number;
  topics: string[];
  topicIndex: Int32Array;
  partition: Int32Array;
  /** Offsets and timestamps (epoch ms) as doubles: exact up to 2^53, as the reader holds them. */
  offset: Float64Array;
  timestampMs: Float64Array;
  timestampType: Int32Array;
  /** Per row: key start, key length, value start, value length into `bytes` (length -1: null). */
  spans: Int32Array;
  bytes: Uint8Array;
  /** The headers column as is (null when the read has none). */
  headers: unknown[] | null;
}

function byteLength(v: unknown): number {
  return v === null ? 0 : (v as Uint8Array).length;
}

/** Packs rows of KafkaRecordToRowConverter's layout (see kafka-range-reader.ts kafkaRow). */
export function packKafkaRows(rows: readonly unknown[][], includeHeaders: boolean): { packed: PackedKafkaRows; transfer: ArrayBuffer[] } {
  const n = rows.length;
  let total = 0;
  for (const r of rows) total += byteLength(r[0]) + byteLength(r[1]);
  const bytes = new Uint8Array(total);
  const spans = new Int32Array(n * 4);
  const topicIndex = new Int32Array(n);
  const partition = new Int32Array(n);
  const offset = new Float64Array(n);
  const timestampMs = new Float64Array(n);
  const timestampType = new Int32Array(n);
  const topics: string[] = [];
  const topicIds = new Map<string, number>();
  let at = 0;
  const put = (v: unknown, slot: number): void => {
    if (v === null) {
      spans[slot] = 0;
      spans[slot + 1] = -1;
      return;
    }
    const b = v as Uint8Array;
    bytes.set(b, at);
    spans[slot] = at;
    spans[slot + 1] = b.length;
    at += b.length;
  };
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    put(r[0], i * 4);
    put(r[1], i * 4 + 2);
    const topic = r[2] as string;
    let id = topicIds.get(topic);
    if (id === undefined) {
      id = topics.length;
      topics.push(topic);
      topicIds.set(topic, id);
    }
    topicIndex[i] = id;
    partition[i] = r[3] as number;
    offset[i] = Number(r[4] as bigint);
    timestampMs[i] = Number((r[5] as bigint) / 1000n);
    timestampType[i] = r[6] as number;
  }
  const headers = includeHeaders ? rows.map((r) => r[7]) : null;
  const packed = { count: n, topics, topicIndex, partition, offset, timestampMs, timestampType, spans, bytes, headers };
  return { packed, transfer: [bytes.buffer, spans.buffer, topicIndex.buffer, partition.buffer, offset.buffer, timestampMs.buffer, timestampType.buffer] as ArrayBuffer[] };
}

export function unpackKafkaRows(p: PackedKafkaRows): unknown[][] {
  const rows: unknown[][] = new Array(p.count);
  const { spans, bytes } = p;
  for (let i = 0; i < p.count; i++) {
    const kLen = spans[i * 4 + 1];
    const vLen = spans[i * 4 + 3];
    const row: unknown[] = [
      kLen < 0 ? null : bytes.subarray(spans[i * 4], spans[i * 4] + kLen),
      vLen < 0 ? null : bytes.subarray(spans[i * 4 + 2], spans[i * 4 + 2] + vLen),
      p.topics[p.topicIndex[i]],
      p.partition[i],
      BigInt(p.offset[i]),
      BigInt(p.timestampMs[i]) * 1000n,
      p.timestampType[i],
    ];
    if (p.headers !== null) row.push(p.headers[i]);
    rows[i] = row;
  }
  return rows;
}
