# Shared by ./hcc and scripts/payara-server.sh (sourced, not run).

# Escapes a value for an asadmin --property list (backslashes, colons, equals signs).
asadmin_escape() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/:/\\:/g' -e 's/=/\\=/g'; }

# A broker URL with the consumer prefetch of HCC_BROKER_PREFETCH (default 40, 5 per session) unless the URL sets
# one. The ActiveMQ client's default, 1,000, lets each instance hold a thousand events ahead of its sessions:
# with several instances the stages of one call can land in two instances' buffers, and the later stage then
# waits for the earlier one as long as its instance takes to work through its buffer (seconds; docs/delivery.md,
# "Ordered per call"). The option goes on the outer query of a failover:(...) URL.
with_prefetch() {
  local url=$1 tail=$1
  if [[ "$url" == *queuePrefetch=* ]]; then printf '%s' "$url"; return; fi
  [[ "$url" == *")"* ]] && tail=${url##*)}
  local sep='?'
  [[ "$tail" == *"?"* ]] && sep='&'
  printf '%s%sjms.prefetchPolicy.queuePrefetch=%s' "$url" "$sep" "${HCC_BROKER_PREFETCH:-40}"
}

# The broker resource adapter's properties, for create-resource-adapter-config: an external broker when
# HCC_BROKER_URL is set (with optional user and password), else the embedded broker (the adapter's own
# default starts none, since asadmin cannot set a property to empty).
broker_properties() {
  if [[ -z "${HCC_BROKER_URL:-}" ]]; then
    printf '%s' "ServerUrl=$(asadmin_escape "$(with_prefetch 'vm://hcc?create=false&waitForStart=60000')"):BrokerXmlConfig=$(asadmin_escape 'xbean:hcc-broker.xml')"
    return
  fi
  local props="ServerUrl=$(asadmin_escape "$(with_prefetch "$HCC_BROKER_URL")")"
  [[ -n "${HCC_BROKER_USER:-}" ]] && props="$props:UserName=$(asadmin_escape "$HCC_BROKER_USER")"
  [[ -n "${HCC_BROKER_PASSWORD:-}" ]] && props="$props:Password=$(asadmin_escape "$HCC_BROKER_PASSWORD")"
  printf '%s' "$props"
}
