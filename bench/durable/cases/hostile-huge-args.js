// Hostile: a pending call whose arguments are 900 KiB (under the 1 MiB
// max_args_bytes): the arguments are part of the continuation.
async function execute() {
  const decision = await approval({ blob: "x".repeat(900 << 10) });
  return { approved: decision.ok };
}
