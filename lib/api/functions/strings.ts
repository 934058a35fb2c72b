// pyspark.sql.functions: strings (re-exported by lib/functions.ts).
export {};
