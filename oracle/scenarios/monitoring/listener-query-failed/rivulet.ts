import { SparkSession, StreamingQueryException, StreamingQueryListener, type QueryIdleEvent, type QueryProgressEvent, type QueryStartedEvent, type QueryTerminatedEvent } from 'rivulet';

type Event = ['started', string | null, string, string] | ['progress', string | null, number, number, string] | ['terminated', string, string, string | null, string | null];

class Recorder extends StreamingQueryListener {
  events: Event[] = [];

  onQueryStarted(event: QueryStartedEvent): void {
    this.events.push(['started', event.name, event.id, event.runId]);
  }

  onQueryProgress(event: QueryProgressEvent): void {
    const p = event.progress;
    this.events.push(['progress', p.name, p.batchId, p.numInputRows, p.sink.description]);
  }

  override onQueryIdle(event: QueryIdleEvent): void {}

  onQueryTerminated(event: QueryTerminatedEvent): void {
    this.events.push(['terminated', event.id, event.runId, event.exception, event.errorClassOnException]);
  }
}

const py = (v: unknown) => (v === null ? 'None' : v === true ? 'True' : v === false ? 'False' : String(v));

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('listener-query-failed').getOrCreate();
  const recorder = new Recorder();
  spark.streams.addListener(recorder);
  const rows = spark.readStream.schema('v INT').json(dir + '/in');
  const query = rows.selectExpr('10 div v AS q').writeStream.format('noop').queryName('failing').start();
  try {
    await query.awaitTermination();
  } catch (e) {
    console.log((e as Error).constructor.name, (e as StreamingQueryException).getCondition());
  }
  for (let i = 0; i < 600; i++) {
    if (recorder.events.some((e) => e[0] === 'terminated')) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  spark.streams.removeListener(recorder);
  for (const e of recorder.events) {
    if (e[0] === 'started') {
      console.log(e[0], py(e[1]), py(String(e[2]) === query.id), py(String(e[3]) === query.runId));
    } else if (e[0] === 'progress') {
      console.log(...e.map(py));
    } else {
      console.log(e[0], py(String(e[1]) === query.id), py(String(e[2]) === query.runId), py(e[3] !== null), py(e[4]));
    }
  }
}
