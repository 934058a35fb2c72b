// PySpark's Spark Connect connection string: `sc://host[:port][/;key=value;...]` (ChannelBuilder).
// token, use_ssl, user_id, user_agent and session_id are the client's own; every other parameter is
// sent to the server as gRPC metadata. A token implies TLS, as in PySpark.
import { randomUUID } from 'node:crypto';
import { PySparkValueError } from '../errors/illegal-argument-exception';

export const DEFAULT_CONNECT_PORT = 15002;

export interface ConnectionSettings {
  host: string;
  port: number;
  token: string | undefined;
  useSsl: boolean;
  userId: string;
  userAgent: string;
  sessionId: string;
  /** Parameters other than the client's own, sent as metadata. */
  headers: Record<string, string>;
}

const OWN = new Set(['token', 'use_ssl', 'user_id', 'user_agent', 'session_id']);
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

function invalid(detail: string): PySparkValueError {
  return new PySparkValueError('INVALID_CONNECT_URL', `Invalid URL for Spark Connect: ${detail}`, { detail });
}

export function parseConnectionString(url: string, env: NodeJS.ProcessEnv = process.env): ConnectionSettings {
  if (typeof url !== 'string' || url.slice(0, 5) !== 'sc://') {
    throw invalid("The URL must start with 'sc://'. Please update the URL to follow the correct format, e.g., 'sc://hostname:port'.");
  }
  const rest = url.slice(5);
  const semi = rest.indexOf(';');
  const authorityAndPath = semi < 0 ? rest : rest.slice(0, semi);
  const paramText = semi < 0 ? '' : rest.slice(semi + 1);
  const slash = authorityAndPath.indexOf('/');
  const authority = slash < 0 ? authorityAndPath : authorityAndPath.slice(0, slash);
  const path = slash < 0 ? '' : authorityAndPath.slice(slash);
  if (path.length > 0 && path !== '/') {
    throw invalid(`The path component '${path}' must be empty. Please update the URL to follow the correct format, e.g., 'sc://hostname:port'.`);
  }
  const params: Record<string, string> = {};
  if (paramText.length > 0) {
    for (const p of paramText.split(';')) {
      const kv = p.split('=');
      if (kv.length !== 2) {
        throw invalid(`Parameter '${p}' should be provided as a key-value pair separated by an equal sign (=). Please update the parameter to follow the correct format, e.g., 'key=value'.`);
      }
      params[kv[0]] = decodeURIComponent(kv[1]);
    }
  }
  const hostPort = authority.includes('@') ? authority.slice(authority.lastIndexOf('@') + 1) : authority;
  let host: string;
  let portText: string | undefined;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    host = hostPort.slice(0, close + 1);
    portText = hostPort.slice(close + 1).startsWith(':') ? hostPort.slice(close + 2) : undefined;
  } else {
    const colon = hostPort.lastIndexOf(':');
    host = colon < 0 ? hostPort : hostPort.slice(0, colon);
    portText = colon < 0 ? undefined : hostPort.slice(colon + 1);
  }
  if (!host) {
    throw invalid(`Hostname is missing in the URL: '${'http' + url.slice(2)}'. Please update the URL to follow the correct format, e.g., 'sc://hostname:port'.`);
  }
  let port = DEFAULT_CONNECT_PORT;
  if (portText !== undefined && portText !== '') {
    if (!/^\d+$/.test(portText) || Number(portText) > 65535) {
      throw invalid(`Port could not be cast to integer value as '${portText}'.`);
    }
    port = Number(portText);
  }
  const sessionId = params.session_id ?? randomUUID();
  if (!UUID.test(sessionId)) {
    throw new PySparkValueError('INVALID_SESSION_UUID_ID', `Parameter value session_id must be a valid UUID format: badly formed hexadecimal UUID string`, {
      arg_name: 'session_id',
      origin: 'badly formed hexadecimal UUID string',
    });
  }
  const token = params.token ?? env.SPARK_CONNECT_AUTHENTICATE_TOKEN;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (!OWN.has(k)) headers[k] = v;
  return {
    host,
    port,
    token,
    useSsl: (params.use_ssl ?? '').toLowerCase() === 'true' || token !== undefined,
    userId: params.user_id ?? env.USER ?? 'rivulet',
    userAgent: params.user_agent ?? env.SPARK_CONNECT_USER_AGENT ?? 'rivulet',
    sessionId: sessionId.toLowerCase(),
    headers,
  };
}
