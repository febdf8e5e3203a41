// jsbox's own test of URLSearchParams serialization (toString() and string
// conversion), written from the WPT file url/urlsearchparams-stringifier.any.js
// (web-platform-tests/wpt). It is not a copy of it. The
// application/x-www-form-urlencoded serializer writes a space as "+", leaves
// ASCII alphanumerics and *-._ as they are, percent-encodes everything else
// as UTF-8 with upper-case hex (including "+", "=", "&", "%", ",", NUL, CR,
// LF, with no newline normalization), writes "name=" for an empty value, and
// drops empty pairs of the parsed input. A URL's searchParams rewrite its
// query in this form once they are changed.
(function () {
  "use strict";

  // [test name, value, serialized value]: the text is appended as a value,
  // then (after deleting it) as a name.
  for (const [label, raw, encoded] of [
    ["Serialize space", " ", "+"],
    ["Serialize +", "+", "%2B"],
    ["Serialize *-._", "*-._", "*-._"],
    ["Serialize %", "%", "%25"],
    ["Serialize \\0", "\0", "%00"],
    ["Serialize \uD83D\uDCA9", "\uD83D\uDCA9", "%F0%9F%92%A9"],
  ]) {
    test(() => {
      const params = new URLSearchParams();
      params.append("a", "b" + raw + "c");
      assert_equals(String(params), "a=b" + encoded + "c", "in a value");
      params.delete("a");
      params.append("a" + raw + "b", "c");
      assert_equals(String(params), "a" + encoded + "b=c", "in a name");
    }, label);
  }

  test(() => {
    const params = new URLSearchParams();
    params.append("a", "");
    assert_equals(String(params), "a=");
    params.append("a", "");
    assert_equals(String(params), "a=&a=");
    params.append("", "b");
    assert_equals(String(params), "a=&a=&=b");
    params.append("", "");
    assert_equals(String(params), "a=&a=&=b&=");
    params.append("", "");
    assert_equals(String(params), "a=&a=&=b&=&=");
  }, "Serialize empty value");

  test(() => {
    const params = new URLSearchParams();
    params.append("", "b");
    assert_equals(String(params), "=b");
    params.append("", "b");
    assert_equals(String(params), "=b&=b");
  }, "Serialize empty name");

  test(() => {
    const params = new URLSearchParams();
    params.append("", "");
    assert_equals(String(params), "=");
    params.append("", "");
    assert_equals(String(params), "=&=");
  }, "Serialize empty name and value");

  for (const [label, ch, encoded] of [["Serialize =", "=", "%3D"], ["Serialize &", "&", "%26"]]) {
    test(() => {
      const params = new URLSearchParams();
      params.append(ch, "a");
      assert_equals(String(params), encoded + "=a", "as a name");
      params.append("b", ch);
      assert_equals(String(params), encoded + "=a&b=" + encoded, "as a value");
    }, label);
  }

  test(() => {
    assert_equals(new URLSearchParams("id=0&value=%").toString(), "id=0&value=%25");
  }, "Serialize a lone % read from a string");

  test(() => {
    assert_equals(new URLSearchParams("a=b&c=d&&e&&").toString(), "a=b&c=d&e=", "empty pairs dropped");
    assert_equals(new URLSearchParams("a = b &a=b&c=d%20").toString(), "a+=+b+&a=b&c=d+", "spaces");
    assert_equals(new URLSearchParams("a=&a=b").toString(), "a=&a=b", "an empty value keeps its =");
    assert_equals(new URLSearchParams("b=%2sf%2a").toString(), "b=%252sf*");
    assert_equals(new URLSearchParams("b=%2%2af%2a").toString(), "b=%252*f*");
    assert_equals(new URLSearchParams("b=%%2a").toString(), "b=%25*");
  }, "URLSearchParams.toString");

  test(() => {
    const url = new URL("http://www.example.com/?a=b,c");
    const params = url.searchParams;
    assert_equals(url.toString(), "http://www.example.com/?a=b,c", "the URL keeps its query as written");
    assert_equals(params.toString(), "a=b%2Cc", "the params serialize in form encoding");
    params.append("x", "y");
    assert_equals(url.toString(), "http://www.example.com/?a=b%2Cc&x=y", "a change rewrites the query");
    assert_equals(params.toString(), "a=b%2Cc&x=y");
  }, "URLSearchParams connected to URL");

  test(() => {
    const url = new URL("http://www.example.com/");
    const params = url.searchParams;
    params.append("a\nb", "c\rd");
    params.append("e\n\rf", "g\r\nh");
    assert_equals(params.toString(), "a%0Ab=c%0Dd&e%0A%0Df=g%0D%0Ah");
  }, "URLSearchParams must not do newline normalization");
})();
