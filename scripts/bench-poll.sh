#!/usr/bin/env bash
# The delivery poller's read in isolation (docs/performance.md, 2026-12-03 seventh part): a private MariaDB with
# ROWS finished deliveries of 8 webhooks and BACKLOG due ones of a webhook the instance is backlogged on (left out of
# the poll), the oldest of all, and 3 due ones of another; the poll before V012 (status index, webhook joined, sorted)
# against the one after (one index, in its order), each asked 20 times, twice. A table with the columns the poll
# reads, not the product's whole schema.
#   ./hcc bench poll [ROWS] [BACKLOG]     (defaults 1000000 50000)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rows=${1:-1000000}; backlog=${2:-50000}
dir="$ROOT/target/bench-poll"; port=${HCC_BENCH_DB_PORT:-33327}
version=$(sed -n 's:.*<mariadb.version>\(.*\)</mariadb.version>.*:\1:p' "$ROOT/pom.xml")
mvn -B -q dependency:copy -Dartifact="org.mariadb.jdbc:mariadb-java-client:$version" -DoutputDirectory="$dir" > /dev/null
"$ROOT/scripts/mariadb.sh" start "$dir/db" "$port" --fresh > /dev/null
trap '"$ROOT/scripts/mariadb.sh" stop "$dir/db"' EXIT
echo "## The poller's read, $(date -u +%Y-%m-%dT%H:%MZ): $rows finished deliveries, $backlog due for a backlogged webhook"
echo
java -cp "$dir/mariadb-java-client-$version.jar" "$ROOT/scripts/PollBench.java" \
  "jdbc:mariadb://127.0.0.1:$port/hcc?useServerPrepStmts=true" "$rows" "$backlog" | tee "$dir/results.md"
