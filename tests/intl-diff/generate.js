#!/usr/bin/env node
// Builds the Intl differential dataset: a deterministic list of cases (seeded PRNG, fixed
// timestamps, no Math.random, no clock), runs each through replay.js's intlDiffRun in this
// Node, and writes node20.json next to this file. Run with Node 20: `node tests/intl-diff/generate.js`.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const { spawnSync } = require("child_process");

// Pin Node's own defaults to jsbox's (locale "en-US", time zone "UTC"): they only matter for
// locales that fall back ("xx"), since every case passes a locale and every date case a timeZone.
const defaultsOk = () =>
  new Intl.NumberFormat().resolvedOptions().locale === "en-US" &&
  new Intl.DateTimeFormat().resolvedOptions().timeZone === "UTC";
if (!defaultsOk()) {
  if (process.env.INTL_DIFF_CHILD) {
    console.error("cannot pin Node's default locale to en-US and time zone to UTC");
    process.exit(1);
  }
  const env = { ...process.env, LC_ALL: "en_US.UTF-8", LANG: "en_US.UTF-8", TZ: "UTC", INTL_DIFF_CHILD: "1" };
  const r = spawnSync(process.execPath, [__filename, ...process.argv.slice(2)], { env, stdio: "inherit" });
  process.exit(r.status === null ? 1 : r.status);
}

// ---------------------------------------------------------------- deterministic randomness
let seed = 0x1e402;
function rand() { // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (a) => a[Math.floor(rand() * a.length)];
const chance = (p) => rand() < p;
function sample(a, n) { // n distinct elements, in a's order
  const idx = a.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [idx[i], idx[j]] = [idx[j], idx[i]]; }
  return idx.slice(0, Math.min(n, a.length)).sort((x, y) => x - y).map((i) => a[i]);
}
// Drops undefined-valued keys, so option objects only carry what was chosen.
function opts(o) {
  const r = {};
  for (const k of Object.keys(o)) if (o[k] !== undefined) r[k] = o[k];
  return r;
}

// ---------------------------------------------------------------- cases
const cases = [];
const seen = new Set();
function add(api, locale, options, input) {
  const c = { api, locale };
  if (options !== undefined) c.options = options;
  c.input = input;
  const key = JSON.stringify(c);
  if (!seen.has(key)) { seen.add(key); cases.push(c); }
}

const LOCALES = ["en", "en-US", "en-GB", "de", "de-CH", "fr", "es", "it", "pt", "pt-BR", "nl",
  "ja", "zh", "zh-TW", "ko", "ru", "ar", "hi", "tr", "lt"];
const FALLBACK = ["sw", "xx"]; // "sw": not in jsbox's data (real Swahili in Node); "xx": no such language
const loc = () => (chance(0.05) ? pick(FALLBACK) : pick(LOCALES));
const ALL_LOCALES = [...LOCALES, ...FALLBACK];

const N = (s) => ({ number: s }); // NaN, Infinity, -Infinity, -0
const B = (s) => ({ bigint: s });

// ---------------------------------------------------------------- NumberFormat
const NUMS = [0, 1, -1, 2, 5, 7, 12, 21, 100, 123, 999, 1000, 1234, 1500, 9999, 12345, 99999,
  123456, 999999, 1000000, 1234567, 12345678, 123456789, 1e9, 1.5e12, 1e15, 2 ** 53, 1e21,
  1.23e25, 0.5, 0.1, 0.25, 0.125, 0.005, 1.005, 1.45, 2.5, -2.5, 3.5, -3.5, 0.001234, 1e-7,
  1.5e-10, 3.14159, 42.195, 1234.5678, -1234.5678, -0.5, 0.9999, 99.995, 999.9995,
  N("-0"), N("NaN"), N("Infinity"), N("-Infinity"),
  B("0"), B("123"), B("-42"), B("12345678901234567890123"),
  "1.23456789012345678901", "-0.000000001", "1e3", "12345678901234567890.5"];
const CORE_NUMS = [1234567.891, -1234.5, N("-0"), 1e21, 1e-7, N("NaN"), N("-Infinity"),
  B("12345678901234567890123"), "1.23456789012345678901"];
const CURRENCIES = ["USD", "EUR", "JPY", "GBP", "INR"];
const CURRENCY_DISPLAYS = [undefined, "symbol", "narrowSymbol", "code", "name"];
const UNITS = ["kilometer", "kilometer-per-hour", "celsius", "percent", "megabyte", "liter", "second", "hour"];
const UNIT_DISPLAYS = ["short", "long", "narrow"];
const SIGN_DISPLAYS = ["auto", "never", "always", "exceptZero", "negative"];
const GROUPINGS = [true, false, "always", "auto", "min2"];
const ROUNDING_MODES = ["ceil", "floor", "expand", "trunc", "halfCeil", "halfFloor", "halfExpand", "halfTrunc", "halfEven"];

function randomStyle() {
  switch (pick(["decimal", "decimal", "percent", "currency", "currency", "unit"])) {
    case "decimal": return chance(0.5) ? {} : { style: "decimal" };
    case "percent": return { style: "percent" };
    case "currency": return opts({ style: "currency", currency: pick(CURRENCIES), currencyDisplay: pick(CURRENCY_DISPLAYS),
      currencySign: chance(0.2) ? "accounting" : undefined });
    default: return opts({ style: "unit", unit: pick(UNITS), unitDisplay: chance(0.8) ? pick(UNIT_DISPLAYS) : undefined });
  }
}
function randomDigits() {
  switch (int(0, 5)) {
    case 0: { const min = int(0, 3); return { minimumFractionDigits: min, maximumFractionDigits: min + int(0, 3) }; }
    case 1: return { maximumFractionDigits: int(0, 4) };
    case 2: { const min = int(1, 3); return { minimumSignificantDigits: min, maximumSignificantDigits: min + int(0, 4) }; }
    case 3: return { maximumSignificantDigits: int(1, 5) };
    case 4: return { minimumIntegerDigits: int(1, 5) };
    default: return {};
  }
}
function randomNumberOptions() {
  const o = { ...randomStyle() };
  if (chance(0.3)) {
    const n = pick(["compact", "compact", "scientific", "engineering"]);
    o.notation = n;
    if (n === "compact" && chance(0.8)) o.compactDisplay = pick(["short", "long"]);
  }
  if (chance(0.3)) o.signDisplay = pick(SIGN_DISPLAYS);
  if (chance(0.2)) o.useGrouping = pick(GROUPINGS);
  if (chance(0.4)) Object.assign(o, randomDigits());
  if (chance(0.15)) o.roundingMode = pick(ROUNDING_MODES);
  if (chance(0.05)) o.trailingZeroDisplay = "stripIfInteger";
  return o;
}

function numberFormat() {
  const api = "NumberFormat";
  // Defaults: every locale on the core values.
  for (const l of ALL_LOCALES) for (const v of CORE_NUMS) add(api, l, undefined, v);
  // Percent.
  for (const l of sample(LOCALES, 10)) for (const v of [0.256, -0.5, 1, 12.3456]) add(api, l, { style: "percent" }, v);
  for (const l of sample(LOCALES, 4)) add(api, l, { style: "percent", minimumFractionDigits: 1 }, 0.12345);
  // Currency × display, accounting.
  for (const c of CURRENCIES) for (const d of CURRENCY_DISPLAYS) for (let i = 0; i < 3; i++)
    add(api, loc(), opts({ style: "currency", currency: c, currencyDisplay: d }), pick([1234.5, -1234.5, 1, 0, 0.5, 1000000, 2, 12.345]));
  for (const c of CURRENCIES) for (let i = 0; i < 4; i++)
    add(api, loc(), { style: "currency", currency: c, currencySign: "accounting" }, pick([-1234.56, -1, 42, N("-0")]));
  for (const l of ["en-US", "de", "ja", "hi", "pt-BR", "fr"]) add(api, l, { style: "currency", currency: "EUR", currencyDisplay: "name" }, 1);
  // Units × displays.
  for (const u of UNITS) for (const d of UNIT_DISPLAYS) for (let i = 0; i < 2; i++)
    add(api, loc(), { style: "unit", unit: u, unitDisplay: d }, pick([1, 2, 0, 3.5, 1234.5, -12, 21, 5]));
  // Notation.
  for (const cd of ["short", "long"]) for (const l of sample(LOCALES, 8)) for (const v of sample([999, 1000, 1500, 12345, 999999, 1234567, 1e9, 1.5e12, 0.123, -98765], 3))
    add(api, l, { notation: "compact", compactDisplay: cd }, v);
  for (const n of ["scientific", "engineering"]) for (const l of sample(LOCALES, 6)) for (const v of sample([0, 1234567, 0.000123, -98765.4321, 1e21, 12345], 3))
    add(api, l, { notation: n }, v);
  for (const l of ["en", "de", "ja"]) add(api, l, { notation: "compact", style: "currency", currency: "USD" }, 1234567);
  // signDisplay.
  for (const s of SIGN_DISPLAYS) for (const v of [-1, 0, N("-0"), 1, N("NaN"), -0.0001])
    add(api, pick(["en", "de", "ar", "fr", "ja"]), { signDisplay: s }, v);
  for (const s of SIGN_DISPLAYS) add(api, "en-US", { signDisplay: s, style: "percent" }, -0.25);
  // useGrouping (es has minimumGroupingDigits 2; hi groups by lakh).
  for (const g of GROUPINGS) for (const v of [1234, 12345, 1234567]) for (const l of ["en", "es", "hi", "de-CH"])
    add(api, l, { useGrouping: g }, v);
  // Digits.
  for (let i = 0; i < 60; i++) add(api, loc(), randomDigits(), pick(NUMS));
  // roundingMode on halfway and non-halfway values.
  for (const m of ROUNDING_MODES) for (const v of [1.25, -1.25, 1.35, 1.2, -1.28, 2.5])
    add(api, "en", { roundingMode: m, maximumFractionDigits: 1 }, v);
  for (const m of ROUNDING_MODES) add(api, "en", { roundingMode: m, maximumSignificantDigits: 2 }, -2.5e6);
  // roundingPriority, roundingIncrement, trailingZeroDisplay.
  for (const p of ["auto", "morePrecision", "lessPrecision"]) for (const v of [1.23456, 12345.6, 0.1])
    add(api, "en", { roundingPriority: p, maximumFractionDigits: 2, maximumSignificantDigits: 2 }, v);
  for (const inc of [5, 25, 50]) for (const v of [1.22, 1.38, -0.07])
    add(api, "en", { roundingIncrement: inc, minimumFractionDigits: 2, maximumFractionDigits: 2 }, v);
  for (const v of [1, 1.5, 100]) add(api, "en", { trailingZeroDisplay: "stripIfInteger", minimumFractionDigits: 2 }, v);
  // Random combinations.
  for (let i = 0; i < 160; i++) add(api, loc(), randomNumberOptions(), pick(NUMS));
  // Strings that are not plain decimals.
  for (const s of ["0x1F", " 42 ", "", "abc", "1_000", "Infinity", "-Infinity", ".5", "5."]) add(api, "en", undefined, s);
  // Errors.
  const bad = [{ style: "currency" }, { style: "currency", currency: "US" }, { style: "unit" }, { style: "unit", unit: "furlong" },
    { style: "bogus" }, { maximumFractionDigits: 101 }, { minimumFractionDigits: 3, maximumFractionDigits: 1 },
    { minimumIntegerDigits: 0 }, { maximumSignificantDigits: 22 }, { notation: "bogus" }, { roundingIncrement: 3 },
    { roundingIncrement: 5, maximumFractionDigits: 2 }, { signDisplay: "sometimes" }, { roundingMode: "up" }];
  for (const o of bad) add(api, "en", o, 1);
  for (const l of ["en_US", "", "e", "123", "en-US-u-nu-bogus"]) add(api, l, undefined, 1234.5);
  add(api, "en", undefined, B("1")); // fine; and a BigInt with style percent
  add(api, "en", { style: "percent" }, B("3"));
  // Numbering systems and other extensions.
  for (const l of ["ar-EG", "ar-u-nu-latn", "en-u-nu-arab", "hi-u-nu-deva", "zh-u-nu-hanidec", "ja-u-nu-fullwide", "fa", "th-u-nu-thai", "de-u-nu-latn"])
    add(api, l, undefined, 1234567.89);

  // Parts.
  const parts = "NumberFormat.parts";
  for (const l of ALL_LOCALES) add(parts, l, undefined, -1234567.891);
  for (let i = 0; i < 100; i++) add(parts, loc(), randomNumberOptions(), pick(NUMS));

  // Number.prototype.toLocaleString (and BigInt's): no arguments beyond the pinned locale, then with options.
  const tls = "Number.toLocaleString";
  for (const v of NUMS) if (typeof v !== "string") add(tls, "en-US", undefined, v);
  for (let i = 0; i < 30; i++) add(tls, loc(), randomNumberOptions(), pick(NUMS.filter((v) => typeof v !== "string")));
}

// ---------------------------------------------------------------- dates
function utc(y, mo, d, h = 0, mi = 0, s = 0, ms = 0) {
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d); // no 0..99 → 19xx remapping, unlike Date.UTC
  t.setUTCHours(h, mi, s, ms);
  return t.getTime();
}
const TIMES = {
  epoch: 0,
  t2023: 1700000000000, // 2023-11-14T22:13:20Z
  leap: utc(2024, 2, 29, 12, 34, 56, 789),
  nye: utc(2023, 12, 31, 23, 59, 59, 999),
  midnight: utc(2024, 7, 4, 0, 0),
  noon: utc(2024, 7, 4, 12, 0),
  evening: utc(2024, 7, 4, 19, 5, 9),
  nySpringBefore: utc(2024, 3, 10, 6, 59, 59), // 01:59:59 EST
  nySpringAfter: utc(2024, 3, 10, 7, 0, 0), // 03:00 EDT
  nyFallFirst: utc(2024, 11, 3, 5, 30), // 01:30 EDT
  nyFallSecond: utc(2024, 11, 3, 6, 30), // 01:30 EST
  euSpringBefore: utc(2024, 3, 31, 0, 59, 59), // Berlin 01:59:59 CET
  euSpringAfter: utc(2024, 3, 31, 1, 0), // Berlin 03:00 CEST
  euFallFirst: utc(2024, 10, 27, 0, 30), // Berlin 02:30 CEST
  euFallSecond: utc(2024, 10, 27, 1, 30), // Berlin 02:30 CET
  sydFallFirst: utc(2024, 4, 6, 15, 30), // Sydney 02:30 AEDT
  sydFallSecond: utc(2024, 4, 6, 16, 30), // Sydney 02:30 AEST
  sydSpring: utc(2024, 10, 5, 16, 0), // Sydney 03:00 AEDT
  y1900: utc(1900, 1, 1),
  y1900mid: utc(1900, 7, 15, 12, 0),
  y1950: utc(1950, 6, 15, 8, 30),
  y1500: utc(1500, 3, 1, 12),
  y0001: utc(1, 1, 1),
  y0000: utc(0, 6, 15), // 1 BC
  yNeg44: utc(-44, 3, 15, 12),
  before2038: 2147483647000, // 2038-01-19T03:14:07Z
  after2038: 2147483648000,
  y2038summer: utc(2038, 7, 1, 12),
  y2100: utc(2100, 7, 4, 12),
  y9999: utc(9999, 12, 31, 23, 59, 59),
  y10000: utc(10000, 1, 1),
  minusOne: -1,
  neg: -1234567890123, // 1930-11-18
  max: 8.64e15,
  min: -8.64e15,
};
const TIME_LIST = Object.values(TIMES);
const COMMON_TIMES = [TIMES.t2023, TIMES.leap, TIMES.nye, TIMES.epoch, TIMES.noon, TIMES.evening, TIMES.midnight, TIMES.neg, TIMES.y2038summer];
const ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Tokyo", "Asia/Kolkata", "Australia/Sydney"];
const STYLES = [undefined, "full", "long", "medium", "short"];
const COMPONENT_SETS = [
  { year: "numeric", month: "long", day: "numeric" },
  { year: "numeric", month: "2-digit", day: "2-digit" },
  { year: "2-digit", month: "short", day: "numeric" },
  { year: "numeric", month: "numeric", day: "numeric" },
  { month: "long", year: "numeric" },
  { month: "long", day: "numeric" },
  { month: "short" },
  { month: "narrow" },
  { weekday: "long" },
  { weekday: "short" },
  { weekday: "narrow" },
  { weekday: "long", year: "numeric", month: "long", day: "numeric" },
  { weekday: "short", month: "short", day: "numeric" },
  { year: "numeric" },
  { day: "numeric" },
  { era: "short", year: "numeric" },
  { era: "long", year: "numeric", month: "long", day: "numeric" },
  { hour: "2-digit", minute: "2-digit" },
  { hour: "numeric", minute: "2-digit" },
  { hour: "numeric", minute: "2-digit", second: "2-digit" },
  { hour: "numeric" },
  { minute: "2-digit", second: "2-digit" },
  { hour: "numeric", minute: "2-digit", second: "2-digit", fractionalSecondDigits: 3 },
  { second: "numeric", fractionalSecondDigits: 1 },
  { hour: "numeric", dayPeriod: "short" },
  { hour: "numeric", minute: "numeric", dayPeriod: "long" },
  { dayPeriod: "narrow" },
  { weekday: "long", hour: "numeric", minute: "2-digit" },
  { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" },
  { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" },
  {},
];
const hasHour = (o) => "hour" in o || "timeStyle" in o;
function randomDateOptions() {
  let o;
  if (chance(0.35)) {
    do o = opts({ dateStyle: pick(STYLES), timeStyle: pick(STYLES) }); while (!Object.keys(o).length);
  } else o = { ...pick(COMPONENT_SETS) };
  if (hasHour(o) && chance(0.3)) {
    if (chance(0.5)) o.hour12 = pick([true, false]); else o.hourCycle = pick(["h11", "h12", "h23", "h24"]);
  }
  if (!("dateStyle" in o || "timeStyle" in o) && chance(0.15))
    o.timeZoneName = pick(["short", "long", "shortOffset", "longOffset", "shortGeneric", "longGeneric"]);
  o.timeZone = pick(ZONES);
  return o;
}

function dateTimeFormat() {
  const api = "DateTimeFormat";
  // dateStyle / timeStyle alone: every locale; together: a handful each.
  for (const s of STYLES.slice(1)) {
    for (const l of ALL_LOCALES) add(api, l, { dateStyle: s, timeZone: "UTC" }, TIMES.t2023);
    for (const l of sample(ALL_LOCALES, 12)) add(api, l, { timeStyle: s, timeZone: pick(ZONES) }, TIMES.t2023);
  }
  for (const d of STYLES.slice(1)) for (const t of STYLES.slice(1)) for (const l of sample(LOCALES, 3))
    add(api, l, { dateStyle: d, timeStyle: t, timeZone: pick(ZONES) }, pick(COMMON_TIMES));
  // Component sets.
  for (const set of COMPONENT_SETS) for (const l of sample(ALL_LOCALES, 4))
    add(api, l, { ...set, timeZone: pick(ZONES) }, pick(COMMON_TIMES));
  // Hour cycles at midnight, noon and evening.
  const cycles = [{ hour12: true }, { hour12: false }, { hourCycle: "h11" }, { hourCycle: "h12" }, { hourCycle: "h23" }, { hourCycle: "h24" }];
  for (const c of cycles) for (const l of ["en-US", "en-GB", "de", "ja", "ko", "zh"]) for (const t of [TIMES.midnight, TIMES.noon])
    add(api, l, { hour: "numeric", minute: "2-digit", ...c, timeZone: "UTC" }, t);
  for (const c of cycles) for (const l of ["en-US", "de", "ja", "hi"]) add(api, l, { timeStyle: "short", ...c, timeZone: "UTC" }, TIMES.evening);
  for (const l of ["en-US", "ja", "de"]) add(api, l, { hour: "numeric", hour12: true, hourCycle: "h23", timeZone: "UTC" }, TIMES.evening);
  // Time zones × time zone names, around DST changes.
  const tzNames = ["short", "long", "shortOffset", "longOffset", "shortGeneric", "longGeneric"];
  const dst = { "America/New_York": ["nySpringBefore", "nySpringAfter", "nyFallFirst", "nyFallSecond"],
    "Europe/Berlin": ["euSpringBefore", "euSpringAfter", "euFallFirst", "euFallSecond"],
    "Australia/Sydney": ["sydFallFirst", "sydFallSecond", "sydSpring"], UTC: ["t2023"], "Asia/Tokyo": ["t2023", "y1950"], "Asia/Kolkata": ["t2023", "y1900"] };
  for (const z of ZONES) for (const n of tzNames) for (const l of sample(LOCALES, 2))
    add(api, l, { hour: "numeric", minute: "2-digit", timeZoneName: n, timeZone: z }, TIMES[pick(dst[z])]);
  for (const z of ZONES) for (const k of dst[z]) for (const l of ["en-US", "de"])
    add(api, l, { dateStyle: "short", timeStyle: "long", timeZone: z }, TIMES[k]);
  for (const z of ["America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney"]) for (const k of ["y1900", "y1900mid", "y1950", "y1500"])
    add(api, "en-US", { dateStyle: "medium", timeStyle: "full", timeZone: z }, TIMES[k]);
  for (const z of ["Etc/GMT+5", "GMT", "Etc/UTC", "+05:30", "-08:00", "america/new_york", "Asia/Calcutta", "US/Eastern", "Europe/Kiev", "Europe/Kyiv"])
    add(api, "en-US", { dateStyle: "short", timeStyle: "full", timeZone: z }, TIMES.t2023);
  // Extremes and history.
  const extreme = [{}, { dateStyle: "full", timeStyle: "long" }, { era: "short", year: "numeric", month: "short", day: "numeric" }];
  for (const k of ["y1900", "y1500", "y0001", "y0000", "yNeg44", "before2038", "after2038", "y2100", "y9999", "y10000", "minusOne", "neg", "max", "min"])
    for (const o of extreme) for (const l of sample(["en-US", "de", "ja", "fr", "ar", "zh-TW"], 1))
      add(api, l, { ...o, timeZone: "UTC" }, TIMES[k]);
  // Random mix.
  for (let i = 0; i < 100; i++) add(api, loc(), randomDateOptions(), pick(TIME_LIST));
  // Calendars, numbering systems, hour-cycle extensions.
  for (const l of ["ja-JP-u-ca-japanese", "ar-SA", "th-TH", "fa", "he-u-ca-hebrew", "zh-u-ca-chinese", "en-u-ca-islamic-umalqura",
    "en-u-ca-buddhist", "ar-EG", "en-u-nu-arab", "hi-u-nu-deva", "en-US-u-hc-h23", "de-u-hc-h12", "ja-u-ca-iso8601", "en-u-ca-bogus"]) {
    add(api, l, { dateStyle: "full", timeStyle: "short", timeZone: "UTC" }, TIMES.t2023);
    add(api, l, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }, TIMES.leap);
  }
  for (const ca of ["gregory", "japanese", "islamic-umalqura", "hebrew", "chinese", "persian", "buddhist", "roc", "indian"])
    add(api, "en-US", { calendar: ca, dateStyle: "long", timeZone: "UTC" }, TIMES.t2023);
  for (const nu of ["arab", "deva", "hanidec", "fullwide", "latn", "bogus"])
    add(api, "en-US", { numberingSystem: nu, dateStyle: "short", timeStyle: "short", timeZone: "UTC" }, TIMES.t2023);
  // Errors and invalid dates.
  const bad = [{ timeZone: "Mars/Olympus_Mons" }, { dateStyle: "full", year: "numeric", timeZone: "UTC" }, { timeStyle: "long", hour: "numeric", timeZone: "UTC" },
    { dateStyle: "huge", timeZone: "UTC" }, { hourCycle: "h25", hour: "numeric", timeZone: "UTC" }, { fractionalSecondDigits: 4, timeZone: "UTC" },
    { month: "longest", timeZone: "UTC" }, { timeZoneName: "medium", timeZone: "UTC" }, { timeZone: "+25:00" }];
  for (const o of bad) add(api, "en-US", o, TIMES.t2023);
  for (const t of [N("NaN"), N("Infinity"), 8.64e15 + 1]) add(api, "en-US", { timeZone: "UTC" }, t);

  const parts = "DateTimeFormat.parts";
  for (const l of sample(ALL_LOCALES, 12)) add(parts, l, { dateStyle: "full", timeStyle: "long", timeZone: "America/New_York" }, TIMES.nyFallSecond);
  for (const l of ["en-US", "de", "ja", "zh"]) add(parts, l, { hour: "numeric", dayPeriod: "long", fractionalSecondDigits: 2, second: "numeric", timeZone: "UTC" }, TIMES.leap);
  for (let i = 0; i < 70; i++) add(parts, loc(), randomDateOptions(), pick(TIME_LIST));

  // Date.prototype.toLocale*String: pinned "no arguments" (en-US, UTC), then with locales/options.
  for (const m of ["Date.toLocaleString", "Date.toLocaleDateString", "Date.toLocaleTimeString"]) {
    for (const t of TIME_LIST) add(m, "en-US", { timeZone: "UTC" }, t);
    add(m, "en-US", { timeZone: "UTC" }, N("NaN"));
    for (let i = 0; i < 16; i++) add(m, loc(), { timeZone: pick(ZONES) }, pick(TIME_LIST));
    for (let i = 0; i < 12; i++) add(m, loc(), randomDateOptions(), pick(COMMON_TIMES));
  }
  add("Date.toLocaleTimeString", "en-US", { dateStyle: "short", timeZone: "UTC" }, TIMES.t2023);
  add("Date.toLocaleDateString", "en-US", { timeStyle: "short", timeZone: "UTC" }, TIMES.t2023);
  add("Date.toLocaleDateString", "en-US", { hour: "numeric", timeZone: "UTC" }, TIMES.t2023);
  add("Date.toLocaleTimeString", "en-US", { weekday: "long", timeZone: "UTC" }, TIMES.t2023);
}

// ---------------------------------------------------------------- PluralRules
function pluralRules() {
  const ints = [0, 1, 2, 3, 4, 5, 6, 7, 11, 12, 14, 21, 22, 25, 100, 101, 102, 111, 1000000];
  const rich = ["en", "fr", "pt", "ru", "ar", "lt", "hi", "it"];
  for (const l of rich) for (const v of ints) add("PluralRules", l, undefined, v);
  for (const l of ALL_LOCALES) if (!rich.includes(l)) for (const v of sample(ints, 6)) add("PluralRules", l, undefined, v);
  for (const l of ["en", "fr", "pt", "ru", "ar", "lt"]) for (const v of [0.5, 1.5, 2.1, 0.1, 11.3, N("-0"), -1, 1e6 + 0.5])
    add("PluralRules", l, undefined, v);
  for (const l of ["en", "fr", "ru", "ar", "lt", "pt-BR"]) for (const v of [0, 1, 2, 1.5]) {
    add("PluralRules", l, { minimumFractionDigits: 1 }, v);
    add("PluralRules", l, { minimumFractionDigits: 2 }, v);
  }
  for (const o of [{ maximumFractionDigits: 0 }, { maximumSignificantDigits: 1 }, { minimumIntegerDigits: 2 }, { roundingMode: "floor", maximumFractionDigits: 0 }])
    for (const v of [1.4, 1.6, 21.9, 0.9]) add("PluralRules", pick(["en", "ru", "fr", "lt"]), o, v);
  for (const v of [N("NaN"), N("Infinity"), "1", "1.0", B("1")]) add("PluralRules", "en", undefined, v);
  add("PluralRules", "en", { type: "bogus" }, 1);

  const ord = "PluralRules.ordinal";
  const ordInts = [0, 1, 2, 3, 4, 5, 8, 10, 11, 12, 13, 21, 22, 23, 80, 100, 101, 111, 800, 1000000];
  for (const l of ["en", "fr", "it", "hi", "ko", "sw", "tr", "lt"]) for (const v of ordInts) add(ord, l, undefined, v);
  for (const l of ALL_LOCALES) for (const v of sample(ordInts, 3)) add(ord, l, undefined, v);
  for (const v of [1.5, 2.0, N("-0")]) add(ord, "en", undefined, v);
  add(ord, "en", { minimumFractionDigits: 1 }, 1);
}

// ---------------------------------------------------------------- RelativeTimeFormat
function relativeTimeFormat() {
  const api = "RelativeTimeFormat";
  const units = ["second", "minute", "hour", "day", "week", "month", "quarter", "year"];
  for (const u of units) for (const v of [-2, -1, 0, 1, 2]) for (const numeric of ["always", "auto"])
    add(api, loc(), opts({ numeric, style: chance(0.4) ? undefined : pick(["long", "short", "narrow"]) }), [v, u]);
  for (let i = 0; i < 60; i++)
    add(api, loc(), opts({ numeric: chance(0.5) ? "auto" : undefined, style: pick([undefined, "long", "short", "narrow"]) }),
      [pick([N("-0"), 3, 5, 10, -7, 21, 1.5, -0.5, 1234.5, 100, 1000000, -22]), pick(units)]);
  for (const u of ["seconds", "minutes", "hours", "days", "weeks", "months", "quarters", "years"]) add(api, "en", undefined, [3, u]);
  for (const l of ["en", "de", "es", "fr", "ru", "ar", "ja", "hi"]) for (const v of [-1, 0, 1, 2]) add(api, l, { numeric: "auto" }, [v, "day"]);
  add(api, "en", undefined, [1, "decade"]);
  add(api, "en", undefined, [N("NaN"), "day"]);
  add(api, "en", undefined, [N("Infinity"), "day"]);
  add(api, "en", { style: "tiny" }, [1, "day"]);
  add(api, "en", { numberingSystem: "arab" }, [12, "day"]);
}

// ---------------------------------------------------------------- ListFormat
function listFormat() {
  const api = "ListFormat";
  const words = ["Apple", "Banana", "Cherry", "Date"];
  for (const type of ["conjunction", "disjunction", "unit"]) for (const style of ["long", "short", "narrow"]) for (let n = 1; n <= 4; n++)
    for (const l of sample(ALL_LOCALES, 3)) add(api, l, { type, style }, words.slice(0, n));
  for (let n = 0; n <= 4; n++) add(api, "en", undefined, words.slice(0, n));
  for (const l of LOCALES) add(api, l, undefined, ["1", "2", "3"]);
  // Spanish y→e, o→u; Italian/others for contrast.
  for (const [l, type, items] of [["es", "conjunction", ["agua", "hielo"]], ["es", "conjunction", ["padre", "hijo"]], ["es", "conjunction", ["Juan", "Irene"]],
    ["es", "conjunction", ["agua", "hierba"]], ["es", "disjunction", ["siete", "ocho"]], ["es", "disjunction", ["uno", "otro"]], ["es", "disjunction", ["10", "11"]],
    ["es", "disjunction", ["a", "8"]], ["es", "conjunction", ["a", "b", "Iglesia"]], ["it", "conjunction", ["a", "e"]]])
    add(api, l, { type }, items);
  add(api, "en", undefined, ["a", 1]);
  add(api, "en", { type: "bogus" }, ["a"]);
  add(api, "en", undefined, "abc");
}

// ---------------------------------------------------------------- Collator & localeCompare
function collation() {
  const lists = [
    ["résumé", "resume", "Résumé", "Resume", "rèsumé", "RESUME"],
    ["a", "B", "c", "A", "b", "C", "á", "Ä"],
    ["item10", "item2", "item1", "Item3", "item02", "item 5"],
    ["10", "9", "2", "1", "100", "-1", "1.5"],
    ["Äpfel", "Apfel", "Zebra", "Öl", "Ofen", "Übel", "Ufer", "ss", "ß", "st"],
    ["ñu", "nube", "oso", "llama", "luz", "chico", "cosa"],
    ["ılık", "ilik", "Işık", "İstanbul", "ırmak", "iz", "Ilgaz"],
    ["yra", "ira", "jis", "kas", "čia", "cukrus", "dėl", "dar"],
    ["co-op", "coop", "co op", "Coop", "co_op", "coöp"],
    ["中", "国", "人", "大", "阿", "一"],
    ["カタカナ", "ひらがな", "漢字", "かな", "カナ", "abc"],
    ["😀", "a", "1", "_", "-", "Z", "", " "],
    ["Ωμέγα", "Alpha", "Яблоко", "Banana", "אבג", "عربي", "한국"],
    ["peach", "péché", "pêche", "pêché", "peché"],
  ];
  const variants = [undefined, { sensitivity: "base" }, { sensitivity: "accent" }, { sensitivity: "case" }, { sensitivity: "variant" },
    { caseFirst: "upper" }, { caseFirst: "lower" }, { numeric: true }, { ignorePunctuation: true }, { usage: "search" },
    { numeric: true, caseFirst: "upper" }, { sensitivity: "base", numeric: true }];
  for (const list of lists) {
    for (const l of sample(ALL_LOCALES, 3)) add("Collator", l, undefined, list);
    for (const v of sample(variants, 8)) add("Collator", loc(), v, list);
  }
  for (const l of ["de", "de-u-co-phonebk", "sv", "fi", "es", "es-u-co-trad", "tr", "lt", "zh", "zh-TW", "zh-u-co-stroke", "ja", "da"])
    for (const li of [4, 5, 6, 7, 9]) add("Collator", l, undefined, lists[li]);
  for (const l of ["en-u-kn", "en-u-kn-true", "en-u-kf-upper", "en-u-ks-level1", "en-u-co-emoji", "en-u-co-search"]) add("Collator", l, undefined, lists[1].concat(lists[2]));
  add("Collator", "en", { numeric: true, usage: "sort" }, ["2", "٣", "10", "١"]);
  add("Collator", "en", { sensitivity: "bogus" }, ["a"]);

  const api = "String.localeCompare";
  const pairs = [["a", "b"], ["b", "a"], ["a", "a"], ["a", "A"], ["A", "a"], ["a", "á"], ["á", "A"], ["ä", "a"], ["ä", "z"], ["résumé", "resume"],
    ["2", "10"], ["item2", "item10"], ["", "a"], ["", ""], ["ı", "i"], ["I", "ı"], ["ß", "ss"], ["ß", "sz"], ["æ", "ae"], ["ø", "o"],
    ["e\u0301", "\u00e9"], ["\u212b", "\u00c5"], ["ﬁ", "fi"], ["co-op", "coop"], ["a b", "ab"], ["Ω", "ω"], ["ch", "cz"], ["ll", "lz"],
    ["y", "i"], ["y", "j"], ["中", "国"], ["カ", "か"], ["１", "1"], ["😀", "😃"]];
  for (const p of pairs) add(api, "en-US", undefined, p);
  for (const p of pairs) add(api, loc(), pick([undefined, { sensitivity: "base" }, { sensitivity: "accent" }, { sensitivity: "case" }, { numeric: true },
    { caseFirst: "upper" }, { ignorePunctuation: true }]), p);
  for (const l of ["de", "sv", "tr", "lt", "es", "es-u-co-trad", "da", "cs"]) for (const p of [["ä", "z"], ["ı", "j"], ["y", "j"], ["ch", "h"], ["ll", "m"], ["aa", "z"]])
    add(api, l, undefined, p);
}

// ---------------------------------------------------------------- case mapping
function caseMapping() {
  const strings = ["istanbul", "İstanbul", "ISTANBUL", "Iı İi", "diyarbakır", "ß straße", "ŉ ǰ ﬁ ﬀ", "ΟΔΥΣΣΕΥΣ", "ὈΔΥΣΣΕΎΣ σς", "άδεια Ήλιος",
    "i\u0307", "Ì Í Ĩ Į̃ I J", "i\u0307\u0300 j\u0307", "ǅ ǈ ǋ", "Hello World", "ǆungla", "ĳssel", "\u0130", "Ꭰꭰ", "𐐀𐐨", ""];
  const locales = ["en-US", "tr", "az", "lt", "el", "de", "nl", "ru", "xx", "tr-TR", "en-u-va-posix"];
  for (const m of ["String.toLocaleUpperCase", "String.toLocaleLowerCase"]) {
    for (const s of strings) add(m, "en-US", undefined, s);
    for (const s of strings) add(m, pick(locales.slice(1)), undefined, s);
    for (const l of ["tr", "az", "lt", "el"]) for (const s of strings) add(m, l, undefined, s);
    add(m, ["tr", "en"], undefined, "Iı İi");
    add(m, "en_US", undefined, "a");
  }
}

// ---------------------------------------------------------------- DisplayNames
function displayNames() {
  const api = "DisplayNames";
  const codes = {
    region: ["US", "DE", "JP", "GB", "CN", "TW", "HK", "MO", "419", "001", "150", "XK", "CI", "MK", "ZZ", "AQ", "BQ", "IN"],
    language: ["en", "en-US", "en-GB", "de", "de-CH", "de-AT", "fr-CA", "zh", "zh-Hans", "zh-Hant", "zh-Hant-HK", "pt-BR", "es-419", "sr-Latn", "ar-001", "nl-BE", "und", "xyz", "ja-Jpan-JP"],
    script: ["Latn", "Cyrl", "Hans", "Hant", "Arab", "Deva", "Jpan", "Kore", "Grek", "Zzzz", "Qaaa"],
    currency: ["USD", "EUR", "JPY", "GBP", "INR", "CHF", "CNY", "XXX", "XAU", "BTC", "ABC"],
  };
  for (const type of Object.keys(codes)) for (const code of codes[type]) for (const l of sample(ALL_LOCALES, 2))
    add(api, l, { type }, code);
  for (const type of Object.keys(codes)) for (let i = 0; i < 15; i++)
    add(api, loc(), opts({ type, style: pick([undefined, "long", "short", "narrow"]), fallback: pick([undefined, "code", "none"]),
      languageDisplay: type === "language" ? pick([undefined, "dialect", "standard"]) : undefined }), pick(codes[type]));
  for (const code of ["en-US", "en-GB", "zh-Hant", "pt-BR", "es-419", "nl-BE"]) for (const ld of ["dialect", "standard"])
    add(api, "en", { type: "language", languageDisplay: ld }, code);
  for (const [type, code] of [["region", "ZZ"], ["region", "QO"], ["language", "xyz"], ["script", "Zzzz"], ["currency", "ABC"]])
    for (const fallback of ["code", "none"]) add(api, "en", { type, fallback }, code);
  for (const code of ["gregory", "islamic-umalqura", "japanese", "bogus"]) add(api, "en", { type: "calendar" }, code);
  for (const code of ["era", "year", "month", "weekOfYear", "weekday", "dayPeriod", "timeZoneName"]) add(api, pick(["en", "de", "ja"]), { type: "dateTimeField" }, code);
  const bad = [[{ type: "region" }, "U"], [{ type: "region" }, "USA"], [{ type: "language" }, "en_US"], [{ type: "script" }, "Latin"],
    [{ type: "currency" }, "US"], [{}, "US"], [{ type: "bogus" }, "US"], [{ type: "language" }, "root"]];
  for (const [o, code] of bad) add(api, "en", o, code);
}

// ---------------------------------------------------------------- Segmenter
function segmenter() {
  const strings = ["Hello, world! How are you?", "e\u0301le\u0300ve", "👨‍👩‍👧‍👦 family 👍🏽", "🇺🇸🇩🇪🏳️‍🌈", "नमस्ते दुनिया", "Mr. Smith went to Washington. He arrived at 3 p.m. today.",
    "日本語のテキストです。次の文。", "中文分词测试。第二句！", "can't won't 3.14 1,000 e-mail U.S.A.", "สวัสดีครับ ยินดีต้อนรับ", "Привет, мир! Как дела?",
    "مرحبا بالعالم. كيف حالك؟", "한국어 문장입니다. 두 번째?", "\r\n\n\t", "a\u200db", "", "Wait... what?! Really?", "x = y + 1;"];
  for (const s of strings) for (const granularity of [undefined, "grapheme", "word", "sentence"]) add("Segmenter", "en", granularity && { granularity }, s);
  for (const s of strings) for (let i = 0; i < 2; i++) add("Segmenter", loc(), { granularity: pick(["grapheme", "word", "sentence"]) }, s);
  for (const l of ["ja", "zh", "th", "ko"]) for (const s of [2, 6, 7, 9]) add("Segmenter", l, { granularity: "word" }, strings[s]);
  add("Segmenter", "en", { granularity: "line" }, "a b");
}

// ---------------------------------------------------------------- Array.prototype.toLocaleString
function arrayToLocaleString() {
  const arrays = [[1, 2, 3], [1234.5, -0.25, 1e21], [N("NaN"), N("-0"), N("Infinity")], [1234567.891], [], [B("12345678901234567890"), 7], [0.1, 0.2]];
  for (const a of arrays) add("Array.toLocaleString", "en-US", undefined, a);
  for (const a of arrays) for (let i = 0; i < 4; i++) add("Array.toLocaleString", loc(), chance(0.5) ? undefined : randomNumberOptions(), a);
  for (const l of ["de", "fr", "ar", "hi", "ja"]) add("Array.toLocaleString", l, { style: "currency", currency: "EUR" }, [1, 2.5, -3]);
}

numberFormat();
dateTimeFormat();
pluralRules();
relativeTimeFormat();
listFormat();
collation();
caseMapping();
displayNames();
segmenter();
arrayToLocaleString();

// ---------------------------------------------------------------- run and write
vm.runInThisContext(fs.readFileSync(path.join(__dirname, "replay.js"), "utf8"), { filename: "replay.js" });
const outputs = globalThis.intlDiffRun(cases);
if (outputs.length !== cases.length) throw new Error("intlDiffRun returned " + outputs.length + " outputs for " + cases.length + " cases");

// JSON with invisible and space-like characters escaped (U+00A0, U+202F, bidi marks, ...), so
// that diffs show them; same JSON value as plain JSON.stringify.
const INVISIBLE = /[\u007f-\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0]/g;
const line = (v) => JSON.stringify(v).replace(INVISIBLE, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));

const head = { node: process.version, icu: process.versions.icu, cldr: process.versions.cldr, tz: process.versions.tz, unicode: process.versions.unicode };
let out = line(head).slice(0, -1) + ',"cases":[\n';
out += cases.map((c, i) => line({ case: c, output: outputs[i] })).join(",\n");
out += "\n]}\n";
JSON.parse(out); // sanity
fs.writeFileSync(path.join(__dirname, "node20.json"), out);

const counts = {};
for (const c of cases) counts[c.api] = (counts[c.api] || 0) + 1;
const throws = outputs.filter((o) => o.startsWith("throws ")).length;
console.log(`${cases.length} cases (${throws} throw), ${Buffer.byteLength(out)} bytes -> node20.json`);
for (const [api, n] of Object.entries(counts)) console.log(`  ${api.padEnd(26)} ${n}`);
