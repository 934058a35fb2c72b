// groupBy(...).transformWithState(statefulProcessor, outputStructType, outputMode, timeMode,
// initialState?, eventTimeColumnName?) as PySpark 4.1+ spells it (rows are Rows), and
// transformWithStateInPandas(...) (PySpark 4.0+: rows come as frames, arrays of Rows, Rivulet's
// stand-in for pandas DataFrames). Both build one TransformWithState plan node; see
// execution/transform-with-state-exec.ts for what runs per batch.
import { outputOf, type LogicalPlan } from '../plans/logical-plan';
import { attribute, type Attribute } from '../expressions/expression';
import { StructType } from '../types/struct-type';
import type { Row } from '../types/row';
import { parseTableSchema } from '../types/ddl';
import { toExternalRows } from '../types/external-row';
import { rowsFromUserData } from '../types/user-data-rows';
import { PySparkTypeError, IllegalArgumentException } from '../errors/illegal-argument-exception';
import { StatefulProcessor } from '../execution/stateful-processor';
import type { TransformWithStateAdapter } from '../execution/transform-with-state-exec';
import type { TimeMode as TimeModeName } from '../execution/stateful-processor-handle';
import { groupingColumns, type StatefulGroupingArgs } from './grouped-state-functions';

/** PySpark's spark.sql.execution.arrow.maxRecordsPerBatch: rows per frame (transformWithStateInPandas). */
const ROWS_PER_FRAME = 10_000;

export { TimeMode } from './time-mode';

function timeModeArg(mode: unknown): TimeModeName {
  switch (typeof mode === 'string' ? mode.toLowerCase() : undefined) {
    case 'none':
      return 'None';
    case 'processingtime':
      return 'ProcessingTime';
    case 'eventtime':
      return 'EventTime';
    default:
      // Spark's TimeModes.apply throws a SparkIllegalArgumentException (PySpark: IllegalArgumentException).
      throw new IllegalArgumentException(`Unknown time mode ${String(mode)}. Accepted timeMode modes are 'none', 'processingTime', 'eventTime'`, {
        errorClass: 'STATEFUL_PROCESSOR_UNKNOWN_TIME_MODE',
        sqlState: '42802',
        messageParameters: { timeMode: String(mode) },
      });
  }
}

/** Spark's InternalOutputModes(name); Complete is refused by the checker when the query starts. */
function outputModeArg(mode: unknown): 'append' | 'update' | 'complete' {
  const m = typeof mode === 'string' ? mode.toLowerCase() : '';
  if (m === 'append' || m === 'update' || m === 'complete') return m;
  throw new IllegalArgumentException(`Invalid streaming output mode: ${String(mode)}. Accepted output modes are 'Append', 'Complete', 'Update'.`, {
    errorClass: 'STREAMING_OUTPUT_MODE.INVALID',
    sqlState: '42KDE',
    messageParameters: { outputMode: String(mode) },
  });
}

function schemaArg(schema: StructType | string): StructType {
  if (schema instanceof StructType) return schema;
  if (typeof schema === 'string') return parseTableSchema(schema);
  throw new PySparkTypeError('NOT_STR_OR_STRUCT', `Argument \`outputStructType\` should be a str or StructType, got ${typeof schema}.`, { arg_name: 'outputStructType', arg_type: typeof schema });
}

/** What `initialState` must be: a grouped DataFrame (df.groupBy(...)). */
export interface GroupedInitialState {
  readonly plan: LogicalPlan;
  readonly groupingAttributes: Attribute[];
}

export function transformWithState(
  args: StatefulGroupingArgs,
  api: 'transformWithState' | 'transformWithStateInPandas',
  processor: StatefulProcessor,
  outputStructType: StructType | string,
  outputMode: string,
  timeMode: string,
  initialState: GroupedInitialState | undefined,
): LogicalPlan {
  if (!(processor instanceof StatefulProcessor) && (typeof processor !== 'object' || processor === null || typeof (processor as { handleInputRows?: unknown }).handleInputRows !== 'function')) {
    throw new PySparkTypeError('NOT_EXPECTED_TYPE', `Argument \`statefulProcessor\` should be a StatefulProcessor, got ${typeof processor}.`, { arg_name: 'statefulProcessor', expected_type: 'StatefulProcessor', arg_type: typeof processor });
  }
  const output = schemaArg(outputStructType);
  const mode = outputModeArg(outputMode);
  const time = timeModeArg(timeMode);
  const { child, grouping, dataWidth } = groupingColumns(args);
  const dataSchema = StructType(outputOf(child).slice(0, dataWidth).map((a) => ({ name: a.name, dataType: a.dataType, nullable: a.nullable }) as never));
  const keySchema = StructType(grouping.map((a) => ({ name: a.name, dataType: a.dataType, nullable: a.nullable }) as never));
  const initialSchema = initialState ? StructType(outputOf(initialState.plan).map((a) => ({ name: a.name, dataType: a.dataType, nullable: a.nullable }) as never)) : undefined;
  const pandas = api === 'transformWithStateInPandas';
  const adapter: TransformWithStateAdapter = {
    key: (values) => [...toExternalRows(keySchema, [values as unknown[]])[0]],
    input: (rows) => {
      const external = toExternalRows(dataSchema, rows.map((r) => (r.length === dataWidth ? (r as unknown[]) : r.slice(0, dataWidth))));
      if (!pandas) return external.values();
      const frames: Row[][] = [];
      for (let i = 0; i < external.length; i += ROWS_PER_FRAME) frames.push(external.slice(i, i + ROWS_PER_FRAME));
      return frames.values();
    },
    initialRow: (row) => {
      const r = toExternalRows(initialSchema!, [row as unknown[]])[0];
      return pandas ? [r] : r;
    },
    output: (items) => {
      const out: unknown[] = [];
      for (const item of items) {
        if (pandas && Array.isArray(item) && item.length > 0 && typeof item[0] === 'object' && item[0] !== null) out.push(...item);
        else out.push(item);
      }
      return rowsFromUserData(out, output, 'UTC').rows;
    },
  };
  return {
    kind: 'transformWithState',
    api,
    processor,
    adapter,
    processorName: (processor as object).constructor?.name || 'StatefulProcessor',
    groupingAttributes: grouping,
    output: output.fields.map((f) => attribute(f.name, f.dataType, f.nullable)),
    outputMode: mode,
    timeMode: time,
    initialState: initialState ? { plan: initialState.plan, groupingAttributes: initialState.groupingAttributes } : undefined,
    child,
  };
}
