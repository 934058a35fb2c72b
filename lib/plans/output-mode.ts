/** How a streaming query writes its result table to the sink. */
export type OutputMode = 'append' | 'complete' | 'update';
