# Sourced by `make run` and `make run-mcp`: starts `jsbox demo-api` (the
# binary in $jsbox) on a free loopback port, sets $addr (host:port) once it
# listens, and stops it when the calling script exits.
dir="$(mktemp -d)"
"$jsbox" demo-api --addr-file "$dir/addr" 2>"$dir/api.log" &
api=$!
trap 'kill "$api" 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 200); do
  [ -s "$dir/addr" ] && break
  kill -0 "$api" 2>/dev/null || { cat "$dir/api.log" >&2; exit 1; }
  sleep 0.05
done
addr="$(cat "$dir/addr")"
