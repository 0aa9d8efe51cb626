# Shared by ./hcc and scripts/payara-server.sh (sourced, not run).

# Escapes a value for an asadmin --property list (backslashes, colons, equals signs).
asadmin_escape() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/:/\\:/g' -e 's/=/\\=/g'; }

# The broker resource adapter's properties, for create-resource-adapter-config: an external broker when
# HCC_BROKER_URL is set (with optional user and password), else the embedded broker (the adapter's own
# default starts none, since asadmin cannot set a property to empty).
broker_properties() {
  if [[ -z "${HCC_BROKER_URL:-}" ]]; then
    printf '%s' "ServerUrl=$(asadmin_escape 'vm://hcc?create=false&waitForStart=60000'):BrokerXmlConfig=$(asadmin_escape 'xbean:hcc-broker.xml')"
    return
  fi
  local props="ServerUrl=$(asadmin_escape "$HCC_BROKER_URL")"
  [[ -n "${HCC_BROKER_USER:-}" ]] && props="$props:UserName=$(asadmin_escape "$HCC_BROKER_USER")"
  [[ -n "${HCC_BROKER_PASSWORD:-}" ]] && props="$props:Password=$(asadmin_escape "$HCC_BROKER_PASSWORD")"
  printf '%s' "$props"
}
