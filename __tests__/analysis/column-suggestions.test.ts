// "Did you mean" lists of UNRESOLVED_COLUMN as Spark's orderSuggestedIdentifiersBySimilarity makes
// them: a qualifier all columns share is stripped for a one-part name, the table kept otherwise,
// ordered by edit distance (ties in column order). Each expectation is PySpark 4.2.0's text.
import { newSession } from '../support/session';

const setup = () => {
  const spark = newSession();
  spark.sql('CREATE TEMP VIEW ta AS SELECT 1 AS x, 2 AS key');
  spark.sql('CREATE TEMP VIEW tb AS SELECT 3 AS y, 4 AS key');
  spark.sql("CREATE TEMP VIEW sales AS SELECT * FROM VALUES (1, 10, 20, 30, 'a') AS sales(id, q1, q2, q3, tag)");
  return spark;
};

test.each([
  ['SELECT missing FROM ta JOIN tb USING (key)', '`missing`', '[`ta`.`x`, `tb`.`y`, `ta`.`key`]'],
  ['SELECT missing FROM ta JOIN tb ON ta.key = tb.key', '`missing`', '[`ta`.`x`, `tb`.`y`, `ta`.`key`, `tb`.`key`]'],
  ['SELECT kex FROM (SELECT 1 AS key, 2 AS `odd name`)', '`kex`', '[`key`, `odd name`]'],
  ['SELECT `odd nam` FROM (SELECT 1 AS key, 2 AS `odd name`)', '`odd nam`', '[`odd name`, `key`]'],
  ['SELECT * FROM sales UNPIVOT (val FOR quarter IN (q1, missing))', '`missing`', '[`id`, `q1`, `q2`, `q3`, `tag`]'],
])('%s', (sql, name, proposal) => {
  expect(() => setup().sql(sql).collect()).toThrow(
    expect.objectContaining({
      errorClass: 'UNRESOLVED_COLUMN.WITH_SUGGESTION',
      rawMessage: `A column, variable, or function parameter with name ${name} cannot be resolved. Did you mean one of the following? ${proposal}.`,
    }),
  );
});
