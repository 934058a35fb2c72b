-- String functions: case, length, padding, trimming, substrings, search and formatting.
CREATE OR REPLACE TEMPORARY VIEW words AS SELECT * FROM VALUES
  (1, 'Hello', 'World'), (2, '  spaced  ', 'x'), (3, NULL, 'y'), (4, '', 'z')
  AS words(id, s, t);

SELECT id, upper(s), lower(s), length(s) FROM words;
SELECT id, concat(s, t), concat_ws('-', s, t) FROM words;
SELECT trim(s), ltrim(s), rtrim(s) FROM words WHERE id = 2;
SELECT lpad('abc', 6, 'xy'), rpad('abc', 6, 'xy'), lpad('abcdef', 3, '*');
SELECT substring('Spark SQL', 7), substring('Spark SQL', 1, 5), substr('Spark SQL', -3, 2);
SELECT left('rivulet', 3), right('rivulet', 3);
SELECT instr('rivulet', 'ul'), locate('l', 'hello', 4), position('z' IN 'abc');
SELECT replace('aaa', 'a', 'bb'), translate('abcabc', 'ab', 'x');
SELECT reverse('abc'), repeat('ab', 3), initcap('hello wORLD');
SELECT split('a,b,,c', ','), split('a1b2c3', '[0-9]', 2);
SELECT split_part('a.b.c', '.', 2), split_part('a.b.c', '.', -1), split_part('a.b.c', '.', 5);
SELECT ascii('A'), chr(66), length('héllo'), octet_length('héllo');
SELECT startswith('rivulet', 'riv'), endswith('rivulet', 'let'), contains('rivulet', 'vul');
SELECT format_string('%s=%d', 'x', 5), printf('%05.2f', 3.14159D);
SELECT s LIKE 'H%', s ILIKE 'h%' FROM words WHERE id = 1;
SELECT upper(NULL), length(NULL), concat('a', NULL), concat_ws(',', 'a', NULL, 'b');
SELECT substring_index('www.apache.org', '.', 2), substring_index('www.apache.org', '.', -1);
SELECT btrim('xxhixx', 'x'), trim(BOTH 'x' FROM 'xxhixx'), trim(LEADING 'x' FROM 'xxhi');
SELECT overlay('Spark SQL' PLACING '_' FROM 6), elt(2, 'a', 'b', 'c');
SELECT soundex('Robert'), levenshtein('kitten', 'sitting');
SELECT base64('Spark'), unbase64('U3Bhcms='), hex('AB'), unhex('4142');
SELECT upper(1, 2);
SELECT lpad('abc', 5, 'x', 'y');
SELECT nosuchfunc('a');

-- Aliases Spark registers with setAlias keep their own names.
SELECT char_length('héllo'), character_length('ab'), len('abc'), length('');
