// A workflow step holding 1,000 fetched records across the wait.
async function execute() {
  const records = Array.from({ length: 1000 }, (_, i) => ({ id: i, name: "customer " + i, total: i * 3.5, tags: ["a", "b"] }));
  const decision = await approval({ count: records.length });
  return { approved: decision.ok, total: records.reduce((s, r) => s + r.total, 0) };
}
