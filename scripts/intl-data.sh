#!/usr/bin/env bash
# Bakes the guest's Intl locale data into guest/intl-data/baked/ (committed;
# the guest build reads it through ICU4X_DATA_DIR, see scripts/guest.sh):
#
#   scripts/intl-data.sh [LOCALE...]    default: the locales below
#
# The data is ICU4X's own compiled CLDR data (the data crates of the
# guest's ICU4X version), cut down to these locale families (each with its
# regional variants and ancestors, plus root; zh-Hant is its own family in
# CLDR, so it is listed beside zh). To ship other locales, run
# this with your list, then `make guest`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
locales=("$@")
if [ ${#locales[@]} -eq 0 ]; then
  locales=(en de fr es it pt nl ja zh zh-Hant ko ru ar hi)
fi
tool=guest/intl-data
cargo fetch --manifest-path "$tool/Cargo.toml" --quiet
# The data crates at exactly the versions the tool (and the guest) lock.
mapfile -t crates < <(cargo metadata --manifest-path "$tool/Cargo.toml" --format-version 1 --locked |
  python3 -c 'import json, os, sys
names = "calendar casemap collator datetime decimal list locale normalizer plurals properties segmenter time experimental".split()
m = json.load(sys.stdin)
for n in names:
    print(next(os.path.dirname(p["manifest_path"]) for p in m["packages"] if p["name"] == "icu_" + n + "_data"))')
registry="$(dirname "${crates[0]}")"
crates=("${crates[@]##*/}")
python3 "$tool/gen-markers.py" "$registry" "${crates[@]}" > "$tool/src/markers.rs"
cargo build --release --locked --quiet --manifest-path "$tool/Cargo.toml" --target-dir target/intl-data
rm -rf "$tool/baked"
target/intl-data/release/jsbox-intl-data "$tool/baked" "${locales[@]}"
printf '%s\n' "${locales[@]}" > "$tool/baked/LOCALES"
echo "intl-data: baked ${#locales[@]} locale families into $tool/baked ($(du -sh "$tool/baked" | cut -f1)); now run: make guest"
