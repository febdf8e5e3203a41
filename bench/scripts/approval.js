// The durable scenario's approval flow (`jsbox bench --durable`, and the
// same steps in bench/durable/modebox.py): a few values, one await on a
// helper that pauses, then a result using both.
async function execute() {
  const amount = 120, who = "ada";
  const order = { amount, who, lines: [1, 2, 3] };
  const decision = await approval({ amount, who });
  return { approved: decision.ok, by: decision.by, amount: order.amount, lines: order.lines.length };
}
