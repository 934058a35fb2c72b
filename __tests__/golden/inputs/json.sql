-- JSON functions: get_json_object, json_tuple, from_json, to_json, schema_of_json.
CREATE OR REPLACE TEMPORARY VIEW docs AS SELECT * FROM VALUES
  (1, '{"a":1,"b":"x","c":[1,2]}'), (2, '{"a":2}'), (3, 'not json'), (4, NULL)
  AS docs(id, j);

SELECT id, get_json_object(j, '$.a'), get_json_object(j, '$.b') FROM docs;
SELECT get_json_object('{"a":{"b":[10,20]}}', '$.a.b[1]'), get_json_object('{"a":{"b":[10,20]}}', '$.a');
SELECT get_json_object('{"a":1}', '$.missing');
SELECT id, json_tuple(j, 'a', 'b') FROM docs;
SELECT from_json('{"a":1,"b":"x"}', 'a INT, b STRING');
SELECT from_json('{"a":1,"b":"x"}', 'a INT, b STRING').b;
SELECT from_json('[1,2,3]', 'ARRAY<INT>');
SELECT id, from_json(j, 'a INT') FROM docs;
SELECT to_json(named_struct('a', 1, 'b', 'x')), to_json(array(1, 2)), to_json(map('k', 'v'));
SELECT to_json(named_struct('a', CAST(NULL AS INT), 'b', 2));
SELECT schema_of_json('{"a":1,"b":[1.5],"c":"s"}');
SELECT json_array_length('[1,2,3]'), json_array_length('[]'), json_array_length('{}');
SELECT json_object_keys('{"x":1,"y":{"z":2}}');
SELECT from_json(NULL, 'a INT');
SELECT from_json('{"a":1}', 'a INT, b INT');
SELECT get_json_object('{"a":1}');
SELECT to_json(1);
