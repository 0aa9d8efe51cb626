#!/usr/bin/env bash
# A private MariaDB for tests: its own data directory, socket and port on 127.0.0.1; no systemd, no root
# service, nothing outside DIR. Used by the Maven build (pre-/post-integration-test) and the cluster script.
#   scripts/mariadb.sh start DIR PORT [--fresh]   -> database hcc, user hcc / password hcc (who may also
#                                                 create databases named hcc*, one per test)
#                                                 (--fresh: stop a leftover server and start from empty)
#   scripts/mariadb.sh stop DIR
# HCC_MARIADB_OPTS adds server options (e.g. --innodb-flush-log-at-trx-commit=2 for a benchmark comparison).
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?directory}
mkdir -p "$dir"; dir=$(cd "$dir" && pwd)
find_bin() { command -v "$1" 2>/dev/null || { [[ -x "/usr/sbin/$1" ]] && echo "/usr/sbin/$1"; } || { echo "$1 not found: apt-get install mariadb-server (./hcc test and ./hcc bench do it)" >&2; exit 1; }; }
user_opt=(); [[ $(id -u) -eq 0 ]] && user_opt=(--user=root)
# A Unix socket path must stay under 108 characters, wherever the checkout is.
sock="${TMPDIR:-/tmp}/hcc-mariadb-$(printf '%s' "$dir" | cksum | cut -d' ' -f1).sock"

case "$cmd" in
start)
  port=${3:?port}
  if [[ "${4:-}" == "--fresh" ]]; then
    "$0" stop "$dir"
    rm -rf "$dir/data"
  fi
  if [[ -f "$dir/mysqld.pid" ]] && kill -0 "$(cat "$dir/mysqld.pid")" 2>/dev/null; then
    echo "MariaDB already running in $dir"; exit 0
  fi
  if [[ ! -d "$dir/data/mysql" ]]; then
    "$(find_bin mariadb-install-db)" --no-defaults "${user_opt[@]}" --datadir="$dir/data" \
      --auth-root-authentication-method=normal --skip-test-db > "$dir/install.log" 2>&1
  fi
  "$(find_bin mariadbd)" --no-defaults "${user_opt[@]}" --datadir="$dir/data" --socket="$sock" \
    --port="$port" --bind-address=127.0.0.1 --pid-file="$dir/mysqld.pid" --log-error="$dir/error.log" \
    --skip-name-resolve --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-buffer-pool-size=256M --innodb-log-file-size=256M --max-connections=500 ${HCC_MARIADB_OPTS:-} > /dev/null 2>&1 &
  client=$(find_bin mariadb)
  for _ in $(seq 1 120); do
    "$client" --no-defaults -uroot --socket="$sock" -e "SELECT 1" > /dev/null 2>&1 && break
    sleep 0.5
  done
  "$client" --no-defaults -uroot --socket="$sock" <<'SQL'
CREATE DATABASE IF NOT EXISTS hcc CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'hcc'@'127.0.0.1' IDENTIFIED BY 'hcc';
CREATE USER IF NOT EXISTS 'hcc'@'localhost' IDENTIFIED BY 'hcc';
GRANT ALL ON `hcc%`.* TO 'hcc'@'127.0.0.1';
GRANT ALL ON `hcc%`.* TO 'hcc'@'localhost';
SQL
  echo "MariaDB ready on 127.0.0.1:$port (data in $dir)"
  ;;
stop)
  if [[ -f "$dir/mysqld.pid" ]]; then
    pid=$(cat "$dir/mysqld.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  ;;
*) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
