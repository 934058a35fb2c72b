/** Spark's TimeMode names as transformWithState accepts them (case-insensitive). */
export const TimeMode = { None: 'None', ProcessingTime: 'ProcessingTime', EventTime: 'EventTime' } as const;
