// Hostile: 1 MiB of random bytes kept across the wait (incompressible).
async function execute() {
  const noise = new Uint8Array(1 << 20);
  let x = 0x12345678;
  for (let i = 0; i < noise.length; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; noise[i] = x & 0xff; }
  const decision = await approval({ bytes: noise.length });
  return { approved: decision.ok, first: noise[0] };
}
