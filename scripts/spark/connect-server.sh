#!/usr/bin/env bash
# A real Spark Connect server (Spark 4.2.0 from the pinned PySpark in .venv-spark) on 127.0.0.1.
#   scripts/spark/connect-server.sh start [port]   starts it (default port 15002), waits until it answers
#   scripts/spark/connect-server.sh stop [port]     stops it and deletes its run directory
# The Kafka connector jars (.jars/spark-kafka) are on its class path, so `format("kafka")` works.
# State lives in .jars/connect-run-<port> (ignored by git); RIVULET_CONNECT_PORT sets the default port.
# RIVULET_CONNECT_MASTER sets the server's master (default local[2]; scripts/spark/spark-cluster.sh sets a
# standalone cluster's spark://127.0.0.1:<port>).
set -euo pipefail
cd "$(dirname "$0")/../.."
port="${2:-${RIVULET_CONNECT_PORT:-15002}}"
run=".jars/connect-run-${port}"
spark_home="$PWD/.venv-spark/lib/python3.11/site-packages/pyspark"

fail() { echo "scripts/spark/connect-server.sh: $*" >&2; exit 1; }

stop() {
  if [ -f "$run/pid" ]; then
    local pid; pid="$(cat "$run/pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$run"
}

start() {
  [ -f "$spark_home/jars/spark-connect_2.13-4.2.0.jar" ] || fail "the Spark Connect jar is missing: run scripts/spark/setup.sh"
  stop
  mkdir -p "$run/warehouse" "$run/tmp"
  local jars=""
  if [ -d .jars/spark-kafka ]; then jars="$(ls "$PWD"/.jars/spark-kafka/*.jar | paste -sd, -)"; fi
  cat > "$run/log4j2.properties" <<PROPS
rootLogger.level=WARN
rootLogger.appenderRef.file.ref=file
appender.file.type=File
appender.file.name=file
appender.file.fileName=$PWD/$run/server.log
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=%d %p %c: %m%n
PROPS
  # The JVM is started directly (spark-class), so its pid is the server's pid.
  SPARK_HOME="$spark_home" nohup "$spark_home/bin/spark-class" \
    org.apache.spark.deploy.SparkSubmit \
    --class org.apache.spark.sql.connect.service.SparkConnectServer \
    --master "${RIVULET_CONNECT_MASTER:-local[2]}" \
    --driver-memory 1g \
    ${jars:+--jars "$jars"} \
    --conf spark.connect.grpc.binding.address=127.0.0.1 \
    --conf spark.connect.grpc.binding.port="$port" \
    --conf spark.ui.enabled=false \
    --conf spark.sql.warehouse.dir="$PWD/$run/warehouse" \
    --conf spark.local.dir="$PWD/$run/tmp" \
    --conf spark.driver.extraJavaOptions="-Dlog4j2.configurationFile=$PWD/$run/log4j2.properties -Djava.io.tmpdir=$PWD/$run/tmp" \
    spark-internal >"$run/stdout.log" 2>&1 &
  echo $! > "$run/pid"
  for _ in $(seq 1 900); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
      echo "Spark Connect server on sc://127.0.0.1:${port} (pid $(cat "$run/pid"))"; return 0
    fi
    kill -0 "$(cat "$run/pid")" 2>/dev/null || { tail -30 "$run/stdout.log" >&2; fail "the server exited"; }
    sleep 0.2
  done
  fail "the server did not listen on 127.0.0.1:${port} within 180 s"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) fail "usage: connect-server.sh start [port] | stop [port]" ;;
esac
