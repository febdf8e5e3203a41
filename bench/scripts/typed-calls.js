// Scenario T: 1,000 calls of the sync helper bench.echo with an object of
// the shape a tool takes; `make bench` runs it untyped and typed
// (bench/scripts/echo.schema.json) to measure what validation costs per call.
function execute() {
  let total = 0;
  for (let i = 0; i < 1000; i++) {
    const echoed = bench.echo({ customer: "c-" + i, page: 1 + (i % 5), tags: ["a", "b"], filter: { online: true } });
    total += echoed.page;
  }
  return total;
}
