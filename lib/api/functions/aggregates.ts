// pyspark.sql.functions: aggregates (re-exported by lib/functions.ts).
export {};
