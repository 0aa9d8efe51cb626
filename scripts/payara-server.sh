#!/usr/bin/env bash
# The EAR on a full Payara Server 6 (the application-server deployment).
#   scripts/payara-server.sh start   unpack Payara Server if needed, create domain "hcc", deploy the broker
#                                    resource adapter and the EAR, wait until /health/ready is UP
#   scripts/payara-server.sh stop
#   scripts/payara-server.sh unpack  only unpack Payara Server (if needed) and print its asadmin path
# Configuration: the same environment variables as ./hcc run (docs/configuration.md); the server JVM inherits
# them from asadmin. Defaults: HTTP 8080, admin 4848 (other ports from HCC_SERVER_PORTBASE, default 28700),
# server under HCC_SERVER_DIR (default data/payara-server), embedded broker and H2 in HCC_DATA_DIR.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PAYARA_VERSION=6.2025.10
SERVER_DIR=${HCC_SERVER_DIR:-$ROOT/data/payara-server}
DOMAIN=hcc
HTTP=${HCC_HTTP_PORT:-8080}
ADMIN=${HCC_ADMIN_PORT:-4848}
BASE=${HCC_SERVER_PORTBASE:-28700}
EAR=${HCC_EAR:-$ROOT/ear/target/hcc-webhooks.ear}
RAR=${HCC_RAR:-$ROOT/web-module/target/runtime/activemq-rar.rar}
log() { printf '[payara-server] %s\n' "$*" >&2; }
# shellcheck source=lib.sh
source "$ROOT/scripts/lib.sh"

mkdir -p "$SERVER_DIR"; SERVER_DIR=$(cd "$SERVER_DIR" && pwd)
ASADMIN="$SERVER_DIR/payara6/bin/asadmin"
asadmin() { "$ASADMIN" --interactive=false --port "$ADMIN" "$@"; }

unpack() {
  [[ -x "$ASADMIN" ]] && return
  local zip="${HCC_PAYARA_ZIP:-$HOME/.m2/repository/fish/payara/distributions/payara/$PAYARA_VERSION/payara-$PAYARA_VERSION.zip}"
  if [[ ! -f "$zip" ]]; then
    log "fetching Payara Server $PAYARA_VERSION from Maven Central"
    mvn -B -q dependency:get -Dartifact="fish.payara.distributions:payara:$PAYARA_VERSION:zip" -Dtransitive=false
  fi
  log "unpacking Payara Server into $SERVER_DIR"
  (cd "$SERVER_DIR" && jar xf "$zip")
  chmod +x "$SERVER_DIR"/payara6/bin/* "$SERVER_DIR"/payara6/glassfish/bin/*
}

start() {
  check_embedded_broker || exit 2
  [[ -f "$EAR" && -f "$RAR" ]] || { log "build first: mvn -DskipTests install (missing $EAR or $RAR)"; exit 1; }
  unpack
  local data="${HCC_DATA_DIR:-$ROOT/data/server-data}"
  mkdir -p "$data"; data=$(cd "$data" && pwd)
  export HCC_DATA_DIR="$data"
  if [[ ! -d "$SERVER_DIR/payara6/glassfish/domains/$DOMAIN" ]]; then
    log "creating domain $DOMAIN (HTTP $HTTP, admin $ADMIN)"
    "$ASADMIN" --interactive=false create-domain --nopassword=true --checkports=false --adminport "$ADMIN" --instanceport "$HTTP" \
      --domainproperties "jms.port=$((BASE+1)):domain.jmxPort=$((BASE+2)):orb.listener.port=$((BASE+3)):http.ssl.port=$((BASE+4)):orb.ssl.port=$((BASE+5)):orb.mutualauth.port=$((BASE+6)):java.debugger.port=$((BASE+7)):osgi.shell.telnet.port=$((BASE+8))" \
      "$DOMAIN" > /dev/null
    # the portal's session cookie: SameSite=Lax (Payara does not apply the Servlet API's cookie attributes);
    # written into the new domain's HTTP listener before its first start (changing it live restarts the listener)
    sed -i '/<protocol name="http-listener-1">/{n;s/<http /<http cookie-same-site-enabled="true" cookie-same-site-value="Lax" /}' \
      "$SERVER_DIR/payara6/glassfish/domains/$DOMAIN/config/domain.xml"
  fi
  # the JDBC driver belongs to the server's common class loader
  cp "$(dirname "$RAR")/mariadb-java-client.jar" "$SERVER_DIR/payara6/glassfish/domains/$DOMAIN/lib/"
  log "starting domain $DOMAIN"
  "$ASADMIN" --interactive=false stop-domain "$DOMAIN" > /dev/null 2>&1 || true
  local ports=("HCC_HTTP_PORT=127.0.0.1:$HTTP" "HCC_ADMIN_PORT=127.0.0.1:$ADMIN")
  if [[ -z "${HCC_BROKER_URL:-}" ]]; then
    ports+=("HCC_BROKER_OPENWIRE_PORT=${HCC_BROKER_HOST:-127.0.0.1}:${HCC_BROKER_OPENWIRE_PORT:-61616}"
            "HCC_BROKER_STOMP_PORT=${HCC_BROKER_HOST:-127.0.0.1}:${HCC_BROKER_STOMP_PORT:-61613}")
  fi
  check_ports_free "${ports[@]}" || exit 1
  # Payara keeps its JVM alive after a failed start: bound the wait, then say where to look.
  if ! timeout "${HCC_START_TIMEOUT:-180}" "$ASADMIN" --interactive=false start-domain "$DOMAIN" > /dev/null; then
    log "the domain did not start; see $SERVER_DIR/payara6/glassfish/domains/$DOMAIN/logs/server.log"
    pkill -f "$SERVER_DIR/payara6" || true
    exit 1
  fi
  # the domain's server.log: 10 MiB files, 10 kept (Payara's default keeps every old file)
  asadmin set-log-attributes "com.sun.enterprise.server.logging.GFFileHandler.rotationLimitInBytes=10485760:com.sun.enterprise.server.logging.GFFileHandler.maxHistoryFiles=10" > /dev/null
  asadmin delete-resource-adapter-config activemq-rar > /dev/null 2>&1 || true
  asadmin create-resource-adapter-config --property "$(broker_properties)" activemq-rar > /dev/null
  log "deploying the broker resource adapter and the EAR"
  local log_from
  log_from=$(log_position "$SERVER_DIR/payara6/glassfish/domains/$DOMAIN/logs/server.log")
  asadmin deploy --force=true --name activemq-rar "$RAR" > /dev/null
  asadmin deploy --force=true --name hcc-webhooks "$EAR" > /dev/null
  if java "$ROOT/scripts/WaitReady.java" "http://127.0.0.1:$HTTP/health/ready" "${HCC_START_TIMEOUT:-180}" "" '"name":"database"' \
      "$log_from"; then
    log "HCC Webhooks (EAR on Payara Server) is ready: http://localhost:$HTTP/ ; server log: $SERVER_DIR/payara6/glassfish/domains/$DOMAIN/logs/server.log"
  else
    log "not ready; see $SERVER_DIR/payara6/glassfish/domains/$DOMAIN/logs/server.log"
    exit 1
  fi
}

stop() {
  [[ -x "$ASADMIN" ]] || exit 0
  "$ASADMIN" --interactive=false stop-domain "$DOMAIN" > /dev/null 2>&1 || true
}

case "${1:-}" in
  start) start ;;
  unpack) unpack; echo "$ASADMIN" ;;
  stop) stop ;;
  *) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
