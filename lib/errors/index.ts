export * from './spark-exception';
export * from './analysis-exception';
export * from './parse-exception';
export * from './illegal-argument-exception';
export * from './streaming-query-exception';
