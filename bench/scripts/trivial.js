// Scenario 1/2: args in, a small object out.
function execute(args) {
  return { id: args.id, name: "item-" + args.id, ok: true };
}
