// Spark's KafkaExceptions (kafka-error-conditions.json): data-loss errors are
// IllegalStateExceptions with an error class and SQLSTATE 22000. The Kafka connector renders its
// conditions with its own reader, which (unlike Spark's core errors) puts no "[CLASS] " prefix in
// the message: PySpark 4.2 prints "KafkaIllegalStateException: Some data may have been lost ...".
import { IllegalArgumentException } from '../../errors/illegal-argument-exception';
import { SparkException } from '../../errors/spark-exception';

const DATA_LOSS_PREFIX = [
  'Some data may have been lost because they are not available in Kafka any more;',
  'either the data was aged out by Kafka or the topic may have been deleted before all the data in the',
  'topic was processed.',
  "If you don't want your streaming query to fail on such cases, set the source option failOnDataLoss to false.",
  'Reason:',
].join('\n');

export class KafkaIllegalStateException extends SparkException {
  constructor(message: string, options: { errorClass?: string; sqlState?: string; messageParameters?: Record<string, string> } = {}) {
    super(message, options);
    this.message = this.rawMessage;
  }
}

/** An IllegalArgumentException carrying a Kafka connector condition (its message has no prefix). */
function kafkaIllegalArgument(errorClass: string, message: string, messageParameters: Record<string, string>): IllegalArgumentException {
  const e = new IllegalArgumentException(message, { errorClass, messageParameters });
  e.message = e.rawMessage;
  return e;
}

function dataLoss(sub: string, text: string, params: Record<string, string>): KafkaIllegalStateException {
  return new KafkaIllegalStateException(`${DATA_LOSS_PREFIX} ${text}`, { errorClass: `KAFKA_DATA_LOSS.${sub}`, sqlState: '22000', messageParameters: params });
}

/** Scala's Set.toString for topic-partitions. */
export function scalaSet(items: Iterable<string>): string {
  return `Set(${[...items].join(', ')})`;
}

export const KafkaExceptions = {
  partitionsDeleted: (partitions: string[]) => dataLoss('PARTITIONS_DELETED', `Partitions ${scalaSet(partitions)} have been deleted.`, { partitions: scalaSet(partitions) }),
  initialOffsetNotFoundForPartitions: (partitions: string[]) =>
    dataLoss('INITIAL_OFFSET_NOT_FOUND_FOR_PARTITIONS', `Cannot find initial offsets for partitions ${scalaSet(partitions)}. They may have been deleted.`, { partitions: scalaSet(partitions) }),
  addedPartitionDoesNotStartFromZero: (tp: string, startOffset: number) =>
    dataLoss('ADDED_PARTITION_DOES_NOT_START_FROM_OFFSET_ZERO', `Added partition ${tp} starts from ${startOffset} instead of 0.`, { topicPartition: tp, startOffset: String(startOffset) }),
  partitionOffsetChanged: (tp: string, prevOffset: number, newOffset: number) =>
    dataLoss(
      'PARTITION_OFFSET_CHANGED',
      `Partition ${tp} offset was changed from ${prevOffset} to ${newOffset}.\nThis could either be a user error that the start offset is set too high and this is the first batch, or the kafka topic-partition is broken, and some data may have been missed.`,
      { topicPartition: tp, prevOffset: String(prevOffset), newOffset: String(newOffset) },
    ),
  couldNotReadOffsetRange: (startOffset: number, endOffset: number, tp: string, groupId: string) =>
    dataLoss('COULD_NOT_READ_OFFSET_RANGE', `Could not read records in offset [${startOffset}, ${endOffset}) for topic partition ${tp}\nwith consumer group ${groupId}.`, {
      startOffset: String(startOffset),
      endOffset: String(endOffset),
      topicPartition: tp,
      groupId,
    }),
  startOffsetDoesNotMatchAssigned: (specified: string[], assigned: string[]) =>
    new KafkaIllegalStateException(
      `Partitions specified for Kafka start offsets don't match what are assigned. Maybe topic partitions are created \nor deleted while the query is running. Use -1 for latest, -2 for earliest.\nSpecified: ${scalaSet(specified)} Assigned: ${scalaSet(assigned)}`,
      { errorClass: 'KAFKA_START_OFFSET_DOES_NOT_MATCH_ASSIGNED', messageParameters: { specifiedPartitions: scalaSet(specified), assignedPartitions: scalaSet(assigned) } },
    ),
  timestampOffsetDoesNotMatchAssigned: (position: 'start' | 'end', specified: string[], assigned: string[]) =>
    new KafkaIllegalStateException(
      `Partitions specified for Kafka timestamp based ${position} offsets don't match what are assigned. Maybe topic partitions are created \nor deleted while the query is running, or you didn't specify all the partitions.\nSpecified: ${scalaSet(specified)} Assigned: ${scalaSet(assigned)}`,
      { errorClass: 'KAFKA_TIMESTAMP_OFFSET_DOES_NOT_MATCH_ASSIGNED', messageParameters: { position, specifiedPartitions: scalaSet(specified), assignedPartitions: scalaSet(assigned) } },
    ),
  /** Batch reads: the start and end offsets (or timestamps) name different topic-partitions. */
  unmatchedTopicPartitionsBetweenOffsets: (start: string[], end: string[]) =>
    kafkaIllegalArgument(
      'MISMATCHED_TOPIC_PARTITIONS_BETWEEN_START_OFFSET_AND_END_OFFSET',
      `The specified start offset and end offset should have the same topic-partitions.\nTopic-partitions for start offset: ${start.join(', ')}, topic-partitions for end offset: ${end.join(', ')}.`,
      { tpsForStartOffset: start.join(', '), tpsForEndOffset: end.join(', ') },
    ),
  /** Batch reads: a start offset (or timestamp) after its end, both given as numbers. */
  unresolvedStartGreaterThanEnd: (offsetType: 'offset' | 'timestamp', start: number, end: number, topic: string, partition: number) =>
    kafkaIllegalArgument(
      'UNRESOLVED_START_OFFSET_GREATER_THAN_END_OFFSET',
      `The specified start ${offsetType} ${start} is greater than the end ${offsetType} ${end} for topic ${topic} partition ${partition}.`,
      { offsetType, startOffset: String(start), endOffset: String(end), topic, partition: String(partition) },
    ),
  /** Batch reads: after resolving earliest/latest/timestamps, a range starts after its end. */
  resolvedStartGreaterThanEnd: (start: number, end: number, topic: string, partition: number) =>
    new KafkaIllegalStateException(
      [
        `The resolved start offset ${start} is greater than the resolved end offset ${end} for topic ${topic} partition ${partition}.`,
        'Please investigate in this order:',
        '1. Check whether start offset is set beyond the end offset or the latest available offset after resolution. Possible inputs are:',
        '  (a) Start offset is set to a timestamp, and the end offset is set to an index of offset.',
        '  (b) Start offset is set to an index of offset, and the end offset is set to a timestamp.',
        '  (c) Start offset is set, and the end offset is set to latest.',
        '2. Check whether the Kafka topic-partition is deleted and re-created.',
      ].join('\n'),
      { errorClass: 'RESOLVED_START_OFFSET_GREATER_THAN_END_OFFSET', messageParameters: { startOffset: String(start), endOffset: String(end), topic, partition: String(partition) } },
    ),
  nullTopicInData: () =>
    new KafkaIllegalStateException('The Kafka message data sent to the producer contains a null topic. Use the `topic` option for setting a default topic.', {
      errorClass: 'KAFKA_NULL_TOPIC_IN_DATA',
    }),
};
