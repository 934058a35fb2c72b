-- Regular expression functions and predicates.
CREATE OR REPLACE TEMPORARY VIEW logs AS SELECT * FROM VALUES
  (1, 'user=ann id=100'), (2, 'user=bob id=7'), (3, 'no match'), (4, NULL)
  AS logs(id, line);

SELECT id, regexp_extract(line, 'user=(\\w+)', 1) FROM logs;
SELECT id, regexp_extract(line, 'id=(\\d+)', 0) FROM logs WHERE id < 3;
SELECT regexp_extract_all('a1b22c333', '(\\d+)', 1);
SELECT regexp_extract_all('a1b22c333', '\\d', 0);
SELECT id, regexp_replace(line, '\\d+', '#') FROM logs;
SELECT regexp_replace('abc abc', '(a)(b)', '$2$1');
SELECT id, line RLIKE 'id=\\d{3}', line REGEXP '^user' FROM logs;
SELECT regexp_like('Spark', '^S.*k$'), regexp('abc', 'b');
SELECT regexp_count('aaa bbb aaa', 'a+'), regexp_count('abc', 'z');
SELECT regexp_substr('order 123 shipped 456', '\\d+'), regexp_substr('none', '\\d+');
SELECT regexp_instr('abc123', '\\d+'), regexp_instr('abc', '\\d');
SELECT regexp_extract('abc', 'z(x)?', 1), regexp_extract('ab', '(a)(z)?', 2);
SELECT regexp_extract(NULL, 'a', 0), regexp_replace('a', NULL, 'b'), NULL RLIKE 'a';
SELECT split('one  two   three', '\\s+');
SELECT regexp_replace('aaa', 'a', 'b', 2);
SELECT 'a.c' RLIKE 'a\\.c', 'abc' RLIKE 'a\\.c';
SELECT regexp_extract('abc', '(a)', 2);
SELECT regexp_extract('abc', '(a', 1);
SELECT regexp_extract('abc', 'a', -1);
SELECT regexp_extract_all('abc', '(a)', 3);
