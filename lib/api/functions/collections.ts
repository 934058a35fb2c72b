// pyspark.sql.functions: collections (re-exported by lib/functions.ts).
export {};
