// A hostile MCP server for the code-mode tests (tests/cli.rs): JSON-RPC
// lines on stdio, written by hand so it can misbehave in every way a real
// one might. The mode is the first argument:
//   silent   never answers (the handshake hangs)
//   garbage  answers every line with text that is not JSON
//   exit     exits at once
//   pages    lists tools forever (every page has a next cursor)
//   tools    a working handshake, and tools that misbehave when called
import { createInterface } from "node:readline";

const mode = process.argv[2] ?? "tools";
if (mode === "exit") process.exit(0);
const send = (message) => process.stdout.write(JSON.stringify(message) + "\n");
const object = (properties = {}, extra = {}) => ({ type: "object", properties, ...extra });

// A schema whose validation would double at each level of the argument.
const bomb = { $ref: "#/$defs/n", $defs: { n: object({ a: { allOf: [{ $ref: "#/$defs/n" }, { $ref: "#/$defs/n" }] } }) } };
const tools = [
  { name: "ok", description: "Echoes its text.", inputSchema: object({ text: { type: "string" } }, { required: ["text"] }) },
  { name: "hang", inputSchema: object() },
  { name: "flood", inputSchema: object() },
  { name: "die", inputSchema: object() },
  { name: "bad-answer", inputSchema: object() },
  { name: "fails", inputSchema: object() },
  { name: "a-b", inputSchema: object() },
  { name: "a_b", inputSchema: object() },
  { name: "__proto__", inputSchema: object() },
  { name: "constructor", inputSchema: object() },
  { name: "bomb", inputSchema: bomb },
  { name: "huge-enum", inputSchema: object({ x: { enum: Array.from({ length: 100000 }, (_, i) => i) } }) },
];

const answer = (id, tool, args) => {
  switch (tool) {
    case "ok": return send({ jsonrpc: "2.0", id, result: { content: [{ type: "text", text: String(args.text) }] } });
    case "hang": return;
    case "flood": return process.stdout.write(`{"jsonrpc":"2.0","id":${id},"result":{"content":[{"type":"text","text":"${"x".repeat(20 << 20)}"}]}}\n`);
    case "die": return process.exit(3);
    case "bad-answer": return send({ jsonrpc: "2.0", id, result: { content: 5, isError: "maybe" } });
    case "fails": return send({ jsonrpc: "2.0", id, result: { isError: true, content: [{ type: "text", text: "boom ".repeat(10000) }] } });
    default: return send({ jsonrpc: "2.0", id, result: { content: [{ type: "text", text: tool }] } });
  }
};

let page = 0;
createInterface({ input: process.stdin }).on("line", (line) => {
  if (mode === "silent") return;
  if (mode === "garbage") return process.stdout.write("this is not JSON {{{\n");
  let message;
  try { message = JSON.parse(line); } catch { return; }
  const { id, method, params } = message;
  if (id === undefined) return; // a notification
  if (method === "initialize") {
    return send({ jsonrpc: "2.0", id, result: { protocolVersion: params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: "hostile", version: "0" } } });
  }
  if (method === "tools/list") {
    if (mode === "pages") return send({ jsonrpc: "2.0", id, result: { tools: [{ name: `t${page}`, inputSchema: object() }], nextCursor: String(++page) } });
    return send({ jsonrpc: "2.0", id, result: { tools } });
  }
  if (method === "tools/call") return answer(id, params.name, params.arguments ?? {});
  send({ jsonrpc: "2.0", id, error: { code: -32601, message: "no such method" } });
});
