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
# HCC_BROKER_URL is set, else the embedded broker (the adapter's own default starts none, since asadmin cannot
# set a property to empty). HCC_BROKER_USER and HCC_BROKER_PASSWORD are the adapter's credentials either way;
# for the embedded broker they are also the one user it accepts (hcc-broker.xml).
broker_properties() {
  local props
  if [[ -z "${HCC_BROKER_URL:-}" ]]; then
    props="ServerUrl=$(asadmin_escape "$(with_prefetch 'vm://hcc?create=false&waitForStart=60000')"):BrokerXmlConfig=$(asadmin_escape 'xbean:hcc-broker.xml')"
  else
    props="ServerUrl=$(asadmin_escape "$(with_prefetch "$HCC_BROKER_URL")")"
  fi
  [[ -n "${HCC_BROKER_USER:-}" ]] && props="$props:UserName=$(asadmin_escape "$HCC_BROKER_USER")"
  [[ -n "${HCC_BROKER_PASSWORD:-}" ]] && props="$props:Password=$(asadmin_escape "$HCC_BROKER_PASSWORD")"
  printf '%s' "$props"
}

# The embedded broker without a user accepts anyone who can reach it: that is allowed on loopback only.
# Prints why and returns 1 when the settings would open it to a network.
check_embedded_broker() {
  [[ -z "${HCC_BROKER_URL:-}" ]] || return 0
  if [[ -n "${HCC_BROKER_USER:-}" && -z "${HCC_BROKER_PASSWORD:-}" ]] || [[ -z "${HCC_BROKER_USER:-}" && -n "${HCC_BROKER_PASSWORD:-}" ]]; then
    echo "HCC_BROKER_USER and HCC_BROKER_PASSWORD go together: set both or neither" >&2
    return 1
  fi
  local host="${HCC_BROKER_HOST:-127.0.0.1}"
  case "$host" in
    127.*|localhost|::1|'[::1]') return 0 ;;
  esac
  if [[ -z "${HCC_BROKER_USER:-}" ]]; then
    echo "refusing to start: the embedded broker would accept anyone on $host (HCC_BROKER_HOST)." \
         "Set HCC_BROKER_USER and HCC_BROKER_PASSWORD (dialers then sign in with them), or leave HCC_BROKER_HOST unset (127.0.0.1)." >&2
    return 1
  fi
}

# Refuses to start when another program already listens on a port this instance needs. Without it the server boots,
# its embedded broker fails to bind (the server then waits for a broker that never comes) or another program
# answers on the HTTP port, and the launcher says only that it did not become ready. Each argument is
# SETTING=HOST:PORT; prints the ports in use with the setting that moves each, and returns 1 if any is.
check_ports_free() {
  local spec name where host port busy=()
  for spec in "$@"; do
    name=${spec%%=*} where=${spec#*=}
    host=${where%:*} port=${where##*:}
    host=${host#[} host=${host%]}
    [[ "$host" == 0.0.0.0 ]] && host=127.0.0.1
    # a connection is accepted only if something listens there (bash's /dev/tcp: no curl or nc on a bare Debian);
    # bounded, for an address that is not this machine's and drops what is sent to it
    if timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$host" "$port" 2>/dev/null; then
      busy+=("$port ($name)")
    fi
  done
  ((${#busy[@]} == 0)) && return 0
  echo "refusing to start: another program already listens on port ${busy[*]}." \
       "Stop it (another HCC Webhooks instance?) or set the named variable to a free port (docs/configuration.md)." >&2
  return 1
}

# Where a log file ends now, as FILE@BYTES@INODE (FILE@0@ when there is none yet): what WaitReady.java reads the
# server's new lines from, across a rotation.
log_position() {
  if [[ -f "$1" ]]; then printf '%s@%s' "$1" "$(stat -c %s@%i "$1")"; else printf '%s@0@' "$1"; fi
}

# Copies stdin to stdout and to FILE, line by line, and rotates FILE when it reaches HCC_LOG_MAX_MB MiB (default
# 10): FILE.1 is the newest old file, FILE.N (HCC_LOG_FILES, default 5) the oldest; older ones are deleted. It
# takes everything the server prints (Payara, the embedded broker, the application), which is why it is here and
# not a Payara log handler (that would see java.util.logging only).
rotating_tee() {
  local file=$1 LC_ALL=C
  local max=$(( ${HCC_LOG_MAX_MB:-10} * 1024 * 1024 )) keep=${HCC_LOG_FILES:-5} size=0 line i
  [[ -f "$file" ]] && size=$(stat -c %s "$file")
  exec 3>>"$file"
  while IFS= read -r line || [[ -n "$line" ]]; do
    printf '%s\n' "$line"
    printf '%s\n' "$line" >&3
    size=$(( size + ${#line} + 1 ))
    if (( size >= max )); then
      exec 3>&-
      rm -f "$file.$keep"
      for (( i = keep - 1; i >= 1; i-- )); do
        [[ ! -f "$file.$i" ]] || mv -f "$file.$i" "$file.$(( i + 1 ))"
      done
      mv -f "$file" "$file.1"
      exec 3>>"$file"
      size=0
    fi
  done
  exec 3>&-
}
