# Shared by the benchmark scripts (platform-bench, connection-storm): the tools
# they need, a temp dir and the processes they start (cleaned up on exit), free
# ports, medians and ratios, the hub and nginx as servers.
# REQUIRES: TOP, BUILD_DIR and BENCH_NAME set; sourced, not run.

CONFIG=$TOP/etc/clinic-hub.conf
HUBD=$BUILD_DIR/hub/bin/clinic-hubd
HUBCLI=$BUILD_DIR/hub/bin/clinic-hub
for b in "$HUBD" "$HUBCLI"; do
  [ -x "$b" ] || { echo "$BENCH_NAME: $b is missing; build $BUILD_DIR first (Release)" >&2; exit 2; }
done
read -r -a HUB_ENV <<<"${BENCH_HUB_ENV:-}"

# --- tools ---------------------------------------------------------------------
missing=()
for t in wrk:wrk nginx:nginx openssl:openssl curl:curl ps:procps; do
  command -v "${t%%:*}" >/dev/null 2>&1 || [ -x "/usr/sbin/${t%%:*}" ] || missing+=("${t#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "==> installing missing tools: apt-get install -y --no-install-recommends ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "$BENCH_NAME: missing tools; run: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 2
  fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# --- temp dir, processes we start, cleanup -------------------------------------
WORK=$(mktemp -d "/tmp/$BENCH_NAME.XXXXXX")
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
  if [ -n "${BENCH_KEEP_LOGS:-}" ]; then
    mkdir -p "$BENCH_KEEP_LOGS" && cp "$WORK"/*.log "$WORK"/nginx/*.log "$BENCH_KEEP_LOGS"/ 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "  .. $*" >&2; }

# Ports nothing listens on yet (picked up front, so every server can be given its own).
listening_ports() {
  local hex
  cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '$4 == "0A" {n = split($2, a, ":"); print a[n]}' | sort -u |
    while read -r hex; do echo $((16#$hex)); done
}
free_ports() {  # N distinct ports
  local used p out=""
  used=$(listening_ports)
  while [ "$(wc -w <<<"$out")" -lt "$1" ]; do
    p=$((20000 + RANDOM % 40000))
    grep -qx "$p" <<<"$used" || grep -qw "$p" <<<"$out" || out="$out $p"
  done
  echo "$out"
}

cpu_ticks() {  # utime+stime of pid and its children processes (nginx workers), in ticks
  local total=0 p
  for p in "$@" $(for q in "$@"; do pgrep -P "$q" 2>/dev/null || true; done); do
    [ -r "/proc/$p/stat" ] || continue
    total=$((total + $(sed 's/^.*) //' "/proc/$p/stat" | awk '{print $12 + $13}')))
  done
  echo "$total"
}
TICK=$(getconf CLK_TCK)
status_kb() { awk -v k="$2:" '$1==k {print $2}' "/proc/$1/status"; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{v[NR]=$1} END {if (NR==0) print "n/a"; else if (NR%2) print v[(NR+1)/2]; else printf "%.6g\n", (v[NR/2]+v[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b+0 == 0 || a == "n/a" || b == "n/a") print "n/a"; else printf "%.2f", a/b }'; }
fmt() { awk -v v="$1" -v f="$2" 'BEGIN { if (v == "n/a") print v; else printf f, v }'; }

wait_http() {  # url [curl args...]: until it answers 200 (at most 15 s)
  local url=$1; shift
  for _ in $(seq 150); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$@" "$url" 2>/dev/null)" = 200 ] && return 0
    sleep 0.1
  done
  echo "$BENCH_NAME: $url did not come up" >&2; return 1
}

# --- servers -------------------------------------------------------------------
# start_hub NAME PORT [extra flags]: demo clinic in WORK/NAME, daemon in background,
# as shipped but for the flags given.
# hub-alt is another release's build (platform-bench's BENCH_ALT_ROOT: ALT_RUN,
# ALT_HUBD and ALT_HUBCLI run it with its root's libraries).
start_hub() {
  local name=$1 port=$2; shift 2
  local hubd=("$HUBD") cli=("$HUBCLI")
  [ "$name" = hub-alt ] && hubd=("${ALT_RUN[@]}" "$ALT_HUBD") cli=("${ALT_RUN[@]}" "$ALT_HUBCLI")
  [ -d "$WORK/$name" ] || "${cli[@]}" demo-data --data-dir "$WORK/$name" --config "$CONFIG" >"$WORK/$name.demo.log" 2>&1
  env ${HUB_ENV[@]+"${HUB_ENV[@]}"} "${hubd[@]}" --config "$CONFIG" --data-dir "$WORK/$name" --listen 127.0.0.1 --https-port "$port" --http-port 0 \
    --hostname clinic-hub --mdns no "$@" >>"$WORK/$name.log" 2>&1 &
  HUB_PID=$!
  PIDS+=("$HUB_PID")
}
stop_pid() {  # stops a server this script started and forgets its pid
  local keep=() p
  kill "$1" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}
login() {  # base-url curl-args... -> prints the session cookie
  local base=$1; shift
  curl -s -o /dev/null -D - "$@" -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"demo-password-1"}' "$base/api/v1/auth/login" |
    sed -n 's/^[Ss]et-[Cc]ookie: \(__Host-clinic_hub_session=[^;]*\).*/\1/p'
}

ME_JSON='{"user":{"display_name":"admin","id":"1","role":"admin","username":"admin"}}'
start_nginx() {
  local port=$1 d=$WORK/nginx
  mkdir -p "$d/tmp"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -keyout "$d/key.pem" -out "$d/cert.pem" >/dev/null 2>&1
  # Same response headers as the hub's, so both send about the same bytes.
  cat >"$d/nginx.conf" <<EOF
worker_processes $(nproc);
pid $d/nginx.pid;
error_log $d/error.log warn;
worker_rlimit_nofile 16384;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $d/tmp/body;
  proxy_temp_path $d/tmp/proxy;
  fastcgi_temp_path $d/tmp/fastcgi;
  uwsgi_temp_path $d/tmp/uwsgi;
  scgi_temp_path $d/tmp/scgi;
  server_tokens off;
  keepalive_timeout 15s;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$port ssl;
    ssl_certificate $d/cert.pem;
    ssl_certificate_key $d/key.pem;
    ssl_protocols TLSv1.2;
    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305;
    ssl_ecdh_curve X25519:prime256v1:secp384r1;
    ssl_session_cache shared:SSL:1m;
    ssl_session_tickets on;
    default_type application/json;
    add_header Strict-Transport-Security "max-age=86400" always;
    add_header Content-Security-Policy "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'" always;
    add_header X-Content-Type-Options nosniff always;
    add_header Referrer-Policy no-referrer always;
    add_header X-Frame-Options DENY always;
    add_header Cache-Control no-store always;
    location / { return 200 '$ME_JSON'; }
  }
}
EOF
  "$NGINX" -p "$d" -e "$d/error.log" -c "$d/nginx.conf" -g 'daemon off;' >>"$d/stdout.log" 2>&1 &
  NGINX_PID=$!
  PIDS+=("$NGINX_PID")
}

