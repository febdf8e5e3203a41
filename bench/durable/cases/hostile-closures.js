// Hostile: 100,000 closures and a 10,000-deep object chain alive across the wait.
async function execute() {
  const fns = Array.from({ length: 100000 }, (_, i) => () => i);
  let chain = null;
  for (let i = 0; i < 10000; i++) chain = { next: chain, i };
  const decision = await approval({ n: fns.length });
  return { approved: decision.ok, sum: fns[99999]() + chain.i };
}
