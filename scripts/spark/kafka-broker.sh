#!/usr/bin/env bash
# A real Apache Kafka broker (KRaft, one combined broker/controller node) on 127.0.0.1 for tests.
#   scripts/spark/kafka-broker.sh start [port]   starts it (default port 19092), waits until it answers
#   scripts/spark/kafka-broker.sh stop [port]     stops it and deletes its data
# State lives in .jars/kafka-run-<port> (ignored by git); RIVULET_KAFKA_PORT sets the default port. Run scripts/spark/setup.sh first.
set -euo pipefail
cd "$(dirname "$0")/../.."
port="${2:-${RIVULET_KAFKA_PORT:-19092}}"
run=".jars/kafka-run-${port}"
controller_port=$((port + 1))

fail() { echo "scripts/spark/kafka-broker.sh: $*" >&2; exit 1; }
classpath() { echo "$PWD/.jars/kafka/*"; }

stop() {
  if [ -f "$run/pid" ]; then
    local pid; pid="$(cat "$run/pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$run"
}

start() {
  [ -f .jars/kafka/.rivulet-stamp ] || fail "the broker jars are missing: run scripts/spark/setup.sh"
  stop
  mkdir -p "$run/data"
  cat > "$run/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${controller_port}
listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controller_port}
advertised.listeners=PLAINTEXT://127.0.0.1:${port}
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$PWD/$run/data
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
# Test records carry fixed timestamps years in the past; time-based retention would delete them.
log.retention.ms=-1
PROPS
  cat > "$run/log4j2.properties" <<PROPS
rootLogger.level=WARN
rootLogger.appenderRef.file.ref=file
appender.file.type=File
appender.file.name=file
appender.file.fileName=$PWD/$run/server.log
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=%d %p %c: %m%n
PROPS
  local cluster_id
  cluster_id="$(java -cp "$(classpath)" kafka.tools.StorageTool random-uuid)"
  java -cp "$(classpath)" -Dlog4j2.configurationFile="$PWD/$run/log4j2.properties" \
    kafka.tools.StorageTool format -t "$cluster_id" -c "$run/server.properties" >"$run/format.log" 2>&1 \
    || { cat "$run/format.log" >&2; fail "could not format the broker's storage"; }
  nohup java -Xmx512m -cp "$(classpath)" -Dlog4j2.configurationFile="$PWD/$run/log4j2.properties" \
    kafka.Kafka "$run/server.properties" >"$run/stdout.log" 2>&1 &
  echo $! > "$run/pid"
  for _ in $(seq 1 300); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
      echo "Kafka broker on 127.0.0.1:${port} (pid $(cat "$run/pid"))"; return 0
    fi
    kill -0 "$(cat "$run/pid")" 2>/dev/null || { tail -20 "$run/stdout.log" >&2; fail "the broker exited"; }
    sleep 0.2
  done
  fail "the broker did not listen on 127.0.0.1:${port} within 60 s"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) fail "usage: kafka-broker.sh start [port] | stop" ;;
esac
