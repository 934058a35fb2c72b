import { StreamSession } from 'rivulet';

/** A fresh, isolated session per test (not the process-wide active one). */
export function newSession(config: Record<string, string> = {}): StreamSession {
  const session = new StreamSession({ 'spark.sql.session.timeZone': 'UTC', ...config });
  StreamSession.setActive(session);
  return session;
}
