// A Spark Connect server's failure -> the same error classes local mode throws, with the server's
// message. The server puts a google.rpc.Status in the `grpc-status-details-bin` trailer; its
// google.rpc.ErrorInfo carries the JVM exception classes (`classes`), `errorClass`, `sqlState`
// and `messageParameters` (JSON), which is what PySpark's client reads too.
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { ArithmeticException, ArrayIndexOutOfBoundsException, DateTimeException, NumberFormatException, SparkException, SparkRuntimeException } from '../errors/spark-exception';
import { AnalysisException } from '../errors/analysis-exception';
import { ParseException } from '../errors/parse-exception';
import { IllegalArgumentException } from '../errors/illegal-argument-exception';
import { StreamingQueryException } from '../errors/streaming-query-exception';
import type { GrpcFailure } from './grpc-bridge';
import type { FetchErrorDetailsResponse } from './gen/spark/connect/base_pb';

/**
 * JVM exception classes -> the classes PySpark Connect raises for them (its
 * EXCEPTION_CLASS_MAPPING), most specific first (NumberFormatException is an
 * IllegalArgumentException).
 */
const SERVER_EXCEPTION_CLASSES: [string, new (message: string, options: { errorClass?: string; sqlState?: string; messageParameters?: Record<string, string> }) => SparkException][] = [
  ['org.apache.spark.sql.AnalysisException', AnalysisException],
  ['java.lang.NumberFormatException', NumberFormatException],
  ['java.lang.IllegalArgumentException', IllegalArgumentException],
  ['java.lang.ArithmeticException', ArithmeticException],
  ['java.lang.ArrayIndexOutOfBoundsException', ArrayIndexOutOfBoundsException],
  ['java.time.DateTimeException', DateTimeException],
  ['org.apache.spark.SparkRuntimeException', SparkRuntimeException],
];

export interface ErrorInfo {
  reason: string;
  metadata: Record<string, string>;
}

const ERROR_INFO_URL = 'type.googleapis.com/google.rpc.ErrorInfo';

/** The ErrorInfo inside a google.rpc.Status, if any (field numbers of google/rpc/status.proto and error_details.proto). */
export function decodeErrorInfo(statusBytes: Uint8Array): ErrorInfo | undefined {
  const status = new BinaryReader(statusBytes);
  while (status.pos < status.len) {
    const [no, wt] = status.tag();
    if (no !== 3 || wt !== WireType.LengthDelimited) {
      status.skip(wt, no);
      continue;
    }
    const any = new BinaryReader(status.bytes());
    let typeUrl = '';
    let value: Uint8Array | undefined;
    while (any.pos < any.len) {
      const [n, w] = any.tag();
      if (n === 1) typeUrl = any.string();
      else if (n === 2) value = any.bytes();
      else any.skip(w, n);
    }
    if (typeUrl === ERROR_INFO_URL && value) return readErrorInfo(value);
  }
  return undefined;
}

function readErrorInfo(bytes: Uint8Array): ErrorInfo {
  const r = new BinaryReader(bytes);
  const info: ErrorInfo = { reason: '', metadata: {} };
  while (r.pos < r.len) {
    const [no, wt] = r.tag();
    if (no === 1) info.reason = r.string();
    else if (no === 3) {
      const entry = new BinaryReader(r.bytes());
      let k = '';
      let v = '';
      while (entry.pos < entry.len) {
        const [n, w] = entry.tag();
        if (n === 1) k = entry.string();
        else if (n === 2) v = entry.string();
        else entry.skip(w, n);
      }
      info.metadata[k] = v;
    } else r.skip(wt, no);
  }
  return info;
}

function parseJson<T>(text: string | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/**
 * The id under which the server kept the whole error (ErrorInfo metadata `errorId`, present when
 * `spark.connect.enrichError.enabled` is on, Spark's default): the client asks for it with the
 * FetchErrorDetails RPC, as PySpark's client does, because the status message and metadata are
 * truncated to fit in gRPC headers.
 */
export function errorIdOf(failure: GrpcFailure): string | undefined {
  const info = failure.statusDetails ? decodeErrorInfo(failure.statusDetails) : undefined;
  return info?.metadata.errorId || undefined;
}

/**
 * The user-facing exception for a failed call. With the server's FetchErrorDetails answer, the
 * message, error class and parameters come from its root error (untruncated), as in PySpark;
 * the exception type still follows the JVM classes in ErrorInfo.
 */
export function serverError(failure: GrpcFailure, details?: FetchErrorDetailsResponse): Error {
  const error = mapFailure(failure, details);
  Object.defineProperty(error, 'grpcFailure', { value: failure, enumerable: false });
  if (details) Object.defineProperty(error, 'errorDetails', { value: details, enumerable: false });
  return error;
}

function mapFailure(failure: GrpcFailure, details: FetchErrorDetailsResponse | undefined): Error {
  const info = failure.statusDetails ? decodeErrorInfo(failure.statusDetails) : undefined;
  const root = details?.rootErrorIdx !== undefined ? details.errors[details.rootErrorIdx] : undefined;
  const message = root ? root.message : failure.details;
  if (!info) {
    // No Spark error details: the channel itself failed (server down, TLS, auth).
    return new SparkException(`Spark Connect call failed (gRPC status ${failure.code}): ${message}`, {
      errorClass: 'CONNECT_CHANNEL_FAILED',
      messageParameters: { code: String(failure.code), message },
    });
  }
  const classes = parseJson<string[]>(info.metadata.classes, [info.reason]);
  const errorClass = info.metadata.errorClass || root?.sparkThrowable?.errorClass || undefined;
  const sqlState = info.metadata.sqlState || root?.sparkThrowable?.sqlState || undefined;
  const messageParameters = root?.sparkThrowable ? { ...root.sparkThrowable.messageParameters } : parseJson<Record<string, string>>(info.metadata.messageParameters, {});
  let raw = message;
  if (errorClass && raw.startsWith(`[${errorClass}] `)) raw = raw.slice(errorClass.length + 3);
  if (sqlState && raw.endsWith(` SQLSTATE: ${sqlState}`)) raw = raw.slice(0, raw.length - sqlState.length - 11);
  const has = (name: string): boolean => classes.includes(name);
  const options = { errorClass, sqlState, messageParameters };
  let error: SparkException;
  if (has('org.apache.spark.sql.streaming.StreamingQueryException')) {
    error = new StreamingQueryException(messageParameters.id ?? '', messageParameters.runId ?? '', new Error(messageParameters.message ?? raw));
  } else if (has('org.apache.spark.sql.catalyst.parser.ParseException')) {
    error = new ParseException(raw, '', 0, options);
  } else {
    const mapped = SERVER_EXCEPTION_CLASSES.find(([jvmClass]) => has(jvmClass));
    error = new (mapped ? mapped[1] : SparkException)(raw, options);
  }
  // The server's text, exactly.
  error.message = message;
  (error as { serverClasses?: string[] }).serverClasses = classes;
  return error;
}
