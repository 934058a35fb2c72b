// What the Kafka worker thread sends back: rows packed into transferred typed arrays, or
// an error as plain data, rebuilt as the same Rivulet error class with the same message.
import { IllegalArgumentException } from '../../errors/illegal-argument-exception';
import { SparkException } from '../../errors/spark-exception';
import { KafkaIllegalStateException } from './kafka-errors';
import type { PackedKafkaRows } from './kafka-row-batch-transfer';

export interface SerializedError {
  className: string;
  message: string;
  rawMessage: string | undefined;
  errorClass: string | undefined;
  sqlState: string | undefined;
  messageParameters: Record<string, string> | undefined;
}

export type WorkerReply = { ok: true; rows: PackedKafkaRows } | { ok: false; error: SerializedError };

export function serializeError(e: unknown): SerializedError {
  if (e instanceof SparkException) {
    const className = e instanceof KafkaIllegalStateException ? 'KafkaIllegalStateException' : e instanceof IllegalArgumentException ? 'IllegalArgumentException' : 'SparkException';
    return { className, message: e.message, rawMessage: e.rawMessage, errorClass: e.errorClass, sqlState: e.sqlState, messageParameters: e.messageParameters };
  }
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return { className: 'Error', message, rawMessage: undefined, errorClass: undefined, sqlState: undefined, messageParameters: undefined };
}

export function deserializeError(s: SerializedError): Error {
  const options = { errorClass: s.errorClass, sqlState: s.sqlState, messageParameters: s.messageParameters };
  const raw = s.rawMessage ?? s.message;
  const e =
    s.className === 'KafkaIllegalStateException'
      ? new KafkaIllegalStateException(raw, options)
      : s.className === 'IllegalArgumentException'
        ? new IllegalArgumentException(raw, options)
        : s.className === 'SparkException'
          ? new SparkException(raw, options)
          : new Error(s.message);
  e.message = s.message;
  return e;
}
