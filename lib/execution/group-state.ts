// GroupState: the per-key state handle [flat]MapGroupsWithState and applyInPandasWithState hand to
// the user's function (Spark's GroupStateImpl, PySpark's pyspark.sql.streaming.state.GroupState).
// The timeout is reset on every call, as Spark's: a function that wants a timeout sets it each
// time. Error texts follow the API that built the operator: PySpark's error classes for
// applyInPandasWithState, Spark's (Scala) texts for flatMapGroupsWithState / mapGroupsWithState.
import { IllegalArgumentException, PySparkTypeError, PySparkValueError } from '../errors/illegal-argument-exception';
import { SparkException } from '../errors/spark-exception';
import type { GroupStateApi, GroupStateTimeoutKind } from '../plans/group-state-timeout';
import { parseCalendarInterval } from '../types/interval-parse';
import { lazy } from '../util/lazy';

// immer loads when a state first takes a recipe or is frozen, not at `import 'rivulet'`.
const immer = lazy(() => require('immer') as typeof import('immer'));

export const NO_TIMESTAMP = -1;

/** How the operator converts state values between its store and the user's function. */
export interface StateValueCodec {
  /** Stored value -> what `get` returns. */
  toUser(stored: unknown): unknown;
  /** What `update` received -> stored value (validated). */
  fromUser(value: unknown): unknown;
}

export interface GroupStateInit {
  api: GroupStateApi;
  stored: unknown;
  defined: boolean;
  batchProcessingTimeMs: number;
  /** NO_TIMESTAMP when the child has no watermark. */
  eventTimeWatermarkMs: number;
  timeoutConf: GroupStateTimeoutKind;
  hasTimedOut: boolean;
  watermarkPresent: boolean;
  codec: StateValueCodec;
}

/** PySpark's PySparkRuntimeError CANNOT_WITHOUT, or Spark's UnsupportedOperationException texts. */
class UnsupportedOperationException extends SparkException {}

export class GroupState<S = unknown> {
  private stored: unknown;
  private defined: boolean;
  private userValue: unknown;
  private updated = false;
  private removed = false;
  private timeoutTimestamp = NO_TIMESTAMP;
  private readonly init: GroupStateInit;

  constructor(init: GroupStateInit) {
    this.init = init;
    this.stored = init.stored;
    this.defined = init.defined;
    this.userValue = init.defined ? init.codec.toUser(init.stored) : undefined;
  }

  /** Whether state exists. */
  get exists(): boolean {
    return this.defined;
  }

  /** The state value; fails when there is none. */
  get get(): S {
    if (!this.defined) throw this.notExists();
    return this.userValue as S;
  }

  /** The state value, or undefined (PySpark's None) when there is none. */
  get getOption(): S | undefined {
    return this.defined ? (this.userValue as S) : undefined;
  }

  /** Whether the function is called because the key timed out (no new rows then). */
  get hasTimedOut(): boolean {
    return this.init.hasTimedOut;
  }

  /**
   * Replaces the state. With flatMapGroupsWithState a function is an immer recipe over the current
   * value: `state.update((draft) => { draft.count += 1 })`; values are frozen either way.
   */
  update(newValue: S | readonly unknown[] | Record<string, unknown> | ((draft: S) => S | void)): void {
    if (newValue === null || newValue === undefined) {
      if (this.init.api === 'applyInPandasWithState') throw new PySparkTypeError('CANNOT_BE_NONE', 'Argument `newValue` cannot be None.', { arg_name: 'newValue' });
      throw new IllegalArgumentException("'null' is not a valid state value");
    }
    let value: unknown = newValue;
    if (typeof newValue === 'function' && this.init.api !== 'applyInPandasWithState') {
      if (!this.defined) throw this.notExists();
      value = immer().produce(this.userValue, newValue as (draft: unknown) => unknown);
    }
    this.stored = this.init.codec.fromUser(value);
    this.userValue = this.init.codec.toUser(this.stored);
    this.defined = true;
    this.updated = true;
    this.removed = false;
  }

  remove(): void {
    this.defined = false;
    this.updated = false;
    this.removed = true;
    this.userValue = undefined;
  }

  /** Processing-time timeout: this key times out `duration` after the batch's processing time. */
  setTimeoutDuration(duration: number | string): void {
    const pandas = this.init.api === 'applyInPandasWithState';
    if (pandas && typeof duration === 'string') {
      throw new PySparkTypeError('NOT_EXPECTED_TYPE', 'Argument `durationMs` should be a int, got str.', { expected_type: 'int', arg_name: 'durationMs', arg_type: 'str' });
    }
    if (this.init.timeoutConf !== 'ProcessingTimeTimeout') {
      if (pandas) throw cannotWithout('set timeout duration', 'enabling processing time timeout in applyInPandasWithState');
      throw new UnsupportedOperationException('Cannot set timeout duration without enabling processing time timeout in [map|flatMap]GroupsWithState.', { errorClass: '_LEGACY_ERROR_TEMP_2203' });
    }
    const ms = typeof duration === 'string' ? parseDuration(duration) : duration;
    if (ms <= 0) {
      if (pandas) throw new PySparkValueError('VALUE_NOT_POSITIVE', "Value for `durationMs` must be positive, got 'int'.", { arg_name: 'durationMs', arg_value: 'int' });
      throw new IllegalArgumentException('Timeout duration must be positive');
    }
    this.timeoutTimestamp = ms + this.init.batchProcessingTimeMs;
  }

  /**
   * Event-time timeout: this key times out once the watermark passes `timestamp` (epoch ms or a
   * Date), plus an optional duration string.
   */
  setTimeoutTimestamp(timestamp: number | Date, additionalDuration?: string): void {
    const pandas = this.init.api === 'applyInPandasWithState';
    if (this.init.timeoutConf !== 'EventTimeTimeout') {
      // PySpark's text says "duration"/"processing time" here too; kept as PySpark has it.
      if (pandas) throw cannotWithout('set timeout duration', 'enabling processing time timeout in applyInPandasWithState');
      throw new UnsupportedOperationException('Cannot set timeout timestamp without enabling event time timeout in [map|flatMapGroupsWithState.', { errorClass: '_LEGACY_ERROR_TEMP_2205' });
    }
    let ms = timestamp instanceof Date ? timestamp.getTime() : timestamp;
    if (additionalDuration !== undefined) ms += parseDuration(additionalDuration);
    if (ms <= 0) {
      if (pandas) throw new PySparkValueError('VALUE_NOT_POSITIVE', "Value for `timestampMs` must be positive, got 'int'.", { arg_name: 'timestampMs', arg_value: 'int' });
      throw new IllegalArgumentException('Timeout timestamp must be positive');
    }
    const wm = this.init.eventTimeWatermarkMs;
    if (wm !== NO_TIMESTAMP && ms < wm) {
      const text = `Timeout timestamp (${ms}) cannot be earlier than the current watermark (${wm})`;
      if (pandas) throw new PySparkValueError('INVALID_TIMEOUT_TIMESTAMP', `${text}.`, { timestamp: String(ms), watermark: String(wm) });
      throw new IllegalArgumentException(text);
    }
    this.timeoutTimestamp = ms;
  }

  getCurrentWatermarkMs(): number {
    if (!this.init.watermarkPresent) {
      if (this.init.api === 'applyInPandasWithState') throw cannotWithout('get event time watermark timestamp', 'setting watermark before applyInPandasWithState');
      throw new UnsupportedOperationException('Cannot get event time watermark timestamp without setting watermark before [map|flatMap]GroupsWithState.', { errorClass: '_LEGACY_ERROR_TEMP_2204' });
    }
    return this.init.eventTimeWatermarkMs;
  }

  /** The batch's processing time: constant for the whole trigger, even when it is re-run. */
  getCurrentProcessingTimeMs(): number {
    return this.init.batchProcessingTimeMs;
  }

  toString(): string {
    return this.defined ? `GroupState(${String(this.userValue)})` : 'GroupState(<undefined>)';
  }

  // ---- for the operator ----

  /** @internal */
  get storedValue(): unknown {
    return this.stored;
  }

  /** @internal */
  get isUpdated(): boolean {
    return this.updated;
  }

  /** @internal */
  get isRemoved(): boolean {
    return this.removed;
  }

  /** @internal NO_TIMESTAMP when the call set no timeout. */
  get timeoutTimestampMs(): number {
    return this.timeoutTimestamp;
  }

  private notExists(): SparkException {
    if (this.init.api === 'applyInPandasWithState') return new PySparkValueError('STATE_NOT_EXISTS', 'State is either not defined or has already been removed.');
    return new NoSuchElementException('State is either not defined or has already been removed');
  }
}

/** java.util.NoSuchElementException. */
export class NoSuchElementException extends SparkException {}

function cannotWithout(condition1: string, condition2: string): SparkException {
  return new UnsupportedOperationException(`Cannot ${condition1} without ${condition2}.`, { errorClass: 'CANNOT_WITHOUT', messageParameters: { condition1, condition2 } });
}

/** Spark's IntervalUtils.getDuration in ms (31-day months); negative durations are refused. */
function parseDuration(text: string): number {
  const iv = parseCalendarInterval(text);
  if (!iv) throw new IllegalArgumentException(`Error parsing '${text}' to interval, unrecognized number '${text}'`);
  const micros = BigInt(iv.months) * 31n * 86_400_000_000n + BigInt(iv.days) * 86_400_000_000n + BigInt(iv.microseconds);
  if (micros < 0n) throw new IllegalArgumentException(`Provided duration (${text}) is negative`);
  return Number(micros / 1000n);
}

/** Deep-frozen user state for the Scala-shaped API (immer's freeze). */
export function frozen<T>(v: T): T {
  return v !== null && typeof v === 'object' ? immer().freeze(v, true) : v;
}
