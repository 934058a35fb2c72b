-- Aggregate functions: counts, sums, DISTINCT, first/last, collections, statistics.
CREATE OR REPLACE TEMPORARY VIEW sales AS SELECT * FROM VALUES
  ('a', 1, 10.0D), ('a', 2, 20.0D), ('a', 2, NULL), ('b', 3, 30.0D), ('b', NULL, 40.0D), ('c', NULL, NULL)
  AS sales(k, q, amt);

SELECT count(*), count(q), count(amt), count(DISTINCT q) FROM sales;
SELECT k, count(*), sum(q), avg(amt) FROM sales GROUP BY k ORDER BY k;
SELECT sum(DISTINCT q), avg(DISTINCT q), count(DISTINCT k, q) FROM sales;
SELECT k, min(amt), max(amt) FROM sales GROUP BY k ORDER BY k;
SELECT first(q), last(q), first(q, true), last(q, true) FROM (SELECT * FROM sales WHERE k = 'a' ORDER BY q);
SELECT k, size(collect_list(q)), sort_array(collect_list(q)), sort_array(collect_set(q)) FROM sales GROUP BY k ORDER BY k;
SELECT stddev(q), stddev_pop(q), variance(q), var_pop(q) FROM sales;
SELECT stddev_samp(amt), var_samp(amt) FROM sales WHERE k = 'c';
SELECT percentile_approx(q, 0.5), percentile_approx(q, array(0.25, 0.75)) FROM sales;
SELECT percentile(q, 0.5), median(amt) FROM sales;
SELECT bool_and(q > 0), bool_or(q > 2), every(q > 1), some(q > 2) FROM sales;
SELECT count_if(q > 1), max_by(k, amt), min_by(k, amt) FROM sales;
SELECT k, sum(q) FILTER (WHERE amt > 15) FROM sales GROUP BY k ORDER BY k;
SELECT any_value(k), approx_count_distinct(k) FROM sales WHERE k = 'b';
SELECT sum(q), avg(q), max(q), collect_list(q) FROM sales WHERE k = 'none';
SELECT corr(q, amt), covar_pop(q, amt), covar_samp(q, amt) FROM sales;
SELECT sum(x) FROM VALUES (CAST(1.5 AS DECIMAL(3, 1))), (CAST(2.25 AS DECIMAL(4, 2))) AS t(x);
SELECT avg(x) FROM VALUES (1), (2) AS t(x);
SELECT count(*) FROM sales GROUP BY k HAVING max(q) IS NULL;
SELECT sum('a');
SELECT count(q, amt, k) FROM sales;
SELECT k, q FROM sales GROUP BY k;

-- Error shapes: aggregates in WHERE, nested aggregates, sum overflow.
SELECT k, count(*) FROM sales WHERE count(*) > 1 GROUP BY k;
SELECT sum(count(q)) FROM sales;
SELECT sum(CAST(9223372036854775807 AS BIGINT)) FROM VALUES (1), (2) AS t(x);
