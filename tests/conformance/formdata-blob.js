// jsbox's own conformance test: a Blob given to FormData's append() or set()
// is stored as a File (named "blob" unless a filename is given, with
// lastModified set to now); a File is stored as it is unless a filename is
// given, in which case a new File with that name keeps its lastModified.
// Written from the web-platform-tests files xhr/formdata/set-blob.any.js,
// append.any.js and set.any.js (their Blob cases) (web-platform-tests/wpt);
// the checks are re-expressed, not copied. Upstream's set-blob.any.js shares
// one FormData across subtests; here each subtest has its own, and allows
// lastModified 2 s of slack where upstream allows 200 ms. The last two
// subtests (bytes kept; filename with a string value) are jsbox's additions.

function recent(lastModified) {
  // Allow for clock steps and slow machines: within two seconds of now.
  return Math.abs(lastModified - Date.now()) < 2000;
}

test(() => {
  const form = new FormData();
  form.append("key", new Blob(), "blank.txt");
  const value = form.get("key");
  assert_true(value instanceof File, "a File");
  assert_equals(value.name, "blank.txt", "name");
  assert_equals(value.type, "", "type");
  assert_equals(value.size, 0, "size");
  assert_true(recent(value.lastModified), "lastModified is now");
}, "append() of an empty Blob with a filename stores a File of that name");

test(() => {
  const form = new FormData();
  form.set("key", new Blob([]), "blank.txt");
  const value = form.get("key");
  assert_true(value instanceof File, "a File");
  assert_equals(value.name, "blank.txt");
}, "set() of an empty Blob with a filename stores a File of that name");

test(() => {
  const form = new FormData();
  const blob = new Blob();
  form.set("blob-1", blob);
  const value = form.get("blob-1");
  assert_equals(value.constructor, File, "a File");
  assert_not_equals(value, blob, "not the Blob itself");
  assert_equals(value.name, "blob", "default name");
  assert_equals(value.type, "", "type");
  assert_equals(form.get("blob-1"), value, "get() returns the same object each time");
  assert_true(recent(value.lastModified), "lastModified is now");
}, "set() of a Blob without a type stores a File named blob");

test(() => {
  const form = new FormData();
  form.set("blob-2", new Blob([], { type: "text/plain" }));
  const value = form.get("blob-2");
  assert_equals(value.constructor, File, "a File");
  assert_equals(value.name, "blob", "default name");
  assert_equals(value.type, "text/plain", "the Blob's type is kept");
  assert_true(recent(value.lastModified), "lastModified is now");
}, "set() of a Blob with a type keeps the type");

test(() => {
  const form = new FormData();
  form.set("blob-3", new Blob(), "custom name");
  const value = form.get("blob-3");
  assert_equals(value.constructor, File, "a File");
  assert_equals(value.name, "custom name");
  assert_equals(value.type, "");
  assert_true(recent(value.lastModified), "lastModified is now");
}, "set() of a Blob with a filename uses it");

test(() => {
  const form = new FormData();
  const file = new File([], "name");
  form.set("file-1", file);
  const value = form.get("file-1");
  assert_equals(value.constructor, File, "a File");
  assert_equals(value, file, "the same File object");
  assert_equals(value.name, "name");
  assert_equals(value.type, "");
  assert_true(recent(value.lastModified), "lastModified is now");
}, "set() of a File without a filename stores that File");

test(() => {
  const form = new FormData();
  const file = new File([], "name", { lastModified: 123 });
  form.set("file-2", file, "custom name");
  const value = form.get("file-2");
  assert_equals(value.constructor, File, "a File");
  assert_not_equals(value, file, "a new File");
  assert_equals(value.name, "custom name");
  assert_equals(value.type, "");
  assert_equals(value.lastModified, 123, "lastModified is kept");
}, "set() of a File with a filename stores a renamed copy");

promise_test(async () => {
  const form = new FormData();
  form.append("text", new Blob(["content"], { type: "text/plain" }), "a.txt");
  const value = form.get("text");
  assert_equals(value.size, 7, "size");
  assert_equals(await value.text(), "content", "the bytes are kept");
}, "a stored Blob keeps its bytes");

test(() => {
  const form = new FormData();
  assert_throws_js(TypeError, () => form.append("key", "string value", "filename"), "append()");
  assert_throws_js(TypeError, () => form.set("key", "string value", "filename"), "set()");
}, "a filename with a value that is not a Blob throws a TypeError");
