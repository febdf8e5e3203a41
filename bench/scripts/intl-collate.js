// Scenario 1, first use of Intl in a fresh sandbox: sorting with a collator.
function execute({ id }) {
  return ["Zebra", "ärger", "Apfel", "item-" + id, "Österreich", "zucker"].sort(new Intl.Collator("de").compare);
}
