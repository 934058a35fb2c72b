// The batch an offline state repartitioning writes (streaming-checkpoint-manager.ts) is marked in
// its offsets entry; a query must not start on one that has no commit (the repartitioning stopped
// half-way): Spark's STREAMING_UNFINISHED_REPARTITION_DETECTED.
import { SparkException } from '../errors/spark-exception';

export const REPARTITION_BATCH_MARK = 'rivulet.streaming.repartitionBatch';

export function isRepartitionBatch(conf: Readonly<Record<string, string>>): boolean {
  return conf[REPARTITION_BATCH_MARK] === 'true';
}

export function unfinishedRepartition(batchId: number, lastCommittedBatchId: number): SparkException {
  return new SparkException(
    `The latest batch ${batchId} is for an unfinished state repartitioning i.e. last committed batch is: ${lastCommittedBatchId}).\nPlease retry the repartitioning operation and let it finish successfully before starting the streaming query.`,
    { errorClass: 'STREAMING_UNFINISHED_REPARTITION_DETECTED', sqlState: '55019', messageParameters: { batchId: String(batchId), lastCommittedBatchId: String(lastCommittedBatchId) } },
  );
}
