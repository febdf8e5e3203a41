// jsbox's own check of the WebIDL shape of URL and URLSearchParams, written
// from the WPT file url/interfaces.any.js (web-platform-tests/wpt), which
// runs idlharness.js over the URL Standard's IDL. This harness has no
// idlharness, so this file states the same rules directly, for the current
// IDL (URL with static parse/canParse; URLSearchParams with size and the
// two-argument delete/has):
//   - the interface objects are writable, configurable, non-enumerable
//     globals; they throw a TypeError when called without `new`; their
//     `length` is the constructor's number of required arguments;
//   - `prototype` is fixed; prototype.constructor points back;
//   - attributes are enumerable, configurable accessors on the prototype
//     (read-only ones have no setter), with WebIDL names and lengths, whose
//     getters throw a TypeError on other objects;
//   - operations (and the stringifier's toString) are enumerable, writable,
//     configurable methods with WebIDL `length`s that check `this`;
//   - Symbol.toStringTag is the interface name; URLSearchParams is a pair
//     iterable (entries/keys/values/forEach, Symbol.iterator === entries,
//     iterators inheriting from %IteratorPrototype% tagged
//     "URLSearchParams Iterator").
// Left out from idlharness: the LegacyWindowAlias webkitURL (Window only).
(function () {
  "use strict";

  const global = globalThis;

  function assertInterfaceObject(name, length) {
    const desc = Object.getOwnPropertyDescriptor(global, name);
    assert_true(desc !== undefined, name + " is a global property");
    assert_true(desc.writable, "writable");
    assert_false(desc.enumerable, "enumerable");
    assert_true(desc.configurable, "configurable");
    const ctor = desc.value;
    assert_equals(typeof ctor, "function", "a function");
    assert_equals(ctor.name, name, "name");
    assert_equals(ctor.length, length, "length");
    assert_equals(Object.getPrototypeOf(ctor), Function.prototype, "[[Prototype]] of the interface object");
  }

  function assertPrototypeObject(ctor, name) {
    const desc = Object.getOwnPropertyDescriptor(ctor, "prototype");
    assert_false(desc.writable, "prototype is not writable");
    assert_false(desc.enumerable, "prototype is not enumerable");
    assert_false(desc.configurable, "prototype is not configurable");
    const proto = desc.value;
    assert_equals(Object.getPrototypeOf(proto), Object.prototype, "[[Prototype]] of the prototype");
    const ctorDesc = Object.getOwnPropertyDescriptor(proto, "constructor");
    assert_equals(ctorDesc.value, ctor, "constructor");
    assert_true(ctorDesc.writable, "constructor is writable");
    assert_false(ctorDesc.enumerable, "constructor is not enumerable");
    assert_true(ctorDesc.configurable, "constructor is configurable");
    const tag = Object.getOwnPropertyDescriptor(proto, Symbol.toStringTag);
    assert_true(tag !== undefined, "Symbol.toStringTag is an own property");
    assert_equals(tag.value, name, "Symbol.toStringTag");
    assert_false(tag.writable, "Symbol.toStringTag is not writable");
    assert_false(tag.enumerable, "Symbol.toStringTag is not enumerable");
    assert_true(tag.configurable, "Symbol.toStringTag is configurable");
  }

  function assertAttribute(proto, name, readonly, instance) {
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    assert_true(desc !== undefined, name + " is an own property of the prototype");
    assert_false("value" in desc, "an accessor, not a data property");
    assert_true(desc.enumerable, "enumerable");
    assert_true(desc.configurable, "configurable");
    assert_equals(typeof desc.get, "function", "getter");
    assert_equals(desc.get.name, "get " + name, "getter's name");
    assert_equals(desc.get.length, 0, "getter's length");
    if (readonly) {
      assert_equals(desc.set, undefined, "no setter");
    } else {
      assert_equals(typeof desc.set, "function", "setter");
      assert_equals(desc.set.name, "set " + name, "setter's name");
      assert_equals(desc.set.length, 1, "setter's length");
    }
    assert_throws_js(TypeError, () => desc.get.call({}), "getter on a plain object");
    assert_throws_js(TypeError, () => desc.get.call(proto), "getter on the prototype");
    desc.get.call(instance); // works on a real instance
  }

  function assertOperation(holder, name, length, isStatic) {
    const desc = Object.getOwnPropertyDescriptor(holder, name);
    assert_true(desc !== undefined, name + " is an own property");
    assert_equals(typeof desc.value, "function", "a method");
    assert_true(desc.writable, "writable");
    assert_true(desc.enumerable, "enumerable");
    assert_true(desc.configurable, "configurable");
    assert_equals(desc.value.name, name, "name");
    assert_equals(desc.value.length, length, "length");
    if (!isStatic) {
      assert_throws_js(TypeError, () => desc.value.call({}, "a", "b"), "called on a plain object");
    }
  }

  // ---- URL ----

  test(() => {
    assertInterfaceObject("URL", 1);
  }, "URL interface: existence and properties of interface object");

  test(() => {
    assert_throws_js(TypeError, () => URL("http://example.com/"), "called as a function");
    assert_throws_js(TypeError, () => new URL(), "no argument: \"undefined\" is not a URL");
  }, "URL interface object: constructor behaviour");

  test(() => {
    assertPrototypeObject(URL, "URL");
  }, "URL interface: existence and properties of interface prototype object");

  const url = new URL("http://foo");
  for (const [name, readonly] of [["href", false], ["origin", true], ["protocol", false], ["username", false],
    ["password", false], ["host", false], ["hostname", false], ["port", false], ["pathname", false],
    ["search", false], ["searchParams", true], ["hash", false]]) {
    test(() => {
      assertAttribute(URL.prototype, name, readonly, url);
    }, "URL interface: attribute " + name);
  }

  test(() => {
    assertOperation(URL.prototype, "toJSON", 0, false);
  }, "URL interface: operation toJSON()");

  test(() => {
    assertOperation(URL.prototype, "toString", 0, false);
    assert_equals(url.toString(), url.href, "toString() is href");
    assert_equals(String(url), "http://foo/", "String(url)");
  }, "URL interface: stringifier");

  test(() => {
    assertOperation(URL, "parse", 1, true);
  }, "URL interface: operation parse(USVString, optional USVString)");

  test(() => {
    assertOperation(URL, "canParse", 1, true);
  }, "URL interface: operation canParse(USVString, optional USVString)");

  test(() => {
    assert_equals(Object.getPrototypeOf(url), URL.prototype);
    assert_class_string(url, "URL");
    assert_equals(Object.getOwnPropertyNames(url).length, 0, "no own properties");
  }, "URL must be primary interface of new URL(\"http://foo\")");

  // ---- URLSearchParams ----

  test(() => {
    assertInterfaceObject("URLSearchParams", 0);
  }, "URLSearchParams interface: existence and properties of interface object");

  test(() => {
    assert_throws_js(TypeError, () => URLSearchParams("a=b"), "called as a function");
  }, "URLSearchParams interface object: constructor behaviour");

  test(() => {
    assertPrototypeObject(URLSearchParams, "URLSearchParams");
  }, "URLSearchParams interface: existence and properties of interface prototype object");

  const params = new URLSearchParams("hi=there&thank=you");

  test(() => {
    assertAttribute(URLSearchParams.prototype, "size", true, params);
  }, "URLSearchParams interface: attribute size");

  for (const [name, length] of [["append", 2], ["delete", 1], ["get", 1], ["getAll", 1], ["has", 1],
    ["set", 2], ["sort", 0], ["entries", 0], ["keys", 0], ["values", 0], ["forEach", 1], ["toString", 0]]) {
    test(() => {
      assertOperation(URLSearchParams.prototype, name, length, false);
    }, "URLSearchParams interface: operation " + name);
  }

  test(() => {
    const desc = Object.getOwnPropertyDescriptor(URLSearchParams.prototype, Symbol.iterator);
    assert_true(desc !== undefined, "Symbol.iterator is an own property");
    assert_equals(desc.value, URLSearchParams.prototype.entries, "the entries function itself");
    assert_true(desc.writable, "writable");
    assert_false(desc.enumerable, "enumerable");
    assert_true(desc.configurable, "configurable");
  }, "URLSearchParams interface: iterable<USVString, USVString>");

  test(() => {
    const iterator = params.entries();
    const iteratorProto = Object.getPrototypeOf(iterator);
    const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
    assert_equals(Object.getPrototypeOf(iteratorProto), iteratorPrototype, "inherits from %IteratorPrototype%");
    assert_equals(Object.getPrototypeOf(params.keys()), iteratorProto, "keys() shares the prototype");
    assert_equals(Object.getPrototypeOf(params.values()), iteratorProto, "values() shares the prototype");
    const next = Object.getOwnPropertyDescriptor(iteratorProto, "next");
    assert_equals(typeof next.value, "function", "next");
    assert_true(next.writable && next.enumerable && next.configurable, "next is writable, enumerable, configurable");
    assert_equals(next.value.length, 0, "next.length");
    assert_throws_js(TypeError, () => next.value.call({}), "next on a plain object");
    const tag = Object.getOwnPropertyDescriptor(iteratorProto, Symbol.toStringTag);
    assert_equals(tag && tag.value, "URLSearchParams Iterator", "Symbol.toStringTag");
    assert_class_string(iterator, "URLSearchParams Iterator");
  }, "URLSearchParams interface: iterator prototype object");

  test(() => {
    assert_array_equals(Array.from(params.keys()), ["hi", "thank"], "keys");
    assert_array_equals(Array.from(params.values()), ["there", "you"], "values");
    const first = params.entries().next();
    assert_false(first.done, "done");
    assert_true(Array.isArray(first.value), "an entry is an array");
    assert_array_equals(first.value, ["hi", "there"], "first entry");
    const it = params.keys();
    it.next();
    it.next();
    const end = it.next();
    assert_true(end.done, "done after the last pair");
    assert_equals(end.value, undefined, "value after the last pair");
  }, "URLSearchParams iterators produce keys, values and [name, value] entries");

  test(() => {
    assert_equals(Object.getPrototypeOf(params), URLSearchParams.prototype);
    assert_class_string(params, "URLSearchParams");
    assert_equals(Object.getOwnPropertyNames(params).length, 0, "no own properties");
    assert_equals(String(params), "hi=there&thank=you", "stringifier");
  }, "URLSearchParams must be primary interface of new URLSearchParams(\"hi=there&thank=you\")");
})();
