// Option handling of Spark's KafkaSourceProvider: validation with Spark's IllegalArgumentException
// texts, the subscription strategy, starting offsets, and the mapping of `kafka.*` (Java client
// property names) onto kafkajs's client configuration.
import * as fs from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { IllegalArgumentException } from '../../errors/illegal-argument-exception';
import type { CaseInsensitiveMap } from '../../util/case-insensitive-map';
import { Logger } from '../../util/logger';
import { parseDurationMs } from '../../util/interval-string';

const log = new Logger('KafkaSourceProvider');

export interface TopicPartition {
  topic: string;
  partition: number;
}

export type SubscriptionStrategy =
  | { kind: 'assign'; partitions: TopicPartition[] }
  | { kind: 'subscribe'; topics: string[] }
  | { kind: 'subscribePattern'; pattern: RegExp };

/** Where a fresh query starts (KafkaOffsetRangeLimit); -2 = earliest, -1 = latest per partition. */
export type StartingOffsets =
  | { kind: 'earliest' }
  | { kind: 'latest' }
  | { kind: 'specific'; offsets: Map<string, number> }
  | { kind: 'globalTimestamp'; timestamp: number; strategy: 'error' | 'latest' }
  | { kind: 'specificTimestamp'; timestamps: Map<string, number>; strategy: 'error' | 'latest' };

const STRATEGY_KEYS = ['subscribe', 'subscribepattern', 'assign'];

export const CUSTOM_GROUP_ID_ERROR_MESSAGE = `Kafka option 'kafka.group.id' has been set on this query, it is
 not recommended to set this option. This option is unsafe to use since multiple concurrent
 queries or sources using the same group id will interfere with each other as they are part
 of the same consumer group. Restarted queries may also suffer interference from the
 previous run having the same group id. The user should have only one query per group id,
 and/or set the option 'kafka.session.timeout.ms' to be very small so that the Kafka
 consumers from the previous query are marked dead by the Kafka group coordinator before the
 restarted query starts running.
`;

export const INSTRUCTION_FOR_FAIL_ON_DATA_LOSS_FALSE = `
Some data may have been lost because they are not available in Kafka any more; either the
 data was aged out by Kafka or the topic may have been deleted before all the data in the
 topic was processed. If you want your streaming query to fail on such cases, set the source
 option "failOnDataLoss" to "true".
    `;

/** "topic-partition", Kafka's TopicPartition.toString. */
export function tpKey(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

/** Spark's validateStreamOptions (ending offsets are batch-only) + validateGeneralOptions. */
export function validateStreamOptions(options: CaseInsensitiveMap): void {
  if (options.has('endingOffsets')) throw new IllegalArgumentException('ending offset not valid in streaming queries');
  if (options.has('endingOffsetsByTimestamp')) throw new IllegalArgumentException('ending timestamp not valid in streaming queries');
  validateGeneralOptions(options);
}

export function validateGeneralOptions(options: CaseInsensitiveMap): void {
  const specified = STRATEGY_KEYS.filter((k) => options.has(k));
  if (specified.length === 0) {
    throw new IllegalArgumentException(`One of the following options must be specified for Kafka source: ${STRATEGY_KEYS.join(', ')}. See the docs for more details.`);
  }
  if (specified.length > 1) {
    throw new IllegalArgumentException(`Only one of the following options can be specified for Kafka source: ${STRATEGY_KEYS.join(', ')}. See the docs for more details.`);
  }
  const value = options.get(specified[0])!;
  if (specified[0] === 'assign' && !value.trim().startsWith('{')) {
    throw new IllegalArgumentException(`No topicpartitions to assign as specified value for option 'assign' is '${value}'`);
  }
  if (specified[0] === 'subscribe' && splitTopics(value).length === 0) {
    throw new IllegalArgumentException(`No topics to subscribe to as specified value for option 'subscribe' is '${value}'`);
  }
  if (specified[0] === 'subscribepattern' && value.trim() === '') {
    throw new IllegalArgumentException(`Pattern to subscribe is empty as specified value for option 'subscribePattern' is '${value}'`);
  }
  if (options.has('minPartitions') && parseLong(options.get('minPartitions')!) <= 0) throw new IllegalArgumentException('minPartitions must be positive');
  if (options.has('maxRecordsPerPartition') && parseLong(options.get('maxRecordsPerPartition')!) <= 0) {
    throw new IllegalArgumentException('maxrecordsperpartition must be positive');
  }
  if (options.has('kafka.group.id')) {
    log.warn(CUSTOM_GROUP_ID_ERROR_MESSAGE);
    if (options.has('groupIdPrefix')) log.warn('Option groupIdPrefix will be ignored as option kafka.group.id has been set.');
  }
  if (options.has('kafka.auto.offset.reset')) {
    throw new IllegalArgumentException(`
Kafka option 'auto.offset.reset' is not supported.
Instead set the source option 'startingoffsets' to 'earliest' or 'latest'
to specify where to start. Structured Streaming manages which offsets are consumed
internally, rather than relying on the kafkaConsumer to do it. This will ensure that no
data is missed when new topics/partitions are dynamically subscribed. Note that
'startingoffsets' only applies when a new Streaming query is started, and
that resuming will always pick up from where the query left off. See the docs for more
details.
         `);
  }
  if (options.has('kafka.key.deserializer')) {
    throw new IllegalArgumentException(
      "Kafka option 'key.deserializer' is not supported as keys are deserialized as byte arrays with ByteArrayDeserializer. Use DataFrame operations to explicitly deserialize the keys.",
    );
  }
  if (options.has('kafka.value.deserializer')) {
    throw new IllegalArgumentException(
      "Kafka option 'value.deserializer' is not supported as values are deserialized as byte arrays with ByteArrayDeserializer. Use DataFrame operations to explicitly deserialize the values.",
    );
  }
  for (const c of ['enable.auto.commit', 'interceptor.classes']) {
    if (options.has(`kafka.${c}`)) throw new IllegalArgumentException(`Kafka option '${c}' is not supported`);
  }
  if (!options.has('kafka.bootstrap.servers')) {
    throw new IllegalArgumentException("Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer");
  }
  if (options.has('minOffsetsPerTrigger') && options.has('maxOffsetsPerTrigger')) {
    const min = parseLong(options.get('minOffsetsPerTrigger')!);
    const max = parseLong(options.get('maxOffsetsPerTrigger')!);
    if (min > max) throw new IllegalArgumentException(`The value of minOffsetPerTrigger(${min}) is higher than the maxOffsetsPerTrigger(${max}).`);
  }
}

/** Spark's kafkaParamsForProducer checks. */
export function validateProducerOptions(options: CaseInsensitiveMap): void {
  if (options.has('kafka.key.serializer')) {
    throw new IllegalArgumentException("Kafka option 'key.serializer' is not supported as keys are serialized with ByteArraySerializer.");
  }
  if (options.has('kafka.value.serializer')) {
    throw new IllegalArgumentException("Kafka option 'value.serializer' is not supported as value are serialized with ByteArraySerializer.");
  }
}

export function splitTopics(value: string): string[] {
  return value
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

/** Java's Long.parseLong, with its NumberFormatException text. */
export function parseLong(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw new IllegalArgumentException(`For input string: "${text}"`);
  return Number(text);
}

/** Scala's String.toBoolean. */
export function parseBoolean(name: string, text: string | undefined, fallback: boolean): boolean {
  if (text === undefined) return fallback;
  const t = text.toLowerCase();
  if (t === 'true') return true;
  if (t === 'false') return false;
  throw new IllegalArgumentException(`For input string: "${text}"`);
}

export function subscriptionStrategy(options: CaseInsensitiveMap): SubscriptionStrategy {
  const assign = options.get('assign');
  if (assign !== undefined) return { kind: 'assign', partitions: parsePartitions(assign) };
  const subscribe = options.get('subscribe');
  if (subscribe !== undefined) return { kind: 'subscribe', topics: splitTopics(subscribe) };
  // Java regexes and JS regexes agree on the common subset; Kafka matches the whole topic name.
  return { kind: 'subscribePattern', pattern: new RegExp(`^(?:${options.get('subscribePattern')!.trim()})$`) };
}

function jsonError(text: string): IllegalArgumentException {
  return new IllegalArgumentException(`Expected e.g. {"topicA":[0,1],"topicB":[0,1]}, got ${text}`);
}

/** JsonUtils.partitions: {"topicA":[0,1],"topicB":[0,1]}. */
function parsePartitions(text: string): TopicPartition[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw jsonError(text);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw jsonError(text);
  const out: TopicPartition[] = [];
  for (const [topic, parts] of Object.entries(parsed)) {
    if (!Array.isArray(parts) || !parts.every((p) => Number.isInteger(p))) throw jsonError(text);
    for (const p of parts as number[]) out.push({ topic, partition: p });
  }
  return out;
}

/** JsonUtils.partitionOffsets / partitionTimestamps: {"topicA":{"0":23,"1":-1}}. */
export function parsePartitionNumbers(text: string, example: string): Map<string, number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new IllegalArgumentException(`Expected e.g. ${example}, got ${text}`);
  }
  const out = new Map<string, number>();
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new IllegalArgumentException(`Expected e.g. ${example}, got ${text}`);
  for (const [topic, parts] of Object.entries(parsed)) {
    if (typeof parts !== 'object' || parts === null || Array.isArray(parts)) throw new IllegalArgumentException(`Expected e.g. ${example}, got ${text}`);
    for (const [p, v] of Object.entries(parts)) {
      if (!/^\d+$/.test(p) || !Number.isInteger(v)) throw new IllegalArgumentException(`Expected e.g. ${example}, got ${text}`);
      out.set(tpKey(topic, Number(p)), v as number);
    }
  }
  return out;
}

export function parseOffsetJson(text: string): Map<string, number> {
  return parsePartitionNumbers(text, '{"topicA":{"0":23,"1":-1},"topicB":{"0":-2}}');
}

/** Spark's getKafkaOffsetRangeLimit for the starting side, in its order of preference. */
export function startingOffsets(options: CaseInsensitiveMap): StartingOffsets {
  const strategyText = options.get('startingOffsetsByTimestampStrategy');
  const strategy = strategyText === undefined ? 'error' : strategyText.toLowerCase();
  if (strategy !== 'error' && strategy !== 'latest') throw new IllegalArgumentException(`No value found for '${strategyText!.toUpperCase()}'`);
  const ts = options.get('startingTimestamp');
  if (ts !== undefined) {
    if (!/^[+-]?\d+$/.test(ts.trim())) throw new IllegalArgumentException(`Expected a single long value, got ${ts.trim()}`);
    return { kind: 'globalTimestamp', timestamp: Number(ts.trim()), strategy };
  }
  const byTs = options.get('startingOffsetsByTimestamp');
  if (byTs !== undefined) return { kind: 'specificTimestamp', timestamps: parsePartitionNumbers(byTs.trim(), '{"topicA":{"0":1000,"1":1000},"topicB":{"0":2000}}'), strategy };
  const text = options.get('startingOffsets')?.trim();
  if (text === undefined || text.toLowerCase() === 'latest') return { kind: 'latest' };
  if (text.toLowerCase() === 'earliest') return { kind: 'earliest' };
  return { kind: 'specific', offsets: parseOffsetJson(text) };
}

/** Java duration strings as Spark's Utils.timeStringAsMs reads them ("15m", "30s", "100ms", "5"). */
export function timeStringAsMs(text: string): number {
  const m = /^\s*(\d+)\s*(ms|s|m|min|h|d)?\s*$/i.exec(text);
  if (m) {
    const unit = (m[2] ?? 'ms').toLowerCase();
    const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' || unit === 'min' ? 60_000 : unit === 'h' ? 3_600_000 : 86_400_000;
    return Number(m[1]) * factor;
  }
  try {
    return parseDurationMs(text);
  } catch {
    throw new IllegalArgumentException(`Invalid time string: ${text}`);
  }
}

/**
 * kafka.* (Java client property names) -> kafkajs's client config. Covers what kafkajs can do:
 * bootstrap servers, client.id, timeouts, SSL with PEM material, SASL PLAIN and SCRAM.
 */
export function kafkaClientConfig(options: CaseInsensitiveMap): KafkaConfig {
  const kafka = (name: string): string | undefined => options.get(`kafka.${name}`);
  const config: KafkaConfig = {
    brokers: splitTopics(kafka('bootstrap.servers') ?? ''),
    clientId: kafka('client.id') ?? 'rivulet',
  };
  const requestTimeout = kafka('request.timeout.ms');
  if (requestTimeout !== undefined) config.requestTimeout = parseLong(requestTimeout);
  // The Java client's default (10 s), not kafkajs's 1 s: a loaded machine connects slower than that.
  const connectTimeout = kafka('socket.connection.setup.timeout.ms');
  config.connectionTimeout = connectTimeout !== undefined ? parseLong(connectTimeout) : 10_000;
  const protocol = (kafka('security.protocol') ?? 'PLAINTEXT').toUpperCase();
  if (!['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'].includes(protocol)) {
    throw new IllegalArgumentException(`No enum constant org.apache.kafka.common.security.auth.SecurityProtocol.${protocol}`);
  }
  if (protocol === 'SSL' || protocol === 'SASL_SSL') config.ssl = sslOptions(kafka);
  if (protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL') config.sasl = saslOptions(kafka);
  return config;
}

function sslOptions(kafka: (name: string) => string | undefined): ConnectionOptions | true {
  const tls: ConnectionOptions = {};
  const pemOnly = (typeKey: string): void => {
    const type = (kafka(typeKey) ?? 'JKS').toUpperCase();
    if (type !== 'PEM') throw new IllegalArgumentException(`Kafka option '${typeKey}' must be PEM: the Node.js Kafka client (kafkajs) reads PEM certificates and keys, not ${type} stores`);
  };
  const trustCerts = kafka('ssl.truststore.certificates');
  const trustFile = kafka('ssl.truststore.location');
  if (trustCerts !== undefined) tls.ca = trustCerts;
  else if (trustFile !== undefined) {
    pemOnly('ssl.truststore.type');
    tls.ca = fs.readFileSync(trustFile, 'utf8');
  }
  const chain = kafka('ssl.keystore.certificate.chain');
  const key = kafka('ssl.keystore.key');
  const keyFile = kafka('ssl.keystore.location');
  if (chain !== undefined || key !== undefined) {
    tls.cert = chain;
    tls.key = key;
  } else if (keyFile !== undefined) {
    pemOnly('ssl.keystore.type');
    // A PEM keystore file holds the private key and the certificate chain together.
    const pem = fs.readFileSync(keyFile, 'utf8');
    tls.cert = pem;
    tls.key = pem;
  }
  const password = kafka('ssl.key.password') ?? kafka('ssl.keystore.password');
  if (password !== undefined) tls.passphrase = password;
  // An empty ssl.endpoint.identification.algorithm disables host name verification (Kafka's rule).
  if (kafka('ssl.endpoint.identification.algorithm') === '') tls.checkServerIdentity = () => undefined;
  return Object.keys(tls).length === 0 ? true : tls;
}

function saslOptions(kafka: (name: string) => string | undefined): SASLOptions {
  const mechanism = (kafka('sasl.mechanism') ?? 'GSSAPI').toUpperCase();
  const jaas = kafka('sasl.jaas.config');
  const field = (name: string): string | undefined => (jaas === undefined ? undefined : new RegExp(`\\b${name}\\s*=\\s*"((?:[^"\\\\]|\\\\.)*)"`).exec(jaas)?.[1]?.replace(/\\(.)/g, '$1'));
  const username = field('username');
  const password = field('password');
  if (mechanism !== 'PLAIN' && mechanism !== 'SCRAM-SHA-256' && mechanism !== 'SCRAM-SHA-512') {
    throw new IllegalArgumentException(`Kafka option 'sasl.mechanism' ${mechanism} is not supported by the Node.js Kafka client (kafkajs); use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512`);
  }
  if (username === undefined || password === undefined) {
    throw new IllegalArgumentException("Kafka option 'sasl.jaas.config' must set username=\"...\" and password=\"...\" for SASL " + mechanism);
  }
  const m = mechanism.toLowerCase() as 'plain' | 'scram-sha-256' | 'scram-sha-512';
  return { mechanism: m, username, password } as SASLOptions;
}
