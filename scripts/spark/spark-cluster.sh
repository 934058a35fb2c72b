#!/usr/bin/env bash
# A real Spark standalone cluster on 127.0.0.1 (a master and one worker from the pinned PySpark in
# .venv-spark), with a Spark Connect server whose master is that cluster: remote mode's plans then run
# on the worker's executor JVM, not inside the server.
#   scripts/spark/spark-cluster.sh start [port]   master on <port>, worker, Connect server on <port>+1
#   scripts/spark/spark-cluster.sh stop [port]    stops all three and deletes their run directories
# Default port 17077 (RIVULET_CLUSTER_PORT). Web UIs are on <port>+2 (master) and <port>+3 (worker).
# The worker offers 2 cores and RIVULET_WORKER_MEMORY (default 2g); the executor takes 1g.
set -euo pipefail
cd "$(dirname "$0")/../.."
port="${2:-${RIVULET_CLUSTER_PORT:-17077}}"
connect_port=$((port + 1))
run=".jars/cluster-run-${port}"
spark_home="$PWD/.venv-spark/lib/python3.11/site-packages/pyspark"

fail() { echo "scripts/spark/spark-cluster.sh: $*" >&2; exit 1; }

stop_pid() {
  local file="$1"
  [ -f "$file" ] || return 0
  local pid; pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
}

stop() {
  bash scripts/spark/connect-server.sh stop "$connect_port" || true
  stop_pid "$run/worker.pid"
  stop_pid "$run/master.pid"
  rm -rf "$run"
}

wait_port() {
  local p="$1" pidfile="$2" log="$3"
  for _ in $(seq 1 900); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$p") 2>/dev/null; then return 0; fi
    kill -0 "$(cat "$pidfile")" 2>/dev/null || { tail -30 "$log" >&2; fail "a process exited (see $log)"; }
    sleep 0.2
  done
  fail "nothing listened on 127.0.0.1:$p within 180 s"
}

start() {
  stop
  mkdir -p "$run/work" "$run/tmp"
  # The JVMs are started directly (spark-class), so their pids are the daemons' pids.
  SPARK_HOME="$spark_home" SPARK_LOCAL_DIRS="$PWD/$run/tmp" nohup "$spark_home/bin/spark-class" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$port" --webui-port $((port + 2)) >"$run/master.log" 2>&1 &
  echo $! > "$run/master.pid"
  wait_port "$port" "$run/master.pid" "$run/master.log"
  SPARK_HOME="$spark_home" SPARK_LOCAL_DIRS="$PWD/$run/tmp" nohup "$spark_home/bin/spark-class" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores 2 --memory "${RIVULET_WORKER_MEMORY:-2g}" --webui-port $((port + 3)) --work-dir "$PWD/$run/work" \
    "spark://127.0.0.1:$port" >"$run/worker.log" 2>&1 &
  echo $! > "$run/worker.pid"
  for _ in $(seq 1 900); do
    grep -q "Successfully registered with master" "$run/worker.log" 2>/dev/null && break
    kill -0 "$(cat "$run/worker.pid")" 2>/dev/null || { tail -30 "$run/worker.log" >&2; fail "the worker exited"; }
    sleep 0.2
  done
  grep -q "Successfully registered with master" "$run/worker.log" || fail "the worker did not register with the master within 180 s"
  RIVULET_CONNECT_MASTER="spark://127.0.0.1:$port" bash scripts/spark/connect-server.sh start "$connect_port"
  echo "Spark standalone cluster: master spark://127.0.0.1:${port}, Spark Connect sc://127.0.0.1:${connect_port}"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) fail "usage: spark-cluster.sh start [port] | stop [port]" ;;
esac
