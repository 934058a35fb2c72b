// A structural key for "same expression" tests (grouping expressions vs select items).
import type { Expression } from './expression';

export function expressionKey(e: Expression): string {
  switch (e.kind) {
    case 'attribute':
      return `#${e.exprId}`;
    case 'literal':
      return `lit(${typeof e.value === 'bigint' ? `${e.value}L` : JSON.stringify(e.value)}:${e.dataType.simpleString()})`;
    case 'alias':
      return expressionKey(e.child);
    case 'cast':
      return `cast(${expressionKey(e.child)}:${e.dataType.simpleString()}:${e.tryCast})`;
    case 'caseWhen':
      return `case(${e.branches.map((b) => `${expressionKey(b.condition)}->${expressionKey(b.value)}`).join(',')};${e.elseValue ? expressionKey(e.elseValue) : ''})`;
    case 'lambdaVariable':
      return `lambda#${e.exprId}`;
    case 'lambdaFunction':
      return `lambda(${e.params.map(expressionKey).join(',')}->${expressionKey(e.body)})`;
    case 'scalarCall':
    case 'aggregateCall':
    case 'generatorCall':
      return `${e.kind}:${e.fn.name}(${e.args.map(expressionKey).join(',')}${e.kind === 'aggregateCall' && e.distinct ? ',distinct' : ''})`;
  }
}
