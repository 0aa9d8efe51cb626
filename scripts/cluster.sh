#!/usr/bin/env bash
# Several instances on one machine, the way users outgrow one: one MariaDB, one external broker (Apache
# ActiveMQ Artemis from Maven Central), N Payara Micro instances sharing them, all on 127.0.0.1.
#   scripts/cluster.sh start [N]    (default 2) -> instance i on HTTP 18080+i, broker 61616, MariaDB 33316
#   scripts/cluster.sh stop
# Every instance gets the same HCC_SECRETS_KEY (generated once into DIR/secrets.key) and its own data directory;
# other HCC_* variables in the environment (e.g. HCC_DELIVERY_ALLOWED_NETWORKS) are passed on.
# DIR is HCC_CLUSTER_DIR (default target/cluster); ports: HCC_CLUSTER_HTTP_BASE, HCC_CLUSTER_BROKER_PORT,
# HCC_CLUSTER_DB_PORT. Production: docs/operations.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${HCC_CLUSTER_DIR:-$ROOT/target/cluster}
http_base=${HCC_CLUSTER_HTTP_BASE:-18080}
broker_port=${HCC_CLUSTER_BROKER_PORT:-61616}
db_port=${HCC_CLUSTER_DB_PORT:-33316}
mkdir -p "$dir"; dir=$(cd "$dir" && pwd)

start() {
  local n=${1:-2}
  [[ -n "${HCC_SKIP_BUILD:-}" ]] || (cd "$ROOT" && mvn -B -q -DskipTests -DskipITs install)
  "$ROOT/scripts/mariadb.sh" start "$dir/mariadb" "$db_port"
  "$ROOT/scripts/artemis.sh" start "$dir/artemis" "$broker_port"
  [[ -f "$dir/secrets.key" ]] || (umask 077; head -c 32 /dev/urandom | base64 > "$dir/secrets.key")
  export HCC_DB_URL="jdbc:mariadb://127.0.0.1:$db_port/hcc" HCC_DB_USER=hcc HCC_DB_PASSWORD=hcc \
    HCC_BROKER_URL="failover:(tcp://127.0.0.1:$broker_port)?initialReconnectDelay=100&maxReconnectDelay=2000" \
    HCC_BROKER_USER=hcc HCC_BROKER_PASSWORD=hcc HCC_SECRETS_KEY="$(cat "$dir/secrets.key")" \
    HCC_ADMIN_PASSWORD="${HCC_ADMIN_PASSWORD:-cluster-admin}" HCC_SKIP_BUILD=1
  for i in $(seq 1 "$n"); do
    local port=$((http_base + i)) data="$dir/instance-$i"
    mkdir -p "$data"
    HCC_HTTP_PORT=$port HCC_DATA_DIR="$data" HCC_LOG_FD=2 nohup "$ROOT/hcc" run > "$data/launcher.log" 2>&1 &
    echo $! > "$data/launcher.pid"
  done
  for i in $(seq 1 "$n"); do
    local port=$((http_base + i))
    java "$ROOT/scripts/WaitReady.java" "http://127.0.0.1:$port/health/ready" 240 "$(cat "$dir/instance-$i/launcher.pid")" '"name":"database"' \
      || { echo "instance $i did not start; see $dir/instance-$i/launcher.log" >&2; exit 1; }
    echo "instance $i: http://127.0.0.1:$port/ (data $dir/instance-$i)"
  done
  echo "broker: tcp://127.0.0.1:$broker_port (OpenWire and STOMP, user hcc/hcc); MariaDB 127.0.0.1:$db_port (hcc/hcc)"
  echo "operator: admin / \$HCC_ADMIN_PASSWORD (default cluster-admin)"
}

stop() {
  for pidfile in "$dir"/instance-*/hcc.pid "$dir"/instance-*/launcher.pid; do
    [[ -f "$pidfile" ]] && { kill "$(cat "$pidfile")" 2>/dev/null || true; rm -f "$pidfile"; }
  done
  sleep 2
  "$ROOT/scripts/artemis.sh" stop "$dir/artemis"
  "$ROOT/scripts/mariadb.sh" stop "$dir/mariadb"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
