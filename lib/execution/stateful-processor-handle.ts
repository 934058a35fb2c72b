// The StatefulProcessorHandle of transformWithState and its state variables (PySpark's
// StatefulProcessorHandle, ValueState, ListState, MapState). Variables are declared in init() and
// always act on the key being processed (Spark's implicit grouping key). Values are rows of the
// variable's schema: given as arrays (PySpark's tuples), objects or Rows, read back as Rows.
// With a TTL (timeMode "ProcessingTime" only) each value, list element and map entry expires
// `ttlDurationMs` after the batch that wrote it: it reads as absent from then on and is removed
// from the state store at the end of that batch.
import { StructType } from '../types/struct-type';
import { parseTableSchema } from '../types/ddl';
import { toExternalRows } from '../types/external-row';
import { rowsFromUserData } from '../types/user-data-rows';
import type { Row } from '../types/row';
import { SparkException } from '../errors/spark-exception';
import { PySparkTypeError } from '../errors/illegal-argument-exception';
import { encodeCompositeKey } from '../util/group-key';

/** Spark's TimeMode, as transformWithState's `timeMode` argument names it. */
export type TimeMode = 'None' | 'ProcessingTime' | 'EventTime';

/** Spark's StatefulProcessorHandleState: what the handle allows in each phase. */
export type HandleState = 'CREATED' | 'PRE_INIT' | 'INITIALIZED' | 'DATA_PROCESSED' | 'TIMER_PROCESSED' | 'CLOSED';

/** Scala's TTLConfig(ttlDuration); PySpark passes `ttlDurationMs` instead (both accepted). */
export interface TTLConfig {
  ttlDuration: number;
}

export const NO_EXPIRY = -1;

/** A state variable as init() declared it (kept in the operator's state schema file). */
export interface StateVariableInfo {
  name: string;
  kind: 'ValueState' | 'ListState' | 'MapState';
  /** The value (or map value) schema, as StructType.simpleString. */
  valueSchema: string;
  /** MapState: the user key schema. */
  userKeySchema?: string;
  /** The schemas as Scala's StructType.toString prints them (Spark's schema error texts). */
  valueSchemaText?: string;
  userKeySchemaText?: string;
}

/** Scala's StructType.toString: StructType(StructField(c,LongType,true),...). */
function scalaStructString(schema: StructType): string {
  return `StructType(${schema.fields.map((f) => `StructField(${f.name},${f.dataType.toString().replace(/\(\)$/, '')},${f.nullable})`).join(',')})`;
}

/** What transformWithState keeps per grouping key (one state store entry). */
export interface KeyState {
  key: unknown[];
  /** name -> [row, expiry ms or NO_EXPIRY] */
  values: Record<string, [unknown[], number]>;
  /** name -> elements [row, expiry] */
  lists: Record<string, [unknown[], number][]>;
  /** name -> entries [user key row, value row, expiry] */
  maps: Record<string, [unknown[], unknown[], number][]>;
  /** Registered timers (ms), ascending. */
  timers: number[];
}

export function emptyKeyState(key: unknown[]): KeyState {
  return { key, values: {}, lists: {}, maps: {}, timers: [] };
}

/** A copy whose containers may be changed (rows inside are never changed in place). */
export function copyKeyState(s: KeyState): KeyState {
  const lists: KeyState['lists'] = {};
  for (const [n, l] of Object.entries(s.lists)) lists[n] = l.slice();
  const maps: KeyState['maps'] = {};
  for (const [n, m] of Object.entries(s.maps)) maps[n] = m.slice();
  return { key: s.key, values: { ...s.values }, lists, maps, timers: s.timers.slice() };
}

export function isEmptyKeyState(s: KeyState): boolean {
  return Object.keys(s.values).length === 0 && Object.keys(s.lists).length === 0 && Object.keys(s.maps).length === 0 && s.timers.length === 0;
}

/** The earliest TTL expiry of a key's values, list elements and map entries (undefined: none). */
export function minExpiry(s: KeyState): number | undefined {
  let min: number | undefined;
  const see = (exp: number): void => {
    if (exp !== NO_EXPIRY && (min === undefined || exp < min)) min = exp;
  };
  for (const v of Object.values(s.values)) see(v[1]);
  for (const l of Object.values(s.lists)) for (const e of l) see(e[1]);
  for (const m of Object.values(s.maps)) for (const e of m) see(e[2]);
  return min;
}

/** Drops expired TTL values; true if anything was removed. */
export function removeExpired(s: KeyState, nowMs: number): number {
  let removed = 0;
  for (const [n, [, exp]] of Object.entries(s.values)) {
    if (exp !== NO_EXPIRY && nowMs >= exp) {
      delete s.values[n];
      removed++;
    }
  }
  for (const [n, l] of Object.entries(s.lists)) {
    const kept = l.filter(([, exp]) => exp === NO_EXPIRY || nowMs < exp);
    removed += l.length - kept.length;
    if (kept.length === 0) delete s.lists[n];
    else s.lists[n] = kept;
  }
  for (const [n, m] of Object.entries(s.maps)) {
    const kept = m.filter(([, , exp]) => exp === NO_EXPIRY || nowMs < exp);
    removed += m.length - kept.length;
    if (kept.length === 0) delete s.maps[n];
    else s.maps[n] = kept;
  }
  return removed;
}

function statefulError(errorClass: string, message: string, messageParameters: Record<string, string>, sqlState = '42802'): SparkException {
  return new SparkException(message, { errorClass, sqlState, messageParameters });
}

/** Spark's TimeMode names in error texts. */
function timeModeName(mode: TimeMode): string {
  return mode === 'None' ? 'NoTime' : mode;
}

function schemaOf(schema: StructType | string, argName: string): StructType {
  if (schema instanceof StructType) return schema;
  if (typeof schema === 'string') return parseTableSchema(schema);
  throw new PySparkTypeError('NOT_STR_OR_STRUCT', `Argument \`${argName}\` should be a str or StructType, got ${typeof schema}.`, { arg_name: argName, arg_type: typeof schema });
}

/** The operator side of a handle: the key being processed and the batch's times. */
export interface HandleContext {
  readonly timeMode: TimeMode;
  /** The batch's processing time (ms). */
  readonly batchTimestampMs: number;
  /** The eviction watermark (ms), for event-time timers. */
  readonly watermarkMs: number;
  /** The current key's state (throws when no key is set). */
  current(): KeyState;
  /** Marks the current key's state as changed. */
  touch(): void;
}

abstract class StateVariable {
  constructor(
    protected readonly ctx: HandleContext,
    readonly name: string,
    protected readonly ttlMs: number | undefined,
  ) {}

  protected expiry(): number {
    return this.ttlMs === undefined ? NO_EXPIRY : this.ctx.batchTimestampMs + this.ttlMs;
  }

  protected live(exp: number): boolean {
    return exp === NO_EXPIRY || this.ctx.batchTimestampMs < exp;
  }
}

function toRow(schema: StructType, value: unknown, what: string): unknown[] {
  if (value === null || value === undefined) throw new PySparkTypeError('CANNOT_BE_NONE', `Argument \`${what}\` cannot be None.`, { arg_name: what });
  return rowsFromUserData([value], schema, 'UTC').rows[0];
}

function fromRow(schema: StructType, row: unknown[]): Row {
  return toExternalRows(schema, [row])[0];
}

/** pyspark ValueState: one row per key. */
export class ValueState extends StateVariable {
  constructor(ctx: HandleContext, name: string, private readonly schema: StructType, ttlMs: number | undefined) {
    super(ctx, name, ttlMs);
  }

  exists(): boolean {
    const v = this.ctx.current().values[this.name];
    return v !== undefined && this.live(v[1]);
  }

  /** The value, or undefined (PySpark's None) when there is none. */
  get(): Row | undefined {
    const v = this.ctx.current().values[this.name];
    return v !== undefined && this.live(v[1]) ? fromRow(this.schema, v[0]) : undefined;
  }

  update(newValue: unknown): void {
    const row = toRow(this.schema, newValue, 'newValue');
    this.ctx.current().values[this.name] = [row, this.expiry()];
    this.ctx.touch();
  }

  clear(): void {
    const s = this.ctx.current();
    if (s.values[this.name] === undefined) return;
    delete s.values[this.name];
    this.ctx.touch();
  }
}

/** pyspark ListState: a list of rows per key. */
export class ListState extends StateVariable {
  constructor(ctx: HandleContext, name: string, private readonly schema: StructType, ttlMs: number | undefined) {
    super(ctx, name, ttlMs);
  }

  private elements(): [unknown[], number][] {
    return (this.ctx.current().lists[this.name] ?? []).filter(([, exp]) => this.live(exp));
  }

  exists(): boolean {
    return this.elements().length > 0;
  }

  *get(): IterableIterator<Row> {
    for (const [row] of this.elements()) yield fromRow(this.schema, row);
  }

  put(newState: readonly unknown[]): void {
    const exp = this.expiry();
    const rows = [...newState].map((v) => [toRow(this.schema, v, 'newState'), exp] as [unknown[], number]);
    const s = this.ctx.current();
    if (rows.length === 0) delete s.lists[this.name];
    else s.lists[this.name] = rows;
    this.ctx.touch();
  }

  appendValue(newState: unknown): void {
    this.appendList([newState]);
  }

  appendList(newState: readonly unknown[]): void {
    const exp = this.expiry();
    const rows = [...newState].map((v) => [toRow(this.schema, v, 'newState'), exp] as [unknown[], number]);
    if (rows.length === 0) return;
    const s = this.ctx.current();
    s.lists[this.name] = [...(s.lists[this.name] ?? []), ...rows];
    this.ctx.touch();
  }

  clear(): void {
    const s = this.ctx.current();
    if (s.lists[this.name] === undefined) return;
    delete s.lists[this.name];
    this.ctx.touch();
  }
}

/** pyspark MapState: a map of user key rows to value rows per key (entries in insertion order). */
export class MapState extends StateVariable {
  constructor(
    ctx: HandleContext,
    name: string,
    private readonly keySchema: StructType,
    private readonly valueSchema: StructType,
    ttlMs: number | undefined,
  ) {
    super(ctx, name, ttlMs);
  }

  private entries(): [unknown[], unknown[], number][] {
    return (this.ctx.current().maps[this.name] ?? []).filter(([, , exp]) => this.live(exp));
  }

  private find(userKey: unknown): { rowKey: string; index: number } {
    const rowKey = encodeCompositeKey(toRow(this.keySchema, userKey, 'key'));
    const all = this.ctx.current().maps[this.name] ?? [];
    return { rowKey, index: all.findIndex(([k, , exp]) => this.live(exp) && encodeCompositeKey(k) === rowKey) };
  }

  exists(): boolean {
    return this.entries().length > 0;
  }

  getValue(key: unknown): Row | undefined {
    const { index } = this.find(key);
    return index < 0 ? undefined : fromRow(this.valueSchema, this.ctx.current().maps[this.name][index][1]);
  }

  containsKey(key: unknown): boolean {
    return this.find(key).index >= 0;
  }

  updateValue(key: unknown, value: unknown): void {
    const k = toRow(this.keySchema, key, 'key');
    const v = toRow(this.valueSchema, value, 'value');
    const s = this.ctx.current();
    const rowKey = encodeCompositeKey(k);
    const all = (s.maps[this.name] ?? []).filter(([uk]) => encodeCompositeKey(uk) !== rowKey);
    const at = (s.maps[this.name] ?? []).findIndex(([uk]) => encodeCompositeKey(uk) === rowKey);
    const entry: [unknown[], unknown[], number] = [k, v, this.expiry()];
    // An update keeps the entry's place; a new key goes last.
    if (at >= 0) all.splice(at, 0, entry);
    else all.push(entry);
    s.maps[this.name] = all;
    this.ctx.touch();
  }

  *iterator(): IterableIterator<[Row, Row]> {
    for (const [k, v] of this.entries()) yield [fromRow(this.keySchema, k), fromRow(this.valueSchema, v)];
  }

  *keys(): IterableIterator<Row> {
    for (const [k] of this.entries()) yield fromRow(this.keySchema, k);
  }

  *values(): IterableIterator<Row> {
    for (const [, v] of this.entries()) yield fromRow(this.valueSchema, v);
  }

  removeKey(key: unknown): void {
    const { index } = this.find(key);
    if (index < 0) return;
    const s = this.ctx.current();
    const all = s.maps[this.name].slice();
    all.splice(index, 1);
    if (all.length === 0) delete s.maps[this.name];
    else s.maps[this.name] = all;
    this.ctx.touch();
  }

  clear(): void {
    const s = this.ctx.current();
    if (s.maps[this.name] === undefined) return;
    delete s.maps[this.name];
    this.ctx.touch();
  }
}

export class StatefulProcessorHandle {
  /** @internal */
  state: HandleState = 'CREATED';
  /** @internal Whether a variable was declared with a TTL (the operator then sweeps expired values). */
  usesTtl = false;
  private readonly declared = new Map<string, StateVariableInfo>();

  /** @internal */
  constructor(private readonly ctx: HandleContext) {}

  private checkState(operationType: string, allowed: readonly HandleState[]): void {
    if (!allowed.includes(this.state)) {
      throw statefulError(
        'STATEFUL_PROCESSOR_CANNOT_PERFORM_OPERATION_WITH_INVALID_HANDLE_STATE',
        `Failed to perform stateful processor operation=${operationType} with invalid handle state=${this.state}.`,
        { operationType, handleState: this.state },
      );
    }
  }

  private ttlOf(stateName: string, operationType: string, ttl: number | TTLConfig | null | undefined): number | undefined {
    if (ttl === undefined || ttl === null) return undefined;
    const ms = typeof ttl === 'number' ? ttl : ttl.ttlDuration;
    if (this.ctx.timeMode !== 'ProcessingTime') {
      throw statefulError('STATEFUL_PROCESSOR_INCORRECT_TIME_MODE_TO_ASSIGN_TTL', `Cannot use TTL for state=${stateName} in timeMode=${timeModeName(this.ctx.timeMode)}, use TimeMode.ProcessingTime() instead.`, {
        stateName,
        timeMode: timeModeName(this.ctx.timeMode),
      });
    }
    this.usesTtl = true;
    if (!(ms > 0)) {
      throw statefulError('STATEFUL_PROCESSOR_TTL_DURATION_MUST_BE_POSITIVE', `TTL duration must be greater than zero for State store operation=${operationType} on state=${stateName}.`, {
        operationType,
        stateName,
      });
    }
    return ms;
  }

  private declare(stateName: string, kind: StateVariableInfo['kind'], operationType: string): void {
    this.checkState(operationType, ['CREATED', 'PRE_INIT']);
    if (this.declared.has(stateName)) {
      throw statefulError('STATEFUL_PROCESSOR_DUPLICATE_STATE_VARIABLE_DEFINED', `State variable with name ${stateName} has already been defined in the StatefulProcessor.`, { stateVarName: stateName });
    }
    this.declared.set(stateName, { name: stateName, kind, valueSchema: '' });
  }

  private described(stateName: string, valueSchema: StructType, userKeySchema?: StructType): void {
    const info = this.declared.get(stateName)!;
    info.valueSchema = valueSchema.simpleString();
    info.valueSchemaText = scalaStructString(valueSchema);
    if (userKeySchema) {
      info.userKeySchema = userKeySchema.simpleString();
      info.userKeySchemaText = scalaStructString(userKeySchema);
    }
  }

  /** @internal The state variables init() declared, with their schemas (the operator's state schema). */
  declaredVariables(): StateVariableInfo[] {
    return [...this.declared.values()].map((v) => ({ ...v }));
  }

  getValueState(stateName: string, schema: StructType | string, ttlDurationMs?: number | TTLConfig | null): ValueState {
    this.declare(stateName, 'ValueState', 'get_value_state');
    const s = schemaOf(schema, 'schema');
    this.described(stateName, s);
    return new ValueState(this.ctx, stateName, s, this.ttlOf(stateName, 'get_value_state', ttlDurationMs));
  }

  getListState(stateName: string, schema: StructType | string, ttlDurationMs?: number | TTLConfig | null): ListState {
    this.declare(stateName, 'ListState', 'get_list_state');
    const s = schemaOf(schema, 'schema');
    this.described(stateName, s);
    return new ListState(this.ctx, stateName, s, this.ttlOf(stateName, 'get_list_state', ttlDurationMs));
  }

  getMapState(stateName: string, userKeySchema: StructType | string, valueSchema: StructType | string, ttlDurationMs?: number | TTLConfig | null): MapState {
    this.declare(stateName, 'MapState', 'get_map_state');
    const k = schemaOf(userKeySchema, 'userKeySchema');
    const v = schemaOf(valueSchema, 'valueSchema');
    this.described(stateName, v, k);
    return new MapState(this.ctx, stateName, k, v, this.ttlOf(stateName, 'get_map_state', ttlDurationMs));
  }

  private checkTimers(operationType: string): void {
    if (this.ctx.timeMode === 'None') {
      throw statefulError('STATEFUL_PROCESSOR_CANNOT_PERFORM_OPERATION_WITH_INVALID_TIME_MODE', `Failed to perform stateful processor operation=${operationType} with invalid timeMode=${timeModeName(this.ctx.timeMode)}`, {
        operationType,
        timeMode: timeModeName(this.ctx.timeMode),
      });
    }
    this.checkState(operationType, ['INITIALIZED', 'DATA_PROCESSED']);
  }

  /** Registers a timer (epoch ms) for the current key; registering one twice keeps one. */
  registerTimer(expiryTimestampMs: number): void {
    this.checkTimers('register_timer');
    const s = this.ctx.current();
    const ms = Math.trunc(Number(expiryTimestampMs));
    if (s.timers.includes(ms)) return;
    s.timers = [...s.timers, ms].sort((a, b) => a - b);
    this.ctx.touch();
  }

  deleteTimer(expiryTimestampMs: number): void {
    this.checkTimers('delete_timer');
    const s = this.ctx.current();
    const ms = Math.trunc(Number(expiryTimestampMs));
    if (!s.timers.includes(ms)) return;
    s.timers = s.timers.filter((t) => t !== ms);
    this.ctx.touch();
  }

  /** The current key's timers, ascending. */
  *listTimers(): IterableIterator<number> {
    this.checkTimers('list_timers');
    yield* this.ctx.current().timers.slice();
  }

  /** Removes a state variable's value for the current key. */
  deleteIfExists(stateName: string): void {
    const s = this.ctx.current();
    if (s.values[stateName] === undefined && s.lists[stateName] === undefined && s.maps[stateName] === undefined) return;
    delete s.values[stateName];
    delete s.lists[stateName];
    delete s.maps[stateName];
    this.ctx.touch();
  }
}
