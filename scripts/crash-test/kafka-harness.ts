// The crash harness's Kafka pipeline (scripts/crash-test/kafka-pipeline.ts): a topic of JSON
// records on the in-repo test broker (a real broker when RIVULET_KAFKA_BOOTSTRAP names one, see
// __tests__/support/kafka-broker-under-test.ts), read with maxOffsetsPerTrigger and availableNow.
// One uninterrupted run is the reference; then episodes of kills (at random moments and in the
// middle of checkpoint writes) until a run finishes, each compared with the reference:
//   batch boundaries (partition:offset per batch id) must not move,
//   the windowed Parquet sink and the stream-stream join's JSON sink must hold the same rows,
//   the Kafka sink's output topic must hold the same records; as Spark's Kafka sink it is
//   at-least-once, so records of a batch re-sent after a kill are counted (`duplicates`), and
//   anything missing or unexpected is a mismatch;
//   the transactional Kafka sink's topic, read with kafka.isolation.level=read_committed, must hold
//   exactly the records of the uninterrupted run, each once (a duplicate is a mismatch).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mulberry32 } from '../seeded-random';
import { startKafkaBroker, type BrokerUnderTest } from '../../__tests__/support/kafka-broker-under-test';
import { leftoverTempFiles, readOrUndefined, runScript, sinkFolderRows, type CrashTestOptions, type CrashTestResult } from './harness';

const KAFKA_PIPELINE = path.join(__dirname, 'kafka-pipeline.ts');

export interface KafkaCrashTestResult extends CrashTestResult {
  episodes: number;
  /** Output records sent again after a kill (the Kafka sink is at-least-once, as Spark's). */
  duplicates: number;
  /** Kills in the middle of a Kafka sink's batch marker (after the batch was sent). */
  markerKills: number;
  /** Records the transactional sink's topic held twice for a read_committed reader (a mismatch each). */
  transactionalDuplicates: number;
  /** Records of the transactional sink compared (all episodes). */
  transactionalRecords: number;
}

/** The pipeline's input records with ids in [from, to): JSON {id, key, ts}, partition id % 2. */
export async function appendKafkaInput(broker: BrokerUnderTest, topic: string, from: number, to: number): Promise<void> {
  const base = Date.UTC(2026, 0, 1);
  for (const p of [0, 1]) {
    const rs = [];
    for (let id = from; id < to; id++) {
      if (id % 2 === p) rs.push({ key: `k${id % 4}`, value: JSON.stringify({ id, key: `k${id % 4}`, ts: new Date(base + id * 1000).toISOString() }), timestamp: base + id * 1000 });
    }
    if (rs.length > 0) await broker.append(topic, p, rs);
  }
}

/** Values of every record of `topic`, read with Rivulet's Kafka source in this process. */
export async function topicValues(bootstrap: string, topic: string, isolation: 'read_uncommitted' | 'read_committed' = 'read_uncommitted'): Promise<string[]> {
  const { StreamSession } = await import('rivulet');
  const spark = new StreamSession({ 'spark.sql.session.timeZone': 'UTC' });
  spark.sparkContext.setLogLevel('OFF');
  const values: string[] = [];
  try {
    const q = spark.readStream
      .format('kafka')
      .option('kafka.bootstrap.servers', bootstrap)
      .option('subscribe', topic)
      .option('startingOffsets', 'earliest')
      .option('kafka.isolation.level', isolation)
      .load()
      .selectExpr('CAST(value AS STRING) AS v')
      .writeStream.trigger({ availableNow: true })
      .foreachBatch((df) => {
        for (const r of df.collect()) values.push(String(r.v));
      })
      .start();
    await q.awaitTermination();
  } finally {
    await spark.stop();
  }
  return values.sort();
}

/** The join's JSON sink rows, sorted. */
export async function joinRows(folder: string): Promise<string[]> {
  const { StreamSession } = await import('rivulet');
  if (!fs.existsSync(folder)) return [];
  const spark = new StreamSession({ 'spark.sql.session.timeZone': 'UTC' });
  try {
    return spark.read.schema('id INT, ts STRING, rid INT, rts STRING').json(folder).collect().map((r) => JSON.stringify(r.asDict())).sort();
  } finally {
    await spark.stop();
  }
}

export async function runKafkaCrashTest(options: CrashTestOptions): Promise<KafkaCrashTestResult> {
  const log = options.log ?? (() => {});
  const random = mulberry32(options.seed ?? 1);
  const provider = options.provider ?? 'hdfs';
  fs.rmSync(options.workDir, { recursive: true, force: true });
  const broker = await startKafkaBroker();
  try {
    const tag = `crash-${process.pid}-${Date.now()}`;
    const inTopic = `${tag}-in`;
    await broker.createTopic(inTopic, 2);
    const records = options.batches ?? 140;
    await appendKafkaInput(broker, inTopic, 0, records);
    let topics = 0;
    /** A fresh output topic pair: [at-least-once sink's, transactional sink's]. */
    const newOutTopic = async (): Promise<[string, string]> => {
      const n = topics++;
      const t: [string, string] = [`${tag}-out-${n}`, `${tag}-eos-${n}`];
      for (const name of t) await broker.createTopic(name, 1);
      return t;
    };
    const run = (out: string, [outTopic, eosTopic]: [string, string], env: Record<string, string>, killAfterMs?: number) =>
      runScript(KAFKA_PIPELINE, ['--out', out, '--bootstrap', broker.bootstrapServers, '--in-topic', inTopic, '--out-topic', outTopic, '--eos-topic', eosTopic, '--provider', provider], env, killAfterMs);

    const reference = path.join(options.workDir, 'reference');
    const refTopic = await newOutTopic();
    const t0 = Date.now();
    const ref = await run(reference, refTopic, {});
    if (ref.code !== 0) throw new Error(`the uninterrupted run failed (exit ${ref.code}): ${ref.stderr}`);
    const refMs = Date.now() - t0;
    const refBatches = fs.readdirSync(path.join(reference, 'boundaries')).sort();
    const expectedWindows = await sinkFolderRows(path.join(reference, 'windows'), 'parquet');
    const expectedJoin = await joinRows(path.join(reference, 'join'));
    const expectedValues = await topicValues(broker.bootstrapServers, refTopic[0]);
    const expectedTransactional = await topicValues(broker.bootstrapServers, refTopic[1], 'read_committed');
    if (expectedTransactional.join('\n') !== expectedValues.join('\n')) throw new Error('the uninterrupted run: the transactional sink wrote other records than the default sink');
    log(`reference run done: ${records} records, ${refBatches.length} batches, ${refMs} ms`);
    if (expectedWindows.length === 0 || expectedValues.length === 0 || expectedJoin.length === 0) throw new Error('the uninterrupted run wrote nothing');

    const crashed = path.join(options.workDir, 'crashed');
    const mismatches: string[] = [];
    let comparedFiles = 0;
    let episodes = 0;
    let duplicates = 0;
    let transactionalDuplicates = 0;
    let transactionalRecords = 0;
    let outTopic = await newOutTopic();
    const compare = async () => {
      episodes++;
      const at = `episode ${episodes}: `;
      const leftovers = leftoverTempFiles(crashed);
      if (leftovers.length > 0) mismatches.push(`${at}temp files left after the last run: ${leftovers.slice(0, 3).join(' ')}`);
      const batches = fs.existsSync(path.join(crashed, 'boundaries')) ? fs.readdirSync(path.join(crashed, 'boundaries')).filter((n) => !n.includes('.tmp-')).sort() : [];
      if (batches.join() !== refBatches.join()) mismatches.push(`${at}boundaries: ${batches.length} batches after crashes, ${refBatches.length} without`);
      for (const name of refBatches) {
        comparedFiles++;
        const actual = readOrUndefined(path.join(crashed, 'boundaries', name));
        if (actual === undefined) mismatches.push(`${at}boundaries/${name}: lost after crashes`);
        else if (actual !== readOrUndefined(path.join(reference, 'boundaries', name))) mismatches.push(`${at}boundaries/${name}: differs after crashes (batch boundaries moved)`);
      }
      comparedFiles++;
      const windows = await sinkFolderRows(path.join(crashed, 'windows'), 'parquet');
      if (windows.join('\n') !== expectedWindows.join('\n')) mismatches.push(`${at}windows: ${windows.length} rows after crashes, ${expectedWindows.length} without`);
      comparedFiles++;
      const join = await joinRows(path.join(crashed, 'join'));
      if (join.join('\n') !== expectedJoin.join('\n')) mismatches.push(`${at}join: ${join.length} rows after crashes, ${expectedJoin.length} without`);
      comparedFiles++;
      const committed = await topicValues(broker.bootstrapServers, outTopic[1], 'read_committed');
      transactionalRecords += committed.length;
      transactionalDuplicates += committed.length - new Set(committed).size;
      if (committed.join('\n') !== expectedValues.join('\n')) {
        const missing = expectedValues.filter((v) => !committed.includes(v));
        const twice = committed.filter((v, i) => committed.indexOf(v) !== i);
        mismatches.push(`${at}transactional Kafka sink (read_committed): ${committed.length} records, ${expectedValues.length} without crashes; missing ${missing.slice(0, 5).join(' ')}; twice ${twice.slice(0, 5).join(' ')}`);
      }
      comparedFiles++;
      const values = await topicValues(broker.bootstrapServers, outTopic[0]);
      const distinct = [...new Set(values)].sort();
      duplicates += values.length - distinct.length;
      if (distinct.join('\n') !== expectedValues.join('\n')) {
        const missing = expectedValues.filter((v) => !distinct.includes(v));
        const extra = distinct.filter((v) => !expectedValues.includes(v));
        mismatches.push(`${at}Kafka sink: missing ${missing.slice(0, 5).join(' ')}; unexpected ${extra.slice(0, 5).join(' ')}`);
      }
      fs.rmSync(crashed, { recursive: true, force: true });
      outTopic = await newOutTopic();
    };

    let kills = 0;
    let tornWrites = 0;
    let markerKills = 0;
    let rerunBatches = 0;
    let killedThisEpisode = false;
    while (kills < options.kills) {
      rerunBatches += pendingBatches(path.join(crashed, 'checkpoints'));
      // A third of the kills at a random moment, a third in the middle of a random checkpoint
      // write, a third in the middle of a Kafka sink's batch marker: after its batch reached
      // Kafka, before the batch is committed (the at-least-once sink re-sends it on restart).
      const mode = random();
      const tear = mode >= 1 / 3;
      const atMarker = mode >= 2 / 3;
      const env: Record<string, string> = atMarker
        ? { RIVULET_CRASH_AFTER_WRITES: String(1 + Math.floor(random() * 8)), RIVULET_CRASH_WRITES_MATCHING: `${path.sep}sinks${path.sep}kafka${path.sep}` }
        : tear
          ? { RIVULET_CRASH_AFTER_WRITES: String(1 + Math.floor(random() * 60)) }
          : {};
      const outcome = await run(crashed, outTopic, env, tear ? undefined : Math.floor(random() * refMs * 0.6));
      if (outcome.signal === 'SIGKILL') {
        kills++;
        killedThisEpisode = true;
        if (tear) tornWrites++;
        if (atMarker) markerKills++;
        if (kills % 10 === 0) log(`${kills} kills`);
      } else if (outcome.code === 0) {
        if (killedThisEpisode) await compare();
        else {
          fs.rmSync(crashed, { recursive: true, force: true });
          outTopic = await newOutTopic();
        }
        killedThisEpisode = false;
      } else {
        throw new Error(`a restarted run failed instead of recovering (exit ${outcome.code}):\n${outcome.stderr}`);
      }
    }
    if (killedThisEpisode) {
      rerunBatches += pendingBatches(path.join(crashed, 'checkpoints'));
      const last = await run(crashed, outTopic, {});
      if (last.code !== 0) throw new Error(`the final run failed (exit ${last.code}):\n${last.stderr}`);
      await compare();
    }
    log(`${episodes} episodes compared, ${duplicates} Kafka sink records sent twice, ${transactionalDuplicates} of ${transactionalRecords} transactional sink records read twice`);
    return { kills, tornWrites, markerKills, rerunBatches, batches: refBatches.length, comparedFiles, mismatches, episodes, duplicates, transactionalDuplicates, transactionalRecords };
  } finally {
    await broker.stop();
  }
}

function pendingBatches(checkpoints: string): number {
  if (!fs.existsSync(checkpoints)) return 0;
  let pending = 0;
  const latest = (dir: string) => Math.max(-1, ...(fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => /^\d+$/.test(n)).map(Number) : []));
  for (const q of fs.readdirSync(checkpoints)) if (latest(path.join(checkpoints, q, 'offsets')) > latest(path.join(checkpoints, q, 'commits'))) pending++;
  return pending;
}
