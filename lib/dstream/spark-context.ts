// PySpark's SparkContext: `new SparkContext('local[2]', 'NetworkWordCount')` as the DStream
// examples write it, or `spark.sparkContext` of a session. It adds RDD creation to the session's
// SparkContext.
import { SparkContext as SessionSparkContext, StreamSession } from '../session/stream-session';
import './spark-context-rdd';

/** PySpark's keyword form: SparkContext(master=..., appName=..., conf=...). */
export interface SparkContextOptions {
  master?: string;
  appName?: string;
  conf?: Record<string, string>;
}

export class SparkContext extends SessionSparkContext {
  /** The session behind this context (its clock drives StreamingContext batches). */
  readonly backingSession: StreamSession;

  constructor(master?: string | StreamSession | SparkContextOptions, appName?: string, conf: Record<string, string> = {}) {
    const options: SparkContextOptions =
      master instanceof StreamSession ? {} : typeof master === 'object' ? master : { master, appName, conf };
    const session =
      master instanceof StreamSession
        ? master
        : new StreamSession({
            ...(options.conf ?? {}),
            ...(options.master !== undefined ? { 'spark.master': options.master } : {}),
            ...(options.appName !== undefined ? { 'spark.app.name': options.appName } : {}),
          });
    super(session);
    this.backingSession = session;
    if (!(master instanceof StreamSession)) {
      if (StreamSession.getActiveSession() === null) StreamSession.setActive(session);
      // A script's Ctrl-C exits 0 and an uncaught failure prints its message, as for sessions.
      session.installProcessHooks();
    }
  }

  /** Wraps a session's own `spark.sparkContext` (or passes one of ours through). */
  static of(context: SessionSparkContext | StreamSession): SparkContext {
    if (context instanceof SparkContext) return context;
    if (context instanceof StreamSession) return new SparkContext(context);
    return new SparkContext(sessionOf(context));
  }

  /** PySpark's `SparkContext.getOrCreate()`: the active session's context, or a new one. */
  static getOrCreate(conf?: Record<string, string>): SparkContext {
    const active = StreamSession.getActiveSession();
    return active === null ? new SparkContext({ conf }) : SparkContext.of(active);
  }
  // parallelize, range, emptyRDD, union, textFile, getConf...: spark-context-rdd.ts, shared with
  // the session's spark.sparkContext.
}

function sessionOf(context: SessionSparkContext): StreamSession {
  // The session context keeps its session private; it is reachable through the active session
  // whose sparkContext this is.
  const active = StreamSession.getActiveSession();
  if (active && active.sparkContext === context) return active;
  return (context as unknown as { session: StreamSession }).session;
}
