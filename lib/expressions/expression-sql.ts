// Spark's "pretty SQL" of an expression: the auto-generated column name of an unaliased select
// item (`count(1)`, `(a + 1)`, `split(value,  , -1)`) and the text quoted in error messages.
import type { Expression } from './expression';

export function prettySql(e: Expression): string {
  switch (e.kind) {
    case 'attribute':
      return e.name;
    case 'literal':
      return prettyLiteral(e.value);
    case 'alias':
      return e.name;
    case 'cast':
      return e.implicit ? prettySql(e.child) : `${e.tryCast ? 'TRY_CAST' : 'CAST'}(${prettySql(e.child)} AS ${e.dataType.toDDL()})`;
    case 'caseWhen': {
      const parts = e.branches.map((b) => ` WHEN ${prettySql(b.condition)} THEN ${prettySql(b.value)}`).join('');
      const elsePart = e.elseValue ? ` ELSE ${prettySql(e.elseValue)}` : '';
      return `CASE${parts}${elsePart} END`;
    }
    case 'scalarCall': {
      const args = (e.displayArgs ?? e.args).map(prettySql);
      return e.fn.sql ? e.fn.sql(args) : `${e.fn.name}(${args.join(', ')})`;
    }
    case 'aggregateCall': {
      const args = e.args.map(prettySql);
      const body = e.fn.sql ? e.fn.sql(args, e.distinct) : `${e.fn.name}(${e.distinct ? 'DISTINCT ' : ''}${args.join(', ')})`;
      return e.filter ? `${body} FILTER (WHERE ${prettySql(e.filter)})` : body;
    }
    case 'generatorCall':
      return `${e.fn.name}(${e.args.map(prettySql).join(', ')})`;
  }
}

function prettyLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'bigint') return `${value}`;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}
