// Scenario 4: a 10M-iteration arithmetic loop.
function execute() {
  let acc = 0;
  for (let i = 0; i < 10000000; i++) {
    acc = (acc + i * 7) % 1000003;
  }
  return acc;
}
