// Server failures (recorded from a real Spark Connect server by scripts/connect/record-arrow-results.ts)
// become local mode's error classes, with the server's error class, SQLSTATE, parameters and message.
import { fromBinary } from '@bufbuild/protobuf';
import { errorIdOf, serverError } from '../../lib/connect/server-error';
import { FetchErrorDetailsResponseSchema } from '../../lib/connect/gen/spark/connect/base_pb';
import { AnalysisException } from '../../lib/errors/analysis-exception';
import { ParseException } from '../../lib/errors/parse-exception';
import { SparkException } from '../../lib/errors/spark-exception';
import { unsupportedRemotely } from '../../lib/connect/unsupported';
import errors from './fixtures/server-errors.json';

function failure(name: keyof typeof errors) {
  const e = errors[name];
  return serverError({ code: e.code, details: e.details, statusDetails: Buffer.from(e.statusDetails, 'base64') }) as SparkException;
}

test('an unresolved column is an AnalysisException with the server message', () => {
  const e = failure('analysis');
  expect(e).toBeInstanceOf(AnalysisException);
  expect(e.getErrorClass()).toBe('UNRESOLVED_COLUMN.WITHOUT_SUGGESTION');
  expect(e.getSqlState()).toBe('42703');
  expect(e.getMessageParameters()).toEqual({ objectName: '`nope`' });
  expect(e.message).toBe(errors.analysis.details);
});

test('a syntax error is a ParseException, as local mode throws', () => {
  const e = failure('parse');
  expect(e).toBeInstanceOf(ParseException);
  expect(e.getErrorClass()).toBe('PARSE_SYNTAX_ERROR');
  expect(e.message).toContain("[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'.");
});

test('a runtime failure is a SparkException with its class', () => {
  const e = failure('divide-by-zero');
  expect(e).toBeInstanceOf(SparkException);
  expect(e).not.toBeInstanceOf(AnalysisException);
  expect(e.getErrorClass()).toBe('DIVIDE_BY_ZERO');
  expect(e.getSqlState()).toBe('22012');
});

test('a channel failure without Spark details names the gRPC status', () => {
  const e = serverError({ code: 14, details: 'No connection established', statusDetails: undefined }) as SparkException;
  expect(e.message).toBe('[CONNECT_CHANNEL_FAILED] Spark Connect call failed (gRPC status 14): No connection established');
});

test('features that cannot run remotely name what to use instead', () => {
  expect(unsupportedRemotely('writeStream.foreachBatch with a JavaScript function', 'a sink the server has').message).toBe(
    '[RIVULET_NOT_SUPPORTED_IN_REMOTE_MODE] writeStream.foreachBatch with a JavaScript function cannot run in remote mode (Spark Connect): the server cannot run JavaScript. Use a sink the server has instead, or run this part in local mode. SQLSTATE: 0A000',
  );
});

// FetchErrorDetails: the server keeps each error under an `errorId` (ErrorInfo metadata) and the
// client fetches it, as PySpark does, because the gRPC status carries a truncated message.
function detailed(name: keyof typeof errors) {
  const e = errors[name] as { code: number; details: string; statusDetails: string; errorDetails: string };
  const f = { code: e.code, details: e.details, statusDetails: Buffer.from(e.statusDetails, 'base64') };
  return { failure: f, details: fromBinary(FetchErrorDetailsResponseSchema, Buffer.from(e.errorDetails, 'base64')) };
}

test('the server names an errorId for the full details of each error', () => {
  for (const name of ['analysis', 'parse', 'divide-by-zero', 'long-message'] as const) {
    expect(errorIdOf(detailed(name).failure)).toMatch(/^[0-9a-f-]{36}$/);
  }
  expect(errorIdOf({ code: 14, details: 'down', statusDetails: undefined })).toBeUndefined();
});

test('a long message is truncated in the gRPC status and whole in FetchErrorDetails', () => {
  const { failure: f, details } = detailed('long-message');
  const column = `\`${'a_long_column_name_'.repeat(120)}end\``;
  const truncated = serverError(f) as SparkException;
  expect(truncated.message.endsWith('...')).toBe(true);
  expect(truncated.message).not.toContain(column);
  const full = serverError(f, details) as SparkException;
  expect(full).toBeInstanceOf(AnalysisException);
  expect(full.message.startsWith(`[UNRESOLVED_COLUMN.WITHOUT_SUGGESTION] A column, variable, or function parameter with name ${column} cannot be resolved.  SQLSTATE: 42703;`)).toBe(true);
  expect(full.message.length).toBeGreaterThan(f.details.length);
  expect(full.getErrorClass()).toBe('UNRESOLVED_COLUMN.WITHOUT_SUGGESTION');
  expect(full.getSqlState()).toBe('42703');
  expect(full.getMessageParameters()).toEqual({ objectName: column });
});

test('with FetchErrorDetails, short errors keep the same class, message and parameters', () => {
  for (const name of ['analysis', 'parse', 'divide-by-zero'] as const) {
    const { failure: f, details } = detailed(name);
    const a = serverError(f) as SparkException;
    const b = serverError(f, details) as SparkException;
    expect(b.constructor).toBe(a.constructor);
    expect(b.message).toBe(a.message);
    expect(b.getErrorClass()).toBe(a.getErrorClass());
    expect(b.getSqlState()).toBe(a.getSqlState());
    expect(b.getMessageParameters()).toEqual(a.getMessageParameters());
  }
  expect((serverError(detailed('parse').failure, detailed('parse').details) as SparkException).getMessageParameters()).toEqual({ error: "'SELEC'", hint: '' });
});
