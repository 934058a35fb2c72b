// pyspark.sql.functions: datetime (re-exported by lib/functions.ts).
export {};
