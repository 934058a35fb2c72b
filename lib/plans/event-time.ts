// Which output columns of a plan carry event time, and with what watermark delay. Spark keeps this
// as `spark.watermarkDelayMs` metadata on the attribute; Rivulet derives it from the plan instead
// (attributes have no metadata), following the same propagation rules: withWatermark marks its
// column (and unmarks any earlier one), projections keep it on plain and aliased references, and
// a window(...) over an event-time column is event time too (Spark's TimeWindowing copies the
// metadata onto the `window` column).
import type { Attribute, Expression } from '../expressions/expression';
import { AnalysisException } from '../errors/analysis-exception';
import { TIME_WINDOW_EXPAND } from '../expressions/functions/datetime-window';
import { SESSION_WINDOW } from '../expressions/functions/datetime-session-window';
import { childrenOf, outputOf, type LogicalPlan } from './logical-plan';

/** Spark's EventTimeWatermark.delayKey. */
export const WATERMARK_DELAY_KEY = 'spark.watermarkDelayMs';

/** Event-time columns of `plan`'s output: exprId -> watermark delay in ms. */
export function eventTimeColumns(plan: LogicalPlan): Map<number, number> {
  switch (plan.kind) {
    case 'eventTimeWatermark':
      return new Map([[plan.eventTime.exprId, plan.delayMs]]);
    case 'streamingRelation':
    case 'localRelation':
    case 'flatMapGroupsWithState':
    case 'transformWithState':
      // A stateful function's output carries no watermark (Spark drops the metadata).
      return new Map();
    case 'project':
    case 'aggregate': {
      const input = eventTimeColumns(plan.child);
      const list = plan.kind === 'project' ? plan.projectList : plan.aggregateExpressions;
      const out = new Map<number, number>();
      for (const item of list) {
        if (item.kind === 'attribute') {
          const delay = input.get(item.exprId);
          if (delay !== undefined) out.set(item.exprId, delay);
          continue;
        }
        const delay = derivedDelay(item.child, input);
        if (delay !== undefined) out.set(item.exprId, delay);
      }
      return out;
    }
    case 'generate': {
      const out = new Map(eventTimeColumns(plan.child));
      const g = plan.generator;
      if (g.fn.name === TIME_WINDOW_EXPAND && g.args.length > 0 && plan.generatorOutput.length === 1) {
        const delay = timeColumnDelay(g.args[0], out);
        if (delay !== undefined) out.set(plan.generatorOutput[0].exprId, delay);
      }
      return out;
    }
    case 'union': {
      // Union's output is the first child's columns (new exprIds), by position.
      const first = plan.children[0];
      const input = eventTimeColumns(first);
      const out = new Map<number, number>();
      outputOf(first).forEach((a, i) => {
        const delay = input.get(a.exprId);
        if (delay !== undefined && plan.output[i]) out.set(plan.output[i].exprId, delay);
      });
      return out;
    }
    case 'except':
    case 'intersect':
      return eventTimeColumns(plan.left);
    default: {
      // Pass-through and multi-input nodes (filter, sort, joins, ...): the inputs' columns.
      const out = new Map<number, number>();
      for (const c of childrenOf(plan)) for (const [id, delay] of eventTimeColumns(c)) out.set(id, delay);
      return out;
    }
  }
}

/** The delay an expression inherits as a select item: a column reference or a window over one. */
function derivedDelay(e: Expression, input: ReadonlyMap<number, number>): number | undefined {
  if (e.kind === 'attribute') return input.get(e.exprId);
  // window(...) and session_window(...) over an event-time column carry its watermark (Spark's
  // TimeWindowing / SessionWindowing copy the metadata).
  if (e.kind === 'scalarCall' && (e.fn.name === 'window' || e.fn.name === SESSION_WINDOW) && e.args.length > 0) return timeColumnDelay(e.args[0], input);
  return undefined;
}

/** window(time, ...): the time column's delay; window_time(window) keeps the window's. */
function timeColumnDelay(time: Expression, input: ReadonlyMap<number, number>): number | undefined {
  if (time.kind === 'attribute') return input.get(time.exprId);
  if (time.kind === 'scalarCall' && time.fn.name === 'window_time' && time.args[0]?.kind === 'attribute') return input.get(time.args[0].exprId);
  return undefined;
}

/** Whether any column of the plan's output is an event-time column (has a watermark). */
export function hasEventTimeColumn(plan: LogicalPlan): boolean {
  return eventTimeColumns(plan).size > 0;
}

/**
 * Spark's WatermarkSupport.findEventTimeColumn(attrs, allowMultipleEventTimeColumns = false): a
 * stateful operator whose input carries two different event-time columns (a join of two
 * watermarked streams, then dropDuplicates) is refused. Returns the ordinal of the one column, or -1.
 */
export function singleEventTimeOrdinal(attrs: readonly Attribute[], delays: ReadonlyMap<number, number>): number {
  const found = attrs.filter((a) => delays.has(a.exprId));
  if (new Set(found.map((a) => a.exprId)).size > 1) {
    const eventTimeCols = `(${found.map((a) => `${a.name}#${a.exprId}-T${delays.get(a.exprId)}ms`).join(',')})`;
    throw new AnalysisException(`More than one event time columns are available. Please ensure there is at most one event time column per stream. event time columns: ${eventTimeCols}`, {
      errorClass: '_LEGACY_ERROR_TEMP_3077',
      messageParameters: { eventTimeCols },
    });
  }
  return found.length === 0 ? -1 : attrs.indexOf(found[0]);
}
