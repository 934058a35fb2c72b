// spark.connect.Relation as plain init objects; every relation gets a plan id, as PySpark's
// client gives one, so `df.col(name)` can name the DataFrame a column belongs to.
import type { MessageInitShape } from '@bufbuild/protobuf';
import type { RelationSchema } from './gen/spark/connect/relations_pb';

export type RelationInit = MessageInitShape<typeof RelationSchema>;
export type RelType = NonNullable<RelationInit['relType']>;

let nextPlanId = 0n;

export function relation(relType: RelType): RelationInit {
  return { common: { planId: nextPlanId++ }, relType } as RelationInit;
}

export function planIdOf(r: RelationInit): bigint | undefined {
  return (r.common as { planId?: bigint } | undefined)?.planId;
}
