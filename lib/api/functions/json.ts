// pyspark.sql.functions: json (re-exported by lib/functions.ts).
export {};
