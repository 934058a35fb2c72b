import { ParseException } from '../../lib/errors/parse-exception';
import { UnresolvedExpression } from '../../lib/expressions/unresolved';
import {
  GroupByItem,
  QueryNode,
  QueryTerm,
  Relation,
  SelectNode,
  Statement,
  isGroupingAnalytics,
  isQueryNode,
  isSubqueryExpression,
  subqueryOf,
} from '../../lib/sql/ast';
import { parseQuery, parseStatement } from '../../lib/sql/parse';

// ---------------------------------------------------------------------------------------------
// A compact SQL-like rendering of the AST: every join and set operation parenthesised, aliases
// spelled out, operators as name(args), so a table of cases shows the tree shape.

function show(e: UnresolvedExpression): string {
  switch (e.kind) {
    case 'literal':
      return typeof e.value === 'string' ? `'${e.value}'` : String(e.value);
    case 'column':
      return e.nameParts.join('.');
    case 'star':
      return e.target ? `${e.target.join('.')}.*` : '*';
    case 'function':
      return `${e.name}(${e.distinct ? 'DISTINCT ' : ''}${e.args.map(show).join(', ')})`;
    case 'alias':
      return `${show(e.child)} AS ${e.names.length === 1 ? e.names[0] : `(${e.names.join(', ')})`}`;
    case 'cast':
      return `cast(${show(e.child)} AS ${e.dataType.simpleString()})`;
    case 'sortOrder':
      return `${show(e.child)} ${e.ascending ? 'ASC' : 'DESC'} NULLS ${e.nullsFirst ? 'FIRST' : 'LAST'}`;
    case 'scalarSubquery':
      return `(${showQuery(subqueryOf(e))})`;
    case 'inSubquery':
      return `in(${e.values.map(show).join(', ')}; ${showQuery(subqueryOf(e))})`;
    case 'exists':
      return `exists(${showQuery(subqueryOf(e))})`;
    default:
      return e.kind;
  }
}

function aliasText(n: { alias?: string; columnAliases?: string[] }): string {
  if (n.alias === undefined) return '';
  return ` AS ${n.alias}${n.columnAliases ? `(${n.columnAliases.join(', ')})` : ''}`;
}

const JOIN_NAMES = {
  inner: 'INNER',
  cross: 'CROSS',
  leftOuter: 'LEFT OUTER',
  rightOuter: 'RIGHT OUTER',
  fullOuter: 'FULL OUTER',
  leftSemi: 'LEFT SEMI',
  leftAnti: 'LEFT ANTI',
};

function showRel(r: Relation): string {
  switch (r.kind) {
    case 'table':
      return `${r.nameParts.join('.')}${aliasText(r)}`;
    case 'subquery':
      return `(${showQuery(r.query)})${aliasText(r)}`;
    case 'inlineTable':
      return `VALUES ${r.rows.map((row) => `(${row.map(show).join(', ')})`).join(', ')}${aliasText(r)}`;
    case 'tableFunction':
      return `${r.nameParts.join('.')}(${r.args.map(show).join(', ')})${aliasText(r)}`;
    case 'join': {
      let s = `(${showRel(r.left)} ${r.natural ? 'NATURAL ' : ''}${JOIN_NAMES[r.joinType]} JOIN ${r.lateral ? 'LATERAL ' : ''}${showRel(r.right)}`;
      if (r.condition) s += ` ON ${show(r.condition)}`;
      if (r.using) s += ` USING (${r.using.join(', ')})`;
      return `${s})`;
    }
    case 'aliasedRelation':
      return `(${showRel(r.relation)})${aliasText(r)}`;
    case 'pivot':
      return `(${showRel(r.child)} PIVOT (${r.aggregates.map(show).join(', ')} FOR (${r.pivotColumns.join(', ')}) IN (${r.values.map((v) => show(v.value) + (v.alias ? ` AS ${v.alias}` : '')).join(', ')})))${aliasText(r)}`;
    case 'unpivot':
      return `(${showRel(r.child)} UNPIVOT ${r.includeNulls ? 'INCLUDE' : 'EXCLUDE'} NULLS ((${r.valueColumns.join(', ')}) FOR ${r.nameColumn} IN (${r.columnSets.map((c) => `(${c.columns.map((n) => n.join('.')).join(', ')})${c.alias ? ` AS ${c.alias}` : ''}`).join(', ')})))${aliasText(r)}`;
  }
}

function showGroup(g: GroupByItem): string {
  if (!isGroupingAnalytics(g)) return show(g);
  const sets = g.sets.map((s) => `(${s.map(show).join(', ')})`).join(', ');
  const prefix = g.groupByExpressions ? `[${g.groupByExpressions.map(show).join(', ')}] ` : '';
  return `${prefix}${g.type.toUpperCase()}(${sets})`;
}

function showTerm(t: QueryTerm): string {
  switch (t.kind) {
    case 'select': {
      let s = `SELECT ${t.distinct ? 'DISTINCT ' : ''}${t.items.map(show).join(', ')}`;
      if (t.from) s += ` FROM ${showRel(t.from)}`;
      for (const lv of t.lateralViews) {
        s += ` LATERAL VIEW ${lv.outer ? 'OUTER ' : ''}${lv.functionName}(${lv.args.map(show).join(', ')}) ${lv.tableAlias}`;
        if (lv.columnAliases.length) s += ` AS ${lv.columnAliases.join(', ')}`;
      }
      if (t.where) s += ` WHERE ${show(t.where)}`;
      if (t.groupBy) s += ` GROUP BY ${t.groupByAll ? '<ALL> ' : ''}${t.groupBy.map(showGroup).join(', ')}`;
      if (t.having) s += ` HAVING ${show(t.having)}`;
      return s;
    }
    case 'setOperation':
      return `(${showTerm(t.left)} ${t.operator.toUpperCase()}${t.all ? ' ALL' : ''} ${showTerm(t.right)})`;
    case 'query':
      return `(${showQuery(t)})`;
    case 'table':
      return `TABLE ${t.nameParts.join('.')}`;
    case 'inlineTable':
      return showRel(t);
  }
}

function showQuery(q: QueryNode): string {
  let s = '';
  if (q.ctes.length) {
    s += `WITH ${q.ctes.map((c) => `${c.name}${c.columnAliases ? `(${c.columnAliases.join(', ')})` : ''} AS (${showQuery(c.query)})`).join(', ')} `;
  }
  s += showTerm(q.body);
  if (q.orderBy.length) s += ` ORDER BY ${q.orderBy.map(show).join(', ')}`;
  if (q.clusterBy.length) s += ` CLUSTER BY ${q.clusterBy.map(show).join(', ')}`;
  if (q.distributeBy.length) s += ` DISTRIBUTE BY ${q.distributeBy.map(show).join(', ')}`;
  if (q.sortBy.length) s += ` SORT BY ${q.sortBy.map(show).join(', ')}`;
  if (q.limit) s += ` LIMIT ${show(q.limit)}`;
  if (q.offset) s += ` OFFSET ${show(q.offset)}`;
  return s;
}

function showStatement(st: Statement): string {
  switch (st.kind) {
    case 'queryStatement':
      return showQuery(st.query);
    case 'createTempView': {
      const cols = st.columns ? `(${st.columns.map((c) => c.name + (c.comment !== undefined ? ` COMMENT '${c.comment}'` : '')).join(', ')})` : '';
      const comment = st.comment !== undefined ? ` COMMENT '${st.comment}'` : '';
      return `CREATE${st.replace ? ' OR REPLACE' : ''}${st.global ? ' GLOBAL' : ''} TEMPORARY VIEW ${st.name}${cols}${comment} AS [${st.queryText}] ${showQuery(st.query)}`;
    }
    case 'dropView':
      return `DROP VIEW ${st.ifExists ? 'IF EXISTS ' : ''}${st.nameParts.join('.')}`;
    case 'setConfig':
      return `SET ${JSON.stringify(st.key ?? null)} = ${JSON.stringify(st.value ?? null)}`;
    case 'resetConfig':
      return `RESET ${JSON.stringify(st.key ?? null)}`;
    case 'explain':
      return `EXPLAIN ${st.mode} ${showStatement(st.statement)}`;
    case 'describeQuery':
      return `DESCRIBE QUERY [${st.queryText}] ${showQuery(st.query)}`;
    case 'describeTable':
      return `DESCRIBE TABLE ${st.nameParts.join('.')}`;
    case 'createTable': {
      const cols = st.columns ? `(${st.columns.map((c) => `${c.name} ${c.dataType.simpleString()}${c.nullable ? '' : ' NOT NULL'}`).join(', ')})` : '';
      return `CREATE${st.replace ? ' OR REPLACE' : ''} TABLE ${st.ifNotExists ? 'IF NOT EXISTS ' : ''}${st.nameParts.join('.')}${cols}${st.provider ? ` USING ${st.provider}` : ''}${st.query ? ` AS ${showQuery(st.query)}` : ''}`;
    }
    case 'insertInto':
      return `INSERT ${st.overwrite ? 'OVERWRITE' : 'INTO'} ${st.nameParts.join('.')}${st.columns ? `(${st.columns.join(', ')})` : ''} ${showQuery(st.query)}`;
    case 'dropTable':
      return `DROP TABLE ${st.ifExists ? 'IF EXISTS ' : ''}${st.nameParts.join('.')}`;
  }
}

const q = (sql: string) => showQuery(parseQuery(sql));
const stmt = (sql: string) => showStatement(parseStatement(sql));

function parseError(fn: () => unknown): ParseException {
  try {
    fn();
  } catch (e) {
    if (e instanceof ParseException) return e;
    throw e;
  }
  throw new Error('expected a ParseException');
}

function selectOf(sql: string): SelectNode {
  const body = parseQuery(sql).body;
  if (body.kind !== 'select') throw new Error(`not a select: ${body.kind}`);
  return body;
}

// ---------------------------------------------------------------------------------------------

describe('SELECT blocks', () => {
  test.each([
    ['SELECT 1', 'SELECT 1'],
    ['select a, b from db.c', 'SELECT a, b FROM db.c'],
    ['SELECT a, b AS c, d e, f AS `g h` FROM t', 'SELECT a, b AS c, d AS e, f AS g h FROM t'],
    ['SELECT DISTINCT a FROM t', 'SELECT DISTINCT a FROM t'],
    ['SELECT ALL a FROM t', 'SELECT a FROM t'],
    ['SELECT DISTINCT(a) FROM t', 'SELECT DISTINCT a FROM t'],
    ['SELECT all, b FROM t', 'SELECT all, b FROM t'],
    ['SELECT *, t.*, db.t.* FROM db.t', 'SELECT *, t.*, db.t.* FROM db.t'],
    ['SELECT explode(m) AS (k, v) FROM t', 'SELECT explode(m) AS (k, v) FROM t'],
    ['SELECT posexplode(a) (p, v) FROM t', 'SELECT posexplode(a) AS (p, v) FROM t'],
    ['SELECT a FROM t WHERE a > 1 AND b IS NOT NULL', 'SELECT a FROM t WHERE and(>(a, 1), isnotnull(b))'],
    ['SELECT a, count(*) FROM t GROUP BY a HAVING count(*) > 1', 'SELECT a, count(*) FROM t GROUP BY a HAVING >(count(*), 1)'],
    ['select a, b from db.c having x < 1', 'SELECT a, b FROM db.c HAVING <(x, 1)'],
    ['SELECT a + 1 AS b FROM t GROUP BY 1, b', 'SELECT +(a, 1) AS b FROM t GROUP BY 1, b'],
    ['SELECT a, sum(b) FROM t GROUP BY ALL', 'SELECT a, sum(b) FROM t GROUP BY <ALL> ALL'],
    ['SELECT a, b FROM t WHERE a = 1 GROUP BY a, b HAVING a > 0', 'SELECT a, b FROM t WHERE =(a, 1) GROUP BY a, b HAVING >(a, 0)'],
    ['SELECT /*+ BROADCAST(u) */ * FROM t JOIN u', 'SELECT * FROM (t INNER JOIN u)'], // hints are comments here
    ['SELECT a FROM t WHERE a IN (1, 2) AND b NOT BETWEEN 1 AND 2', 'SELECT a FROM t WHERE and(in(a, 1, 2), not(between(b, 1, 2)))'],
    ['SELECT 1;', 'SELECT 1'],
    ['SELECT 1 ;; ', 'SELECT 1'],
  ])('%s', (sql, expected) => {
    expect(q(sql)).toBe(expected);
  });

  test('SELECT without FROM has no relation; GROUP BY ALL keeps the ALL column for the analyzer', () => {
    expect(selectOf('SELECT 1, 2').from).toBeUndefined();
    const s = selectOf('SELECT a FROM t GROUP BY all');
    expect(s.groupByAll).toBe(true);
    expect(s.groupBy).toEqual([expect.objectContaining({ kind: 'column', nameParts: ['all'] })]);
    expect(selectOf('SELECT a FROM t GROUP BY a').groupByAll).toBe(false);
    expect(selectOf('SELECT a FROM t').groupBy).toBeUndefined();
  });
});

describe("Spark's keyword-as-name readings (default keyword mode, ANTLR's look-ahead)", () => {
  // These are not errors in Spark: the keyword is read as a name when its clause cannot go on.
  test.each([
    ['select from tbl', 'SELECT from AS tbl'], // PlanParserSuite: OneRowRelation.select('from.as("tbl"))
    ['SELECT a FROM', 'SELECT a AS FROM'],
    ['SELECT * FROM t WHERE', 'SELECT * FROM t AS WHERE'],
    ['SELECT 1 UNION', 'SELECT 1 AS UNION'],
    ['SELECT a GROUP', 'SELECT a AS GROUP'],
    ['SELECT a AS FROM t', 'SELECT a AS AS FROM t'],
    ['SELECT * FROM t AS JOIN u', 'SELECT * FROM (t AS AS INNER JOIN u)'],
    ['SELECT a FROM t limit', 'SELECT a FROM t AS limit'],
    ['SELECT a, from FROM t', 'SELECT a, from FROM t'],
    ['SELECT a FROM t LIMIT 10', 'SELECT a FROM t LIMIT 10'],
    ['SELECT a FROM t ORDER BY a', 'SELECT a FROM t ORDER BY a ASC NULLS FIRST'],
    ['SELECT * FROM values', 'SELECT * FROM values'],
    ['select a from 1k.2m', 'SELECT a FROM 1k.2m'],
  ])('%s', (sql, expected) => {
    expect(q(sql)).toBe(expected);
  });
});

describe('set operations', () => {
  test.each([
    ['select * from a union select * from b', '(SELECT * FROM a UNION SELECT * FROM b)'],
    ['select * from a union distinct select * from b', '(SELECT * FROM a UNION SELECT * FROM b)'],
    ['select * from a union all select * from b', '(SELECT * FROM a UNION ALL SELECT * FROM b)'],
    ['select * from a except select * from b', '(SELECT * FROM a EXCEPT SELECT * FROM b)'],
    ['select * from a except all select * from b', '(SELECT * FROM a EXCEPT ALL SELECT * FROM b)'],
    ['select * from a minus select * from b', '(SELECT * FROM a EXCEPT SELECT * FROM b)'],
    ['select * from a minus all select * from b', '(SELECT * FROM a EXCEPT ALL SELECT * FROM b)'],
    ['select * from a intersect select * from b', '(SELECT * FROM a INTERSECT SELECT * FROM b)'],
    ['select * from a intersect all select * from b', '(SELECT * FROM a INTERSECT ALL SELECT * FROM b)'],
    ['select 1 union select 1', '(SELECT 1 UNION SELECT 1)'], // SPARK-42552
    // INTERSECT binds tighter than UNION / EXCEPT; all are left-associative.
    ['select 1 union select 2 intersect select 3', '(SELECT 1 UNION (SELECT 2 INTERSECT SELECT 3))'],
    ['select 1 intersect select 2 union select 3', '((SELECT 1 INTERSECT SELECT 2) UNION SELECT 3)'],
    ['select 1 union select 2 except select 3', '((SELECT 1 UNION SELECT 2) EXCEPT SELECT 3)'],
    ['select 1 except select 2 union all select 3', '((SELECT 1 EXCEPT SELECT 2) UNION ALL SELECT 3)'],
    ['select 1 intersect select 2 intersect select 3', '((SELECT 1 INTERSECT SELECT 2) INTERSECT SELECT 3)'],
    [
      'select 1 union select 2 intersect select 3 union all select 4',
      '((SELECT 1 UNION (SELECT 2 INTERSECT SELECT 3)) UNION ALL SELECT 4)',
    ],
    ['select 1 union (select 2 union select 3)', '(SELECT 1 UNION ((SELECT 2 UNION SELECT 3)))'],
    ['VALUES (1) UNION ALL TABLE t', '(VALUES (1) UNION ALL TABLE t)'],
    ['SELECT 1 UNION FROM t SELECT a', '(SELECT 1 UNION (SELECT a FROM t))'],
  ])('%s', (sql, expected) => {
    expect(q(sql)).toBe(expected);
  });
});

describe('ORDER BY / LIMIT / OFFSET placement', () => {
  test.each([
    ['SELECT a FROM t ORDER BY a DESC NULLS FIRST, b LIMIT 10 OFFSET 2', 'SELECT a FROM t ORDER BY a DESC NULLS FIRST, b ASC NULLS FIRST LIMIT 10 OFFSET 2'],
    ['SELECT a FROM t ORDER BY a DESC', 'SELECT a FROM t ORDER BY a DESC NULLS LAST'],
    ['SELECT a FROM t LIMIT ALL', 'SELECT a FROM t'],
    ['SELECT a FROM t OFFSET 5', 'SELECT a FROM t OFFSET 5'],
    ['SELECT a FROM t LIMIT 2 + 3', 'SELECT a FROM t LIMIT +(2, 3)'],
    // After a set operation the clauses belong to the whole set operation.
    ['SELECT a FROM t UNION SELECT b FROM u ORDER BY 1 LIMIT 3', '(SELECT a FROM t UNION SELECT b FROM u) ORDER BY 1 ASC NULLS FIRST LIMIT 3'],
    [
      '(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u) ORDER BY 1',
      '((SELECT a FROM t ORDER BY a ASC NULLS FIRST LIMIT 1) UNION ALL (SELECT b FROM u)) ORDER BY 1 ASC NULLS FIRST',
    ],
    ['select * from t sort by a, b desc', 'SELECT * FROM t SORT BY a ASC NULLS FIRST, b DESC NULLS LAST'],
    ['select * from t distribute by a, b', 'SELECT * FROM t DISTRIBUTE BY a, b'],
    ['select * from t distribute by a sort by b', 'SELECT * FROM t DISTRIBUTE BY a SORT BY b ASC NULLS FIRST'],
    ['select * from t cluster by a, b limit 1', 'SELECT * FROM t CLUSTER BY a, b LIMIT 1'],
    ['VALUES (2), (1) ORDER BY 1', 'VALUES (2), (1) ORDER BY 1 ASC NULLS FIRST'],
    ['(SELECT 1)', '(SELECT 1)'],
    ['((SELECT 1)) LIMIT 1', '((SELECT 1)) LIMIT 1'],
  ])('%s', (sql, expected) => {
    expect(q(sql)).toBe(expected);
  });

  test('the query node holds the result clauses', () => {
    const node = parseQuery('SELECT a FROM t UNION ALL SELECT b FROM u ORDER BY a LIMIT 5');
    expect(node.body.kind).toBe('setOperation');
    expect(node.orderBy).toHaveLength(1);
    expect(node.limit).toEqual(expect.objectContaining({ kind: 'literal', value: 5 }));
    expect(node.offset).toBeUndefined();
  });
});

describe('common table expressions', () => {
  test.each([
    ['with cte1 as (select * from a) select * from cte1', 'WITH cte1 AS (SELECT * FROM a) SELECT * FROM cte1'],
    ['with cte1 (select 1) select * from cte1', 'WITH cte1 AS (SELECT 1) SELECT * FROM cte1'],
    ['with cte1 (select 1), cte2 as (select * from cte1) select * from cte2', 'WITH cte1 AS (SELECT 1), cte2 AS (SELECT * FROM cte1) SELECT * FROM cte2'],
    ['WITH t(x, y) AS (SELECT 1, 2) SELECT x FROM t', 'WITH t(x, y) AS (SELECT 1, 2) SELECT x FROM t'],
    ['WITH a AS (SELECT 1) SELECT * FROM a UNION ALL SELECT * FROM a ORDER BY 1', 'WITH a AS (SELECT 1) (SELECT * FROM a UNION ALL SELECT * FROM a) ORDER BY 1 ASC NULLS FIRST'],
    ['SELECT * FROM (WITH a AS (SELECT 1) SELECT * FROM a) s', 'SELECT * FROM (WITH a AS (SELECT 1) SELECT * FROM a) AS s'],
    ['WITH a AS (WITH b AS (SELECT 1) SELECT * FROM b) SELECT * FROM a', 'WITH a AS (WITH b AS (SELECT 1) SELECT * FROM b) SELECT * FROM a'],
  ])('%s', (sql, expected) => {
    expect(q(sql)).toBe(expected);
  });
});

describe('relations', () => {
  test.each([
    ['SELECT * FROM t', 'SELECT * FROM t'],
    ['SELECT * FROM db.t AS x', 'SELECT * FROM db.t AS x'],
    ['SELECT * FROM `my db`.`my``t` x', 'SELECT * FROM my db.my`t AS x'],
    ['SELECT * FROM t AS x(a, b)', 'SELECT * FROM t AS x(a, b)'],
    ['SELECT * FROM (SELECT 1) sub', 'SELECT * FROM (SELECT 1) AS sub'],
    ['SELECT * FROM (SELECT 1, 2) AS sub(a, b)', 'SELECT * FROM (SELECT 1, 2) AS sub(a, b)'],
    ['SELECT * FROM (SELECT 1)', 'SELECT * FROM (SELECT 1)'],
    ['SELECT * FROM ((SELECT 1) UNION (SELECT 2)) x', 'SELECT * FROM (((SELECT 1) UNION (SELECT 2))) AS x'],
    ['SELECT * FROM ((SELECT 1) s JOIN t ON true) x', 'SELECT * FROM (((SELECT 1) AS s INNER JOIN t ON true)) AS x'],
    ['SELECT * FROM (a JOIN b ON p) AS x(c1, c2)', 'SELECT * FROM ((a INNER JOIN b ON p)) AS x(c1, c2)'],
    ['SELECT * FROM (a JOIN b ON p)', 'SELECT * FROM (a INNER JOIN b ON p)'],
    ["SELECT * FROM VALUES (1, 'a'), (2, 'b') AS t(x, y)", "SELECT * FROM VALUES (1, 'a'), (2, 'b') AS t(x, y)"],
    ['SELECT * FROM VALUES 1, 2 t(a)', 'SELECT * FROM VALUES (1), (2) AS t(a)'],
    ['SELECT * FROM (VALUES (1), (2)) AS t(a)', 'SELECT * FROM (VALUES (1), (2)) AS t(a)'],
    ['SELECT * FROM range(10)', 'SELECT * FROM range(10)'],
    ['SELECT * FROM RANGE(1, 10, 2) AS r(id2)', 'SELECT * FROM range(1, 10, 2) AS r(id2)'],
    ['SELECT * FROM explode(array(1, 2)) t(v)', 'SELECT * FROM explode(array(1, 2)) AS t(v)'],
    ['SELECT * FROM range(3) JOIN range(2)', 'SELECT * FROM (range(3) INNER JOIN range(2))'],
    // PIVOT / UNPIVOT extend the relation before them, joins included; aliases are optional.
    ["SELECT * FROM t PIVOT (sum(a) AS s, avg(a) FOR b IN (1, 'x' AS y))", "SELECT * FROM (t PIVOT (sum(a) AS s, avg(a) FOR (b) IN (1, 'x' AS y)))"],
    ['SELECT * FROM t PIVOT (sum(a) s FOR (b, c) IN ((1, 2) AS p, (3, 4) q)) AS pv', 'SELECT * FROM (t PIVOT (sum(a) AS s FOR (b, c) IN (struct(1, 2) AS p, struct(3, 4) AS q))) AS pv'],
    ['SELECT * FROM t JOIN u ON p PIVOT (count(*) FOR b IN (1)) x WHERE true', 'SELECT * FROM ((t INNER JOIN u ON p) PIVOT (count(*) FOR (b) IN (1))) AS x WHERE true'],
    ['SELECT * FROM a, b PIVOT (max(x) FOR y IN (1))', 'SELECT * FROM (a INNER JOIN (b PIVOT (max(x) FOR (y) IN (1))))'],
    ['SELECT * FROM t UNPIVOT (v FOR n IN (a, t.b AS bb, c cc))', 'SELECT * FROM (t UNPIVOT EXCLUDE NULLS ((v) FOR n IN ((a), (t.b) AS bb, (c) AS cc)))'],
    ['SELECT * FROM t UNPIVOT INCLUDE NULLS ((v1, v2) FOR n IN ((a, b) AS ab, (c, d))) u', 'SELECT * FROM (t UNPIVOT INCLUDE NULLS ((v1, v2) FOR n IN ((a, b) AS ab, (c, d)))) AS u'],
    ['SELECT * FROM t UNPIVOT EXCLUDE NULLS (v FOR n IN (a, b)) PIVOT (sum(v) FOR n IN (1))', 'SELECT * FROM ((t UNPIVOT EXCLUDE NULLS ((v) FOR n IN ((a), (b)))) PIVOT (sum(v) FOR (n) IN (1)))'],
    ['SELECT pivot FROM pivot', 'SELECT pivot FROM pivot'],
  ])('%s', (sql, expected) => {
    expect(q(sql)).toBe(expected);
  });

  test('inline table rows are unpacked from row constructors, aliases dropped', () => {
    const s = selectOf("SELECT * FROM VALUES (1 AS a, 'x'), (2, 'y')");
    expect(s.from?.kind).toBe('inlineTable');
    if (s.from?.kind !== 'inlineTable') return;
    expect(s.from.rows.map((r) => r.map(show))).toEqual([["1", "'x'"], ["2", "'y'"]]);
    expect(s.from.alias).toBeUndefined();
  });

  test('top-level VALUES and TABLE are query bodies', () => {
    expect(q("VALUES (1, 'a'), (2, 'b') AS t(x, y)")).toBe("VALUES (1, 'a'), (2, 'b') AS t(x, y)");
    expect(q('VALUES 1, 2, 3')).toBe('VALUES (1), (2), (3)');
    expect(q('TABLE db.t')).toBe('TABLE db.t');
  });
});

describe('joins', () => {
  test.each([
    ['select * from t as tt join u', 'SELECT * FROM (t AS tt INNER JOIN u)'],
    ['select * from t inner join u on a = b', 'SELECT * FROM (t INNER JOIN u ON =(a, b))'],
    ['select * from t cross join u', 'SELECT * FROM (t CROSS JOIN u)'],
    ['select * from t, u', 'SELECT * FROM (t INNER JOIN u)'],
    ['select * from t left join u on a = b', 'SELECT * FROM (t LEFT OUTER JOIN u ON =(a, b))'],
    ['select * from t left outer join u as uu on a = b', 'SELECT * FROM (t LEFT OUTER JOIN u AS uu ON =(a, b))'],
    ['select * from t right join u on a = b', 'SELECT * FROM (t RIGHT OUTER JOIN u ON =(a, b))'],
    ['select * from t right outer join u on a = b', 'SELECT * FROM (t RIGHT OUTER JOIN u ON =(a, b))'],
    ['select * from t full join u on a = b', 'SELECT * FROM (t FULL OUTER JOIN u ON =(a, b))'],
    ['select * from t full outer join u on a = b', 'SELECT * FROM (t FULL OUTER JOIN u ON =(a, b))'],
    ['select * from t left semi join u on a = b', 'SELECT * FROM (t LEFT SEMI JOIN u ON =(a, b))'],
    ['select * from t semi join u on a = b', 'SELECT * FROM (t LEFT SEMI JOIN u ON =(a, b))'],
    ['select * from t left anti join u on a = b', 'SELECT * FROM (t LEFT ANTI JOIN u ON =(a, b))'],
    ['select * from t anti join u using(a, b)', 'SELECT * FROM (t LEFT ANTI JOIN u USING (a, b))'],
    ['select * from t join u using (a)', 'SELECT * FROM (t INNER JOIN u USING (a))'],
    ['select * from t tt natural join u as uu', 'SELECT * FROM (t AS tt NATURAL INNER JOIN u AS uu)'],
    ['select * from t natural left join u', 'SELECT * FROM (t NATURAL LEFT OUTER JOIN u)'],
    ['select * from t natural full outer join u', 'SELECT * FROM (t NATURAL FULL OUTER JOIN u)'],
    // Chains are left-deep; a parenthesised relation nests on the right.
    ['select * from a join b join c right join d', 'SELECT * FROM (((a INNER JOIN b) INNER JOIN c) RIGHT OUTER JOIN d)'],
    ['select * from a join b on p join c on q', 'SELECT * FROM ((a INNER JOIN b ON p) INNER JOIN c ON q)'],
    ['select * from a join (b join c on q) on p', 'SELECT * FROM (a INNER JOIN (b INNER JOIN c ON q) ON p)'],
    // A comma joins what is on its left; joins after the next item apply on top (Spark's visitFromClause).
    ['select * from a, b join c on p', 'SELECT * FROM ((a INNER JOIN b) INNER JOIN c ON p)'],
    ['select * from a join b on p, c', 'SELECT * FROM ((a INNER JOIN b ON p) INNER JOIN c)'],
    ['SELECT * FROM t, LATERAL (SELECT t.a) s', 'SELECT * FROM (t INNER JOIN LATERAL (SELECT t.a) AS s)'],
    ['SELECT * FROM t LEFT JOIN LATERAL (SELECT t.a) s ON true', 'SELECT * FROM (t LEFT OUTER JOIN LATERAL (SELECT t.a) AS s ON true)'],
    ['SELECT * FROM a JOIN b ON a.x = b.x AND a.y = b.y WHERE a.z > 0', 'SELECT * FROM (a INNER JOIN b ON and(=(a.x, b.x), =(a.y, b.y))) WHERE >(a.z, 0)'],
  ])('%s', (sql, expected) => {
    expect(q(sql)).toBe(expected);
  });
});

describe('LATERAL VIEW', () => {
  test.each([
    ['select * from t lateral view explode(x) expl as x', 'SELECT * FROM t LATERAL VIEW explode(x) expl AS x'],
    [
      'select * from t lateral view explode(x) expl lateral view outer json_tuple(x, y) jtup q, z',
      'SELECT * FROM t LATERAL VIEW explode(x) expl LATERAL VIEW OUTER json_tuple(x, y) jtup AS q, z',
    ],
    ['select * from t lateral view posexplode(x) posexpl as x, y', 'SELECT * FROM t LATERAL VIEW posexplode(x) posexpl AS x, y'],
    ['SELECT v FROM t LATERAL VIEW EXPLODE(arr) E AS v WHERE v > 0', 'SELECT v FROM t LATERAL VIEW explode(arr) e AS v WHERE >(v, 0)'],
    ['SELECT * FROM t LATERAL VIEW explode(a) e v GROUP BY v', 'SELECT * FROM t LATERAL VIEW explode(a) e AS v GROUP BY v'],
    ['SELECT * FROM t LATERAL VIEW explode(a) e LIMIT 1', 'SELECT * FROM t LATERAL VIEW explode(a) e LIMIT 1'],
    ['SELECT * FROM t LATERAL VIEW outer(a) e', 'SELECT * FROM t LATERAL VIEW outer(a) e'],
    ['SELECT 1 LATERAL VIEW explode(array(1)) e', 'SELECT 1 LATERAL VIEW explode(array(1)) e'],
  ])('%s', (sql, expected) => {
    expect(q(sql)).toBe(expected);
  });

  test('the view records outer, the lower-cased table alias and the columns as written', () => {
    const s = selectOf('SELECT * FROM t LATERAL VIEW OUTER Explode(m) MyView AS K, V');
    expect(s.lateralViews).toEqual([
      expect.objectContaining({ kind: 'lateralView', functionName: 'explode', outer: true, tableAlias: 'myview', columnAliases: ['K', 'V'] }),
    ]);
  });
});

describe('GROUP BY analytics', () => {
  test.each([
    ['select a, b, sum(c) as c from d group by a, b with cube', 'SELECT a, b, sum(c) AS c FROM d GROUP BY CUBE((a), (b))'],
    ['select a, b, sum(c) as c from d group by a, b with rollup', 'SELECT a, b, sum(c) AS c FROM d GROUP BY ROLLUP((a), (b))'],
    ['select a from d group by a, b grouping sets((a, b), (a), ())', 'SELECT a FROM d GROUP BY [a, b] GROUPINGSETS((a, b), (a), ())'],
    ['SELECT a FROM t GROUP BY ROLLUP(a, (b, c)), CUBE(d)', 'SELECT a FROM t GROUP BY ROLLUP((a), (b, c)), CUBE((d))'],
    ['SELECT a FROM t GROUP BY a, GROUPING SETS (a, (a, b))', 'SELECT a FROM t GROUP BY a, GROUPINGSETS((a), (a, b))'],
    // ROLLUP / CUBE inside GROUPING SETS expand into the sets they stand for.
    ['SELECT a FROM t GROUP BY GROUPING SETS ((a, b), ROLLUP(c, d))', 'SELECT a FROM t GROUP BY GROUPINGSETS((a, b), (c, d), (c), ())'],
    ['SELECT a FROM t GROUP BY GROUPING SETS (CUBE(a, b))', 'SELECT a FROM t GROUP BY GROUPINGSETS((a, b), (a), (b), ())'],
    ['SELECT a FROM t GROUP BY GROUPING SETS ((a + 1) * 2, a)', 'SELECT a FROM t GROUP BY GROUPINGSETS((*(+(a, 1), 2)), (a))'],
    ['SELECT rollup FROM t GROUP BY rollup', 'SELECT rollup FROM t GROUP BY rollup'],
  ])('%s', (sql, expected) => {
    expect(q(sql)).toBe(expected);
  });
});

describe('FROM-first queries', () => {
  test.each([
    ['from a select b, c', '(SELECT b, c FROM a)'],
    ['from db.a select b, c where d < 1', '(SELECT b, c FROM db.a WHERE <(d, 1))'],
    ['from a select distinct b, c', '(SELECT DISTINCT b, c FROM a)'],
    ['from a select * select * where s < 10', '((SELECT * FROM a) UNION ALL (SELECT * FROM a WHERE <(s, 10)))'],
    ['from t select a order by a limit 1', '(SELECT a FROM t ORDER BY a ASC NULLS FIRST LIMIT 1)'],
    ['select * from (from a select * select *)', 'SELECT * FROM (((SELECT * FROM a) UNION ALL (SELECT * FROM a)))'],
  ])('%s', (sql, expected) => {
    expect(q(sql)).toBe(expected);
  });
});

describe('subqueries in expressions', () => {
  test.each([
    ['SELECT (SELECT max(a) FROM t) + 1', 'SELECT +((SELECT max(a) FROM t), 1)'],
    ['SELECT * FROM t WHERE x IN (SELECT a FROM u WHERE u.c = t.c)', 'SELECT * FROM t WHERE in(x; SELECT a FROM u WHERE =(u.c, t.c))'],
    ['SELECT * FROM t WHERE x NOT IN (SELECT a FROM u)', 'SELECT * FROM t WHERE not(in(x; SELECT a FROM u))'],
    ['SELECT * FROM t WHERE (a, b) IN (SELECT 1, 2)', 'SELECT * FROM t WHERE in(a, b; SELECT 1, 2)'],
    ['SELECT * FROM t WHERE EXISTS (SELECT * FROM u) AND NOT EXISTS (SELECT 1)', 'SELECT * FROM t WHERE and(exists(SELECT * FROM u), not(exists(SELECT 1)))'],
    ['SELECT * FROM t WHERE x IN (VALUES 1, 2)', 'SELECT * FROM t WHERE in(x; VALUES (1), (2))'],
    ['SELECT (WITH c AS (SELECT 1 v) SELECT v FROM c)', 'SELECT (WITH c AS (SELECT 1 AS v) SELECT v FROM c)'],
    ['SELECT (SELECT 1 UNION SELECT 2 ORDER BY 1 LIMIT 1)', 'SELECT ((SELECT 1 UNION SELECT 2) ORDER BY 1 ASC NULLS FIRST LIMIT 1)'],
    ['SELECT a FROM t WHERE a > (SELECT avg(a) FROM t) ORDER BY (SELECT 1)', 'SELECT a FROM t WHERE >(a, (SELECT avg(a) FROM t)) ORDER BY (SELECT 1) ASC NULLS FIRST'],
    ['SELECT exists(array(1), x -> x > 0)', 'SELECT exists(array(1), lambda)'],
  ])('%s', (sql, expected) => {
    expect(q(sql)).toBe(expected);
  });

  test('subquery nodes carry the query AST with origins', () => {
    const s = selectOf('SELECT * FROM t WHERE x IN (SELECT a FROM u)');
    const where = s.where!;
    expect(isSubqueryExpression(where)).toBe(true);
    if (where.kind !== 'inSubquery') throw new Error(where.kind);
    expect(isQueryNode(where.query)).toBe(true);
    expect(subqueryOf(where).origin).toEqual(expect.objectContaining({ start: 28, stop: 42 }));
    expect(where.origin).toEqual(expect.objectContaining({ start: 22, stop: 43 }));
  });
});

describe('statements', () => {
  test.each([
    ['SELECT 1', 'SELECT 1'],
    ['CREATE TEMPORARY VIEW v AS SELECT 1', 'CREATE TEMPORARY VIEW v AS [SELECT 1] SELECT 1'],
    ['create temp view v as select * from t where a > 1;', 'CREATE TEMPORARY VIEW v AS [select * from t where a > 1] SELECT * FROM t WHERE >(a, 1)'],
    [
      "CREATE OR REPLACE TEMP VIEW v (a COMMENT 'x', b) COMMENT 'doc' AS SELECT 1, 2",
      "CREATE OR REPLACE TEMPORARY VIEW v(a COMMENT 'x', b) COMMENT 'doc' AS [SELECT 1, 2] SELECT 1, 2",
    ],
    ['CREATE GLOBAL TEMPORARY VIEW g AS VALUES (1)', 'CREATE GLOBAL TEMPORARY VIEW g AS [VALUES (1)] VALUES (1)'],
    ['CREATE OR REPLACE GLOBAL TEMP VIEW `my view` AS TABLE t', 'CREATE OR REPLACE GLOBAL TEMPORARY VIEW my view AS [TABLE t] TABLE t'],
    ['DROP VIEW v', 'DROP VIEW v'],
    ['DROP VIEW IF EXISTS global_temp.v', 'DROP VIEW IF EXISTS global_temp.v'],
    ['EXPLAIN SELECT 1', 'EXPLAIN simple SELECT 1'],
    ['EXPLAIN EXTENDED SELECT * FROM t', 'EXPLAIN extended SELECT * FROM t'],
    ['explain formatted select 1', 'EXPLAIN formatted SELECT 1'],
    ['EXPLAIN CODEGEN SELECT 1', 'EXPLAIN codegen SELECT 1'],
    ['EXPLAIN COST SELECT 1', 'EXPLAIN cost SELECT 1'],
    ['EXPLAIN CREATE TEMP VIEW v AS SELECT 1', 'EXPLAIN simple CREATE TEMPORARY VIEW v AS [SELECT 1] SELECT 1'],
    ['EXPLAIN SET a=1', 'EXPLAIN simple SET "a" = "1"'],
    ['DESCRIBE SELECT a FROM t', 'DESCRIBE QUERY [SELECT a FROM t] SELECT a FROM t'],
    ['DESC QUERY SELECT 1 AS x', 'DESCRIBE QUERY [SELECT 1 AS x] SELECT 1 AS x'],
    ['DESCRIBE WITH c AS (SELECT 1) SELECT * FROM c', 'DESCRIBE QUERY [WITH c AS (SELECT 1) SELECT * FROM c] WITH c AS (SELECT 1) SELECT * FROM c'],
    ['DESC t', 'DESCRIBE TABLE t'],
    ['DESCRIBE TABLE default.t;', 'DESCRIBE TABLE default.t'],
    ['describe table t', 'DESCRIBE TABLE t'],
  ])('%s', (sql, expected) => {
    expect(stmt(sql)).toBe(expected);
  });

  // SparkSqlParserSuite: SET is matched on the raw text after the keyword.
  test.each([
    ['SET', 'SET null = null'],
    ['SET -v', 'SET "-v" = null'],
    ['SET spark.sql.key', 'SET "spark.sql.key" = null'],
    ['SET  spark.sql.key   ', 'SET "spark.sql.key" = null'],
    ['SET spark.sql.shuffle.partitions=2', 'SET "spark.sql.shuffle.partitions" = "2"'],
    ['SET spark:sql:key=false', 'SET "spark:sql:key" = "false"'],
    ['SET spark:sql:key=', 'SET "spark:sql:key" = ""'],
    ['SET spark:sql:key=  ', 'SET "spark:sql:key" = ""'],
    ['SET spark:sql:key=-1 ', 'SET "spark:sql:key" = "-1"'],
    ['SET spark:sql:key = -1', 'SET "spark:sql:key" = "-1"'],
    ['SET 1.2.key=value', 'SET "1.2.key" = "value"'],
    ['SET 5=6', 'SET "5" = "6"'],
    ['SET spark:sql:key = va l u  e ', 'SET "spark:sql:key" = "va l u  e"'],
    ["SET a='b c'", 'SET "a" = "\'b c\'"'],
    ['SET `spark.sql.    key`=value', 'SET "spark.sql.    key" = "value"'],
    ['SET `spark.sql.    key`= v  a lu e ', 'SET "spark.sql.    key" = "v  a lu e"'],
    ['SET `spark.sql.    key`=  -1', 'SET "spark.sql.    key" = "-1"'],
    ['SET key=', 'SET "key" = ""'],
    ['SET my_path = /a/b/*', 'SET "my_path" = "/a/b/*"'],
    ['SET a=1;', 'SET "a" = "1"'],
    ['SET a=1;;', 'SET "a" = "1"'],
    ['SET a=`1`;', 'SET "a" = "1"'],
    ['SET a=`1;`', 'SET "a" = "1;"'],
    ['SET a=`1;`;', 'SET "a" = "1;"'],
    ['SET `a`=1;;', 'SET "a" = "1"'],
    ['SET `a`=`1;`', 'SET "a" = "1;"'],
    ['SET `a`=`1;`;', 'SET "a" = "1;"'],
    ["SET TIME ZONE 'America/Los_Angeles'", 'SET "spark.sql.session.timeZone" = "America/Los_Angeles"'],
    ['SET TIME ZONE INTERVAL 10 HOURS', 'SET "spark.sql.session.timeZone" = "+10:00"'],
    ['SET TIME ZONE INTERVAL -1 HOUR 30 MINUTES', 'SET "spark.sql.session.timeZone" = "-00:30"'],
    ['SET TIME ZONE INTERVAL 0 HOURS', 'SET "spark.sql.session.timeZone" = "Z"'],
    ['RESET', 'RESET null'],
    ['RESET spark.sql.key', 'RESET "spark.sql.key"'],
    ['RESET  spark.sql.key  ', 'RESET "spark.sql.key"'],
    ['RESET 1:2:key ', 'RESET "1:2:key"'],
    ['RESET `spark.sql.    key`', 'RESET "spark.sql.    key"'],
  ])('%s', (sql, expected) => {
    expect(stmt(sql)).toBe(expected);
  });

  test('SET TIME ZONE LOCAL takes the process time zone', () => {
    expect(parseStatement('SET TIME ZONE LOCAL')).toEqual(
      expect.objectContaining({ kind: 'setConfig', key: 'spark.sql.session.timeZone', value: Intl.DateTimeFormat().resolvedOptions().timeZone }),
    );
  });

  test('statement origins cover the text without trailing semicolons', () => {
    const sql = 'CREATE TEMP VIEW v AS SELECT 1 ;;';
    const st = parseStatement(sql);
    expect(st.origin).toEqual({ start: 0, stop: 29, sqlText: sql });
    expect(parseStatement('SET a=1;;').origin).toEqual(expect.objectContaining({ start: 0, stop: 6 }));
  });

  test('node origins point into the text', () => {
    const sql = 'SELECT a FROM t AS x JOIN u ON x.k = u.k WHERE a > 1';
    const s = selectOf(sql);
    const text = (o: { start: number; stop: number }) => sql.slice(o.start, o.stop + 1);
    expect(text(s.origin)).toBe(sql);
    expect(text(s.from!.origin)).toBe('t AS x JOIN u ON x.k = u.k');
    if (s.from?.kind !== 'join') throw new Error('join expected');
    expect(text(s.from.left.origin)).toBe('t AS x');
    expect(text(s.from.right.origin)).toBe('u');
    expect(text(s.where!.origin!)).toBe('a > 1');
  });

  test('parseQuery takes only queries', () => {
    const e = parseError(() => parseQuery('SET a=1'));
    expect(e.errorClass).toBe('PARSE_SYNTAX_ERROR');
    expect(e.messageParameters).toEqual({ error: "'SET'", hint: '' });
  });
});

describe('syntax errors (PARSE_SYNTAX_ERROR, Spark positions and hints)', () => {
  test.each([
    // ErrorParserSuite / PlanParserSuite
    ['select 1 1', "'1'", ": extra input '1'", 1, 9],
    ['select *\nfrom r as q t', "'t'", ": extra input 't'", 2, 12],
    ['select * from r order by q from t', "'from'", '', 1, 27],
    ['select *\nfrom r\norder by q\nfrom t', "'from'", '', 4, 0],
    ['select count(*', 'end of input', '', 1, 14],
    ['select ((r + 1) ', 'end of input', '', 1, 16],
    ['select 1 as a from', 'end of input', '', 1, 18],
    ['select * from a left join_ b on a.id = b.id', "'join_'", ": missing 'JOIN'", 1, 21],
    ['SELECT * FROM test WHERE x NOT NULL', "'NOT'", '', 1, 27],
    ['from a', 'end of input', '', 1, 6],
    ['from (from a union all from b) c select *', "'union'", '', 1, 13],
    ['from a select * select * from x where a.s < 10', "'from'", '', 1, 25],
    ['from a select * from b', "'from'", '', 1, 16],
    // more
    ['SELECT * FROM t UNION', 'end of input', '', 1, 21],
    ['SELECT', 'end of input', '', 1, 6],
    ['SELECT a FROM t ORDER BY a UNION SELECT 1', "'UNION'", '', 1, 27],
    ['SELECT a FROM t GROUP BY', 'end of input', '', 1, 24],
    ['SELECT a FROM t GROUP BY a HAVING', 'end of input', '', 1, 33],
    ['SELECT a FROM t ORDER BY', 'end of input', '', 1, 24],
    ['SELECT a FROM t WHERE a =', 'end of input', '', 1, 25],
    ['SELECT a FROM t t2 t3', "'t3'", ": extra input 't3'", 1, 19],
    ['SELECT a, FROM t x', "'x'", ": extra input 'x'", 1, 17],
    ['SELECT * FROM t JOIN', 'end of input', '', 1, 20],
    ['SELECT * FROM t LEFT OUTER u', "'u'", ": missing 'JOIN'", 1, 27],
    ['SELECT * FROM t NATURAL JOIN u ON a = b', "'ON'", '', 1, 31],
    // `AS` is read as the alias (the only reading that gets past JOIN), then JOIN lacks its relation.
    ['SELECT * FROM t AS JOIN', 'end of input', '', 1, 23],
    ['SELECT * FROM (SELECT 1', 'end of input', '', 1, 23],
    ['SELECT * FROM t WHERE a IN (SELECT b FROM u', 'end of input', '', 1, 43],
    ['WITH a AS (SELECT 1)', 'end of input', '', 1, 20],
    ['WITH a AS SELECT 1', "'SELECT'", '', 1, 10],
    ['CREATE TEMPORARY VIEW vx AS WITH s AS (SELECT 9 AS id) INSERT INTO t SELECT 1', "'INSERT'", '', 1, 55],
    ['CREATE GLOBAL VIEW v AS SELECT 1', "'VIEW'", '', 1, 14],
    ['SELECT 1; SELECT 2', "'SELECT'", '', 1, 10],
    [';', "';'", '', 1, 0],
    ['FOO bar', "'FOO'", '', 1, 0],
    ['VALUES', 'end of input', '', 1, 6],
    ['SELECT * FROM range(', 'end of input', '', 1, 20],
  ])('%j', (sql, error, hint, line, pos) => {
    const e = parseError(() => parseStatement(sql));
    expect(e.errorClass).toBe('PARSE_SYNTAX_ERROR');
    expect(e.sqlState).toBe('42601');
    expect(e.messageParameters).toEqual({ error, hint });
    expect(e.rawMessage).toBe(`Syntax error at or near ${error}${hint}.`);
    expect([e.line, e.startPosition]).toEqual([line, pos]);
  });

  test('full message with the caret', () => {
    const e = parseError(() => parseStatement('SELECT * FROM t UNION'));
    expect(e.message).toBe(
      '[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 21)\n\n== SQL ==\nSELECT * FROM t UNION\n---------------------^^^',
    );
  });

  test('empty and comment-only statements', () => {
    for (const sql of ['', '   ', ' \n', '-- only a comment', '/* c */']) {
      const e = parseError(() => parseStatement(sql));
      expect(e.errorClass).toBe('PARSE_EMPTY_STATEMENT');
      expect(e.rawMessage).toBe('Syntax Error, unexpected empty statement.');
    }
  });
});

describe('semantic parse errors', () => {
  test.each([
    // [sql, errorClass, rawMessage, line, pos]
    ['SELECT * FROM table-with-hyphen', 'INVALID_IDENTIFIER', 'table-with-hyphen', 1, 19],
    ['SELECT a-b FROM table-with-hyphen', 'INVALID_IDENTIFIER', 'table-with-hyphen', 1, 21],
    ['SELECT a-b AS a-b FROM t', 'INVALID_IDENTIFIER', 'a-b', 1, 15],
    ['SELECT a-b FROM table-hyphen WHERE a-b = 0', 'INVALID_IDENTIFIER', 'table-hyphen', 1, 21],
    ['SELECT (a - test_func(b-c)) FROM test-table', 'INVALID_IDENTIFIER', 'test-table', 1, 37],
    ['WITH a-b AS (SELECT 1 FROM s) SELECT * FROM s;', 'INVALID_IDENTIFIER', 'a-b', 1, 6],
    ['\nSELECT a, b\nFROM t1 JOIN t2\nUSING (a, b, at-tr)\n', 'INVALID_IDENTIFIER', 'at-tr', 4, 15],
    ['\nSELECT a, b\nFROM grammar-breaker\nWHERE a-b > 10\nGROUP BY fake-breaker\nORDER BY c\n', 'INVALID_IDENTIFIER', 'grammar-breaker', 3, 12],
    ['\nSELECT tb.*\nFROM t-a INNER JOIN tb\nON ta.a = tb.a AND ta.tag = tb.tag\n', 'INVALID_IDENTIFIER', 't-a', 3, 6],
    ['\nFROM test-table\nSELECT a\nSELECT b\n', 'INVALID_IDENTIFIER', 'test-table', 2, 9],
    ['DROP VIEW my-view', 'INVALID_IDENTIFIER', 'my-view', 1, 12],
  ])('%j', (sql, errorClass, ident, line, pos) => {
    const e = parseError(() => parseStatement(sql));
    expect(e.errorClass).toBe(errorClass);
    expect(e.sqlState).toBe('42602');
    expect(e.messageParameters).toEqual({ ident });
    expect(e.rawMessage).toBe(
      `The unquoted identifier ${ident} is invalid and must be back quoted as: \`${ident}\`.\n` +
        "Unquoted identifiers can only contain ASCII letters ('a' - 'z', 'A' - 'Z'), digits ('0' - '9'), and underbar ('_').\n" +
        'Unquoted identifiers must also not start with a digit.\n' +
        'Different data sources and meta stores may impose additional restrictions on valid identifiers.',
    );
    expect([e.line, e.startPosition]).toEqual([line, pos]);
  });

  test('a hyphen in an expression is a minus', () => {
    expect(q('SELECT a, b FROM t WHERE a-b > 10 GROUP BY fake-breaker ORDER BY c')).toBe(
      'SELECT a, b FROM t WHERE >(-(a, b), 10) GROUP BY -(fake, breaker) ORDER BY c ASC NULLS FIRST',
    );
  });

  test.each([
    ['select * from t order by a sort by a', 'UNSUPPORTED_FEATURE.COMBINATION_QUERY_RESULT_CLAUSES', '0A000', 'The feature is not supported: Combination of ORDER BY/SORT BY/DISTRIBUTE BY/CLUSTER BY.', 1, 16],
    ['select * from t cluster by a distribute by a', 'UNSUPPORTED_FEATURE.COMBINATION_QUERY_RESULT_CLAUSES', '0A000', 'The feature is not supported: Combination of ORDER BY/SORT BY/DISTRIBUTE BY/CLUSTER BY.', 1, 16],
    ['select * from t order by a cluster by a', 'UNSUPPORTED_FEATURE.COMBINATION_QUERY_RESULT_CLAUSES', '0A000', 'The feature is not supported: Combination of ORDER BY/SORT BY/DISTRIBUTE BY/CLUSTER BY.', 1, 16],
    ['select *\nfrom r\norder by q\ncluster by q', 'UNSUPPORTED_FEATURE.COMBINATION_QUERY_RESULT_CLAUSES', '0A000', 'The feature is not supported: Combination of ORDER BY/SORT BY/DISTRIBUTE BY/CLUSTER BY.', 3, 0],
    ['with cte1 (select 1), cte1 as (select 1 from cte1) select * from cte1', 'DUPLICATED_CTE_NAMES', '42602', "CTE definition can't have duplicate names: 'cte1'.", 1, 0],
    ['select * from a natural cross join b', 'INCOMPATIBLE_JOIN_TYPES', '42613', 'The join types NATURAL and CROSS are incompatible.', 1, 14],
    ['SELECT * FROM t GROUP BY CUBE(a, ())', '_LEGACY_ERROR_TEMP_0051', undefined, 'Empty set in CUBE grouping sets is not supported.', 1, 25],
    ['SELECT * FROM t GROUP BY ROLLUP(())', '_LEGACY_ERROR_TEMP_0051', undefined, 'Empty set in ROLLUP grouping sets is not supported.', 1, 25],
    ['SELECT * FROM t, LATERAL u', 'INVALID_SQL_SYNTAX.LATERAL_WITHOUT_SUBQUERY_OR_TABLE_VALUED_FUNC', '42000', 'Invalid SQL syntax: LATERAL can only be used with subquery and table-valued functions.', 1, 25],
    ['SELECT * FROM t JOIN LATERAL (SELECT 1) s USING (a)', 'UNSUPPORTED_FEATURE.LATERAL_JOIN_USING', '0A000', 'The feature is not supported: JOIN USING with LATERAL correlation.', 1, 14],
    [
      'SELECT * FROM t RIGHT JOIN LATERAL (SELECT 1) s',
      'INVALID_LATERAL_JOIN_TYPE',
      '42613',
      'The RIGHT OUTER JOIN with LATERAL correlation is not allowed because an OUTER subquery cannot correlate to its join partner. Remove the LATERAL correlation or use an INNER JOIN, or LEFT OUTER JOIN instead.',
      1,
      14,
    ],
    ['CREATE TEMPORARY VIEW IF NOT EXISTS v AS SELECT 1 AS id', '_LEGACY_ERROR_TEMP_0053', undefined, 'It is not allowed to define a TEMPORARY view with IF NOT EXISTS.', 1, 0],
    ['CREATE OR REPLACE TEMPORARY VIEW IF NOT EXISTS v AS SELECT 1 AS id', '_LEGACY_ERROR_TEMP_0052', undefined, 'CREATE VIEW with both IF NOT EXISTS and REPLACE is not allowed.', 1, 0],
    ["CREATE TEMPORARY VIEW vp TBLPROPERTIES ('k'='v') AS SELECT 1 AS id", '_LEGACY_ERROR_TEMP_0035', undefined, "Operation not allowed: TBLPROPERTIES can't coexist with CREATE TEMPORARY VIEW.", 1, 0],
    [
      'CREATE TEMPORARY VIEW a.b AS SELECT 1 AS id',
      'TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS',
      '428EK',
      'CREATE TEMPORARY VIEW or the corresponding Dataset APIs only accept single-part view names, but got: `a`.`b`.',
      1,
      0,
    ],
    ['CREATE TEMPORARY VIEW sc.ns.q AS SELECT 1 AS id', 'IDENTIFIER_TOO_MANY_NAME_PARTS', '42601', '`sc`.`ns`.`q` is not a valid identifier as it has more than 2 name parts.', 1, 0],
    ["CREATE TEMP VIEW v COMMENT 'a' COMMENT 'b' AS SELECT 1", 'DUPLICATE_CLAUSES', '42614', 'Found duplicate clauses: COMMENT. Please, remove one of them.', 1, 0],
    ['EXPLAIN LOGICAL SELECT 1', 'INVALID_STATEMENT_OR_CLAUSE', '42601', 'The statement or clause: EXPLAIN LOGICAL is not valid.', 1, 0],
    ['SET ROLE admin', 'INVALID_STATEMENT_OR_CLAUSE', '42601', 'The statement or clause: SET ROLE is not valid.', 1, 0],
    [
      'SET spark.sql.key value',
      'INVALID_SET_SYNTAX',
      '42000',
      "Expected format is 'SET', 'SET key', or 'SET key=value'. If you want to include special characters in key, or include semicolon in value, please use backquotes, e.g., SET `key`=`value`.",
      1,
      0,
    ],
    ['SET a b=`1;;`', 'INVALID_PROPERTY_KEY', '42602', '"a b" is an invalid property key, please use quotes, e.g. SET "a b"="1;;".', 1, 0],
    ['SET `a`=1;2;;', 'INVALID_PROPERTY_VALUE', '42602', '"1;2;;" is an invalid property value, please use quotes, e.g. SET "a"="1;2;;"', 1, 0],
    [
      'RESET spark.sql.key1 key2',
      'INVALID_RESET_COMMAND_FORMAT',
      '42000',
      "Expected format is 'RESET' or 'RESET key'. If you want to include special characters in key, please use quotes, e.g., RESET `key`.",
      1,
      0,
    ],
    [
      'SET TIME ZONE INTERVAL 19 HOURS',
      'INVALID_INTERVAL_FORMAT.TIMEZONE_INTERVAL_OUT_OF_RANGE',
      '22006',
      "Error parsing '19' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. The interval value must be in the range of [-18, +18] hours with second precision.",
      1,
      14,
    ],
    ['SET TIME ZONE 1', '_LEGACY_ERROR_TEMP_0045', undefined, 'Invalid time zone displacement value.', 1, 0],
    ['SET k=`v` /*', 'UNCLOSED_BRACKETED_COMMENT', '42601', 'Found an unclosed bracketed comment. Please, append */ at the end of the comment.', 1, 10],
    ['SELECT 1 /* x', 'UNCLOSED_BRACKETED_COMMENT', '42601', 'Found an unclosed bracketed comment. Please, append */ at the end of the comment.', 1, 9],
  ])('%j', (sql, errorClass, sqlState, rawMessage, line, pos) => {
    const e = parseError(() => parseStatement(sql));
    expect(e.errorClass).toBe(errorClass);
    expect(e.sqlState).toBe(sqlState);
    expect(e.rawMessage).toBe(rawMessage);
    expect([e.line, e.startPosition]).toEqual([line, pos]);
  });

  test('legacy error classes render without the class prefix', () => {
    const e = parseError(() => parseStatement('CREATE TEMPORARY VIEW IF NOT EXISTS v AS SELECT 1'));
    expect(e.message.split('\n')[0]).toBe('It is not allowed to define a TEMPORARY view with IF NOT EXISTS. (line 1, pos 0)');
  });

  test.each([
    // SET errors are on the whole statement, the fragment ends before trailing semicolons.
    ['SET spark.sql.key   \'value\''],
    ['SET    spark.sql.key "value" '],
    ['SET spark.sql.key value1 value2'],
    ['SET spark.   sql.key=value'],
    ['SET spark   :sql:key=value'],
    ['SET spark .  sql.key=value'],
    ['SET =value'],
    ['SET ='],
    ['SET a=1; SELECT 1'],
    ['SET a=1;2;;'],
  ])('INVALID_SET_SYNTAX: %s', (sql) => {
    expect(parseError(() => parseStatement(sql)).errorClass).toBe('INVALID_SET_SYNTAX');
  });

  test.each([['RESET spark.  sql.key1 key2'], ['RESET spark.sql.key1 key2 key3'], ['RESET spark:   sql:key'], ['RESET spark.sql   .key']])(
    'INVALID_RESET_COMMAND_FORMAT: %s',
    (sql) => {
      expect(parseError(() => parseStatement(sql)).errorClass).toBe('INVALID_RESET_COMMAND_FORMAT');
    },
  );

  test('a syntax error later in the text wins over a semantic one', () => {
    const e = parseError(() => parseStatement('select * from t order by a sort by a limit'));
    expect(e.errorClass).toBe('PARSE_SYNTAX_ERROR');
    const e2 = parseError(() => parseStatement('WITH a AS (SELECT 1), a AS (SELECT 2) SELECT * FROM a WHERE x ='));
    expect(e2.errorClass).toBe('PARSE_SYNTAX_ERROR');
  });

  test.each([
    ['create table t1(a int, b int NOT NULL, c string) using parquet', 'CREATE TABLE t1(a int, b int NOT NULL, c string) USING parquet'],
    ["CREATE TABLE IF NOT EXISTS default.t (a INT COMMENT 'x') USING json OPTIONS ('k' = 'v') PARTITIONED BY (a) TBLPROPERTIES ('p' = '1')", 'CREATE TABLE IF NOT EXISTS default.t(a int) USING json'],
    ['CREATE OR REPLACE TABLE t USING parquet AS SELECT 1 AS a', 'CREATE OR REPLACE TABLE t USING parquet AS SELECT 1 AS a'],
    ['insert into t1 values(1,0,null)', 'INSERT INTO t1 VALUES (1, 0, null)'],
    ['INSERT INTO TABLE t (b, a) SELECT 1, 2', 'INSERT INTO t(b, a) SELECT 1, 2'],
    ['INSERT OVERWRITE t (SELECT 1)', 'INSERT OVERWRITE t (SELECT 1)'],
    ['DROP TABLE IF EXISTS t PURGE', 'DROP TABLE IF EXISTS t'],
  ])('table statement: %s', (sql, shown) => {
    expect(stmt(sql)).toBe(shown);
  });

  test.each([
    ['SELECT * FROM t LATERAL VIEW explode(a) e AS x PIVOT (sum(x) FOR b IN (1))', 'PIVOT'],
    ['SELECT * FROM t LATERAL VIEW explode(a) e AS x UNPIVOT (v FOR n IN (x))', 'UNPIVOT'],
  ])('a LATERAL VIEW before PIVOT or UNPIVOT is refused as Spark does: %s', (sql, clause) => {
    const e = parseError(() => parseStatement(sql));
    expect(e.errorClass).toBe(`NOT_ALLOWED_IN_FROM.LATERAL_WITH_${clause}`);
    expect(e.rawMessage).toBe(`Not allowed in the FROM clause: LATERAL together with ${clause}.`);
  });

  test.each([
    ['UPDATE t SET a = 1', 'UPDATE statements'],
    ['CREATE TABLE t (a INT) CLUSTERED BY (a) INTO 2 BUCKETS', 'CREATE TABLE ... CLUSTERED'],
    ['CREATE VIEW v AS SELECT 1', 'CREATE VIEW without TEMPORARY (persistent views)'],
    ['DESCRIBE FUNCTION upper', 'DESCRIBE of functions and namespaces'],
    ['DESCRIBE DATABASE default', 'DESCRIBE of functions and namespaces'],
    ['DESCRIBE EXTENDED t', 'DESCRIBE TABLE EXTENDED and FORMATTED'],
    ['DESC TABLE FORMATTED t', 'DESCRIBE TABLE EXTENDED and FORMATTED'],
    ['DESCRIBE t a', 'DESCRIBE of table columns and partitions'],
    ['SELECT * FROM t WINDOW w AS (PARTITION BY a)', 'WINDOW clause'],
    ['SELECT * FROM t TABLESAMPLE (10 ROWS)', 'TABLESAMPLE'],
    ['SELECT * EXCEPT (a) FROM t', 'SELECT * EXCEPT (columns)'],
    ['WITH RECURSIVE r AS (SELECT 1) SELECT * FROM r', 'WITH RECURSIVE'],
  ])('not supported: %s', (sql, feature) => {
    const e = parseError(() => parseStatement(sql));
    expect(e.errorClass).toBe('UNSUPPORTED_FEATURE');
    expect(e.rawMessage).toBe(`The feature is not supported: ${feature}.`);
  });
});
