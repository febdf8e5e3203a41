// The seed's flow as an agent runs it in code mode: an MCP client (the
// official SDK) starts `jsbox mcp` with the platform's typed helper
// `bcdr.devices`, reads the declarations in the `execute` tool's
// description, and sends the script a model would write against them.
// `make run-mcp` runs it: node examples/mcp/agent.mjs JSBOX HELPER_URL
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [jsbox, helperUrl] = process.argv.slice(2);
const schema = new URL("./bcdr.devices.json", import.meta.url).pathname;
const transport = new StdioClientTransport({
  command: jsbox,
  args: ["mcp", "--helper", `bcdr.devices=${helperUrl}`, "--helper-schema", `bcdr.devices=${schema}`,
    "--memory", "32MiB", "--timeout", "5s"],
  stderr: "inherit",
});
const client = new Client({ name: "jsbox-example-agent", version: "0.0.0" });
await client.connect(transport);

const { tools } = await client.listTools();
const execute = tools.find((tool) => tool.name === "execute");
const declared = execute.description.match(/declare const bcdr: \{[\s\S]*?\n\};/)[0];
console.error("The model reads, in the execute tool's description:\n" + declared + "\n");

// What the model writes against those declarations.
const code = `async function execute({ onlineOnly }) {
  const { items, totalCount } = await bcdr.devices({ onlineOnly });
  log(\`\${totalCount} devices\`);
  return items.map((device) => ({ name: device.name, model: device.model, online: device.online }));
}`;
const result = await client.callTool({ name: "execute", arguments: { code, args: { onlineOnly: false } } });
if (result.isError) {
  console.error(result.content[0].text);
  process.exit(1);
}
console.error("logs: " + (result.content[1]?.text ?? ""));
console.log(result.content[0].text);
await client.close();
