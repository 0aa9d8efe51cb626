#!/usr/bin/env bash
# The Webhooks Logs benchmark (docs/performance.md): a private MariaDB, the product on it (Payara Micro,
# embedded broker), ROWS deliveries of one account inside the report's default 24-hour range, then the
# report's requests timed over HTTP. Everything on 127.0.0.1; nothing is left running.
#   ./hcc bench logs [ROWS]        (default 1000000; needs mariadb-server, which ./hcc bench installs where missing)
# Ports: HCC_BENCH_DB_PORT (33306), HCC_BENCH_HTTP_PORT (18480); work files in target/bench-logs.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rows=${1:-1000000}
work="$ROOT/target/bench-logs"
db_port=${HCC_BENCH_DB_PORT:-33306}
http_port=${HCC_BENCH_HTTP_PORT:-18480}
export HCC_ADMIN_PASSWORD=bench-admin
mkdir -p "$work"

cleanup() {
  if [[ -f "$work/data/hcc.pid" ]]; then kill "$(cat "$work/data/hcc.pid")" 2>/dev/null || true; fi
  [[ -n "${launcher:-}" ]] && { kill "$launcher" 2>/dev/null || true; wait "$launcher" 2>/dev/null || true; }
  "$ROOT/scripts/mariadb.sh" stop "$work/mariadb" > /dev/null 2>&1 || true
}
trap cleanup EXIT

(cd "$ROOT" && mvn -B -q -DskipTests -DskipITs install)
"$ROOT/scripts/mariadb.sh" start "$work/mariadb" "$db_port" --fresh
rm -rf "$work/data"
HCC_SKIP_BUILD=1 HCC_DATA_DIR="$work/data" HCC_HTTP_PORT="$http_port" \
  HCC_BROKER_OPENWIRE_PORT=$((http_port + 1)) HCC_BROKER_STOMP_PORT=$((http_port + 2)) \
  HCC_DB_URL="jdbc:mariadb://127.0.0.1:$db_port/hcc" HCC_DB_USER=hcc HCC_DB_PASSWORD=hcc \
  HCC_LOG_FD=2 "$ROOT/hcc" run > "$work/launcher.log" 2>&1 &
launcher=$!
java "$ROOT/scripts/WaitReady.java" "http://127.0.0.1:$http_port/health/ready" 240 "$launcher" '"name":"database"' \
  || { echo "the product did not start; see $work/launcher.log" >&2; exit 1; }

{
  echo "## Webhooks Logs benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GB RAM"
  echo "- $(java -version 2>&1 | head -1); MariaDB $(mariadb --version 2>/dev/null | grep -o '[0-9]*\.[0-9]*\.[0-9]*-MariaDB' || true), innodb_buffer_pool_size 256M"
  echo "- $rows deliveries in one account, all within the last 24 hours; each with its event and one attempt"
  echo "- each request: 5 warm-up, then 50 timed, one at a time, over HTTP on 127.0.0.1 (limit 25 rows)"
  echo
  java -cp "$ROOT/web-module/target/runtime/mariadb-java-client.jar" "$ROOT/scripts/LogsBench.java" \
    "http://127.0.0.1:$http_port" "jdbc:mariadb://127.0.0.1:$db_port/hcc" "$rows"
} | tee "$work/results.md"
echo "results: $work/results.md"
