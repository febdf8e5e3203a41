// Scenario 1, first use of Intl in a fresh sandbox: a currency amount.
function execute({ id }) {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(id * 1234.5);
}
