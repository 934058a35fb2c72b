// What a built-in function is: how it type-checks its arguments and how it compiles to a JS
// closure. Functions are registered by name in the FunctionRegistry, the same registry a user
// extends.
import { DataType } from '../types/data-types';
import type { Expression } from './expression';

/** A compiled expression: evaluates against one row (an array of column values). */
export type Evaluator = (row: readonly unknown[]) => unknown;

export interface CompileContext {
  ansiEnabled: boolean;
  timeZone: string;
  /**
   * What current_timestamp()/now()/current_date() see, in microseconds since the epoch: fixed per
   * batch DataFrame action, and per micro-batch in streams (the batch timestamp Spark records in
   * the offset log). Read it at evaluation time, not at compile time.
   */
  currentTimestampMicros?: () => bigint;
  /** A session SQL config (e.g. spark.sql.mapKeyDedupPolicy), or null when unset; read at compile time. */
  conf?: (key: string) => string | null;
  /**
   * The input partition being evaluated (batch queries over partitioned data): what
   * spark_partition_id(), monotonically_increasing_id() and rand(seed) read. Read it at
   * evaluation time; absent (or 0) means partition 0.
   */
  partition?: { index: number };
}

export interface ResolveContext {
  ansiEnabled: boolean;
  /** The function name as the user wrote it (for messages). */
  name: string;
}

export interface ResolvedSignature {
  /** Arguments after implicit casts and defaults. */
  args: Expression[];
  dataType: DataType;
  nullable?: boolean;
}

export interface ScalarFunction {
  kind: 'scalar';
  name: string;
  /** Type-check, coerce and complete arguments; throws AnalysisException on misuse. */
  resolve(args: Expression[], ctx: ResolveContext): ResolvedSignature;
  compile(args: Evaluator[], argTypes: DataType[], resultType: DataType, ctx: CompileContext): Evaluator;
  /** Column-name rendering; default `name(a, b)`. */
  sql?(args: string[]): string;
  /**
   * Higher-order functions: the parameters of the lambda argument at `index` given the arguments
   * resolved before it, and the parameter counts the lambda may declare (default: all).
   */
  lambdaParams?(index: number, args: readonly Expression[], ctx: ResolveContext): { params: { dataType: DataType; nullable: boolean }[]; accepts?: number[] };
}

/** Aggregates keep a buffer per group: init, update per row, merge partial buffers, result. */
export interface AggregateImpl {
  init(): unknown;
  update(buffer: unknown, value: unknown): unknown;
  merge(left: unknown, right: unknown): unknown;
  result(buffer: unknown): unknown;
  /**
   * An input value in the form update() takes fastest, update(b, prepare(v)) = update(b, v): for
   * callers feeding one value to several groups (a row's sliding windows), prepared once.
   */
  prepare?(value: unknown): unknown;
}

export interface AggregateFunction {
  kind: 'aggregate';
  name: string;
  resolve(args: Expression[], ctx: ResolveContext): ResolvedSignature;
  /** `args` are the evaluated argument values; a single-argument aggregate gets the value itself. */
  create(argTypes: DataType[], resultType: DataType, ctx: CompileContext): AggregateImpl;
  sql?(args: string[], distinct: boolean): string;
}

export interface GeneratorOutput {
  elementTypes: { name: string; dataType: DataType; nullable: boolean }[];
  args: Expression[];
}

export interface GeneratorFunction {
  kind: 'generator';
  name: string;
  resolve(args: Expression[], ctx: ResolveContext, outer: boolean): GeneratorOutput;
  /** Calls `emit` once per generated row with the generated column values. */
  compile(args: Evaluator[], argTypes: DataType[], ctx: CompileContext): (row: readonly unknown[], emit: (values: unknown[]) => void) => void;
}

export type FunctionDefinition = ScalarFunction | AggregateFunction | GeneratorFunction;
