//! `Intl.NumberFormat` and `Intl.PluralRules`: digits rounded as ECMA-402
//! says (fixed_decimal), then ICU4X's decimal, currency, percent, unit and
//! compact formatters, the result split into ECMA-402 parts.

use super::*;

// --- Numbers -------------------------------------------------------------

/// The resolved options of a NumberFormat, as the shim passes them.
#[derive(Clone)]
pub(super) struct NumberOptions {
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

pub(super) fn rounding_mode(name: &str) -> SignedRoundingMode {
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
pub(super) fn parse_decimal(text: &str) -> Option<Decimal> {
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

pub(super) fn round_fraction(d: &mut Decimal, min: i16, max: i16, mode: SignedRoundingMode, increment: u32) {
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

pub(super) fn round_significant(d: &mut Decimal, min: i16, max: i16, mode: SignedRoundingMode) {
    let magnitude = if d.absolute.is_zero() { 0 } else { d.absolute.nonzero_magnitude_start() };
    d.round_with_mode(magnitude - max + 1, mode);
    d.absolute.trim_end();
    let magnitude = if d.absolute.is_zero() { 0 } else { d.absolute.nonzero_magnitude_start() };
    d.absolute.pad_end(magnitude - min + 1);
}

/// ECMA-402 FormatNumericToString's rounding (15.5.3) on `d`.
pub(super) fn apply_digits(d: &mut Decimal, o: &NumberOptions) {
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

pub(super) fn grouping(o: &NumberOptions) -> icu_decimal::options::GroupingStrategy {
    use icu_decimal::options::GroupingStrategy;
    match o.use_grouping.as_str() {
        "min2" => GroupingStrategy::Min2,
        "false" => GroupingStrategy::Never,
        "always" => GroupingStrategy::Always,
        _ => GroupingStrategy::Auto,
    }
}

pub(super) fn sign_display(name: &str) -> SignDisplay {
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
pub(super) fn format_decimal(locale: &Locale, grouping_name: &str, strategy: icu_decimal::options::GroupingStrategy, d: &Decimal, parts: &mut Parts) {
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
pub(super) enum StyleFormatter {
    Currency(icu_experimental::dimension::currency::formatter::CurrencyFormatter),
    CurrencyName(icu_experimental::dimension::currency::long_formatter::LongCurrencyFormatter),
    Percent(icu_experimental::dimension::percent::formatter::PercentFormatter<icu_decimal::DecimalFormatter>),
    Unit(icu_experimental::dimension::units::formatter::UnitsFormatter),
}

/// Text around a number in an affix pattern: splits `whole` into
/// (prefix, suffix) around `number`, if it occurs.
pub(super) fn around(whole: &str, number: &str) -> Option<(String, String)> {
    let at = whole.find(number)?;
    Some((whole[..at].to_string(), whole[at + number.len()..].to_string()))
}

pub(super) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Labels an affix: the spaces at its ends are literals, the rest `kind`.
pub(super) fn push_affix(parts: &mut Parts, affix: &str, kind: &'static str) {
    let core = affix.trim_matches(is_space);
    let Some(at) = affix.find(core).filter(|_| !core.is_empty()) else {
        parts.push("literal", affix);
        return;
    };
    parts.push("literal", &affix[..at]);
    parts.push(kind, core);
    parts.push("literal", &affix[at + core.len()..]);
}

pub(super) fn currency_code(code: &str) -> Option<icu_experimental::dimension::currency::CurrencyCode> {
    Some(icu_experimental::dimension::currency::CurrencyCode(tinystr::TinyAsciiStr::<3>::try_from_str(code).ok()?))
}

/// `d` with the locale's digits and default grouping, as plain text.
pub(super) fn plain(locale: &Locale, d: &Decimal) -> String {
    let mut p = Parts::new(decimal_part);
    format_decimal(locale, "auto", icu_decimal::options::GroupingStrategy::Auto, d, &mut p);
    p.out
}

/// What the style puts around an unsigned number: (prefix, suffix, part
/// type). `probe` decides plural-dependent words (unit and currency names).
pub(super) fn style_affixes(locale: &Locale, o: &NumberOptions, probe: &Decimal) -> (String, String, &'static str) {
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
pub(super) const ACCOUNTING_PARENTHESES: &[&str] = &["en", "fr", "nl", "ja", "zh", "ko"];

/// Sign, prefix, number, suffix: a styled number as parts.
pub(super) fn assemble(parts: &mut Parts, locale: &Locale, o: &NumberOptions, sign: Parts, number: Parts, probe: &Decimal) {
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
pub(super) fn number_format<'js>(ctx: Ctx<'js>, tag: String, options: Object<'js>, value: String) -> rquickjs::Result<Array<'js>> {
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
pub(super) fn split_sign(locale: &Locale, o: &NumberOptions, d: &Decimal, strategy: icu_decimal::options::GroupingStrategy) -> (Parts, Parts) {
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

pub(super) fn append(into: &mut Parts, from: Parts) {
    for (kind, text) in from.list {
        into.push(kind, &text);
    }
}

pub(super) fn compact<'js>(ctx: &Ctx<'js>, locale: &Locale, o: &NumberOptions, mut d: Decimal, strategy: icu_decimal::options::GroupingStrategy) -> rquickjs::Result<Array<'js>> {
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
pub(super) fn default_numbering_system(ctx: Ctx<'_>, tag: String) -> rquickjs::Result<String> {
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
pub(super) fn plural<'js>(ctx: Ctx<'js>, tag: String, ordinal: bool, options: Object<'js>, value: Opt<String>) -> rquickjs::Result<Vec<String>> {
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
