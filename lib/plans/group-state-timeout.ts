// GroupStateTimeout as PySpark spells it (pyspark.sql.streaming.state.GroupStateTimeout): the
// timeout kinds of [flat]MapGroupsWithState and applyInPandasWithState are plain strings.

export const GroupStateTimeout = {
  NoTimeout: 'NoTimeout',
  ProcessingTimeTimeout: 'ProcessingTimeTimeout',
  EventTimeTimeout: 'EventTimeTimeout',
} as const;

export type GroupStateTimeoutKind = (typeof GroupStateTimeout)[keyof typeof GroupStateTimeout];

export function isGroupStateTimeout(v: unknown): v is GroupStateTimeoutKind {
  return v === 'NoTimeout' || v === 'ProcessingTimeTimeout' || v === 'EventTimeTimeout';
}

/** Which API built the operator: error texts name it as Spark and PySpark do. */
export type GroupStateApi = 'applyInPandasWithState' | 'flatMapGroupsWithState' | 'mapGroupsWithState';
