-- Arrays, maps, structs and higher-order functions with lambdas.
CREATE OR REPLACE TEMPORARY VIEW arrs AS SELECT * FROM VALUES
  (1, array(3, 1, 2)), (2, array(5, NULL, 4)), (3, array()), (4, NULL)
  AS arrs(id, xs);

SELECT id, size(xs), array_contains(xs, 1) FROM arrs;
SELECT id, sort_array(xs), sort_array(xs, false) FROM arrs;
SELECT id, array_max(xs), array_min(xs) FROM arrs;
SELECT array(1, 2, 3)[0], element_at(array(1, 2, 3), 1), element_at(array(1, 2, 3), -1);
SELECT array_distinct(array(1, 2, 2, NULL, NULL)), array_union(array(1, 2), array(2, 3));
SELECT array_intersect(array(1, 2, 3), array(2, 3, 4)), array_except(array(1, 2, 3), array(2));
SELECT array_position(array(3, 4, 5), 4), array_remove(array(1, 2, 1), 1), array_join(array('a', NULL, 'b'), ',', '?');
SELECT flatten(array(array(1, 2), array(3))), slice(array(1, 2, 3, 4), 2, 2), array_repeat('x', 3);
SELECT sequence(1, 5), sequence(5, 1, -2), concat(array(1), array(2, 3));
SELECT arrays_zip(array(1, 2), array('a', 'b'));
SELECT id, transform(xs, x -> x * 10) FROM arrs;
SELECT id, filter(xs, x -> x > 2) FROM arrs;
SELECT transform(array(10, 20), (x, i) -> x + i), exists(array(1, 2), x -> x = 2), forall(array(1, 2), x -> x > 0);
SELECT aggregate(array(1, 2, 3), 0, (acc, x) -> acc + x), aggregate(array(1, 2, 3), 0, (acc, x) -> acc + x, acc -> acc * 10);
SELECT zip_with(array(1, 2), array(10, 20), (a, b) -> a + b);
SELECT map('a', 1, 'b', 2), map_keys(map('a', 1, 'b', 2)), map_values(map('a', 1, 'b', 2));
SELECT map('a', 1)['a'], map('a', 1)['z'], element_at(map('a', 1), 'a');
SELECT map_from_arrays(array('x', 'y'), array(1, 2)), map_concat(map('a', 1), map('b', 2));
SELECT transform_values(map('a', 1, 'b', 2), (k, v) -> v + 1), map_filter(map('a', 1, 'b', 2), (k, v) -> v > 1);
SELECT named_struct('a', 1, 'b', 'x'), struct(1, 'y'), named_struct('a', 1, 'b', 'x').b;
SELECT str_to_map('a:1,b:2'), cardinality(map('k', 'v'));
SELECT array(1, 2, 3)[5];
SELECT element_at(array(1, 2, 3), 0);
SELECT element_at(array(1, 2, 3), 4);
SELECT map('a', 1, 'a', 2);
SELECT map_keys(array(1));
SELECT transform(array(1), (x, y, z) -> x);
