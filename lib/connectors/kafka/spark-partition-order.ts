// The order in which Spark's Kafka micro-batch reads a batch's topic-partitions, so a batch's rows
// come out in Spark's order (console output, collect). Spark plans one input partition per
// topic-partition in the iteration order of the batch's end-offset map, a Scala immutable Map
// built from a mutable.HashMap: up to 4 entries keep the mutable.HashMap's order (16 buckets by
// the spread hash, ascending hash within a bucket), more go into a CHAMP trie ordered by the bits
// of the improved hash (a node's own entries before its sub-nodes). Both rest on Kafka's
// TopicPartition.hashCode. Checked against PySpark 4.2 on a real broker for 2 to 12 partitions
// over 1 to 3 topics (oracle/scenarios/kafka/starting-offsets-json among them).
import { splitTpKey } from './kafka-offsets';

/** Java's String.hashCode (UTF-16 code units, int arithmetic). */
function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** Kafka's TopicPartition.hashCode: 31 * (31 + partition) + topic.hashCode(). */
function topicPartitionHash(topic: string, partition: number): number {
  return (Math.imul(31, 31 + partition) + javaStringHash(topic)) | 0;
}

/** scala.collection.mutable.HashMap's improveHash (and java.util.HashMap's spread). */
function spread(h: number): number {
  return (h ^ (h >>> 16)) | 0;
}

/** scala.collection.Hashing.improve, the immutable HashMap's key hash. */
function improve(hcode: number): number {
  let h = (hcode + ~(hcode << 9)) | 0;
  h = h ^ (h >>> 14);
  h = (h + (h << 4)) | 0;
  return h ^ (h >>> 10);
}

function champOrder(entries: { key: string; hash: number }[], shift: number): string[] {
  const buckets = new Map<number, { key: string; hash: number }[]>();
  for (const e of entries) {
    const mask = shift >= 32 ? 0 : (e.hash >>> shift) & 0x1f;
    const list = buckets.get(mask);
    if (list) list.push(e);
    else buckets.set(mask, [e]);
  }
  const masks = [...buckets.keys()].sort((a, b) => a - b);
  const out: string[] = [];
  for (const m of masks) if (buckets.get(m)!.length === 1) out.push(buckets.get(m)![0].key);
  for (const m of masks) {
    const list = buckets.get(m)!;
    if (list.length === 1) continue;
    // Full hash collisions end in one node that keeps insertion order.
    out.push(...(shift >= 30 ? list.map((e) => e.key) : champOrder(list, shift + 5)));
  }
  return out;
}

/** `keys` ("topic-partition") in the order Spark reads them within one batch. */
export function sparkPartitionOrder(keys: readonly string[]): string[] {
  const hashes = keys.map((key) => {
    const [topic, partition] = splitTpKey(key);
    return { key, hash: topicPartitionHash(topic, partition) };
  });
  if (hashes.length <= 4) {
    return hashes
      .map((e) => ({ key: e.key, h: spread(e.hash) }))
      .sort((a, b) => (a.h & 15) - (b.h & 15) || a.h - b.h)
      .map((e) => e.key);
  }
  return champOrder(
    hashes.map((e) => ({ key: e.key, hash: improve(e.hash) })),
    0,
  );
}

/**
 * A batch read's order when its end is `latest` (or earliest/latest per partition): the
 * subscribed partitions as Spark's ConsumerStrategy lists them, topic by topic in the order of
 * the admin client's java.util.HashMap of topic names (16 buckets by the spread String hash),
 * each topic's partitions ascending. Spark keeps that order for up to 4 partitions (Scala's
 * small Set and Map); beyond that its hash-trie order is not modelled and this order is kept.
 */
export function sparkBatchPartitionOrder(keys: readonly string[]): string[] {
  const bucket = (topic: string) => spread(javaStringHash(topic)) & 15;
  return keys
    .map((key) => ({ key, tp: splitTpKey(key) }))
    .sort((a, b) => bucket(a.tp[0]) - bucket(b.tp[0]) || (a.tp[0] < b.tp[0] ? -1 : a.tp[0] > b.tp[0] ? 1 : 0) || a.tp[1] - b.tp[1])
    .map((e) => e.key);
}
