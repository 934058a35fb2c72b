-- Joins, set operations, CTEs, range, generators and subqueries in FROM.
CREATE OR REPLACE TEMPORARY VIEW a AS SELECT * FROM VALUES (1, 'x'), (2, 'y'), (2, 'y'), (3, 'z') AS a(id, v);
CREATE OR REPLACE TEMPORARY VIEW b AS SELECT * FROM VALUES (2, 'two'), (3, 'three'), (4, 'four') AS b(id, w);

SELECT a.id, v, w FROM a JOIN b ON a.id = b.id;
SELECT * FROM a LEFT JOIN b USING (id);
SELECT * FROM a RIGHT OUTER JOIN b USING (id);
SELECT * FROM a FULL OUTER JOIN b USING (id);
SELECT * FROM a LEFT SEMI JOIN b ON a.id = b.id;
SELECT * FROM a LEFT ANTI JOIN b ON a.id = b.id;
SELECT count(*) FROM a CROSS JOIN b;
SELECT * FROM a NATURAL JOIN b;
SELECT id FROM a UNION SELECT id FROM b;
SELECT id FROM a UNION ALL SELECT id FROM b;
SELECT id, v FROM a INTERSECT SELECT id, 'y' FROM b;
SELECT id FROM a EXCEPT SELECT id FROM b;
SELECT id FROM a EXCEPT ALL SELECT id FROM b;
SELECT id FROM a UNION SELECT id, w FROM b;
WITH big AS (SELECT id FROM a WHERE id > 1), names(n) AS (SELECT w FROM b) SELECT * FROM big, names WHERE length(n) = 4;
SELECT * FROM range(3);
SELECT id FROM range(10, 0, -3);
SELECT * FROM (SELECT id * 10 AS t FROM a) sub WHERE t > 10;
SELECT id, part FROM a LATERAL VIEW explode(split(v, '')) parts AS part WHERE id = 1;
SELECT * FROM VALUES (1, 'one'), (2, NULL);
SELECT explode(split('a b c', ' ')) AS word;
SELECT * FROM a JOIN b;
