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

/// The languages whose data is compiled in (`guest/intl-data/baked/LOCALES`).
const LOCALES: &str = include_str!("../intl-data/baked/LOCALES");
/// The locale used when none of the requested ones is available.
pub const DEFAULT_LOCALE: &str = "en-US";

/// Registers the natives on the shims' bridge object.
pub fn install<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> rquickjs::Result<()> {
    native.set("intlCanonicalize", Function::new(ctx.clone(), canonicalize)?)?;
    native.set("intlResolve", Function::new(ctx.clone(), resolve)?)?;
    native.set("intlLocaleInfo", Function::new(ctx.clone(), locale_info)?)?;
    native.set("intlZonesOf", Function::new(ctx.clone(), zones_of)?)?;
    native.set("intlNumber", Function::new(ctx.clone(), number_format)?)?;
    native.set("intlNumberingSystem", Function::new(ctx.clone(), default_numbering_system)?)?;
    native.set("intlPlural", Function::new(ctx.clone(), plural)?)?;
    native.set("intlDateTime", Function::new(ctx.clone(), date_time)?)?;
    native.set("intlTimeZone", Function::new(ctx.clone(), time_zone)?)?;
    native.set("intlCompare", Function::new(ctx.clone(), compare)?)?;
    native.set("intlList", Function::new(ctx.clone(), list)?)?;
    native.set("intlRelative", Function::new(ctx.clone(), relative)?)?;
    native.set("intlCase", Function::new(ctx.clone(), case)?)?;
    native.set("intlSegment", Function::new(ctx.clone(), segment)?)?;
    native.set("intlDisplayName", Function::new(ctx.clone(), display_name)?)?;
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
/// supported ones), else the default locale.
fn resolve(ctx: Ctx<'_>, requested: Vec<String>) -> rquickjs::Result<String> {
    for tag in &requested {
        let locale = parse_locale(&ctx, tag)?;
        if available(&locale.id) {
            return Ok(locale.id.to_string());
        }
    }
    Ok(DEFAULT_LOCALE.to_string())
}

/// `Intl.Locale`'s derived values: [maximized, minimized, text direction,
/// first day of week (1 = Monday), the default hour cycle, the weekend
/// days ("6,7"), the first week's minimal days].
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
        hour_cycle_default(&locale).into(),
        weekend,
        min_days.into(),
    ])
}

fn hour_cycle_default(locale: &Locale) -> &'static str {
    // The pattern of a short time in this locale says which cycle it uses.
    use icu_datetime::fieldsets::T;
    let Ok(formatter) = icu_datetime::NoCalendarFormatter::try_new(locale.into(), T::hm()) else { return "h23" };
    let time = icu_time::Time::try_new(13, 0, 0, 0).unwrap();
    let text = formatter.format(&time).to_string();
    if text.starts_with("13") { "h23" } else if text.starts_with("0") && !text.starts_with("00") { "h11" } else { "h12" }
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
            Some((k, t)) if *k == kind && kind != "literal-sep" => t.push_str(text),
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

// --- Numbers -------------------------------------------------------------

/// The resolved options of a NumberFormat, as the shim passes them.
#[derive(Clone)]
struct NumberOptions {
    style: String,
    currency: String,
    currency_display: String,
    currency_sign: String,
    unit: String,
    unit_display: String,
    notation: String,
    compact_display: String,
    sign_display: String,
    use_grouping: String,
    min_int: i16,
    min_frac: i16,
    max_frac: i16,
    min_sig: i16,
    max_sig: i16,
    rounding: String,
    rounding_mode: String,
    rounding_increment: u32,
    trailing_zero: String,
}

impl NumberOptions {
    fn read(o: &Object<'_>) -> rquickjs::Result<Self> {
        let s = |k: &str| -> rquickjs::Result<String> { Ok(o.get::<_, Option<String>>(k)?.unwrap_or_default()) };
        let n = |k: &str| -> rquickjs::Result<i16> { Ok(o.get::<_, Option<f64>>(k)?.unwrap_or(0.0) as i16) };
        Ok(NumberOptions {
            style: s("style")?,
            currency: s("currency")?,
            currency_display: s("currencyDisplay")?,
            currency_sign: s("currencySign")?,
            unit: s("unit")?,
            unit_display: s("unitDisplay")?,
            notation: s("notation")?,
            compact_display: s("compactDisplay")?,
            sign_display: s("signDisplay")?,
            use_grouping: s("useGrouping")?,
            min_int: n("minimumIntegerDigits")?,
            min_frac: n("minimumFractionDigits")?,
            max_frac: n("maximumFractionDigits")?,
            min_sig: n("minimumSignificantDigits")?,
            max_sig: n("maximumSignificantDigits")?,
            rounding: s("roundingType")?,
            rounding_mode: s("roundingMode")?,
            rounding_increment: o.get::<_, Option<f64>>("roundingIncrement")?.unwrap_or(1.0) as u32,
            trailing_zero: s("trailingZeroDisplay")?,
        })
    }
}

fn rounding_mode(name: &str) -> SignedRoundingMode {
    match name {
        "ceil" => SignedRoundingMode::Ceil,
        "floor" => SignedRoundingMode::Floor,
        "halfCeil" => SignedRoundingMode::HalfCeil,
        "halfFloor" => SignedRoundingMode::HalfFloor,
        "expand" => SignedRoundingMode::Unsigned(UnsignedRoundingMode::Expand),
        "trunc" => SignedRoundingMode::Unsigned(UnsignedRoundingMode::Trunc),
        "halfTrunc" => SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfTrunc),
        "halfEven" => SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfEven),
        _ => SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfExpand),
    }
}

/// A JS number's or BigInt's decimal string as a `Decimal` (exponent forms
/// included), or `None` for NaN and the infinities.
fn parse_decimal(text: &str) -> Option<Decimal> {
    let text = text.trim();
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], text[i + 1..].trim_start_matches('+').parse::<i16>().ok()?),
        None => (text, 0),
    };
    let mut d = Decimal::try_from_str(mantissa).ok()?;
    if exponent != 0 && !d.absolute.is_zero() {
        d.multiply_pow10(exponent);
    }
    Some(d)
}

fn round_fraction(d: &mut Decimal, min: i16, max: i16, mode: SignedRoundingMode, increment: u32) {
    use fixed_decimal::RoundingIncrement;
    // An increment k×10^j rounds at position j - max to multiples of k.
    let (mut k, mut j) = (increment.max(1), 0i16);
    while k % 10 == 0 {
        k /= 10;
        j += 1;
    }
    let increment = match k {
        2 => RoundingIncrement::MultiplesOf2,
        5 => RoundingIncrement::MultiplesOf5,
        25 => RoundingIncrement::MultiplesOf25,
        _ => RoundingIncrement::MultiplesOf1,
    };
    d.round_with_mode_and_increment(j - max, mode, increment);
    d.absolute.trim_end();
    d.absolute.pad_end(-min);
}

fn round_significant(d: &mut Decimal, min: i16, max: i16, mode: SignedRoundingMode) {
    let magnitude = if d.absolute.is_zero() { 0 } else { d.absolute.nonzero_magnitude_start() };
    d.round_with_mode(magnitude - max + 1, mode);
    d.absolute.trim_end();
    let magnitude = if d.absolute.is_zero() { 0 } else { d.absolute.nonzero_magnitude_start() };
    d.absolute.pad_end(magnitude - min + 1);
}

/// ECMA-402 FormatNumericToString's rounding (15.5.3) on `d`.
fn apply_digits(d: &mut Decimal, o: &NumberOptions) {
    let mode = rounding_mode(&o.rounding_mode);
    match o.rounding.as_str() {
        "significantDigits" => round_significant(d, o.min_sig, o.max_sig, mode),
        "morePrecision" | "lessPrecision" => {
            // ECMA-402 compares where each constraint rounds (its
            // rounding magnitude), then keeps that one's result.
            let magnitude = if d.absolute.is_zero() { 0 } else { d.absolute.nonzero_magnitude_start() };
            let (significant_at, fraction_at) = (magnitude - o.max_sig + 1, -o.max_frac);
            let significant = if o.rounding == "morePrecision" { significant_at <= fraction_at } else { significant_at >= fraction_at };
            if significant {
                round_significant(d, o.min_sig, o.max_sig, mode);
            } else {
                round_fraction(d, o.min_frac, o.max_frac, mode, 1);
            }
        }
        _ => round_fraction(d, o.min_frac, o.max_frac, mode, o.rounding_increment),
    }
    if o.trailing_zero == "stripIfInteger" {
        d.absolute.trim_end_if_integer();
    }
    d.absolute.pad_start(o.min_int.max(1));
}

fn grouping(o: &NumberOptions) -> icu_decimal::options::GroupingStrategy {
    use icu_decimal::options::GroupingStrategy;
    match o.use_grouping.as_str() {
        "min2" => GroupingStrategy::Min2,
        "false" => GroupingStrategy::Never,
        "always" => GroupingStrategy::Always,
        _ => GroupingStrategy::Auto,
    }
}

fn sign_display(name: &str) -> SignDisplay {
    match name {
        "always" => SignDisplay::Always,
        "never" => SignDisplay::Never,
        "exceptZero" => SignDisplay::ExceptZero,
        "negative" => SignDisplay::Negative,
        _ => SignDisplay::Auto,
    }
}

thread_local! {
    static DECIMAL_FORMATTERS: RefCell<Table<icu_decimal::DecimalFormatter>> = const { RefCell::new(Table::new()) };
    static STYLE_FORMATTERS: RefCell<Table<StyleFormatter>> = const { RefCell::new(Table::new()) };
}

/// Formats `d` with the locale's digits and separators into `parts`.
fn format_decimal(locale: &Locale, grouping_name: &str, strategy: icu_decimal::options::GroupingStrategy, d: &Decimal, parts: &mut Parts) {
    let key = format!("{locale} {grouping_name}");
    DECIMAL_FORMATTERS.with(|table| {
        let mut table = table.borrow_mut();
        let formatter = table.get(&key, || {
            icu_decimal::DecimalFormatter::try_new(locale.into(), strategy.into())
                .or_else(|_| icu_decimal::DecimalFormatter::try_new(Default::default(), strategy.into()))
                .ok()
        });
        if let Some(formatter) = formatter {
            let _ = formatter.format(d).write_to_parts(parts);
        }
    });
}

/// The formatter of a style (currency, percent, unit) that shows where its
/// symbols go around a number.
enum StyleFormatter {
    Currency(icu_experimental::dimension::currency::formatter::CurrencyFormatter),
    CurrencyName(icu_experimental::dimension::currency::long_formatter::LongCurrencyFormatter),
    Percent(icu_experimental::dimension::percent::formatter::PercentFormatter<icu_decimal::DecimalFormatter>),
    Unit(icu_experimental::dimension::units::formatter::UnitsFormatter),
}

/// Text around a number in an affix pattern: splits `whole` into
/// (prefix, suffix) around `number`, if it occurs.
fn around(whole: &str, number: &str) -> Option<(String, String)> {
    let at = whole.find(number)?;
    Some((whole[..at].to_string(), whole[at + number.len()..].to_string()))
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Labels an affix: the spaces at its ends are literals, the rest `kind`.
fn push_affix(parts: &mut Parts, affix: &str, kind: &'static str) {
    let core = affix.trim_matches(is_space);
    let Some(at) = affix.find(core).filter(|_| !core.is_empty()) else {
        parts.push("literal", affix);
        return;
    };
    parts.push("literal", &affix[..at]);
    parts.push(kind, core);
    parts.push("literal", &affix[at + core.len()..]);
}

fn currency_code(code: &str) -> Option<icu_experimental::dimension::currency::CurrencyCode> {
    Some(icu_experimental::dimension::currency::CurrencyCode(tinystr::TinyAsciiStr::<3>::try_from_str(code).ok()?))
}

/// `d` with the locale's digits and default grouping, as plain text.
fn plain(locale: &Locale, d: &Decimal) -> String {
    let mut p = Parts::new(decimal_part);
    format_decimal(locale, "auto", icu_decimal::options::GroupingStrategy::Auto, d, &mut p);
    p.out
}

/// What the style puts around an unsigned number: (prefix, suffix, part
/// type). `probe` decides plural-dependent words (unit and currency names).
fn style_affixes(locale: &Locale, o: &NumberOptions, probe: &Decimal) -> (String, String, &'static str) {
    use icu_experimental::dimension::currency::{formatter::CurrencyFormatter, long_formatter::LongCurrencyFormatter, options::Width};
    use icu_experimental::dimension::percent::formatter::PercentFormatter;
    use icu_experimental::dimension::units::{formatter::UnitsFormatter, options::Width as UnitWidth};
    let (kind, fallback) = match o.style.as_str() {
        "currency" => ("currency", (String::new(), format!("\u{a0}{}", o.currency))),
        "percent" => ("percentSign", (String::new(), "%".to_string())),
        "unit" => ("unit", (String::new(), format!(" {}", o.unit))),
        _ => return (String::new(), String::new(), "literal"),
    };
    let key = format!("{locale} {} {} {} {} {}", o.style, o.currency, o.currency_display, o.unit, o.unit_display);
    let code = currency_code(&o.currency);
    let whole = STYLE_FORMATTERS.with(|table| {
        let mut table = table.borrow_mut();
        let formatter = table.get(&key, || match o.style.as_str() {
            "currency" => match o.currency_display.as_str() {
                "name" => LongCurrencyFormatter::try_new(locale.into(), &code?).ok().map(StyleFormatter::CurrencyName),
                display => {
                    let width = if display == "narrowSymbol" { Width::Narrow } else { Width::Short };
                    CurrencyFormatter::try_new(locale.into(), width.into()).ok().map(StyleFormatter::Currency)
                }
            },
            "percent" => PercentFormatter::try_new(locale.into(), Default::default()).ok().map(StyleFormatter::Percent),
            _ => {
                let width = match o.unit_display.as_str() {
                    "long" => UnitWidth::Long,
                    "narrow" => UnitWidth::Narrow,
                    _ => UnitWidth::Short,
                };
                UnitsFormatter::try_new(locale.into(), &o.unit, width.into()).ok().map(StyleFormatter::Unit)
            }
        })?;
        Some(match formatter {
            StyleFormatter::Currency(f) => f.format_fixed_decimal(probe, code?).to_string(),
            StyleFormatter::CurrencyName(f) => f.format_fixed_decimal(probe, code?).to_string(),
            StyleFormatter::Percent(f) => f.format(probe).to_string(),
            StyleFormatter::Unit(f) => f.format_fixed_decimal(probe).to_string(),
        })
    });
    let number = plain(locale, probe);
    let (prefix, suffix) = whole.as_deref().and_then(|w| around(w, &number)).unwrap_or(fallback);
    if o.style == "currency" && o.currency_display == "code" {
        // The ISO code where the symbol was, set off by a no-break space.
        return if !prefix.trim_matches(is_space).is_empty() {
            (format!("{}\u{a0}", o.currency), String::new(), kind)
        } else {
            (String::new(), format!("\u{a0}{}", o.currency), kind)
        };
    }
    (prefix, suffix, kind)
}

/// Languages whose accounting currency format wraps negatives in
/// parentheses (CLDR's accounting patterns).
const ACCOUNTING_PARENTHESES: &[&str] = &["en", "fr", "nl", "ja", "zh", "ko"];

/// Sign, prefix, number, suffix: a styled number as parts.
fn assemble(parts: &mut Parts, locale: &Locale, o: &NumberOptions, sign: Parts, number: Parts, probe: &Decimal) {
    let (prefix, suffix, kind) = style_affixes(locale, o, probe);
    let negative = sign.list.iter().any(|(k, _)| *k == "minusSign");
    if o.style == "currency" && o.currency_sign == "accounting" && negative && ACCOUNTING_PARENTHESES.contains(&locale.id.language.as_str()) {
        parts.push("literal", "(");
        push_affix(parts, &prefix, kind);
        append(parts, number);
        push_affix(parts, &suffix, kind);
        parts.push("literal", ")");
        return;
    }
    append(parts, sign);
    push_affix(parts, &prefix, kind);
    append(parts, number);
    push_affix(parts, &suffix, kind);
}

/// `Intl.NumberFormat`'s format: the value (a JS number's or BigInt's
/// string) as parts `[[type, text], ...]`.
fn number_format<'js>(ctx: Ctx<'js>, tag: String, options: Object<'js>, value: String) -> rquickjs::Result<Array<'js>> {
    let locale = parse_locale(&ctx, &tag)?;
    let o = NumberOptions::read(&options)?;
    let mut parts = Parts::new(decimal_part);
    let Some(mut d) = parse_decimal(&value) else {
        // NaN and the infinities: the locale's sign, then the symbol.
        let negative = value.starts_with('-');
        let nan = value.contains("NaN");
        let sign = match o.sign_display.as_str() {
            "never" => "",
            _ if nan => "",
            _ if negative => "-",
            "always" | "exceptZero" => "+",
            _ => "",
        };
        let mut sign_parts = Parts::default();
        if !sign.is_empty() {
            let mut probe = Decimal::from(if sign == "-" { -1 } else { 1 });
            probe.apply_sign_display(SignDisplay::Always);
            let (signs, _) = split_sign(&locale, &o, &probe, icu_decimal::options::GroupingStrategy::Auto);
            sign_parts = signs;
        }
        let mut number = Parts::default();
        number.push(if nan { "nan" } else { "infinity" }, if nan { "NaN" } else { "∞" });
        assemble(&mut parts, &locale, &o, sign_parts, number, &Decimal::from(7));
        return parts.into_array(&ctx);
    };
    if o.style == "percent" {
        d.multiply_pow10(2);
    }
    let strategy = grouping(&o);
    // Scientific and engineering notation: mantissa × 10^exponent.
    let mut exponent: Option<i16> = None;
    if o.notation == "scientific" || o.notation == "engineering" {
        let mut e = if d.absolute.is_zero() { 0 } else { d.absolute.nonzero_magnitude_start() };
        if o.notation == "engineering" {
            e = e.div_euclid(3) * 3;
        }
        d.multiply_pow10(-e);
        apply_digits(&mut d, &o);
        // Rounding may carry into a new digit (9.99 → 10.0).
        let step = if o.notation == "engineering" { 3 } else { 1 };
        if !d.absolute.is_zero() && d.absolute.nonzero_magnitude_start() >= step {
            d.multiply_pow10(-step);
            e += step;
            apply_digits(&mut d, &o);
        }
        exponent = Some(e);
    } else if o.notation == "compact" && !d.absolute.is_zero() {
        return compact(&ctx, &locale, &o, d, strategy);
    } else {
        apply_digits(&mut d, &o);
    }
    d.apply_sign_display(sign_display(&o.sign_display));
    if o.sign_display == "negative" && d.absolute.is_zero() {
        d.apply_sign_display(SignDisplay::Never);
    }
    let (sign, number) = split_sign(&locale, &o, &d, strategy);
    let mut number = number;
    if let Some(e) = exponent {
        number.push("exponentSeparator", "E");
        if e < 0 {
            number.push("exponentMinusSign", "-");
        }
        number.push("exponentInteger", &plain(&locale, &Decimal::from(e.unsigned_abs() as i64)));
    }
    let mut probe = d.clone();
    probe.apply_sign_display(SignDisplay::Never);
    assemble(&mut parts, &locale, &o, sign, number, &probe);
    parts.into_array(&ctx)
}

/// The signed number with its sign moved out: (sign parts, unsigned number parts).
fn split_sign(locale: &Locale, o: &NumberOptions, d: &Decimal, strategy: icu_decimal::options::GroupingStrategy) -> (Parts, Parts) {
    let mut all = Parts::new(decimal_part);
    format_decimal(locale, &o.use_grouping, strategy, d, &mut all);
    let mut sign = Parts::default();
    let mut number = Parts::default();
    for (kind, text) in all.list {
        if kind == "minusSign" || kind == "plusSign" {
            // Bidi marks around a sign (ar) are literals, as in ICU.
            let core = text.trim_matches(is_space);
            let at = text.find(core).unwrap_or(0);
            sign.push("literal", &text[..at]);
            sign.push(kind, core);
            sign.push("literal", &text[at + core.len()..]);
        } else if kind == "literal" && number.list.is_empty() {
            sign.push(kind, &text);
        } else {
            number.push(kind, &text);
        }
    }
    (sign, number)
}

fn append(into: &mut Parts, from: Parts) {
    for (kind, text) in from.list {
        into.push(kind, &text);
    }
}

fn compact<'js>(ctx: &Ctx<'js>, locale: &Locale, o: &NumberOptions, mut d: Decimal, strategy: icu_decimal::options::GroupingStrategy) -> rquickjs::Result<Array<'js>> {
    use fixed_decimal::CompactDecimal;
    use icu_experimental::compactdecimal::CompactDecimalFormatter;
    let options: icu_experimental::compactdecimal::CompactDecimalFormatterOptions = strategy.into();
    let formatter = if o.compact_display == "long" {
        CompactDecimalFormatter::try_new_long(locale.into(), options)
    } else {
        CompactDecimalFormatter::try_new_short(locale.into(), options)
    };
    let mut parts = Parts::new(decimal_part);
    let Ok(formatter) = formatter else {
        apply_digits(&mut d, o);
        format_decimal(locale, &o.use_grouping, strategy, &d, &mut parts);
        return parts.into_array(ctx);
    };
    let magnitude = d.absolute.nonzero_magnitude_start();
    let mut exponent = formatter.compact_exponent_for_magnitude(magnitude);
    let mut significand = d.clone();
    significand.multiply_pow10(-(exponent as i16));
    let round = |s: &mut Decimal| {
        if o.rounding == "compactRounding" {
            // Two significant digits below 100, whole numbers above.
            let top = if s.absolute.is_zero() { 0 } else { s.absolute.nonzero_magnitude_start() };
            if top >= 1 {
                round_fraction(s, 0, 0, rounding_mode(&o.rounding_mode), 1);
            } else {
                round_significant(s, 1, 2, rounding_mode(&o.rounding_mode));
            }
        } else {
            apply_digits(s, o);
        }
    };
    round(&mut significand);
    if !significand.absolute.is_zero() {
        let new_exponent = formatter.compact_exponent_for_magnitude(significand.absolute.nonzero_magnitude_start() + exponent as i16);
        if new_exponent != exponent {
            significand.multiply_pow10(exponent as i16 - new_exponent as i16);
            exponent = new_exponent;
            round(&mut significand);
        }
    }
    significand.apply_sign_display(sign_display(&o.sign_display));
    let (sign, number) = split_sign(locale, o, &significand, strategy);
    let mut unsigned = significand.clone();
    unsigned.apply_sign_display(SignDisplay::Never);
    let whole = formatter.format_compact_decimal(&CompactDecimal::from_significand_and_exponent(unsigned.clone(), exponent)).map(|f| f.to_string()).ok();
    let text = {
        let mut p = Parts::new(decimal_part);
        format_decimal(locale, &o.use_grouping, strategy, &unsigned, &mut p);
        p.out
    };
    let (prefix, suffix) = whole.as_deref().and_then(|w| around(w, &text)).unwrap_or_default();
    let mut compact_number = Parts::default();
    push_affix(&mut compact_number, &prefix, "compact");
    append(&mut compact_number, number);
    push_affix(&mut compact_number, &suffix, "compact");
    // Then the style around it ("1.2K%", "$1.2K", "1.2K km").
    let mut styled = NumberOptions { ..o.clone() };
    if styled.style == "percent" {
        // ICU labels a compact percent's sign a unit.
        styled.style = "unit".into();
        styled.unit = "percent".into();
        styled.unit_display = "short".into();
    }
    let mut probe = unsigned.clone();
    probe.multiply_pow10(exponent as i16);
    assemble(&mut parts, locale, &styled, sign, compact_number, &probe);
    parts.into_array(ctx)
}

/// The numbering system a locale uses by default (`latn`, `arab`, ...).
fn default_numbering_system(ctx: Ctx<'_>, tag: String) -> rquickjs::Result<String> {
    use icu_decimal::provider::DecimalSymbolsV1;
    use icu_provider::prelude::*;
    let locale = parse_locale(&ctx, &tag)?;
    let prefs = icu_decimal::DecimalFormatterPreferences::from(&locale);
    let data_locale = DecimalSymbolsV1::make_locale(prefs.locale_preferences);
    let request = DataRequest { id: DataIdentifierBorrowed::for_locale(&data_locale), ..Default::default() };
    Ok(DataProvider::<DecimalSymbolsV1>::load(&icu_decimal::provider::Baked, request)
        .map(|response| response.payload.get().numsys().to_string())
        .unwrap_or_else(|_| "latn".into()))
}

// --- Plural rules --------------------------------------------------------

/// `Intl.PluralRules`: the category of `value` rounded as `options` (the
/// resolved digit options) say, or with `value` undefined, the locale's
/// categories.
fn plural<'js>(ctx: Ctx<'js>, tag: String, ordinal: bool, options: Object<'js>, value: Opt<String>) -> rquickjs::Result<Vec<String>> {
    use icu_plurals::{PluralCategory, PluralRuleType, PluralRules, PluralRulesOptions};
    let locale = parse_locale(&ctx, &tag)?;
    let kind = if ordinal { PluralRuleType::Ordinal } else { PluralRuleType::Cardinal };
    let rules = PluralRules::try_new((&locale).into(), PluralRulesOptions::default().with_type(kind))
        .map_err(|e| range_error(&ctx, &format!("no plural rules for {tag}: {e}")))?;
    let name = |c: PluralCategory| match c {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    };
    match value.0 {
        Some(text) => {
            let Some(mut d) = parse_decimal(&text) else { return Ok(vec!["other".into()]) };
            apply_digits(&mut d, &NumberOptions::read(&options)?);
            Ok(vec![name(rules.category_for(&d)).to_string()])
        }
        None => Ok(rules.categories().map(|c| name(c).to_string()).collect()),
    }
}

// --- Date and time -------------------------------------------------------

type DateFormatter = icu_datetime::FixedCalendarDateTimeFormatter<icu_calendar::Gregorian, icu_datetime::fieldsets::enums::CompositeFieldSet>;

thread_local! {
    static DATE_FORMATTERS: RefCell<Table<DateFormatter>> = const { RefCell::new(Table::new()) };
    static TIME_ZONES: RefCell<Table<jiff::tz::TimeZone>> = const { RefCell::new(Table::new()) };
}

/// The local time of `ms` in `zone` (an IANA name or ±HH:MM) and its UTC
/// offset in seconds.
fn zoned(zone: &str, ms: f64) -> Option<(jiff::civil::DateTime, i32, Option<String>)> {
    let ts = jiff::Timestamp::from_millisecond(ms as i64).ok()?;
    if let Some(offset) = parse_offset(zone) {
        let off = jiff::tz::Offset::from_seconds(offset).ok()?;
        return Some((off.to_datetime(ts), offset, None));
    }
    TIME_ZONES.with(|table| {
        let mut table = table.borrow_mut();
        let tz = table.get(zone, || jiff::tz::TimeZone::get(zone).ok())?;
        let offset = tz.to_offset(ts);
        Some((offset.to_datetime(ts), offset.seconds(), tz.iana_name().map(str::to_string)))
    })
}

fn parse_offset(zone: &str) -> Option<i32> {
    let bytes = zone.as_bytes();
    let sign = match bytes.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let rest = &zone[1..];
    let (h, m) = match rest.len() {
        2 => (rest, "00"),
        4 => (&rest[..2], &rest[2..]),
        5 if &rest[2..3] == ":" => (&rest[..2], &rest[3..]),
        _ => return None,
    };
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

/// `Intl.DateTimeFormat`'s time zone check: the canonical name of `zone`,
/// or `null` if jsbox knows no such zone.
fn time_zone(zone: String) -> Option<String> {
    if let Some(offset) = parse_offset(&zone) {
        let (h, m) = (offset.abs() / 3600, offset.abs() % 3600 / 60);
        return Some(format!("{}{h:02}:{m:02}", if offset < 0 { '-' } else { '+' }));
    }
    let upper = zone.to_ascii_uppercase();
    if matches!(upper.as_str(), "UTC" | "ETC/UTC" | "ETC/GMT" | "GMT" | "ETC/UCT" | "UCT" | "ETC/ZULU" | "ZULU" | "ETC/UNIVERSAL" | "UNIVERSAL" | "ETC/GREENWICH" | "GREENWICH" | "GMT0" | "ETC/GMT0" | "ETC/GMT+0" | "ETC/GMT-0" | "GMT+0" | "GMT-0") {
        return Some("UTC".into());
    }
    let tz = jiff::tz::TimeZone::get(&zone).ok()?;
    // The IANA name as the database spells it (case-insensitive lookup).
    let name = tz.iana_name().unwrap_or(&zone).to_string();
    let parsed = icu_time::zone::iana::IanaParserExtended::new().parse(&name);
    let canonical = parsed.canonical.to_string();
    Some(if canonical.is_empty() || canonical == "Etc/Unknown" { name } else { canonical })
}

fn datetime_part(part: &Part) -> Option<&'static str> {
    use icu_datetime::parts::*;
    [
        (ERA, "era"),
        (YEAR, "year"),
        (RELATED_YEAR, "relatedYear"),
        (YEAR_NAME, "yearName"),
        (MONTH, "month"),
        (DAY, "day"),
        (WEEKDAY, "weekday"),
        (DAY_PERIOD, "dayPeriod"),
        (HOUR, "hour"),
        (MINUTE, "minute"),
        (SECOND, "second"),
        (TIME_ZONE_NAME, "timeZoneName"),
    ]
    .iter()
    .find(|(p, _)| p == part)
    .map(|(_, name)| *name)
    .or_else(|| if *part == icu_decimal::parts::FRACTION { Some("fractionalSecond") } else { None })
}

/// `Intl.DateTimeFormat`'s format: `ms` (a time value) as parts. The
/// options are resolved by the shim: dateStyle/timeStyle, or components.
fn date_time<'js>(ctx: Ctx<'js>, tag: String, options: Object<'js>, ms: f64) -> rquickjs::Result<Array<'js>> {
    use icu_datetime::fieldsets::builder::{DateFields, FieldSetBuilder, ZoneStyle};
    use icu_datetime::options::{Alignment, Length, SubsecondDigits, TimePrecision, YearStyle};
    use icu_datetime::preferences::HourCycle;
    let locale = parse_locale(&ctx, &tag)?;
    let s = |k: &str| -> rquickjs::Result<String> { Ok(options.get::<_, Option<String>>(k)?.unwrap_or_default()) };
    let zone = s("timeZone")?;
    let (date_style, time_style) = (s("dateStyle")?, s("timeStyle")?);
    let (weekday, era, year, month, day) = (s("weekday")?, s("era")?, s("year")?, s("month")?, s("day")?);
    let (hour, minute, second, zone_name) = (s("hour")?, s("minute")?, s("second")?, s("timeZoneName")?);
    let day_period = s("dayPeriod")?;
    let fsd = options.get::<_, Option<f64>>("fractionalSecondDigits")?.unwrap_or(0.0) as u8;
    let hour_cycle = s("hourCycle")?;

    let Some((local, offset, _iana)) = zoned(if zone.is_empty() { "UTC" } else { &zone }, ms) else {
        return Err(range_error(&ctx, "Invalid time value"));
    };
    let key = format!("{tag}|{date_style}|{time_style}|{weekday}|{era}|{year}|{month}|{day}|{day_period}|{hour}|{minute}|{second}|{fsd}|{zone_name}|{hour_cycle}");
    let build = || -> Result<DateFormatter, String> {
        let mut b = FieldSetBuilder::new();
        let style_length = |st: &str| match st {
            "full" | "long" => Length::Long,
            "medium" => Length::Medium,
            _ => Length::Short,
        };
        if !date_style.is_empty() || !time_style.is_empty() {
            b.length = Some(style_length(if date_style.is_empty() { &time_style } else { &date_style }));
            if !date_style.is_empty() {
                b.date_fields = Some(if date_style == "full" { DateFields::YMDE } else { DateFields::YMD });
                if date_style == "short" {
                    b.year_style = Some(YearStyle::Auto);
                }
            }
            if !time_style.is_empty() {
                b.time_precision = Some(if time_style == "short" { TimePrecision::Minute } else { TimePrecision::Second });
                b.zone_style = match time_style.as_str() {
                    "full" => Some(ZoneStyle::SpecificLong),
                    "long" => Some(ZoneStyle::SpecificShort),
                    _ => None,
                };
            }
        } else {
            let (y, m, d, e) = (!year.is_empty(), !month.is_empty(), !day.is_empty(), !weekday.is_empty());
            b.date_fields = match (y, m, d, e) {
                (true, true, true, true) | (true, false, true, true) => Some(DateFields::YMDE),
                (true, true, true, false) | (true, false, true, false) => Some(DateFields::YMD),
                (false, true, true, true) => Some(DateFields::MDE),
                (false, true, true, false) => Some(DateFields::MD),
                (true, true, false, _) => Some(DateFields::YM),
                (true, false, false, _) => Some(DateFields::Y),
                (false, true, false, _) => Some(DateFields::M),
                (false, false, true, true) => Some(DateFields::DE),
                (false, false, true, false) => Some(DateFields::D),
                (false, false, false, true) => Some(DateFields::E),
                _ => None,
            };
            let textual = |v: &str| v == "long" || v == "short" || v == "narrow";
            b.length = Some(match (month.as_str(), weekday.as_str()) {
                ("long", _) => Length::Long,
                ("short" | "narrow", _) => Length::Medium,
                (_, "long") if !m => Length::Long,
                _ if textual(&month) => Length::Medium,
                _ => Length::Short,
            });
            if y {
                b.year_style = Some(if !era.is_empty() { YearStyle::WithEra } else if year == "2-digit" { YearStyle::Auto } else { YearStyle::Full });
            }
            if (month == "2-digit" || day == "2-digit") && b.date_fields.is_some() {
                b.alignment = Some(Alignment::Column);
            }
            if !hour.is_empty() || !minute.is_empty() || !second.is_empty() || fsd > 0 || (!day_period.is_empty() && b.date_fields.is_none()) {
                b.time_precision = Some(if fsd > 0 {
                    TimePrecision::Subsecond(SubsecondDigits::try_from_int(fsd).unwrap_or(SubsecondDigits::S3))
                } else if !second.is_empty() {
                    TimePrecision::Second
                } else if !minute.is_empty() {
                    TimePrecision::Minute
                } else {
                    TimePrecision::Hour
                });
                if b.date_fields.is_none() && (hour == "2-digit" || minute == "2-digit") && hour_cycle.starts_with("h2") {
                    b.alignment = Some(Alignment::Column);
                }
            }
            b.zone_style = match zone_name.as_str() {
                "short" => Some(ZoneStyle::SpecificShort),
                "long" => Some(ZoneStyle::SpecificLong),
                "shortOffset" => Some(ZoneStyle::LocalizedOffsetShort),
                "longOffset" => Some(ZoneStyle::LocalizedOffsetLong),
                "shortGeneric" => Some(ZoneStyle::GenericShort),
                "longGeneric" => Some(ZoneStyle::GenericLong),
                _ => None,
            };
            if matches!(b.date_fields, Some(DateFields::YM | DateFields::Y | DateFields::M)) && (b.time_precision.is_some() || b.zone_style.is_some()) {
                // ICU4X has no year/month + time skeleton: show the full date.
                b.date_fields = Some(DateFields::YMD);
            }
            if b.date_fields.is_none() && b.time_precision.is_none() && b.zone_style.is_some() {
                b.date_fields = Some(DateFields::YMD);
            }
        }
        if !matches!(b.date_fields, Some(DateFields::YMD | DateFields::YMDE | DateFields::YM | DateFields::Y)) {
            b.year_style = None;
        }
        let field_set = b.build_composite().map_err(|e| format!("unsupported date-time options: {e:?}"))?;
        let mut prefs: icu_datetime::DateTimeFormatterPreferences = (&locale).into();
        prefs.hour_cycle = match hour_cycle.as_str() {
            "h11" => Some(HourCycle::H11),
            "h12" => Some(HourCycle::H12),
            "h23" | "h24" => Some(HourCycle::H23),
            _ => None,
        };
        icu_datetime::FixedCalendarDateTimeFormatter::<icu_calendar::Gregorian, _>::try_new(prefs, field_set)
            .map_err(|e| format!("no date-time format for these options: {e:?}"))
    };
    let date = icu_calendar::Date::try_new_gregorian(local.year() as i32, local.month() as u8, local.day() as u8)
        .map_err(|_| range_error(&ctx, "Invalid time value"))?;
    let time = icu_time::Time::try_new(local.hour() as u8, local.minute() as u8, local.second() as u8, local.subsec_nanosecond() as u32)
        .map_err(|_| range_error(&ctx, "Invalid time value"))?;
    let utc_offset = icu_time::zone::UtcOffset::try_from_seconds(offset).unwrap_or_default();
    let tz = if zone.is_empty() || parse_offset(&zone).is_some() {
        if zone.is_empty() || zone == "UTC" { icu_time::zone::IanaParser::new().parse("Etc/UTC") } else { icu_time::TimeZone::UNKNOWN }
    } else if zone == "UTC" {
        icu_time::zone::IanaParser::new().parse("Etc/UTC")
    } else {
        icu_time::zone::IanaParser::new().parse(&zone)
    };
    let iso_date = icu_calendar::Date::try_new_iso(local.year() as i32, local.month() as u8, local.day() as u8).map_err(|_| range_error(&ctx, "Invalid time value"))?;
    let zone_info = tz.with_offset(Some(utc_offset)).at_date_time_iso(icu_time::DateTime { date: iso_date, time });
    let input = icu_time::ZonedDateTime { date, time, zone: zone_info };
    let mut parts = Parts::new(datetime_part);
    let mut failure = None;
    DATE_FORMATTERS.with(|table| {
        let mut table = table.borrow_mut();
        let formatter = table.get(&key, || build().map_err(|e| failure = Some(e)).ok());
        if let Some(formatter) = formatter {
            let _ = formatter.format(&input).write_to_parts(&mut parts);
        }
    });
    if let Some(failure) = failure {
        return Err(range_error(&ctx, &failure));
    }
    // Seconds' fraction: ICU4X nests it in the second; ECMA-402 splits it.
    let mut fixed = Parts::default();
    for (kind, text) in parts.list {
        if kind == "second" && text.contains(['.', ',']) {
            let at = text.find(['.', ',']).unwrap();
            fixed.push("second", &text[..at]);
            fixed.push("literal", &text[at..at + 1]);
            fixed.push("fractionalSecond", &text[at + 1..]);
        } else if kind == "hour" && hour == "2-digit" && text.len() == 1 && text.as_bytes()[0].is_ascii_digit() {
            // ICU4X's patterns fix the hour's width; the option asks for two digits.
            fixed.push("hour", &format!("0{text}"));
        } else if kind == "hour" && hour == "numeric" && minute == "2-digit" && text.len() == 2 && text.starts_with('0') {
            // As V8: a numeric hour before a 2-digit minute is not padded ("8:05").
            fixed.push("hour", &text[1..]);
        } else if kind == "literal" && text == "B" {
            // A flexible day period (CLDR's "B", in zh-Hant's patterns),
            // which ICU4X 2.1 leaves unformatted: the plain AM/PM name.
            let morning = local.hour() < 12;
            let name = match locale.id.language.as_str() {
                "zh" => if morning { "上午" } else { "下午" },
                _ => if morning { "AM" } else { "PM" },
            };
            fixed.push("dayPeriod", name);
        } else {
            fixed.push(kind, &text);
        }
    }
    fixed.into_array(&ctx)
}

// --- Collation, lists, relative time, case, segments, names ---------------

thread_local! {
    static COLLATORS: RefCell<Table<icu_collator::CollatorBorrowed<'static>>> = const { RefCell::new(Table::new()) };
}

/// `Intl.Collator`'s compare: -1, 0 or 1. `key` names the resolved options
/// (`sensitivity numeric caseFirst ignorePunctuation usage`).
fn compare(ctx: Ctx<'_>, tag: String, key: String, a: String, b: String) -> rquickjs::Result<i32> {
    use icu_collator::options::{AlternateHandling, CaseLevel, CollatorOptions, Strength};
    use icu_collator::preferences::{CollationCaseFirst, CollationNumericOrdering, CollationType};
    let locale = parse_locale(&ctx, &tag)?;
    let make = || {
        let fields: Vec<&str> = key.split(' ').collect();
        let field = |i: usize| fields.get(i).copied().unwrap_or("");
        let mut prefs: icu_collator::CollatorPreferences = (&locale).into();
        prefs.numeric_ordering = Some(if field(1) == "true" { CollationNumericOrdering::True } else { CollationNumericOrdering::False });
        prefs.case_first = match field(2) {
            "upper" => Some(CollationCaseFirst::Upper),
            "lower" => Some(CollationCaseFirst::Lower),
            _ => Some(CollationCaseFirst::False),
        };
        if field(4) == "search" {
            prefs.collation_type = Some(CollationType::Search);
        }
        let mut options = CollatorOptions::default();
        match field(0) {
            "base" => options.strength = Some(Strength::Primary),
            "accent" => options.strength = Some(Strength::Secondary),
            "case" => {
                options.strength = Some(Strength::Primary);
                options.case_level = Some(CaseLevel::On);
            }
            _ => options.strength = Some(Strength::Tertiary),
        }
        if field(3) == "true" {
            options.alternate_handling = Some(AlternateHandling::Shifted);
        }
        icu_collator::Collator::try_new(prefs, options).or_else(|_| icu_collator::Collator::try_new(Default::default(), options)).ok()
    };
    let ordering = COLLATORS.with(|table| table.borrow_mut().get(&format!("{tag} {key}"), make).map(|c| c.compare(&a, &b)));
    let Some(ordering) = ordering else { return Err(range_error(&ctx, &format!("no collation for {tag}"))) };
    Ok(match ordering {
        Ordering::Less => -1,
        Ordering::Equal => 0,
        Ordering::Greater => 1,
    })
}

fn list_part(part: &Part) -> Option<&'static str> {
    if *part == icu_list::parts::ELEMENT { Some("element") } else { None }
}

/// `Intl.ListFormat`: `items` joined as parts.
fn list<'js>(ctx: Ctx<'js>, tag: String, kind: String, style: String, items: Vec<String>) -> rquickjs::Result<Array<'js>> {
    use icu_list::ListFormatter;
    use icu_list::options::{ListFormatterOptions, ListLength};
    let locale = parse_locale(&ctx, &tag)?;
    let length = match style.as_str() {
        "short" => ListLength::Short,
        "narrow" => ListLength::Narrow,
        _ => ListLength::Wide,
    };
    let options = ListFormatterOptions::default().with_length(length);
    let formatter = match kind.as_str() {
        "disjunction" => ListFormatter::try_new_or((&locale).into(), options),
        "unit" => ListFormatter::try_new_unit((&locale).into(), options),
        _ => ListFormatter::try_new_and((&locale).into(), options),
    }
    .map_err(|e| range_error(&ctx, &format!("no list patterns for {tag}: {e}")))?;
    let mut parts = Parts::new(list_part);
    let _ = formatter.format(items.iter().map(String::as_str)).write_to_parts(&mut parts);
    // Adjacent elements must stay apart.
    let mut out = Parts::default();
    for (kind, text) in parts.list {
        if kind == "element" {
            out.list.push(("element", text));
        } else {
            out.push(kind, &text);
        }
    }
    out.into_array(&ctx)
}

/// `Intl.RelativeTimeFormat`: `value` (rounded by the shim) `unit`s from now.
fn relative(ctx: Ctx<'_>, tag: String, style: String, numeric: String, unit: String, value: String) -> rquickjs::Result<String> {
    use icu_experimental::relativetime::{RelativeTimeFormatter as F, RelativeTimeFormatterOptions, options::Numeric};
    let locale = parse_locale(&ctx, &tag)?;
    let prefs = (&locale).into();
    let options = RelativeTimeFormatterOptions { numeric: if numeric == "auto" { Numeric::Auto } else { Numeric::Always } };
    let formatter = match (style.as_str(), unit.as_str()) {
        ("short", "second") => F::try_new_short_second(prefs, options),
        ("short", "minute") => F::try_new_short_minute(prefs, options),
        ("short", "hour") => F::try_new_short_hour(prefs, options),
        ("short", "day") => F::try_new_short_day(prefs, options),
        ("short", "week") => F::try_new_short_week(prefs, options),
        ("short", "month") => F::try_new_short_month(prefs, options),
        ("short", "quarter") => F::try_new_short_quarter(prefs, options),
        ("short", "year") => F::try_new_short_year(prefs, options),
        ("narrow", "second") => F::try_new_narrow_second(prefs, options),
        ("narrow", "minute") => F::try_new_narrow_minute(prefs, options),
        ("narrow", "hour") => F::try_new_narrow_hour(prefs, options),
        ("narrow", "day") => F::try_new_narrow_day(prefs, options),
        ("narrow", "week") => F::try_new_narrow_week(prefs, options),
        ("narrow", "month") => F::try_new_narrow_month(prefs, options),
        ("narrow", "quarter") => F::try_new_narrow_quarter(prefs, options),
        ("narrow", "year") => F::try_new_narrow_year(prefs, options),
        (_, "second") => F::try_new_long_second(prefs, options),
        (_, "minute") => F::try_new_long_minute(prefs, options),
        (_, "hour") => F::try_new_long_hour(prefs, options),
        (_, "day") => F::try_new_long_day(prefs, options),
        (_, "week") => F::try_new_long_week(prefs, options),
        (_, "month") => F::try_new_long_month(prefs, options),
        (_, "quarter") => F::try_new_long_quarter(prefs, options),
        _ => F::try_new_long_year(prefs, options),
    }
    .map_err(|e| range_error(&ctx, &format!("no relative time patterns for {tag}: {e}")))?;
    let d = parse_decimal(&value).unwrap_or_default();
    Ok(formatter.format(d).to_string())
}

/// `toLocaleUpperCase` / `toLocaleLowerCase`.
fn case(ctx: Ctx<'_>, tag: String, upper: bool, text: String) -> rquickjs::Result<String> {
    let locale = parse_locale(&ctx, &tag)?;
    let mapper = icu_casemap::CaseMapper::new();
    Ok(if upper { mapper.uppercase_to_string(&text, &locale.id) } else { mapper.lowercase_to_string(&text, &locale.id) }.into_owned())
}

/// `Intl.Segmenter`: the boundaries of `text` (UTF-16 offsets, from 0 to
/// its length), each with whether the segment before it is word-like.
fn segment(granularity: String, text: String) -> Vec<f64> {
    let utf16: Vec<u16> = text.encode_utf16().collect();
    match granularity.as_str() {
        "word" => {
            let segmenter = icu_segmenter::WordSegmenter::new_for_non_complex_scripts(Default::default());
            let mut out = Vec::new();
            for (index, kind) in segmenter.segment_utf16(&utf16).iter_with_word_type() {
                // Boundary, then 1 if the segment ending there is word-like.
                out.push(index as f64);
                out.push(if kind.is_word_like() { 1.0 } else { 0.0 });
            }
            out
        }
        "sentence" => {
            let segmenter = icu_segmenter::SentenceSegmenter::new(Default::default());
            segmenter.segment_utf16(&utf16).flat_map(|i| [i as f64, 0.0]).collect()
        }
        _ => {
            let segmenter = icu_segmenter::GraphemeClusterSegmenter::new();
            segmenter.segment_utf16(&utf16).flat_map(|i| [i as f64, 0.0]).collect()
        }
    }
}

/// `Intl.DisplayNames`' of: the name of `code` (a language tag, region,
/// script or currency), or `None` when the data has none.
fn display_name(ctx: Ctx<'_>, tag: String, kind: String, style: String, code: String) -> rquickjs::Result<Option<String>> {
    use icu_experimental::displaynames::{DisplayNamesOptions, LanguageDisplayNames, LocaleDisplayNamesFormatter, RegionDisplayNames, ScriptDisplayNames, Style};
    let locale = parse_locale(&ctx, &tag)?;
    let mut options = DisplayNamesOptions::default();
    options.style = Some(match style.as_str() {
        "short" => Style::Short,
        "narrow" => Style::Narrow,
        _ => Style::Long,
    });
    Ok(match kind.as_str() {
        "region" => {
            let Ok(region) = icu_locale_core::subtags::Region::try_from_str(&code) else { return Ok(None) };
            RegionDisplayNames::try_new((&locale).into(), options).ok().and_then(|f| f.of(region).map(str::to_string))
        }
        "script" => {
            let Ok(script) = icu_locale_core::subtags::Script::try_from_str(&code) else { return Ok(None) };
            ScriptDisplayNames::try_new((&locale).into(), options).ok().and_then(|f| f.of(script).map(str::to_string))
        }
        "language" => {
            let Ok(target) = Locale::try_from_str(&code) else { return Ok(None) };
            if target.id.script.is_none() && target.id.region.is_none() && target.id.variants.is_empty() {
                LanguageDisplayNames::try_new((&locale).into(), options).ok().and_then(|f| f.of(target.id.language).map(str::to_string))
            } else {
                LocaleDisplayNamesFormatter::try_new((&locale).into(), options).ok().map(|f| f.of(&target).into_owned())
            }
        }
        "currency" => {
            use icu_experimental::dimension::provider::currency::displayname::CurrencyDisplaynameV1;
            use icu_provider::prelude::*;
            let Ok(attributes) = DataMarkerAttributes::try_from_str(&code) else { return Ok(None) };
            let data_locale = DataLocale::from(&locale);
            let request = DataRequest { id: DataIdentifierBorrowed::for_marker_attributes_and_locale(attributes, &data_locale), ..Default::default() };
            DataProvider::<CurrencyDisplaynameV1>::load(&icu_experimental::provider::Baked, request)
                .ok()
                .map(|response| response.payload.get().display_name.to_string())
        }
        _ => None,
    })
}
