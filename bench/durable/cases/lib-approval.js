// The approval flow itself (bench/scripts/approval.js).
async function execute() {
  const amount = 120, who = "ada";
  const decision = await approval({ amount, who });
  return { approved: decision.ok, amount };
}
