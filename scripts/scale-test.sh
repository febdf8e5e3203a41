#!/usr/bin/env bash
# The service scaled out, on this machine only (127.0.0.1): two `jsbox
# serve` replicas behind HAProxy (health checks on /readyz), a bounded load
# sent through HAProxy, and one replica sent SIGTERM mid-run. Every request
# must get its correct answer, and the drained replica must exit 0.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jsbox="$root/target/release/jsbox"
command -v haproxy >/dev/null || PATH="$PATH:/usr/sbin"
command -v haproxy >/dev/null || { echo "scale-test: haproxy is missing: run make setup" >&2; exit 2; }
dir="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$dir"
}
trap cleanup EXIT
export JSBOX_CACHE_DIR="${JSBOX_CACHE_DIR:-$root/target/jsbox-test-cache}"

wait_for() { for _ in $(seq 1 600); do [ -s "$1" ] && return 0; sleep 0.05; done; echo "scale-test: $1 never appeared" >&2; exit 1; }
for name in a b; do
  "$jsbox" serve --listen 127.0.0.1:0 --addr-file "$dir/$name.addr" --drain-delay "${DRAIN_DELAY:-300ms}" --grace 20s \
    2>"$dir/$name.log" &
  pids+=($!)
  eval "pid_$name=$!"
done
wait_for "$dir/a.addr"
wait_for "$dir/b.addr"
front="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cat >"$dir/haproxy.cfg" <<CFG
global
  maxconn 512
defaults
  mode http
  timeout connect 1s
  timeout client 30s
  timeout server 30s
  # A replica that stops accepting (drained) is retried elsewhere.
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response response-timeout
  option http-server-close
frontend jsbox
  bind 127.0.0.1:$front
  default_backend replicas
backend replicas
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
  default-server inter 100ms fall 1 rise 2
  server a $(cat "$dir/a.addr") check
  server b $(cat "$dir/b.addr") check
CFG
haproxy -f "$dir/haproxy.cfg" -db >"$dir/haproxy.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 200); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $front), 0.2)" 2>/dev/null && break
  sleep 0.05
done
sleep 0.5 # two health checks: both replicas up

python3 "$root/scripts/scale-load.py" "127.0.0.1:$front" "${REQUESTS:-1500}" 8 300 "$pid_a" | tee "$dir/load.out"
code=0
for _ in $(seq 1 400); do
  if ! kill -0 "$pid_a" 2>/dev/null; then break; fi
  sleep 0.05
done
if kill -0 "$pid_a" 2>/dev/null; then
  echo "scale-test: FAILED: the drained replica did not exit" >&2
  exit 1
fi
wait "$pid_a" || code=$?
if [ "$code" != 0 ]; then
  echo "scale-test: FAILED: the drained replica exited $code" >&2
  cat "$dir/a.log" >&2
  exit 1
fi
echo "scale-test: PASS (the drained replica exited 0)"
