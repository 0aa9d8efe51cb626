#!/usr/bin/env bash
# The delivery benchmark (docs/performance.md): MariaDB, an external broker (Artemis) and N instances from
# scripts/cluster.sh, a receiver and a publisher in scripts/DeliveryBench.java; everything on 127.0.0.1.
#   ./hcc bench delivery [INSTANCES] [SECONDS] [RATE] [LATENCY_SECONDS]     (defaults 1 60 500 30)
#   HCC_BENCH_PREFILL=1000000 first logs that many finished deliveries (another account), to compare the cost
#   per delivery with a large log against a small one.
#   HCC_BENCH_RECEIVER_DELAY_MS=50 makes the receiver take that long per request, as real endpoints do: the work
#   is then bound by waiting, not by this machine's CPU. HCC_BENCH_EVENTS_PER_CALL (default 3) sets how many
#   events share a call (and wait for each other).
#   HCC_BENCH_JFR=1 records each instance with JDK Flight Recorder (profile settings) and appends the flame summary
#   of scripts/jfr-summary.py to the results.
#   HCC_BENCH_DIGESTS=1 turns on MariaDB's performance schema and appends its statements by total time (count,
#   rows examined and sent) for the sustained and latency runs, prepared ones too (they are counted only with the
#   events_statements_current consumer on): which statement MariaDB's time goes to.
# Work files in target/bench-delivery (started fresh, stopped at the end).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
instances=${1:-1}; seconds=${2:-60}; rate=${3:-500}; latency=${4:-30}
export HCC_CLUSTER_DIR="$ROOT/target/bench-delivery" HCC_CLUSTER_HTTP_BASE=${HCC_BENCH_HTTP_BASE:-18580}
export HCC_CLUSTER_BROKER_PORT=${HCC_BENCH_BROKER_PORT:-61626} HCC_CLUSTER_DB_PORT=${HCC_BENCH_DB_PORT:-33326}
export HCC_DELIVERY_ALLOWED_NETWORKS=127.0.0.0/8 HCC_ADMIN_PASSWORD=bench-admin
"$ROOT/scripts/cluster.sh" stop > /dev/null 2>&1 || true
rm -rf "$HCC_CLUSTER_DIR"
if [[ -n "${HCC_BENCH_JFR:-}" ]]; then
  mkdir -p "$HCC_CLUSTER_DIR/jfr"
  export HCC_JAVA_OPTS="-Xmx512m -XX:StartFlightRecording=settings=profile,dumponexit=true,filename=$HCC_CLUSTER_DIR/jfr/"
fi
if [[ -n "${HCC_BENCH_DIGESTS:-}" ]]; then
  export HCC_MARIADB_OPTS="${HCC_MARIADB_OPTS:-} --performance-schema=ON --performance-schema-digests-size=2000 --performance-schema-consumer-events-statements-current=ON"
fi
trap '"$ROOT/scripts/cluster.sh" stop > /dev/null 2>&1 || true' EXIT
dbroot() { mariadb -uroot -h127.0.0.1 -P"$HCC_CLUSTER_DB_PORT" --protocol=tcp "$@"; }
(cd "$ROOT" && mvn -B -q -DskipTests -DskipITs install \
  && mvn -B -q -pl web-module dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$ROOT/target/bench-delivery.cp")
HCC_SKIP_BUILD=1 "$ROOT/scripts/cluster.sh" start "$instances"
pids=$(for i in $(seq 1 "$instances"); do cat "$HCC_CLUSTER_DIR/instance-$i/hcc.pid"; done | paste -sd,)
bases=$(for i in $(seq 1 "$instances"); do echo "http://127.0.0.1:$((HCC_CLUSTER_HTTP_BASE + i))"; done)
{
  echo "## Delivery benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GB RAM; $(java -version 2>&1 | head -1)"
  echo "- $instances instance(s) of Payara Micro (-Xmx512m), Artemis 2.40.0 (OpenWire, persistent), MariaDB (every attempt logged)"
  echo "- sustained run $seconds s; latency run at $rate events/s for $latency s after ${HCC_BENCH_LATENCY_WARMUP:-5} s at that rate; everything on 127.0.0.1 on this one machine"
  echo
  if [[ -n "${HCC_BENCH_PREFILL:-}" ]]; then
    started=$(date +%s)
    java -cp "$(cat "$ROOT/target/bench-delivery.cp")" "$ROOT/scripts/LogsBench.java" "$(echo "$bases" | head -1)" \
      "jdbc:mariadb://127.0.0.1:$HCC_CLUSTER_DB_PORT/hcc" "$HCC_BENCH_PREFILL" --fill-only prefill > /dev/null
    echo "- logged before the run: $HCC_BENCH_PREFILL finished deliveries with events and attempts (another account), filled in $(( $(date +%s) - started )) s"
    echo
  fi
  # statements counted from here: the prefill is not the engine's work
  [[ -z "${HCC_BENCH_DIGESTS:-}" ]] || dbroot -e 'TRUNCATE performance_schema.events_statements_summary_by_digest; TRUNCATE performance_schema.prepared_statements_instances'
  cpu="mariadb:$(cat "$HCC_CLUSTER_DIR/mariadb/mysqld.pid"),artemis:$(cat "$HCC_CLUSTER_DIR/artemis/broker.pid")"
  for i in $(seq 1 "$instances"); do cpu="$cpu,instance $i:$(cat "$HCC_CLUSTER_DIR/instance-$i/hcc.pid")"; done
  [[ -z "${HCC_BENCH_RECEIVER_DELAY_MS:-}" ]] || echo "- the receiver answers after ${HCC_BENCH_RECEIVER_DELAY_MS} ms"
  echo "- ${HCC_BENCH_EVENTS_PER_CALL:-3} event(s) per call"
  echo
  cd "$ROOT" && java -Dcpu="$cpu" -Ddelay="${HCC_BENCH_RECEIVER_DELAY_MS:-0}" \
    -DperCall="${HCC_BENCH_EVENTS_PER_CALL:-3}" -DlatencyWarmup="${HCC_BENCH_LATENCY_WARMUP:-5}" -Ddb="jdbc:mariadb://127.0.0.1:$HCC_CLUSTER_DB_PORT/hcc" \
    -cp "$(cat "$ROOT/target/bench-delivery.cp")" scripts/DeliveryBench.java \
    "tcp://127.0.0.1:$HCC_CLUSTER_BROKER_PORT" "$seconds" "$rate" "$latency" "$pids" $bases
  # what the last deadlock was, so each can be explained (the two transactions' statements and locks)
  deadlock=$(dbroot -e 'SHOW ENGINE INNODB STATUS\G' 2>/dev/null \
    | sed -n '/LATEST DETECTED DEADLOCK/,/WE ROLL BACK/p' || true)
  if [[ -n "$deadlock" ]]; then
    echo
    echo "The last deadlock MariaDB detected:"
    echo
    echo '```'
    echo "$deadlock" | cut -c1-400
    echo '```'
  fi
  if [[ -n "${HCC_BENCH_DIGESTS:-}" ]]; then
    echo
    echo "MariaDB's statements by total time, sustained and latency runs together (performance schema; rows examined"
    echo "are rows the server read to answer, sent those it returned):"
    echo
    echo "| statement | count | total ms | us each | rows examined each | rows sent each |"
    echo "|---|---:|---:|---:|---:|---:|"
    # text statements by digest, and the server-side prepared ones (the product's) by their text
    dbroot -N -B -e "SELECT REPLACE(stmt, '|', '/'), SUM(n), ROUND(SUM(t) / 1e9), ROUND(SUM(t) / SUM(n) / 1e6),
        ROUND(SUM(ex) / SUM(n), 1), ROUND(SUM(sent) / SUM(n), 1) FROM (
          SELECT LEFT(DIGEST_TEXT, 160) stmt, COUNT_STAR n, SUM_TIMER_WAIT t, SUM_ROWS_EXAMINED ex, SUM_ROWS_SENT sent
            FROM performance_schema.events_statements_summary_by_digest WHERE SCHEMA_NAME = 'hcc'
          UNION ALL
          SELECT LEFT(SQL_TEXT, 160), COUNT_EXECUTE, SUM_TIMER_EXECUTE, SUM_ROWS_EXAMINED, SUM_ROWS_SENT
            FROM performance_schema.prepared_statements_instances) s
      WHERE n > 0 GROUP BY stmt ORDER BY SUM(t) DESC LIMIT 25" | awk -F'\t' '{printf "| `%s` | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6}'
  fi
} | tee "$HCC_CLUSTER_DIR/results.md"
if [[ -n "${HCC_BENCH_JFR:-}" ]]; then
  "$ROOT/scripts/cluster.sh" stop > /dev/null 2>&1 || true # the recordings are written as the instances stop
  for f in "$HCC_CLUSTER_DIR"/jfr/*.jfr; do
    [[ -e "$f" ]] || continue
    { echo; echo "### Flame summary of $(basename "$f") (scripts/jfr-summary.py)"; echo; python3 "$ROOT/scripts/jfr-summary.py" "$f" 15; } \
      | tee -a "$HCC_CLUSTER_DIR/results.md"
  done
fi
