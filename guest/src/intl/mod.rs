//! The native side of `Intl` (ECMA-402): ICU4X on the CLDR data baked for
//! the guest's locale set (`guest/intl-data/`), and jiff for time zones
//! (the IANA database compiled in). The shim (`js/intl.js`) reads and
//! validates the options as ECMA-402 says and calls these functions with
//! resolved values; formatters are made on first use and kept per
//! execution in a table (an instance starts from the snapshot, where the
//! table is empty: nothing is shared between executions).

use std::cell::RefCell;
use std::cmp::Ordering;
use std::fmt;

use fixed_decimal::{Decimal, SignDisplay, SignedRoundingMode, UnsignedRoundingMode};
use icu_locale_core::{LanguageIdentifier, Locale};
use javy::quickjs::{self as rquickjs, Array, Ctx, Exception, Function, Object};
use rquickjs::prelude::Opt;
use writeable::{Part, PartsWrite, Writeable};

mod date;
mod number;
mod text;

/// The languages whose data is compiled in (`guest/intl-data/baked/LOCALES`).
const LOCALES: &str = include_str!("../../intl-data/baked/LOCALES");

/// Registers the natives on the shims' bridge object.
pub fn install<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> rquickjs::Result<()> {
    native.set("intlCanonicalize", Function::new(ctx.clone(), canonicalize)?)?;
    native.set("intlResolve", Function::new(ctx.clone(), resolve)?)?;
    native.set("intlLocaleInfo", Function::new(ctx.clone(), locale_info)?)?;
    native.set("intlHourCycle", Function::new(ctx.clone(), hour_cycle)?)?;
    native.set("intlZonesOf", Function::new(ctx.clone(), zones_of)?)?;
    native.set("intlNumber", Function::new(ctx.clone(), number::number_format)?)?;
    native.set("intlNumberingSystem", Function::new(ctx.clone(), number::default_numbering_system)?)?;
    native.set("intlPlural", Function::new(ctx.clone(), number::plural)?)?;
    native.set("intlDateTime", Function::new(ctx.clone(), date::date_time)?)?;
    native.set("intlTimeZone", Function::new(ctx.clone(), date::time_zone)?)?;
    native.set("intlCompare", Function::new(ctx.clone(), text::compare)?)?;
    native.set("intlList", Function::new(ctx.clone(), text::list)?)?;
    native.set("intlRelative", Function::new(ctx.clone(), text::relative)?)?;
    native.set("intlCase", Function::new(ctx.clone(), text::case)?)?;
    native.set("intlSegment", Function::new(ctx.clone(), text::segment)?)?;
    native.set("intlDisplayName", Function::new(ctx.clone(), text::display_name)?)?;
    Ok(())
}

fn range_error(ctx: &Ctx<'_>, message: &str) -> rquickjs::Error {
    Exception::throw_range(ctx, message)
}

fn parse_locale(ctx: &Ctx<'_>, tag: &str) -> rquickjs::Result<Locale> {
    let invalid = || {
        let shown: String = tag.chars().take(64).collect();
        let more = if shown.len() < tag.len() { "…" } else { "" };
        range_error(ctx, &format!("Incorrect locale information provided: {shown:?}{more}"))
    };
    // ECMA-402 takes BCP 47 with '-' only; ICU4X accepts '_' too.
    if tag.contains('_') || tag.is_empty() {
        return Err(invalid());
    }
    Locale::try_from_str(tag).map_err(|_| invalid())
}

/// `CanonicalizeUnicodeLocaleId`: the tag in canonical form, or a RangeError.
fn canonicalize(ctx: Ctx<'_>, tag: String) -> rquickjs::Result<String> {
    use icu_locale_core::extensions::unicode::Value;
    let mut locale = parse_locale(&ctx, &tag)?;
    icu_locale::LocaleCanonicalizer::new_extended().canonicalize(&mut locale);
    // UTS 35's value aliases the canonicalizer leaves: "yes" means true
    // (written as nothing) and a few renamed calendars.
    let keywords: Vec<_> = locale.extensions.unicode.keywords.iter().map(|(k, v)| (*k, v.to_string())).collect();
    for (key, value) in keywords {
        let replacement = match (key.as_str(), value.as_str()) {
            (_, "yes") => Some(""),
            ("ca", "ethiopic-amete-alem") => Some("ethioaa"),
            ("ca", "islamicc") => Some("islamic-civil"),
            ("ks", "primary") => Some("level1"),
            ("ks", "tertiary") => Some("level3"),
            ("ms", "imperial") => Some("uksystem"),
            ("tz", "cnckg") => Some("cnsha"),
            _ => None,
        };
        if let Some(replacement) = replacement {
            let value = if replacement.is_empty() { Value::default() } else { Value::try_from_str(replacement).unwrap_or_default() };
            locale.extensions.unicode.keywords.set(key, value);
        }
    }
    Ok(locale.to_string())
}

/// IANA zones in a region (ISO 3166 code), or all of them for "".
fn zones_of(region: String) -> Vec<String> {
    let region = region.to_ascii_lowercase();
    let mut zones: Vec<String> = icu_time::zone::iana::IanaParserExtended::new()
        .iter()
        .filter(|zone| zone.canonical != "Etc/Unknown" && !zone.canonical.is_empty())
        .filter(|zone| region.is_empty() || (zone.time_zone.as_str().len() == 5 && zone.time_zone.as_str().starts_with(&region)))
        .map(|zone| zone.canonical.to_string())
        .collect();
    zones.sort();
    zones.dedup();
    zones
}

/// Regions whose first week of the year needs 4 days (CLDR's minDays).
const MIN_DAYS_4: &str = "AD AN AT AX BE BG CH CZ DE DK EE ES FI FJ FO FR GB GF GG GI GP GR HU IE IM IS IT JE LI LT LU MC MQ NL NO PL RE RU SE SJ SK SM VA";

/// Whether data for this language is compiled in.
fn available(id: &LanguageIdentifier) -> bool {
    let language = id.language.as_str();
    LOCALES.lines().any(|line| line.trim().split('-').next() == Some(language))
}

/// The lookup matcher (ECMA-402 9.2.2): the first requested locale whose
/// language is available, without its extensions (the shim puts back the
/// supported ones), or `None` (the shim then takes its default locale).
fn resolve(ctx: Ctx<'_>, requested: Vec<String>) -> rquickjs::Result<Option<String>> {
    for tag in &requested {
        let locale = parse_locale(&ctx, tag)?;
        if available(&locale.id) {
            return Ok(Some(locale.id.to_string()));
        }
    }
    Ok(None)
}

/// `Intl.Locale`'s derived values: [maximized, minimized, text direction,
/// first day of week (1 = Monday), the weekend days ("6,7"), the first
/// week's minimal days].
fn locale_info(ctx: Ctx<'_>, tag: String) -> rquickjs::Result<Vec<String>> {
    let locale = parse_locale(&ctx, &tag)?;
    let expander = icu_locale::LocaleExpander::new_extended();
    let mut max = locale.clone();
    expander.maximize(&mut max.id);
    let mut min = locale.clone();
    expander.minimize(&mut min.id);
    let rtl = icu_locale::LocaleDirectionality::new_extended().is_right_to_left(&max.id);
    let day = |w: icu_calendar::types::Weekday| (w as u8).to_string();
    let (first, weekend) = match icu_calendar::week::WeekInformation::try_new((&max).into()) {
        Ok(week) => (day(week.first_weekday), week.weekend().map(day).collect::<Vec<_>>().join(",")),
        Err(_) => ("1".into(), "6,7".into()),
    };
    let region = max.id.region.map(|r| r.to_string()).unwrap_or_default();
    let min_days = if !region.is_empty() && MIN_DAYS_4.split(' ').any(|r| r == region) { "4" } else { "1" };
    Ok(vec![
        max.to_string(),
        min.to_string(),
        if rtl { "rtl" } else { "ltr" }.into(),
        first,
        weekend,
        min_days.into(),
    ])
}

/// The hour cycle a locale uses by default (`h11`, `h12` or `h23`).
fn hour_cycle(ctx: Ctx<'_>, tag: String) -> rquickjs::Result<&'static str> {
    // The pattern of a short time in this locale says which cycle it uses.
    use icu_datetime::fieldsets::T;
    let locale = parse_locale(&ctx, &tag)?;
    let Ok(formatter) = icu_datetime::NoCalendarFormatter::try_new((&locale).into(), T::hm()) else { return Ok("h23") };
    let time = icu_time::Time::try_new(13, 0, 0, 0).unwrap();
    let text = formatter.format(&time).to_string();
    Ok(if text.starts_with("13") { "h23" } else if text.starts_with("0") && !text.starts_with("00") { "h11" } else { "h12" })
}

// --- Per-execution tables -------------------------------------------------

/// Costly values (formatters, time zones) kept for the rest of an
/// execution, keyed by what built them. Bounded: a script cycling through
/// options starts the table over. (An execution starts from the snapshot,
/// where every table is empty.)
struct Table<T>(Vec<(String, T)>);

impl<T> Table<T> {
    const LIMIT: usize = 32;

    const fn new() -> Self {
        Table(Vec::new())
    }

    /// The value for `key`, made by `make` if absent (`None` if it fails).
    fn get(&mut self, key: &str, make: impl FnOnce() -> Option<T>) -> Option<&T> {
        let index = match self.0.iter().position(|(k, _)| k == key) {
            Some(index) => index,
            None => {
                let value = make()?;
                if self.0.len() >= Self::LIMIT {
                    self.0.clear();
                }
                self.0.push((key.to_string(), value));
                self.0.len() - 1
            }
        };
        Some(&self.0[index].1)
    }
}

// --- Parts ---------------------------------------------------------------

/// A formatted value as ECMA-402 parts: (type, text) runs, innermost part
/// wins, unannotated text is "literal".
#[derive(Default)]
struct Parts {
    out: String,
    stack: Vec<Part>,
    list: Vec<(&'static str, String)>,
    map: Option<fn(&Part) -> Option<&'static str>>,
}

impl Parts {
    fn new(map: fn(&Part) -> Option<&'static str>) -> Self {
        Parts { map: Some(map), ..Parts::default() }
    }
    fn push(&mut self, kind: &'static str, text: &str) {
        if text.is_empty() {
            return;
        }
        self.out.push_str(text);
        match self.list.last_mut() {
            Some((k, t)) if *k == kind => t.push_str(text),
            _ => self.list.push((kind, text.to_string())),
        }
    }
    fn into_array<'js>(self, ctx: &Ctx<'js>) -> rquickjs::Result<Array<'js>> {
        let array = Array::new(ctx.clone())?;
        for (i, (kind, text)) in self.list.into_iter().enumerate() {
            let pair = Array::new(ctx.clone())?;
            pair.set(0, kind)?;
            pair.set(1, text)?;
            array.set(i, pair)?;
        }
        Ok(array)
    }
}

impl fmt::Write for Parts {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let map = self.map.unwrap_or(|_| None);
        let kind = self.stack.iter().rev().find_map(map).unwrap_or("literal");
        self.push(kind, s);
        Ok(())
    }
}

impl PartsWrite for Parts {
    type SubPartsWrite = Self;
    fn with_part(&mut self, part: Part, mut f: impl FnMut(&mut Self) -> fmt::Result) -> fmt::Result {
        self.stack.push(part);
        let result = f(self);
        self.stack.pop();
        result
    }
}

fn decimal_part(part: &Part) -> Option<&'static str> {
    use icu_decimal::parts::*;
    [(MINUS_SIGN, "minusSign"), (PLUS_SIGN, "plusSign"), (INTEGER, "integer"), (GROUP, "group"), (DECIMAL, "decimal"), (FRACTION, "fraction")]
        .iter()
        .find(|(p, _)| p == part)
        .map(|(_, name)| *name)
}
