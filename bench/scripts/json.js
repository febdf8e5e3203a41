// Scenario 3: build, stringify and parse 1,000 objects.
function execute() {
  const items = [];
  for (let i = 0; i < 1000; i++) {
    items.push({ id: i, name: "item-" + i, tags: ["a", "b", "c"], nested: { value: i * 2, flag: i % 2 === 0 } });
  }
  const parsed = JSON.parse(JSON.stringify(items));
  return { count: parsed.length, last: parsed[999].nested.value };
}
