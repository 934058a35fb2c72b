-- Math functions and arithmetic under ANSI mode.
CREATE OR REPLACE TEMPORARY VIEW nums AS SELECT * FROM VALUES
  (1, -2.5D, 7), (2, 0.0D, 0), (3, 9.0D, -3), (4, NULL, NULL)
  AS nums(id, x, n);

SELECT id, abs(x), abs(n), sign(x), -n FROM nums;
SELECT id, round(x), bround(x), ceil(x), floor(x) FROM nums;
SELECT round(2.345, 2), round(1234.5, -2), bround(2.5, 0), round(-2.5D);
SELECT sqrt(16), cbrt(27.0), pow(2, 10), power(2.0, -1);
SELECT exp(0), ln(1), log10(1000), log2(8), log(2, 8);
SELECT sin(0), cos(0), tan(0), asin(1), acos(1), atan2(1, 1);
SELECT pi(), e(), degrees(pi()), radians(180);
SELECT 7 % 3, -7 % 3, pmod(-7, 3), 7 % -3;
SELECT 7 DIV 2, -7 DIV 2, 7 / 2, 7.0 / 2;
SELECT greatest(1, 5, 3), least(2.5, 1, 3), greatest(1, NULL, 3);
SELECT bin(10), hex(255), conv('ff', 16, 10), conv('10', 2, 16);
SELECT factorial(5), factorial(21), factorial(NULL);
SELECT sqrt(-1), ln(0), log(10, 0);
SELECT abs(NULL), round(NULL, 1), sqrt(NULL);
SELECT 1 / 0;
SELECT 7 % 0;
SELECT 2147483647 + 1;
SELECT abs(-2147483648);
SELECT CAST(9223372036854775807 AS BIGINT) * 2;
SELECT sqrt('abc');
SELECT pow(2);
