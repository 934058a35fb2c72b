-- try_* arithmetic, zeroifnull/nullifzero, bitwise functions and aggregates, width_bucket and
-- make_interval under ANSI mode.
CREATE OR REPLACE TEMPORARY VIEW bits AS SELECT * FROM VALUES
  (1, 3, 5L), (1, 6, 12L), (2, 7, NULL), (2, NULL, 9L)
  AS bits(g, i, l);

SELECT try_add(1, 2), try_add(2147483647, 1), try_add(9223372036854775807L, 1L);
SELECT try_subtract(-2147483648, 1), try_multiply(2147483647, 2), try_multiply(3, 4);
SELECT try_divide(1, 0), try_divide(7, 2), try_divide(1.0, 0), try_mod(7, 0), try_mod(-7, 3);
SELECT try_add(date'2024-01-31', 1), try_add(NULL, 1);
SELECT zeroifnull(NULL), zeroifnull(5), zeroifnull(CAST(NULL AS BIGINT)), nullifzero(0), nullifzero(3);
SELECT 5 & 3, 5 | 3, 5 ^ 3, ~5, ~0L;
SELECT bit_count(0), bit_count(7), bit_count(-1L), bit_count(true), bit_count(NULL);
SELECT shiftleft(1, 4), shiftright(-16, 2), shiftrightunsigned(-16, 28), shiftleft(1L, 40);
SELECT g, bit_and(i), bit_or(i), bit_xor(i), bit_or(l) FROM bits GROUP BY g ORDER BY g;
SELECT bit_xor(i) FROM bits WHERE g = 3;
SELECT width_bucket(5.3, 0.2, 10.6, 5), width_bucket(-2.1, 1.3, 3.4, 3), width_bucket(8.1, 0.0, 5.7, 4), width_bucket(-0.9, 5.2, 0.5, 2);
SELECT width_bucket(5, 0, 10, 0), width_bucket(5, 1, 1, 3), width_bucket(NULL, 0, 10, 2);
SELECT make_interval(1, 2, 3, 4, 5, 6, 7.008009), make_interval(0, 0, 0, 0, 0, 0, -1.5);
SELECT 1.5 & 2;
