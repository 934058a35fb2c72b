// Server failures (recorded from a real Spark Connect server by scripts/connect/record-arrow-results.ts)
// become local mode's error classes, with the server's error class, SQLSTATE, parameters and message.
import { serverError } from '../../lib/connect/server-error';
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
