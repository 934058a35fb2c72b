#!/usr/bin/env bash
# npm run test:spark: everything that needs a JVM or a real Kafka broker, kept out of `npm test`.
#   1. scripts/spark/setup.sh (pinned PySpark, Kafka connector, Kafka broker; cached)
#   2. a real Kafka broker on 127.0.0.1 (RIVULET_KAFKA_PORT, default 19092), stopped on exit
#   3. a Spark Connect server on 127.0.0.1 (RIVULET_CONNECT_PORT, default 15002), stopped on exit
#   4. Rivulet's Kafka source/sink/transaction/batch-read tests against the broker, the Spark <-> Rivulet interop tests and
#      remote mode (Spark Connect) against the server
#   5. the oracle's live check: every PySpark scenario re-run, recordings must still match Spark
# Each part prints its time; the last line is "N passed, N failed" over the jest parts and the oracle.
set -uo pipefail
cd "$(dirname "$0")/../.."
port="${RIVULET_KAFKA_PORT:-19092}"
broker="scripts/spark/kafka-broker.sh"
connect_port="${RIVULET_CONNECT_PORT:-15002}"
connect="scripts/spark/connect-server.sh"
status=0
passed=0
failed=0

timed() {
  local label="$1"; shift
  local started=$SECONDS
  "$@"
  local code=$?
  echo "== $label: $((SECONDS - started)) s (exit $code)"
  return $code
}

count_jest() {
  local report="$1"
  [ -s "$report" ] || { failed=$((failed + 1)); return; }
  read -r p f < <(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(r.numPassedTests, r.numFailedTests)' "$report")
  passed=$((passed + p)); failed=$((failed + f))
}

timed "setup" bash scripts/spark/setup.sh || exit 1

trap 'bash "$broker" stop "$port" >/dev/null 2>&1; bash "$connect" stop "$connect_port" >/dev/null 2>&1' EXIT
timed "kafka broker start" bash "$broker" start "$port" || exit 1
export RIVULET_KAFKA_BOOTSTRAP="127.0.0.1:$port"
timed "spark connect server start" bash "$connect" start "$connect_port" || exit 1
export RIVULET_CONNECT_URL="sc://127.0.0.1:$connect_port"

report="$(mktemp)"
timed "kafka tests against the real broker" npx jest --json --outputFile="$report" \
  __tests__/connectors/kafka/kafka-source.test.ts __tests__/connectors/kafka/kafka-sink.test.ts \
  __tests__/connectors/kafka/kafka-transactions.test.ts __tests__/connectors/kafka/kafka-batch-read.test.ts || status=1
count_jest "$report"
timed "live tests (Spark <-> Rivulet through Kafka, remote mode on Spark Connect)" npx jest -c jest.live.config.js --json --outputFile="$report" || status=1
count_jest "$report"
rm -f "$report"

bash "$broker" stop "$port"
bash "$connect" stop "$connect_port"
unset RIVULET_KAFKA_BOOTSTRAP RIVULET_CONNECT_URL
oracle_log="$(mktemp)"
timed "oracle: live PySpark against the recordings" npx tsx scripts/oracle.ts 2>&1 | tee "$oracle_log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
summary="$(grep -E '^[0-9]+ passed, [0-9]+ failed \(recordings' "$oracle_log" | tail -1)"
if [ -n "$summary" ]; then
  passed=$((passed + $(echo "$summary" | cut -d' ' -f1))); failed=$((failed + $(echo "$summary" | cut -d' ' -f3)))
else
  failed=$((failed + 1)); status=1
fi
rm -f "$oracle_log"

echo "$passed passed, $failed failed"
exit $status
