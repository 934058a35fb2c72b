#!/usr/bin/env bash
# Installs the test oracle beside Rivulet, project-local and ignored by git:
#   .venv-spark/          PySpark (pinned) with what its Spark Connect server and applyInPandasWithState need
#   .jars/spark-kafka/    the matching spark-sql-kafka-0-10 connector and its dependencies
#   .jars/kafka/          an Apache Kafka broker (KRaft) for scripts/spark/kafka-broker.sh
# Idempotent: a finished step leaves a stamp naming its versions and is skipped next time.
set -euo pipefail
cd "$(dirname "$0")/../.."

# The newest PySpark whose spark-sql-kafka connector Maven Central serves (4.2.1 and 4.3.0 are not there).
SPARK_VERSION="${RIVULET_SPARK_VERSION:-4.2.0}"
KAFKA_VERSION="${RIVULET_KAFKA_VERSION:-4.1.1}"
PYTHON_PACKAGES=("pyspark==${SPARK_VERSION}" "pandas>=2.2,<3" "pyarrow>=15" "grpcio>=1.67" "grpcio-status>=1.67" "googleapis-common-protos>=1.65" "zstandard>=0.23")

fail() { echo "scripts/spark/setup.sh: $*" >&2; exit 1; }

command -v java >/dev/null || fail "Java 17 or newer is required (apt-get install openjdk-17-jre-headless)"
java_major="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
[ "${java_major:-0}" -ge 17 ] || fail "Java 17 or newer is required, found ${java_major:-none}"
command -v python3 >/dev/null || fail "python3 (3.10 or newer) is required"
command -v mvn >/dev/null || fail "Maven (mvn) is required to fetch the connector and broker jars from Maven Central"

stamp_ok() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

venv_stamp="pyspark=${SPARK_VERSION} ${PYTHON_PACKAGES[*]}"
if ! stamp_ok .venv-spark/.rivulet-stamp "$venv_stamp"; then
  echo "Installing PySpark ${SPARK_VERSION} into .venv-spark ..."
  [ -x .venv-spark/bin/python ] || python3 -m venv .venv-spark || fail "could not create the virtualenv"
  .venv-spark/bin/pip install --quiet --disable-pip-version-check "${PYTHON_PACKAGES[@]}" \
    || fail "pip could not install ${PYTHON_PACKAGES[*]} (is PyPI reachable?)"
  echo "$venv_stamp" > .venv-spark/.rivulet-stamp
fi

# Copies an artifact and its runtime dependencies into a folder through a throw-away pom.
fetch_jars() {
  local dest="$1" excludes="$2"; shift 2
  local work deps=""
  work="$(mktemp -d)"
  for coordinate in "$@"; do
    IFS=: read -r group artifact version <<<"$coordinate"
    deps="${deps}<dependency><groupId>${group}</groupId><artifactId>${artifact}</artifactId><version>${version}</version></dependency>"
  done
  cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>rivulet.oracle</groupId><artifactId>jars</artifactId><version>1</version>
<dependencies>${deps}</dependencies></project>
POM
  rm -rf "$dest.tmp" && mkdir -p "$dest.tmp"
  (cd "$work" && mvn -q -B -U dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$OLDPWD/$dest.tmp" ${excludes:+-DexcludeGroupIds=$excludes}) \
    || { rm -rf "$work" "$dest.tmp"; fail "Maven could not fetch $* (is Maven Central reachable?)"; }
  rm -rf "$work" "$dest" && mv "$dest.tmp" "$dest"
}

connector_stamp="spark-sql-kafka-0-10_2.13:${SPARK_VERSION}"
if ! stamp_ok .jars/spark-kafka/.rivulet-stamp "$connector_stamp"; then
  echo "Fetching spark-sql-kafka-0-10_2.13 ${SPARK_VERSION} ..."
  mkdir -p .jars
  # Spark itself ships Scala, slf4j, Hadoop and the rest; only the connector's own jars are added.
  fetch_jars .jars/spark-kafka "org.scala-lang,org.slf4j,org.apache.hadoop,com.google.code.findbugs,org.lz4,org.xerial.snappy,com.github.luben" \
    "org.apache.spark:spark-sql-kafka-0-10_2.13:${SPARK_VERSION}"
  # Drop what Spark already ships in pyspark/jars (any version): two copies of a class on the classpath clash.
  spark_jars="$(.venv-spark/bin/python -c 'import os, pyspark; print(os.path.join(os.path.dirname(pyspark.__file__), "jars"))')"
  for jar in .jars/spark-kafka/*.jar; do
    base="$(basename "$jar" | sed -E 's/-[0-9][^-]*\.jar$//')"
    if compgen -G "$spark_jars/${base}-[0-9]*.jar" >/dev/null; then rm -f "$jar"; fi
  done
  echo "$connector_stamp" > .jars/spark-kafka/.rivulet-stamp
fi

broker_stamp="kafka_2.13:${KAFKA_VERSION} slf4j2"
if ! stamp_ok .jars/kafka/.rivulet-stamp "$broker_stamp"; then
  echo "Fetching the Apache Kafka ${KAFKA_VERSION} broker ..."
  mkdir -p .jars
  fetch_jars .jars/kafka "" "org.apache.kafka:kafka_2.13:${KAFKA_VERSION}" \
    "org.slf4j:slf4j-api:2.0.16" "org.apache.logging.log4j:log4j-slf4j2-impl:2.24.3" "org.apache.logging.log4j:log4j-core:2.24.3"
  echo "$broker_stamp" > .jars/kafka/.rivulet-stamp
fi

echo "Oracle ready: PySpark ${SPARK_VERSION} (.venv-spark), spark-sql-kafka ${SPARK_VERSION} (.jars/spark-kafka), Kafka ${KAFKA_VERSION} (.jars/kafka)"
