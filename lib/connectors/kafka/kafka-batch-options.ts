// The batch side of Spark's KafkaSourceProvider (createRelation, validateBatchOptions,
// getKafkaOffsetRangeLimit, checkOffsetLimitValidity): starting offsets default to earliest and
// may not be latest, ending offsets default to latest and may not be earliest; the checks and
// texts PySpark 4.2 gives at load().
import { IllegalArgumentException } from '../../errors/illegal-argument-exception';
import type { CaseInsensitiveMap } from '../../util/case-insensitive-map';
import { Logger } from '../../util/logger';
import { KafkaExceptions } from './kafka-errors';
import { compareTpKeys, splitTpKey } from './kafka-offsets';
import { parseOffsetJson, parsePartitionNumbers, validateGeneralOptions, type StartingOffsets } from './kafka-options';

const log = new Logger('KafkaSourceProvider');

/** KafkaOffsetRangeLimit: earliest, latest, per-partition offsets (-2/-1), or timestamps. */
export type OffsetRangeLimit = StartingOffsets;

type Side = 'starting' | 'ending';

const KEYS: Record<Side, { timestamp: string; byTimestamp: string; offsets: string }> = {
  starting: { timestamp: 'startingTimestamp', byTimestamp: 'startingOffsetsByTimestamp', offsets: 'startingOffsets' },
  ending: { timestamp: 'endingTimestamp', byTimestamp: 'endingOffsetsByTimestamp', offsets: 'endingOffsets' },
};

/** getKafkaOffsetRangeLimit: a global timestamp, then timestamps per partition, then offsets. */
export function offsetRangeLimit(options: CaseInsensitiveMap, side: Side): OffsetRangeLimit {
  const keys = KEYS[side];
  const strategyText = options.get('startingOffsetsByTimestampStrategy');
  const strategy = strategyText === undefined ? 'error' : strategyText.toLowerCase();
  if (strategy !== 'error' && strategy !== 'latest') throw new IllegalArgumentException(`No value found for '${strategyText!.toUpperCase()}'`);
  const ts = options.get(keys.timestamp);
  if (ts !== undefined) {
    if (!/^[+-]?\d+$/.test(ts.trim())) throw new IllegalArgumentException(`Expected a single long value, got ${ts.trim()}`);
    return { kind: 'globalTimestamp', timestamp: Number(ts.trim()), strategy };
  }
  const byTs = options.get(keys.byTimestamp);
  if (byTs !== undefined) return { kind: 'specificTimestamp', timestamps: parsePartitionNumbers(byTs.trim(), '{"topicA":{"0":1000,"1":1000},"topicB":{"0":2000}}'), strategy };
  const text = options.get(keys.offsets)?.trim();
  if (text === undefined) return { kind: side === 'starting' ? 'earliest' : 'latest' };
  if (text.toLowerCase() === 'latest') return { kind: 'latest' };
  if (text.toLowerCase() === 'earliest') return { kind: 'earliest' };
  return { kind: 'specific', offsets: parseOffsetJson(text) };
}

/** validateBatchOptions, then checkOffsetLimitValidity; returns the two limits. */
export function validateBatchOptions(options: CaseInsensitiveMap): { starting: OffsetRangeLimit; ending: OffsetRangeLimit } {
  const starting = offsetRangeLimit(options, 'starting');
  if (starting.kind === 'latest') throw new IllegalArgumentException("starting offset can't be latest for batch queries on Kafka");
  if (starting.kind === 'specific') {
    for (const [tp, offset] of starting.offsets) {
      if (offset === -1) throw new IllegalArgumentException(`startingOffsets for ${tp} can't be latest for batch queries on Kafka`);
    }
  }
  const ending = offsetRangeLimit(options, 'ending');
  if (ending.kind === 'earliest') throw new IllegalArgumentException("ending offset can't be earliest for batch queries on Kafka");
  if (ending.kind === 'specific') {
    for (const [tp, offset] of ending.offsets) {
      if (offset === -2) throw new IllegalArgumentException(`ending offset for ${tp} can't be earliest for batch queries on Kafka`);
    }
  }
  validateGeneralOptions(options);
  for (const name of ['maxOffsetsPerTrigger', 'minOffsetsPerTrigger', 'maxTriggerDelay']) {
    if (options.has(name)) log.warn(`${name} option ignored in batch queries`);
  }
  checkOffsetLimitValidity(starting, ending);
  return { starting, ending };
}

function checkOffsetLimitValidity(start: OffsetRangeLimit, end: OffsetRangeLimit): void {
  const pair =
    start.kind === 'specific' && end.kind === 'specific'
      ? { type: 'offset' as const, from: start.offsets, until: end.offsets }
      : start.kind === 'specificTimestamp' && end.kind === 'specificTimestamp'
        ? { type: 'timestamp' as const, from: start.timestamps, until: end.timestamps }
        : undefined;
  if (pair === undefined) return;
  // Scala's Set equality; the message lists each side in its JSON order.
  const fromKeys = [...pair.from.keys()];
  const untilKeys = [...pair.until.keys()];
  if (fromKeys.length !== untilKeys.length || fromKeys.some((k) => !pair.until.has(k))) {
    throw KafkaExceptions.unmatchedTopicPartitionsBetweenOffsets(fromKeys, untilKeys);
  }
  for (const [tp, from] of pair.from) {
    const until = pair.until.get(tp)!;
    // earliest or latest (negative) are not compared
    if (from > until && from >= 0 && until >= 0) {
      const [topic, partition] = splitTpKey(tp);
      throw KafkaExceptions.unresolvedStartGreaterThanEnd(pair.type, from, until, topic, partition);
    }
  }
}

/** Keys sorted as Kafka's topic-partition strings, for messages. */
export function sortedKeys(keys: Iterable<string>): string[] {
  return [...keys].sort(compareTpKeys);
}
