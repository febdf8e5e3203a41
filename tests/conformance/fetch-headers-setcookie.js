// jsbox's own conformance test: Set-Cookie is the one header whose values are
// kept apart: iteration yields each one, getSetCookie() returns them as a
// list, and get() still combines them. Set-Cookie2 gets no such treatment.
// Written from the web-platform-tests file fetch/api/headers/header-setcookie.any.js
// (web-platform-tests/wpt); the checks are re-expressed, not copied.

function cookiePairs() {
  return [
    ["set-cookie", "foo=bar"],
    ["Set-Cookie", "fizz=buzz; domain=example.com"],
  ];
}

function cookie2Pairs() {
  return [
    ["set-cookie2", "foo2=bar2"],
    ["Set-Cookie2", "fizz2=buzz2; domain=example2.com"],
  ];
}

function expectEntries(headers, expected) {
  const actual = [...headers];
  assert_equals(actual.length, expected.length, "number of entries");
  expected.forEach((pair, i) => assert_array_equals(actual[i], pair, "entry " + i));
}

test(() => {
  const headers = new Headers(cookiePairs());
  assert_equals(headers.get("set-cookie"), "foo=bar, fizz=buzz; domain=example.com");
}, "get('set-cookie') combines the values in order");

test(() => {
  expectEntries(new Headers(cookiePairs()), [
    ["set-cookie", "foo=bar"],
    ["set-cookie", "fizz=buzz; domain=example.com"],
  ]);
}, "iteration yields each set-cookie value separately");

test(() => {
  expectEntries(new Headers(cookie2Pairs()), [
    ["set-cookie2", "foo2=bar2, fizz2=buzz2; domain=example2.com"],
  ]);
}, "iteration combines set-cookie2 like any other header");

test(() => {
  expectEntries(new Headers([...cookiePairs(), ...cookie2Pairs()]), [
    ["set-cookie", "foo=bar"],
    ["set-cookie", "fizz=buzz; domain=example.com"],
    ["set-cookie2", "foo2=bar2, fizz2=buzz2; domain=example2.com"],
  ]);
}, "set-cookie and set-cookie2 are not merged with each other");

test(() => {
  expectEntries(new Headers([["set-cookie", "z=z"], ["set-cookie", "a=a"], ["set-cookie", "n=n"]]), [
    ["set-cookie", "z=z"],
    ["set-cookie", "a=a"],
    ["set-cookie", "n=n"],
  ]);
}, "set-cookie values are iterated in insertion order, not sorted");

test(() => {
  const headers = new Headers([
    ["xylophone-header", "1"],
    ["best-header", "2"],
    ["set-cookie", "3"],
    ["a-cool-header", "4"],
    ["set-cookie", "5"],
    ["a-cool-header", "6"],
    ["best-header", "7"],
  ]);
  expectEntries(headers, [
    ["a-cool-header", "4, 6"],
    ["best-header", "2, 7"],
    ["set-cookie", "3"],
    ["set-cookie", "5"],
    ["xylophone-header", "1"],
  ]);
}, "names are sorted while each name's values keep their order");

test(() => {
  const headers = new Headers([
    ["xylophone-header", "7"],
    ["best-header", "6"],
    ["set-cookie", "5"],
    ["a-cool-header", "4"],
    ["set-cookie", "3"],
    ["a-cool-header", "2"],
    ["best-header", "1"],
  ]);
  expectEntries(headers, [
    ["a-cool-header", "4, 2"],
    ["best-header", "6, 1"],
    ["set-cookie", "5"],
    ["set-cookie", "3"],
    ["xylophone-header", "7"],
  ]);
}, "values are never sorted, only names");

test(() => {
  const headers = new Headers([["fizz", "buzz"], ["X-Header", "test"]]);
  const it = headers[Symbol.iterator]();
  assert_array_equals(it.next().value, ["fizz", "buzz"], "first");
  headers.append("Set-Cookie", "a=b");
  // The sorted list is now fizz, set-cookie, x-header: index 1 is set-cookie.
  assert_array_equals(it.next().value, ["set-cookie", "a=b"], "second");
  headers.append("Accept", "text/html");
  // accept sorts first, shifting set-cookie to index 2.
  assert_array_equals(it.next().value, ["set-cookie", "a=b"], "third");
  assert_array_equals(it.next().value, ["x-header", "test"], "fourth");
  headers.append("set-cookie", "c=d");
  assert_array_equals(it.next().value, ["x-header", "test"], "fifth");
  assert_true(it.next().done, "done");
}, "a live iterator follows set-cookie insertions by index");

test(() => {
  const headers = new Headers([["set-cookie", "a"], ["set-cookie", "b"], ["set-cookie", "c"]]);
  const it = headers[Symbol.iterator]();
  assert_array_equals(it.next().value, ["set-cookie", "a"]);
  headers.delete("set-cookie");
  for (const value of ["d", "e", "f"]) headers.append("set-cookie", value);
  assert_array_equals(it.next().value, ["set-cookie", "e"]);
  assert_array_equals(it.next().value, ["set-cookie", "f"]);
  assert_true(it.next().done);
}, "a live iterator follows set-cookie deletion and re-insertion by index");

test(() => {
  assert_true(new Headers(cookiePairs()).has("sEt-cOoKiE"));
}, "has() finds set-cookie case-insensitively");

test(() => {
  const headers = new Headers(cookie2Pairs());
  headers.append("set-Cookie", "foo=bar");
  headers.append("sEt-cOoKiE", "fizz=buzz");
  expectEntries(headers, [
    ["set-cookie", "foo=bar"],
    ["set-cookie", "fizz=buzz"],
    ["set-cookie2", "foo2=bar2, fizz2=buzz2; domain=example2.com"],
  ]);
}, "append() adds separate set-cookie entries");

test(() => {
  const headers = new Headers(cookiePairs());
  headers.set("set-cookie", "foo2=bar2");
  expectEntries(headers, [["set-cookie", "foo2=bar2"]]);
}, "set() replaces every set-cookie entry with one");

test(() => {
  const headers = new Headers(cookiePairs());
  headers.delete("set-Cookie");
  expectEntries(headers, []);
}, "delete() removes every set-cookie entry");

test(() => {
  assert_array_equals(new Headers().getSetCookie(), []);
}, "getSetCookie() with no set-cookie header is an empty array");

test(() => {
  assert_array_equals(new Headers([["set-cookie", "foo=bar"]]).getSetCookie(), ["foo=bar"]);
}, "getSetCookie() with one header");

test(() => {
  assert_array_equals(new Headers({ "Set-Cookie": "foo=bar" }).getSetCookie(), ["foo=bar"]);
}, "getSetCookie() with one header from a record");

test(() => {
  assert_array_equals(new Headers(cookiePairs()).getSetCookie(), ["foo=bar", "fizz=buzz; domain=example.com"]);
}, "getSetCookie() with two headers returns both, in order");

test(() => {
  assert_array_equals(new Headers([["set-cookie", ""]]).getSetCookie(), [""]);
}, "getSetCookie() keeps an empty value");

test(() => {
  assert_array_equals(new Headers([["set-cookie", "x"], ["set-cookie", "x"]]).getSetCookie(), ["x", "x"]);
}, "getSetCookie() keeps equal values twice");

test(() => {
  const headers = new Headers([["set-cookie2", "x"], ["set-cookie", "y"], ["set-cookie2", "z"]]);
  assert_array_equals(headers.getSetCookie(), ["y"]);
}, "getSetCookie() ignores set-cookie2");

test(() => {
  const headers = new Headers([["set-cookie", "z=z"], ["set-cookie", "a=a"], ["set-cookie", "n=n"]]);
  assert_array_equals(headers.getSetCookie(), ["z=z", "a=a", "n=n"]);
}, "getSetCookie() keeps insertion order");

test(() => {
  const headers = new Headers({ "Set-Cookie": "  a=b\n" });
  headers.append("set-cookie", "\n\rc=d  ");
  expectEntries(headers, [["set-cookie", "a=b"], ["set-cookie", "c=d"]]);
  headers.set("set-cookie", "\te=f ");
  expectEntries(headers, [["set-cookie", "e=f"]]);
}, "set-cookie values are whitespace-normalized like other values");

test(() => {
  assert_throws_js(TypeError, () => new Headers({ "set-cookie": "\0" }), "NUL in the constructor");
  const headers = new Headers();
  assert_throws_js(TypeError, () => headers.append("Set-Cookie", "a\nb"), "LF inside, append()");
  assert_throws_js(TypeError, () => headers.set("Set-Cookie", "a\rb"), "CR inside, set()");
}, "invalid set-cookie values throw a TypeError");

test(() => {
  // A Response's headers have the "response" guard, which silently drops
  // forbidden response-header names (Set-Cookie and Set-Cookie2).
  const response = new Response();
  response.headers.append("Set-Cookie", "foo=bar");
  assert_array_equals(response.headers.getSetCookie(), [], "after Set-Cookie");
  response.headers.append("sEt-cOokIe", "bar=baz");
  assert_array_equals(response.headers.getSetCookie(), [], "after another casing");
}, "a Response's headers ignore Set-Cookie");
