// The seed's IsolatedVmContext class on jsbox: the same constructor,
// methods and helpers (`global`, `log`, `btoa`, `http.sendGetRequest`,
// `http.sendPostRequest`, your own sync and async helpers), with a fresh
// WebAssembly sandbox per script instead of an isolate, so a script that
// runs out of memory fails alone and cannot take the process down.
//
//   node examples/node/isolated-vm-context.mjs http://127.0.0.1:PORT/
//
// runs the seed's `runExample()` against that API (unchanged but for its two
// args: the API's address, and the token as a secret placeholder) (`make test`
// runs it against `jsbox demo-api`). In your project: `import { Engine } from "jsbox"`.
import { Engine, JsboxError } from "../../bindings/node/index.mjs";

class NotFoundError extends Error {
  constructor(message, userMessage) {
    super(message);
    this.name = "NotFoundError";
    this.userMessage = userMessage;
  }
}

// One engine per process: it holds the compiled sandbox and its pool.
const engine = new Engine();

export class IsolatedVmContext {
  // Set once at startup by the platform: what every context may reach, and
  // the credentials scripts use as `{{secrets.NAME}}` without seeing them.
  static defaults = { allowHosts: [], secrets: {}, timeout: "10s" };

  #options;
  #helpers = {};

  /** `new IsolatedVmContext(32)` (MB, as the seed) or `{ memoryLimit, allowHosts, timeout, helpers }`. */
  constructor(options) {
    const given = typeof options === "number" ? { memoryLimit: options } : { ...options };
    const { memoryLimit = 128, helpers = {}, ...rest } = given;
    this.#options = { ...IsolatedVmContext.defaults, ...rest, memory: `${memoryLimit}MiB` };
    for (const [name, fn] of Object.entries(helpers)) this.#helpers[name] = fn;
  }

  // `global`, `log`, `btoa` and `http.*` are built into every jsbox
  // sandbox; nothing to set up. Kept so that the seed's calls run as they are.
  async initializeContext() {}
  initializeJail() {}
  async initializeHttp() {}

  /** A synchronous helper: the script gets its value. */
  addHelper(name, fn) {
    this.#helpers[name] = fn;
  }

  /** An asynchronous helper: the script awaits it. */
  addAsyncHelper(name, fn) {
    this.#helpers[name] = async (...args) => fn(...args);
  }

  async compileUserScript(userScript, args = {}) {
    try {
      const { result, logs } = await engine.execute(userScript, args, { ...this.#options, helpers: this.#helpers });
      for (const line of logs) console.log(line.message);
      return result;
    } catch (error) {
      if (error instanceof JsboxError) {
        for (const line of error.logs) console.log(line.message);
        if (error.kind === "missing-execute") {
          throw new NotFoundError("The function 'execute' could not be found.", "We couldn't find the requested function.");
        }
      }
      throw error;
    }
  }
}

// ---- The seed's example usage (its args point at the local API) -----------

async function runExample() {
  const isolatedContext = new IsolatedVmContext(32); // 32 MB memory limit
  await isolatedContext.initializeContext();

  const userScript = `
    async function execute({ authHeader, baseUrl }) {
      const url = baseUrl + "bcdr/device?_page=1&_perPage=100&showHiddenDevices=1&showChildResellerDevices=1";
      log(url);
      const devicesResponse = await http.sendGetRequest(
        { Authorization: authHeader },
        url
      );
      return devicesResponse;
    }
  `;

  const result = await isolatedContext.compileUserScript(userScript, {
    authHeader: "Bearer {{secrets.DATTO_TOKEN}}",
    baseUrl: API,
  });

  console.log(result);
}

// ---- The platform's startup --------------------------------------------------

const API = process.argv[2] ?? "http://127.0.0.1:8080/";
const host = new URL(API).host;
IsolatedVmContext.defaults.allowHosts = [host];
// The token stays in this process: the script holds a placeholder.
IsolatedVmContext.defaults.secrets = { DATTO_TOKEN: { value: process.env.DATTO_TOKEN ?? "demo-token", hosts: [host] } };

await runExample();
engine.close();
