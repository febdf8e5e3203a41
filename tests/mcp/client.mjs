// A real MCP client (the official TypeScript SDK) for the code-mode tests:
// connects to a server over stdio (the command after `--`) or Streamable
// HTTP (--url), lists its tools, makes the calls given as a JSON array of
// {"name", "arguments"} (--calls), and prints {"server", "tools", "results"}
// as one line of JSON. Exit 0, or 3 with the error on stderr.
//
//   node client.mjs --calls '[{"name":"execute","arguments":{"code":"..."}}]' -- jsbox mcp ...
//   node client.mjs --calls '[...]' --url http://127.0.0.1:PORT/mcp
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const argv = process.argv.slice(2);
let url = null, calls = [], command = null, timeout = 30_000;
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--") { command = argv.slice(i + 1); break; }
  else if (argv[i] === "--url") url = argv[++i];
  else if (argv[i] === "--calls") calls = JSON.parse(argv[++i]);
  else if (argv[i] === "--timeout") timeout = Number(argv[++i]);
  else { console.error(`client.mjs: unknown option ${argv[i]}`); process.exit(2); }
}

const transport = url
  ? new StreamableHTTPClientTransport(new URL(url))
  : new StdioClientTransport({ command: command[0], args: command.slice(1), env: process.env, stderr: "inherit" });
const client = new Client({ name: "jsbox-tests", version: "0.0.0" });
let code = 0;
try {
  await client.connect(transport, { timeout });
  const { tools } = await client.listTools(undefined, { timeout });
  const results = [];
  for (const call of calls) {
    results.push(await client.callTool(call, undefined, { timeout }));
  }
  console.log(JSON.stringify({ server: client.getServerVersion(), tools, results }));
} catch (e) {
  console.error(`client.mjs: ${e?.message ?? e}`);
  code = 3;
} finally {
  if (url && transport.sessionId) await transport.terminateSession().catch(() => {});
  await client.close().catch(() => {});
}
process.exit(code);
