// jsbox's own test of which code points URL's setters strip, written from the
// WPT file url/url-setters-stripping.any.js (web-platform-tests/wpt). It is
// not a copy of it. Starting from
//   <scheme>://username:password@host:8000/path?query#fragment
// for a special scheme (https) and a non-special one (wpt++), each setter is
// given a value containing one C0 code point (U+0000, the ASCII tab/LF/CR
// which the basic URL parser removes everywhere, and U+001F) at the start,
// in the middle or at the end, and the attribute and href must show:
//   - protocol: tab/LF/CR removed; other controls make the new scheme invalid
//     so the old one stays;
//   - username/password: nothing removed, the code point percent-encoded;
//   - host/hostname: tab/LF/CR removed; U+0000 (and U+001F in a special
//     URL's host) is forbidden so the host stays; otherwise kept as is in a
//     special host, percent-encoded in an opaque host;
//   - port: tab/LF/CR removed; any other code point ends the port digits;
//   - pathname/search/hash: tab/LF/CR removed, others percent-encoded.
(function () {
  "use strict";

  const DEFAULTS = { scheme: "https", username: "username", password: "password", host: "host",
    port: "8000", pathname: "path", search: "query", hash: "fragment" };

  // The href of the starting URL with some parts replaced.
  function hrefWith(parts) {
    const p = Object.assign({}, DEFAULTS, parts);
    return p.scheme + "://" + p.username + ":" + p.password + "@" + p.host + ":" + p.port +
      "/" + p.pathname + "?" + p.search + "#" + p.hash;
  }

  function hex4(cp) {
    return "U+" + cp.toString(16).toUpperCase().padStart(4, "0");
  }

  for (const scheme of ["https", "wpt++"]) {
    const special = scheme === "https";
    // The other code points below U+0020 behave like U+001F; WPT checks only
    // these five.
    for (const cp of [0x00, 0x09, 0x0A, 0x0D, 0x1F]) {
      const ch = String.fromCodePoint(cp);
      const removed = cp === 0x09 || cp === 0x0A || cp === 0x0D;
      const encoded = "%" + cp.toString(16).toUpperCase().padStart(2, "0");
      const ref = hex4(cp);
      const suffix = " (" + scheme + ":)";

      // protocol: https -> http, wpt++ -> wpt-- when the value is valid.
      const newScheme = special ? "http" : "wpt--";
      const protocolResult = removed ? newScheme : scheme;
      for (const [where, value] of [["leading " + ref, ch + newScheme], [ref + " before inserted colon", newScheme + ch]]) {
        test(() => {
          const url = new URL(hrefWith({ scheme }));
          url.protocol = value;
          assert_equals(url.protocol, protocolResult + ":", "protocol");
          assert_equals(url.href, hrefWith({ scheme: protocolResult }), "href");
        }, "Setting protocol with " + where + suffix);
      }

      // Three placements of the code point within "test".
      const placements = [["leading", (x) => x + "test"], ["middle", (x) => "te" + x + "st"], ["trailing", (x) => "test" + x]];

      for (const property of ["username", "password"]) {
        for (const [where, place] of placements) {
          test(() => {
            const url = new URL(hrefWith({ scheme }));
            url[property] = place(ch);
            assert_equals(url[property], place(encoded), property);
            assert_equals(url.href, hrefWith({ scheme, [property]: place(encoded) }), "href");
          }, "Setting " + property + " with " + where + " " + ref + suffix);
        }
      }

      for (const [where, place] of placements) {
        let hostResult;
        if (cp === 0x00 || (special && cp === 0x1F)) hostResult = "host"; // forbidden: unchanged
        else if (removed) hostResult = "test";
        else hostResult = place(special ? ch : encoded);

        test(() => {
          const url = new URL(hrefWith({ scheme }));
          url.host = place(ch);
          assert_equals(url.host, hostResult + ":8000", "host");
          assert_equals(url.href, hrefWith({ scheme, host: hostResult }), "href");
        }, "Setting host with " + where + " " + ref + suffix);

        test(() => {
          const url = new URL(hrefWith({ scheme }));
          url.hostname = place(ch);
          assert_equals(url.hostname, hostResult, "hostname");
          assert_equals(url.href, hrefWith({ scheme, host: hostResult }), "href");
        }, "Setting hostname with " + where + " " + ref + suffix);
      }

      for (const [where, value, portResult] of [
        ["leading", ch + "9000", removed ? "9000" : "8000"],
        ["middle", "90" + ch + "00", removed ? "9000" : "90"],
        ["trailing", "9000" + ch, "9000"],
      ]) {
        test(() => {
          const url = new URL(hrefWith({ scheme }));
          url.port = value;
          assert_equals(url.port, portResult, "port");
          assert_equals(url.href, hrefWith({ scheme, port: portResult }), "href");
        }, "Setting port with " + where + " " + ref + suffix);
      }

      for (const [property, prefix] of [["pathname", "/"], ["search", "?"], ["hash", "#"]]) {
        for (const [where, place] of placements) {
          const result = removed ? "test" : place(encoded);
          test(() => {
            const url = new URL(hrefWith({ scheme }));
            url[property] = place(ch);
            assert_equals(url[property], prefix + result, property);
            assert_equals(url.href, hrefWith({ scheme, [property]: result }), "href");
          }, "Setting " + property + " with " + where + " " + ref + suffix);
        }
      }
    }
  }
})();
