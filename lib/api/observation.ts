// pyspark.sql.Observation and DataFrame.observe: named aggregate metrics computed over the rows
// passing a point of the plan (Spark's CollectMetrics). A batch DataFrame's first action fills
// its Observation; a streaming query reports them per micro-batch in progress.observedMetrics.
import { AnalysisException } from '../errors/analysis-exception';
import { PySparkAssertionError, PySparkValueError } from '../errors/illegal-argument-exception';
import { forEachExpression, type Expression, type NamedExpression } from '../expressions/expression';
import { prettySql } from '../expressions/expression-sql';
import type { LogicalPlan } from '../plans/logical-plan';
import { outputOf } from '../plans/logical-plan';
import { Row } from '../types/row';
import { StructField, StructType } from '../types/struct-type';
import { Column } from './column';
import { notExpectedType } from './argument-checks';
import type { SessionContext } from './session-context';
import { lazy } from '../util/lazy';

const expressionResolverModule = lazy(() => require('../analysis/expression-resolver') as typeof import('../analysis/expression-resolver'));
const planBuilderModule = lazy(() => require('../analysis/plan-builder') as typeof import('../analysis/plan-builder'));
const externalRowModule = lazy(() => require('../types/external-row') as typeof import('../types/external-row'));

export class Observation {
  private readonly observationName: string;
  private attached = false;
  private result: Record<string, unknown> | undefined;

  constructor(name?: string | null) {
    if (name !== undefined && name !== null) {
      if (typeof name !== 'string') throw notExpectedType('name', 'str', name);
      if (name === '') throw new PySparkValueError('VALUE_NOT_NON_EMPTY_STR', "Value for `name` must be a non-empty string, got ''.", { arg_name: 'name', arg_value: '' });
    }
    this.observationName = name ?? (require('node:crypto') as typeof import('node:crypto')).randomUUID();
  }

  get name(): string {
    return this.observationName;
  }

  /**
   * The metrics of the observed DataFrame's first action, as a plain object. Rivulet runs actions
   * synchronously, so there is nothing to wait for: before any action this fails.
   */
  get get(): Record<string, unknown> {
    if (!this.attached) throw new PySparkAssertionError('NO_OBSERVE_BEFORE_GET', 'Should observe by calling `DataFrame.observe` before `get`.');
    if (!this.result) throw new PySparkAssertionError('NO_OBSERVATION_RESULT', 'No action has run on the observed DataFrame yet: run an action (collect, count, show...) before `get`.');
    return { ...this.result };
  }

  /** Internal: DataFrame.observe attaches the observation once. */
  attach(): (row: Record<string, unknown>) => void {
    if (this.attached) throw new PySparkAssertionError('REUSE_OBSERVATION', 'An Observation can be used with a DataFrame only once.');
    this.attached = true;
    return (row) => {
      // Only the first action's result is kept, as in Spark.
      if (!this.result) this.result = row;
    };
  }
}

function invalidMetrics(sub: string, text: string, params: Record<string, string>): AnalysisException {
  return new AnalysisException(`Invalid observed metrics. ${text}`, { errorClass: `INVALID_OBSERVED_METRICS.${sub}`, sqlState: '42K0E', messageParameters: params });
}

function sqlWithAlias(e: NamedExpression): string {
  return e.kind === 'alias' ? `${prettySql(e.child)} AS ${e.name}` : prettySql(e);
}

/** Spark's CheckAnalysis of CollectMetrics: attributes only inside aggregates, no DISTINCT. */
function checkMetric(item: NamedExpression): void {
  const check = (e: Expression, inAggregate: boolean): void => {
    forEachExpression(e, (x) => {
      if (x.kind === 'aggregateCall') {
        if (x.distinct) throw invalidMetrics('AGGREGATE_EXPRESSION_WITH_DISTINCT_UNSUPPORTED', `Aggregate expressions with DISTINCT are not allowed in observed metrics, but found: "${sqlWithAlias(item)}".`, { expr: `"${sqlWithAlias(item)}"` });
        if (x.filter) throw invalidMetrics('AGGREGATE_EXPRESSION_WITH_FILTER_UNSUPPORTED', `Aggregate expression with FILTER predicate are not allowed in observed metrics, but found: "${sqlWithAlias(item)}".`, { expr: `"${sqlWithAlias(item)}"` });
        for (const a of x.args) check(a, true);
        return true;
      }
      if (x.kind === 'attribute' && !inAggregate) throw invalidMetrics('NON_AGGREGATE_FUNC_ARG_IS_ATTRIBUTE', `Attribute "${sqlWithAlias(item)}" can only be used as an argument to an aggregate function.`, { expr: `"${sqlWithAlias(item)}"` });
      return false;
    });
  };
  check(item.kind === 'alias' ? item.child : item, false);
}

/** df.observe(observation | name, ...exprs): the CollectMetrics plan over `child`. */
export function observePlan(session: SessionContext, child: LogicalPlan, observation: Observation | string, exprs: Column[]): LogicalPlan {
  if (exprs.length === 0) throw new PySparkValueError('CANNOT_BE_EMPTY', 'At least one exprs must be specified.', { item: 'exprs' });
  for (const c of exprs) if (!(c instanceof Column)) throw notExpectedType('exprs', 'list[Column]', exprs);
  if (!(observation instanceof Observation) && typeof observation !== 'string') throw notExpectedType('observation', 'Observation or str', observation);
  const resolver = new (expressionResolverModule().ExpressionResolver)(outputOf(child), session.resolverContext());
  const metrics = exprs.map((c) => planBuilderModule().toSelectItem(resolver.resolve(c.expr)) as NamedExpression);
  for (const m of metrics) checkMetric(m);
  const name = observation instanceof Observation ? observation.name : observation;
  let report: ((values: unknown[]) => void) | undefined;
  if (observation instanceof Observation) {
    const deliver = observation.attach();
    const schema = new StructType(metrics.map((m) => new StructField(m.name, m.dataType, true)));
    const options = externalRowModule().externalValueOptions((k) => session.confGet(k));
    report = (values) => deliver((externalRowModule().toExternalRows(schema, [values], options)[0] as Row).asDict());
  }
  return { kind: 'collectMetrics', name, metrics, child, report };
}

/** The observed metrics of one streaming batch as progress reports them: `{ name: Row }`. */
export function observedMetricsRows(plan: LogicalPlan, values: ReadonlyMap<string, unknown[]>, conf: (key: string) => string | undefined): Record<string, Row> {
  const out: Record<string, Row> = {};
  const nodes = (require('../plans/logical-plan') as typeof import('../plans/logical-plan')).collectNodes(plan, 'collectMetrics');
  const options = externalRowModule().externalValueOptions(conf);
  for (const node of nodes) {
    const v = values.get(node.name);
    if (!v) continue;
    const schema = new StructType(node.metrics.map((m) => new StructField(m.name, m.dataType, true)));
    out[node.name] = externalRowModule().toExternalRows(schema, [v], options)[0] as Row;
  }
  return out;
}
