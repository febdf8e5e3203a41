// jsbox's own conformance test, written from the web-platform-tests files
//   webidl/ecmascript-binding/es-exceptions/DOMException-constructor-and-prototype.any.js
//   webidl/ecmascript-binding/es-exceptions/DOMException-constructor-behavior.any.js
//   webidl/ecmascript-binding/es-exceptions/DOMException-custom-bindings.any.js
// and the legacy code constants of the Web IDL error names table (the
// upstream DOMException-constants test). Re-expressed for jsbox's harness;
// `globalThis` stands in for `self`.
//
// Note: the `{ cause }` option (and `cause` as an inherited accessor) follows
// whatwg/webidl PR #1179, which upstream WPT already tests.

const LEGACY_CONSTANTS = [
  ["INDEX_SIZE_ERR", 1],
  ["DOMSTRING_SIZE_ERR", 2],
  ["HIERARCHY_REQUEST_ERR", 3],
  ["WRONG_DOCUMENT_ERR", 4],
  ["INVALID_CHARACTER_ERR", 5],
  ["NO_DATA_ALLOWED_ERR", 6],
  ["NO_MODIFICATION_ALLOWED_ERR", 7],
  ["NOT_FOUND_ERR", 8],
  ["NOT_SUPPORTED_ERR", 9],
  ["INUSE_ATTRIBUTE_ERR", 10],
  ["INVALID_STATE_ERR", 11],
  ["SYNTAX_ERR", 12],
  ["INVALID_MODIFICATION_ERR", 13],
  ["NAMESPACE_ERR", 14],
  ["INVALID_ACCESS_ERR", 15],
  ["VALIDATION_ERR", 16],
  ["TYPE_MISMATCH_ERR", 17],
  ["SECURITY_ERR", 18],
  ["NETWORK_ERR", 19],
  ["ABORT_ERR", 20],
  ["URL_MISMATCH_ERR", 21],
  ["QUOTA_EXCEEDED_ERR", 22],
  ["TIMEOUT_ERR", 23],
  ["INVALID_NODE_TYPE_ERR", 24],
  ["DATA_CLONE_ERR", 25],
];

// Names and the legacy code each must produce; names without a code give 0.
const NAME_CODES = [
  ["IndexSizeError", 1],
  ["HierarchyRequestError", 3],
  ["WrongDocumentError", 4],
  ["InvalidCharacterError", 5],
  ["NoModificationAllowedError", 7],
  ["NotFoundError", 8],
  ["NotSupportedError", 9],
  ["InUseAttributeError", 10],
  ["InvalidStateError", 11],
  ["SyntaxError", 12],
  ["InvalidModificationError", 13],
  ["NamespaceError", 14],
  ["InvalidAccessError", 15],
  ["TypeMismatchError", 17],
  ["SecurityError", 18],
  ["NetworkError", 19],
  ["AbortError", 20],
  ["URLMismatchError", 21],
  ["QuotaExceededError", 22],
  ["TimeoutError", 23],
  ["InvalidNodeTypeError", 24],
  ["DataCloneError", 25],
  // Removed from the table, so no code any more.
  ["DOMStringSizeError", 0],
  ["NoDataAllowedError", 0],
  ["ValidationError", 0],
  // Names that never had a code.
  ["EncodingError", 0],
  ["NotReadableError", 0],
  ["UnknownError", 0],
  ["ConstraintError", 0],
  ["DataError", 0],
  ["TransactionInactiveError", 0],
  ["ReadOnlyError", 0],
  ["VersionError", 0],
  ["OperationError", 0],
  ["NotAllowedError", 0],
];

function checkDataProperty(object, key, expected, label) {
  const desc = Object.getOwnPropertyDescriptor(object, key);
  assert_not_equals(desc, undefined, label + " exists");
  assert_false("get" in desc, label + " has no getter");
  assert_false("set" in desc, label + " has no setter");
  assert_equals(desc.writable, expected.writable, label + " writable");
  assert_equals(desc.enumerable, expected.enumerable, label + " enumerable");
  assert_equals(desc.configurable, expected.configurable, label + " configurable");
  return desc;
}

function checkAccessor(name) {
  const desc = Object.getOwnPropertyDescriptor(DOMException.prototype, name);
  assert_not_equals(desc, undefined, name + " is on the prototype");
  assert_equals(typeof desc.get, "function", name + " has a getter");
  assert_equals(desc.set, undefined, name + " has no setter");
  assert_true(desc.enumerable, name + " is enumerable");
  assert_true(desc.configurable, name + " is configurable");
}

function checkNotOwn(ex, names) {
  for (const name of names) assert_false(Object.prototype.hasOwnProperty.call(ex, name), name + " is inherited, not own");
}

// --- constructor and prototype objects ---

test(() => {
  checkDataProperty(globalThis, "DOMException", { writable: true, enumerable: false, configurable: true }, "globalThis.DOMException");
  assert_equals(typeof DOMException, "function");
}, "DOMException is a writable, non-enumerable, configurable global");

test(() => {
  checkDataProperty(DOMException, "prototype", { writable: false, enumerable: false, configurable: false }, "DOMException.prototype");
}, "DOMException.prototype is read-only, non-enumerable and non-configurable");

test(() => {
  const desc = checkDataProperty(DOMException.prototype, "constructor", { writable: true, enumerable: false, configurable: true }, "DOMException.prototype.constructor");
  assert_equals(desc.value, DOMException);
}, "DOMException.prototype.constructor is DOMException");

test(() => {
  assert_equals(Object.getPrototypeOf(DOMException.prototype), Error.prototype);
}, "DOMException.prototype inherits from Error.prototype");

test(() => {
  assert_equals(Object.getPrototypeOf(DOMException), Function.prototype);
}, "the DOMException constructor does not inherit from Error");

test(() => {
  assert_throws_js(TypeError, () => DOMException());
  assert_throws_js(TypeError, () => DOMException("message", "name"));
}, "DOMException cannot be called without new");

test(() => {
  assert_equals(DOMException.name, "DOMException", "name");
  assert_equals(DOMException.length, 0, "length");
}, "DOMException has name DOMException and length 0");

test(() => {
  for (const [name, value] of LEGACY_CONSTANTS) {
    const onCtor = checkDataProperty(DOMException, name, { writable: false, enumerable: true, configurable: false }, "DOMException." + name);
    assert_equals(onCtor.value, value, "DOMException." + name);
    const onProto = checkDataProperty(DOMException.prototype, name, { writable: false, enumerable: true, configurable: false }, "DOMException.prototype." + name);
    assert_equals(onProto.value, value, "DOMException.prototype." + name);
  }
}, "the legacy code constants are on the constructor and the prototype");

test(() => {
  const ex = new DOMException("m", "AbortError");
  assert_equals(ex.ABORT_ERR, 20, "reachable from an instance through the prototype");
  assert_false(Object.prototype.hasOwnProperty.call(ex, "ABORT_ERR"), "not an own property of the instance");
}, "instances see the legacy code constants through the prototype");

test(() => {
  assert_false(Object.prototype.hasOwnProperty.call(DOMException.prototype, "toString"), "no own toString");
  const ex = new DOMException("message", "name");
  assert_false(Object.prototype.hasOwnProperty.call(ex, "toString"), "no own toString on instances");
  assert_equals(ex.toString, Error.prototype.toString, "inherited from Error.prototype");
}, "DOMException inherits toString() from Error.prototype");

// --- constructor behavior ---

test(() => {
  const ex = new DOMException();
  assert_equals(ex.name, "Error", "name");
  assert_equals(ex.message, "", "message");
  assert_equals(ex.code, 0, "code");
  assert_equals(ex.cause, undefined, "cause");
  checkNotOwn(ex, ["name", "message", "code", "cause"]);
}, "new DOMException()");

test(() => {
  const ex = new DOMException(null);
  assert_equals(ex.name, "Error", "name");
  assert_equals(ex.message, "null", "null is stringified");
  checkNotOwn(ex, ["name", "message", "cause"]);
}, "new DOMException(null)");

test(() => {
  const ex = new DOMException(undefined);
  assert_equals(ex.name, "Error", "name");
  assert_equals(ex.message, "", "undefined means the default message");
  checkNotOwn(ex, ["name", "message", "cause"]);
}, "new DOMException(undefined)");

test(() => {
  const ex = new DOMException("foo");
  assert_equals(ex.name, "Error", "name");
  assert_equals(ex.message, "foo", "message");
  assert_equals(ex.cause, undefined, "cause");
  checkNotOwn(ex, ["name", "message", "cause"]);
}, "new DOMException(\"foo\")");

test(() => {
  const ex = new DOMException("bar", undefined);
  assert_equals(ex.name, "Error", "undefined name means Error");
  assert_equals(ex.message, "bar");
}, "new DOMException(\"bar\", undefined)");

test(() => {
  const ex = new DOMException("bar", "NotSupportedError");
  assert_equals(ex.name, "NotSupportedError");
  assert_equals(ex.message, "bar");
  assert_equals(ex.code, DOMException.NOT_SUPPORTED_ERR);
  assert_equals(ex.cause, undefined);
  checkNotOwn(ex, ["name", "message", "code", "cause"]);
}, "new DOMException(\"bar\", \"NotSupportedError\")");

test(() => {
  const ex = new DOMException("bar", "foo");
  assert_equals(ex.name, "foo");
  assert_equals(ex.message, "bar");
  assert_equals(ex.code, 0, "an unknown name has code 0");
}, "new DOMException(\"bar\", \"foo\")");

test(() => {
  const ex = new DOMException(123, 456);
  assert_equals(ex.message, "123", "message stringified");
  assert_equals(ex.name, "456", "name stringified");
  const fromObject = new DOMException({ toString: () => "msg" }, "InvalidStateError");
  assert_equals(fromObject.message, "msg", "message converted with ToString");
  assert_equals(fromObject.code, 11);
}, "DOMException converts its arguments to strings");

test(() => {
  const ex = new DOMException("bar", {});
  assert_equals(ex.name, "Error", "empty options mean name Error");
  assert_equals(ex.message, "bar");
  assert_equals(ex.cause, undefined);
  checkNotOwn(ex, ["name", "message", "cause"]);
}, "new DOMException(\"bar\", {})");

test(() => {
  const ex = new DOMException("bar", { name: "NotSupportedError" });
  assert_equals(ex.name, "NotSupportedError");
  assert_equals(ex.message, "bar");
  assert_equals(ex.code, DOMException.NOT_SUPPORTED_ERR);
  assert_equals(ex.cause, undefined);
  checkNotOwn(ex, ["name", "message", "cause"]);
}, "new DOMException(\"bar\", { name: \"NotSupportedError\" })");

test(() => {
  const ex = new DOMException("bar", { cause: "foo" });
  assert_equals(ex.name, "Error");
  assert_equals(ex.message, "bar");
  assert_equals(ex.cause, "foo", "cause from the options");
}, "new DOMException(\"bar\", { cause: \"foo\" })");

test(() => {
  const ex = new DOMException("bar", { cause: "foo" });
  checkNotOwn(ex, ["name", "message", "cause"]);
}, "new DOMException(\"bar\", { cause: \"foo\" }): cause is inherited, not own");

test(() => {
  const ex = new DOMException("bar", { name: "NotSupportedError", cause: "foo" });
  assert_equals(ex.name, "NotSupportedError");
  assert_equals(ex.message, "bar");
  assert_equals(ex.code, DOMException.NOT_SUPPORTED_ERR);
  assert_equals(ex.cause, "foo");
}, "new DOMException(\"bar\", { name: \"NotSupportedError\", cause: \"foo\" })");

for (const [name, code] of NAME_CODES) {
  test(() => {
    const ex = new DOMException("msg", name);
    assert_equals(ex.name, name, "name");
    assert_equals(ex.message, "msg", "message");
    assert_equals(ex.code, code, "legacy code");
  }, "new DOMException(\"msg\", \"" + name + "\") has code " + code);
}

// --- custom bindings ---

test(() => {
  checkAccessor("message");
  const getter = Object.getOwnPropertyDescriptor(DOMException.prototype, "message").get;
  assert_throws_js(TypeError, () => getter.call({}));
}, "message is a prototype accessor with a brand check");

test(() => {
  checkAccessor("name");
  const getter = Object.getOwnPropertyDescriptor(DOMException.prototype, "name").get;
  assert_throws_js(TypeError, () => getter.call({}));
}, "name is a prototype accessor with a brand check");

test(() => {
  checkAccessor("code");
  const getter = Object.getOwnPropertyDescriptor(DOMException.prototype, "code").get;
  assert_throws_js(TypeError, () => getter.call({}));
}, "code is a prototype accessor with a brand check");

test(() => {
  checkAccessor("cause");
  const getter = Object.getOwnPropertyDescriptor(DOMException.prototype, "cause").get;
  assert_throws_js(TypeError, () => getter.call({}));
}, "cause is a prototype accessor with a brand check");

test(() => {
  const ex = new DOMException("message", "InvalidCharacterError");
  assert_equals(ex.code, 5, "code before shadowing");
  Object.defineProperty(ex, "name", { value: "WrongDocumentError" });
  assert_equals(ex.name, "WrongDocumentError", "the shadowing property is visible");
  assert_equals(ex.code, 5, "code still comes from the internal name");
}, "shadowing name does not change code");

test(() => {
  assert_class_string(new DOMException("message", "name"), "DOMException");
}, "Object.prototype.toString gives [object DOMException]");

test(() => {
  const ex = new DOMException("message", "name");
  assert_equals(ex.toString(), "name: message", "from the internal name and message");
  Object.defineProperty(ex, "name", { value: "new name" });
  Object.defineProperty(ex, "message", { value: "new message" });
  assert_equals(ex.toString(), "new name: new message", "from shadowing properties");
}, "Error.prototype.toString() works on DOMException");

test(() => {
  assert_throws_js(TypeError, () => DOMException.prototype.toString());
}, "toString() on DOMException.prototype itself throws through the brand checks");

test(() => {
  let normalStack;
  try {
    throw new Error("normal error");
  } catch (e) {
    normalStack = e.stack;
  }
  let domStack;
  let caught = null;
  try {
    throw new DOMException("message", "name");
  } catch (e) {
    caught = e;
    domStack = e.stack;
  }
  assert_true(caught instanceof DOMException, "a DOMException was caught");
  assert_equals(typeof domStack, typeof normalStack);
}, "DOMException has a stack property whenever ordinary errors have one");

test(() => {
  const ex = new DOMException("m", "DataCloneError");
  assert_true(ex instanceof DOMException, "instanceof DOMException");
  assert_true(ex instanceof Error, "instanceof Error");
}, "DOMException instances are Errors");

test(() => {
  class MyException extends DOMException {
    constructor() {
      super("sub message", "SyntaxError");
    }
  }
  const ex = new MyException();
  assert_true(ex instanceof DOMException);
  assert_equals(ex.name, "SyntaxError");
  assert_equals(ex.message, "sub message");
  assert_equals(ex.code, 12);
}, "DOMException can be subclassed");
