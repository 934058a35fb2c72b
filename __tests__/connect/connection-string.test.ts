// PySpark's Spark Connect connection strings (ChannelBuilder): host, port, parameters, errors.
import { parseConnectionString } from '../../lib/connect/connection-string';

test('host and port, with the default port 15002', () => {
  expect(parseConnectionString('sc://example.com:15003', {})).toMatchObject({ host: 'example.com', port: 15003, useSsl: false, token: undefined, headers: {} });
  expect(parseConnectionString('sc://localhost', {})).toMatchObject({ host: 'localhost', port: 15002 });
  expect(parseConnectionString('sc://[::1]:1234', {})).toMatchObject({ host: '[::1]', port: 1234 });
});

test('parameters: token (implies TLS), use_ssl, user_id, session_id; others become metadata', () => {
  const s = parseConnectionString('sc://h:1/;token=abc%20d;user_id=ann;session_id=6f4a3c2e-1b2d-4e5f-8a9b-0c1d2e3f4a5b;x-custom=v', {});
  expect(s).toMatchObject({ token: 'abc d', useSsl: true, userId: 'ann', sessionId: '6f4a3c2e-1b2d-4e5f-8a9b-0c1d2e3f4a5b', headers: { 'x-custom': 'v' } });
  expect(parseConnectionString('sc://h/;use_ssl=true', {}).useSsl).toBe(true);
  expect(parseConnectionString('sc://h/;use_ssl=false', {}).useSsl).toBe(false);
  expect(parseConnectionString('sc://h', { SPARK_CONNECT_AUTHENTICATE_TOKEN: 't' })).toMatchObject({ token: 't', useSsl: true });
});

test("PySpark's INVALID_CONNECT_URL and INVALID_SESSION_UUID_ID errors", () => {
  expect(() => parseConnectionString('http://h:1', {})).toThrow(
    "[INVALID_CONNECT_URL] Invalid URL for Spark Connect: The URL must start with 'sc://'. Please update the URL to follow the correct format, e.g., 'sc://hostname:port'.",
  );
  expect(() => parseConnectionString('sc://h:1/path', {})).toThrow("The path component '/path' must be empty.");
  expect(() => parseConnectionString('sc://h:1/;token', {})).toThrow("Parameter 'token' should be provided as a key-value pair separated by an equal sign (=).");
  expect(() => parseConnectionString('sc://:1', {})).toThrow('Hostname is missing in the URL');
  expect(() => parseConnectionString('sc://h/;session_id=nope', {})).toThrow('[INVALID_SESSION_UUID_ID] Parameter value session_id must be a valid UUID format');
});
