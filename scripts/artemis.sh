#!/usr/bin/env bash
# An external broker for trials, the cluster script and the fault tests: Apache ActiveMQ Artemis from its
# distribution on Maven Central (it speaks OpenWire, which the product's resource adapter uses, and STOMP for
# dialers), one multi-protocol acceptor on 127.0.0.1:PORT, user/password hcc/hcc, journal in DIR.
#   scripts/artemis.sh start DIR PORT     (creates the broker instance on first use)
#   scripts/artemis.sh stop DIR           (kill -9 with --kill: a crash rather than a shutdown)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VERSION=${HCC_ARTEMIS_VERSION:-2.40.0}
cmd=${1:?start|stop}; dir=${2:?directory}
mkdir -p "$dir"; dir=$(cd "$dir" && pwd)

case "$cmd" in
start)
  port=${3:?port}
  if [[ -f "$dir/broker.pid" ]] && kill -0 "$(cat "$dir/broker.pid")" 2>/dev/null; then
    echo "Artemis already running in $dir"; exit 0
  fi
  home="$dir/apache-artemis-$VERSION"
  if [[ ! -x "$home/bin/artemis" ]]; then
    tgz="$HOME/.m2/repository/org/apache/activemq/apache-artemis/$VERSION/apache-artemis-$VERSION-bin.tar.gz"
    [[ -f "$tgz" ]] || (cd "$ROOT" && mvn -B -q dependency:get -Dartifact="org.apache.activemq:apache-artemis:$VERSION:tar.gz:bin" -Dtransitive=false)
    tar xzf "$tgz" -C "$dir"
  fi
  if [[ ! -d "$dir/instance" ]]; then
    "$home/bin/artemis" create "$dir/instance" --silent --user hcc --password hcc --require-login \
      --host 127.0.0.1 --default-port "$port" --no-web --no-amqp-acceptor --no-hornetq-acceptor \
      --no-mqtt-acceptor --no-stomp-acceptor --java-memory 512M > "$dir/create.log" 2>&1
    # an event the product could not store yet (database down) is redelivered, never dead-lettered: the
    # product's own redelivery policy backs off; the broker must not give up after its default 10 attempts
    sed -i 's|<dead-letter-address>DLQ</dead-letter-address>|<dead-letter-address>DLQ</dead-letter-address><max-delivery-attempts>-1</max-delivery-attempts>|' \
      "$dir/instance/etc/broker.xml"
  fi
  # the instance keeps its journal across starts; the port is whatever this start asks for
  sed -i -E "s#(<acceptor name=\"artemis\">tcp://127.0.0.1:)[0-9]+#\1$port#" "$dir/instance/etc/broker.xml"
  nohup "$dir/instance/bin/artemis" run > "$dir/broker.log" 2>&1 &
  echo $! > "$dir/broker.pid"
  for _ in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "Artemis $VERSION ready on 127.0.0.1:$port (OpenWire, STOMP, CORE; data in $dir/instance)"; exit 0
    fi
    sleep 0.5
  done
  echo "Artemis did not start; see $dir/broker.log" >&2; exit 1
  ;;
stop)
  [[ -f "$dir/broker.pid" ]] || exit 0
  pid=$(cat "$dir/broker.pid")
  if [[ "${3:-}" == "--kill" ]]; then
    pkill -9 -P "$pid" 2>/dev/null || true; kill -9 "$pid" 2>/dev/null || true
  else
    pkill -TERM -P "$pid" 2>/dev/null || true; kill -TERM "$pid" 2>/dev/null || true
  fi
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  pgrep -f "$dir/instance" > /dev/null && pkill -9 -f "$dir/instance" || true
  rm -f "$dir/broker.pid"
  ;;
*) echo "usage: $0 start DIR PORT | stop DIR [--kill]" >&2; exit 2 ;;
esac
