//! Collation, lists, relative time, case mapping, segmentation and display
//! names: thin calls into ICU4X.

use super::*;
use super::number::parse_decimal;

// --- Collation, lists, relative time, case, segments, names ---------------

thread_local! {
    static COLLATORS: RefCell<Table<icu_collator::CollatorBorrowed<'static>>> = const { RefCell::new(Table::new()) };
}

/// `Intl.Collator`'s compare: -1, 0 or 1. `key` names the resolved options
/// (`sensitivity numeric caseFirst ignorePunctuation usage`).
pub(super) fn compare(ctx: Ctx<'_>, tag: String, key: String, a: String, b: String) -> rquickjs::Result<i32> {
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

pub(super) fn list_part(part: &Part) -> Option<&'static str> {
    if *part == icu_list::parts::ELEMENT { Some("element") } else { None }
}

/// `Intl.ListFormat`: `items` joined as parts.
pub(super) fn list<'js>(ctx: Ctx<'js>, tag: String, kind: String, style: String, items: Vec<String>) -> rquickjs::Result<Array<'js>> {
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
pub(super) fn relative(ctx: Ctx<'_>, tag: String, style: String, numeric: String, unit: String, value: String) -> rquickjs::Result<String> {
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
pub(super) fn case(ctx: Ctx<'_>, tag: String, upper: bool, text: String) -> rquickjs::Result<String> {
    let locale = parse_locale(&ctx, &tag)?;
    let mapper = icu_casemap::CaseMapper::new();
    Ok(if upper { mapper.uppercase_to_string(&text, &locale.id) } else { mapper.lowercase_to_string(&text, &locale.id) }.into_owned())
}

/// `Intl.Segmenter`: the boundaries of `text` (UTF-16 offsets, from 0 to
/// its length), each with whether the segment before it is word-like.
pub(super) fn segment(granularity: String, text: String) -> Vec<f64> {
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
pub(super) fn display_name(ctx: Ctx<'_>, tag: String, kind: String, style: String, code: String) -> rquickjs::Result<Option<String>> {
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
