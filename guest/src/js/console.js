// `log(...)` from the seed and `console.*`: formatted here, sent to the
// host's log sink (never into the result).
(function (native, jsbox) {
  "use strict";

  const $ = jsbox.$;
  const stringify = jsbox.stringify;
  const StringCtor = String;
  const isArray = Array.isArray;
  const objectKeys = Object.keys;
  const trimEnd = jsbox.uncurry(String.prototype.trimEnd);
  const LEVEL = { debug: 0, info: 1, warn: 2, error: 3 };

  function inspect(value, depth, seen) {
    switch (typeof value) {
      case "string":
        return depth === 0 ? value : stringify(value);
      case "function":
        return "[Function: " + (value.name || "(anonymous)") + "]";
      case "bigint":
        return StringCtor(value) + "n";
      case "symbol":
      case "undefined":
      case "number":
      case "boolean":
        return StringCtor(value);
    }
    if (value === null) return "null";
    if (value instanceof Error) {
      return typeof value.stack === "string" && value.stack !== ""
        ? StringCtor(value.name) + ": " + StringCtor(value.message) + "\n" + trimEnd(value.stack)
        : StringCtor(value.name) + ": " + StringCtor(value.message);
    }
    if ($.arrayIndexOf(seen, value) !== -1) return "[Circular]";
    if (depth > 4) return isArray(value) ? "[Array]" : "[Object]";
    $.push(seen, value);
    try {
      if (isArray(value)) {
        const items = [];
        for (let i = 0; i < value.length; i++) $.push(items, inspect(value[i], depth + 1, seen));
        return "[" + $.join(items, ", ") + "]";
      }
      const keys = objectKeys(value);
      if (keys.length === 0) return "{}";
      const entries = [];
      for (let i = 0; i < keys.length; i++) $.push(entries, keys[i] + ": " + inspect(value[keys[i]], depth + 1, seen));
      return "{ " + $.join(entries, ", ") + " }";
    } finally {
      $.pop(seen);
    }
  }

  function format(args) {
    const parts = [];
    for (let i = 0; i < args.length; i++) {
      try {
        $.push(parts, inspect(args[i], 0, []));
      } catch (_) {
        $.push(parts, "[uninspectable]");
      }
    }
    return jsbox.wellFormed($.join(parts, " "));
  }

  function at(level) {
    return function (...args) {
      native.log(level, format(args));
    };
  }

  const console = {
    log: at(LEVEL.info),
    info: at(LEVEL.info),
    debug: at(LEVEL.debug),
    trace: at(LEVEL.debug),
    warn: at(LEVEL.warn),
    error: at(LEVEL.error),
  };
  globalThis.console = console;
  globalThis.log = at(LEVEL.info);
});
