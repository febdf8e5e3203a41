// Hostile: a 24 MiB array of one repeated value kept across the wait
// (many pages, each highly compressible).
async function execute() {
  const big = new Float64Array(3 << 20).fill(1.5);
  const decision = await approval({ length: big.length });
  return { approved: decision.ok, last: big[big.length - 1] };
}
