-- wrk script for the service scenarios: POST /v1/execute with the trivial
-- script (scenario 1's), or with one that holds its sandbox for
-- $JSBOX_HOLD_MS milliseconds (awaiting a timer), as tenant $JSBOX_KEY when
-- set; with $JSBOX_GET, a plain GET instead (the HTTP floor). Prints one JSON
-- line.
wrk.method = "POST"
local hold = os.getenv("JSBOX_HOLD_MS")
if os.getenv("JSBOX_GET") then
  -- The floor: a GET of the URL given (e.g. /healthz), no script.
  wrk.method = "GET"
elseif hold then
  wrk.body = '{"script": "async function execute() { await new Promise((r) => setTimeout(r, ' .. hold .. ')); return 1 }"}'
else
  wrk.body = '{"script": "function execute(args) { return { id: args.id, name: \\"item-\\" + args.id, ok: true } }", "args": {"id": 7}}'
end
wrk.headers["Content-Type"] = "application/json"
local key = os.getenv("JSBOX_KEY")
if key then
  wrk.headers["Authorization"] = "Bearer " .. key
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "per_sec": %.1f, "p50_us": %d, "p99_us": %d, "errors": %d, "non_2xx": %d}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), errors, summary.errors.status))
end
