// Scenario 1, touching a web API: the first read of URL runs the deferred
// shims (URL, Blob, streams, fetch, crypto) in this fresh sandbox.
function execute({ id }) {
  return new URL("https://example.test/items?id=" + id).searchParams.get("id");
}
