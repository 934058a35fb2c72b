-- Conditional expressions: coalesce, nvl, nvl2, if, CASE, nullif, ifnull, null predicates.
CREATE OR REPLACE TEMPORARY VIEW cond AS SELECT * FROM VALUES
  (1, 'a', 10), (2, NULL, 20), (3, 'c', NULL), (4, NULL, NULL)
  AS cond(id, s, n);

SELECT id, coalesce(s, 'none'), coalesce(n, id, 0) FROM cond;
SELECT id, nvl(s, '?'), ifnull(n, -1), nvl2(s, 'has', 'missing') FROM cond;
SELECT id, if(n > 15, 'big', 'small'), if(n IS NULL, 0, n) FROM cond;
SELECT id, CASE WHEN n >= 20 THEN 'hi' WHEN n >= 10 THEN 'lo' END FROM cond;
SELECT id, CASE s WHEN 'a' THEN 1 WHEN 'c' THEN 3 ELSE 0 END FROM cond;
SELECT id, nullif(n, 10), nullif(s, 'c') FROM cond;
SELECT id, s IS NULL, n IS NOT NULL, isnull(s), isnotnull(n) FROM cond;
SELECT coalesce(NULL, NULL), coalesce(NULL, 1, 2), coalesce(1, 2.5);
SELECT if(true, 1, 2.5), if(NULL, 'y', 'n'), CASE WHEN NULL THEN 1 ELSE 2 END;
SELECT nanvl(CAST('NaN' AS DOUBLE), 0.0D), nanvl(1.0D, 2.0D);
SELECT NULL <=> NULL, 1 <=> NULL, equal_null(2, 2), NULL = NULL;
SELECT CASE 1 WHEN 2 THEN 'x' END, CASE WHEN 1 = 1 THEN 'first' WHEN 1 = 1 THEN 'second' END;
SELECT coalesce(1, 1 / 0), CASE WHEN true THEN 1 ELSE 1 / 0 END;
SELECT id FROM cond WHERE coalesce(s, '') = '' ORDER BY id;
SELECT nullif(1, 2, 3);
SELECT nvl(1);
SELECT id, nvl2(n, n * 2, -1), coalesce(nullif(s, 'a'), 'was a or null') FROM cond;
SELECT id, CASE WHEN s IS NULL AND n IS NULL THEN 'both' WHEN s IS NULL OR n IS NULL THEN 'one' ELSE 'none' END AS nulls FROM cond ORDER BY id DESC;
SELECT CASE WHEN true THEN 1 ELSE array(1) END;
