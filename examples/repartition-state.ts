// Changes the number of state partitions of a stopped streaming query (PySpark 4.2's
// spark._streamingCheckpointManager.repartition): the query's next start runs with the new
// spark.sql.shuffle.partitions and its state, re-hashed, carried over.
//
//   npx tsx examples/running_totals_with_state.ts --checkpoint .checkpoint-totals   # run, then stop it
//   npx tsx examples/repartition-state.ts --checkpoint .checkpoint-totals --partitions 8
//   npx tsx examples/running_totals_with_state.ts --checkpoint .checkpoint-totals   # continues, 8 partitions
import minimist from 'minimist';
import { StreamSession } from 'rivulet';

async function main(): Promise<void> {
  const args = minimist(process.argv.slice(2), { string: ['checkpoint'], default: { partitions: 8 } });
  if (!args.checkpoint) {
    console.error('usage: repartition-state.ts --checkpoint <dir> --partitions <n>');
    process.exit(2);
  }
  const spark = StreamSession.builder().appName('repartition-state').getOrCreate();
  spark.streamingCheckpointManager.repartition(args.checkpoint as string, Number(args.partitions));
  console.log(`Repartitioned the state in ${args.checkpoint} into ${args.partitions} partitions.`);
  await spark.stop();
}

void main().catch((e: unknown) => {
  console.error(String(e));
  process.exit(1);
});
