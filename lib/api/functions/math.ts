// pyspark.sql.functions: math (re-exported by lib/functions.ts).
export {};
