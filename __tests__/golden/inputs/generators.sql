-- Generators: explode, posexplode, inline, stack and their outer variants.
CREATE OR REPLACE TEMPORARY VIEW gen AS SELECT * FROM VALUES
  (1, array(10, 20), map('a', 1)), (2, array(), map()), (3, NULL, NULL)
  AS gen(id, xs, m);

SELECT explode(array(1, 2, 3));
SELECT posexplode(array('a', 'b'));
SELECT explode(map('k1', 1, 'k2', 2));
SELECT posexplode(map('k', 'v'));
SELECT inline(array(struct(1, 'a'), struct(2, 'b')));
SELECT inline(array(named_struct('n', 1, 's', 'x')));
SELECT stack(2, 1, 'a', 2, 'b');
SELECT stack(3, 1, 2);
SELECT id, explode(xs) FROM gen;
SELECT id, explode_outer(xs) FROM gen;
SELECT id, posexplode_outer(xs) FROM gen;
SELECT id, explode(m) AS (k, v) FROM gen;
SELECT id, x FROM gen LATERAL VIEW explode(xs) t AS x;
SELECT id, x FROM gen LATERAL VIEW OUTER explode(xs) t AS x;
SELECT id, p, x FROM gen LATERAL VIEW posexplode(xs) t AS p, x;
SELECT explode(array(1, 2)) AS n, 'c';
SELECT explode(sequence(1, 3)) AS n ORDER BY n DESC;
SELECT explode(CAST(NULL AS ARRAY<INT>));
SELECT explode(array(1)), explode(array(2));
SELECT explode(1);
SELECT stack(2, 1, 'a', 'b', 2);
