// A step that parsed a ~200 KB JSON payload and keeps it across the wait.
async function execute() {
  const text = JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ i, sku: "SKU-" + i, qty: i % 7, price: i / 3 })));
  const payload = JSON.parse(text);
  const decision = await approval({ items: payload.length });
  return { approved: decision.ok, qty: payload.reduce((s, p) => s + p.qty, 0) };
}
