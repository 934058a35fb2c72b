// Evaluates expressions that need no input row (LIMIT counts, VALUES rows, table-function
// arguments), as Spark requires those to be foldable.
import { AnalysisException } from '../errors/analysis-exception';
import type { Expression } from '../expressions/expression';
import { forEachExpression } from '../expressions/expression';
import { compileExpression } from '../expressions/compiler';
import type { CompileContext } from '../expressions/function-definition';
import type { UnresolvedExpression } from '../expressions/unresolved';
import { prettySql } from '../expressions/expression-sql';
import { ExpressionResolver, type ResolverContext } from './expression-resolver';

export function resolveConstant(u: UnresolvedExpression, ctx: ResolverContext): Expression {
  const e = new ExpressionResolver([], ctx).resolve(u);
  let foldable = true;
  forEachExpression(e, (x) => {
    if (x.kind === 'attribute' || x.kind === 'aggregateCall' || x.kind === 'generatorCall') foldable = false;
  });
  if (!foldable) {
    throw new AnalysisException(`The expression ${prettySql(e)} must be a constant.`, {
      errorClass: 'INVALID_INLINE_TABLE.CANNOT_EVALUATE_EXPRESSION_IN_INLINE_TABLE',
      sqlState: '42000',
      messageParameters: { expr: `"${prettySql(e)}"` },
    });
  }
  return e;
}

export function evaluateConstant(e: Expression, compile: CompileContext): unknown {
  return compileExpression(e.kind === 'alias' ? e.child : e, [], compile)([]);
}
