// Scenario 9: a small module importing a ~200 KB platform module ("library").
import lib from "library";

export default function (args) {
  const chunk = Object.values(lib).find((f) => typeof f === "function" && f.name.startsWith("chunk"));
  return { helpers: Object.keys(lib).length, chunks: chunk ? chunk([1, 2, 3, 4, 5], 2).length : 0, id: args.id };
}
