// The embedder's helpers: the Rust side installs one function per helper the
// policy makes visible, per execution, before the script runs (names are
// never baked into the snapshot). `crm.lookup` becomes `crm.lookup(...)`; a sync helper
// returns its value, an async one a promise. Arguments cross as one JSON
// array, results as one JSON value; the host checks visibility and limits
// on every call, so a script that replaces these functions or their
// namespaces breaks only its own calls.
(function (native, jsbox) {
  "use strict";

  const PromiseCtor = jsbox.PromiseCtor;
  const parse = jsbox.parse;
  const stringify = jsbox.stringify;
  const ErrorCtor = Error;
  const TypeErrorCtor = TypeError;
  const StringCtor = String;

  // Only data crosses: a function or symbol anywhere in the arguments is a
  // TypeError here (JSON.stringify would silently drop it); BigInts and
  // cycles are TypeErrors from JSON.stringify itself.
  function onlyData(key, value) {
    const type = typeof value;
    if (type === "function" || type === "symbol") {
      throw new TypeErrorCtor("a " + type + (key === "" ? "" : " (at key " + stringify(key) + ")") + " is not JSON data");
    }
    return value;
  }

  function argumentsJson(name, args) {
    try {
      return stringify(args, onlyData);
    } catch (error) {
      if (error instanceof TypeErrorCtor) {
        throw new TypeErrorCtor(name + ": the arguments are not JSON-serializable: " + StringCtor(error.message));
      }
      throw error;
    }
  }

  function helperError(name, failure) {
    const error = new ErrorCtor(failure.message);
    error.kind = "helper";
    error.helper = name;
    if (failure.code !== undefined && failure.code !== null) error.code = failure.code;
    return jsbox.markHelperError(error, name, failure.message, failure.code);
  }

  function syncHelper(name) {
    return function (...args) {
      const json = argumentsJson(name, args);
      const answer = native.callHelper(name, json);
      if (answer.error !== undefined) throw helperError(name, answer.error);
      return parse(answer.value);
    };
  }

  function asyncHelper(name) {
    return function (...args) {
      return new PromiseCtor((resolve, reject) => {
        const json = argumentsJson(name, args);
        jsbox.startOp(native.startHelper(name, json), (result) => {
          if (result.error !== undefined) reject(helperError(name, result.error));
          else resolve(parse(result.value));
        });
      });
    };
  }

  // The function the script calls for helper `name`; the Rust side hangs
  // it on its namespace (see `install_helpers` in lib.rs).
  // (Only called before the script runs: the realm is still pristine.)
  const defineProperty = Object.defineProperty;
  const lastIndexOf = jsbox.uncurry(String.prototype.lastIndexOf);
  const slice = jsbox.uncurry(String.prototype.slice);
  const nameDescriptor = { __proto__: null, value: "", configurable: true };
  jsbox.makeHelper = function (name, isAsync) {
    const fn = isAsync ? asyncHelper(name) : syncHelper(name);
    nameDescriptor.value = slice(name, lastIndexOf(name, ".") + 1);
    defineProperty(fn, "name", nameDescriptor);
    return fn;
  };
});
