// A step using the web APIs and Intl before and after the wait.
async function execute() {
  const url = new URL("https://api.example.com/orders?id=7&q=caf%C3%A9");
  const bytes = new TextEncoder().encode(JSON.stringify({ q: url.searchParams.get("q") }));
  const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(0));
  const decision = await approval({ host: url.host, size: bytes.length, when });
  return { approved: decision.ok, b64: btoa(String.fromCharCode(...bytes)), when };
}
