//! `Intl.DateTimeFormat`: the instant's local time in its zone (jiff, with
//! the IANA database compiled in), then ICU4X's Gregorian formatter built
//! from the resolved options.

use super::*;

// --- Date and time -------------------------------------------------------

pub(super) type DateFormatter = icu_datetime::FixedCalendarDateTimeFormatter<icu_calendar::Gregorian, icu_datetime::fieldsets::enums::CompositeFieldSet>;

thread_local! {
    static DATE_FORMATTERS: RefCell<Table<DateFormatter>> = const { RefCell::new(Table::new()) };
    static TIME_ZONES: RefCell<Table<jiff::tz::TimeZone>> = const { RefCell::new(Table::new()) };
}

/// The local time of `ms` in `zone` (an IANA name or ±HH:MM) and its UTC
/// offset in seconds.
pub(super) fn zoned(zone: &str, ms: f64) -> Option<(jiff::civil::DateTime, i32, Option<String>)> {
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

/// `±HH`, `±HHMM` or `±HH:MM` in seconds. Works on bytes: a zone name is
/// the script's string, and any character may sit where a digit should.
pub(super) fn parse_offset(zone: &str) -> Option<i32> {
    let (sign, rest) = match zone.as_bytes().split_first()? {
        (b'+', rest) => (1, rest),
        (b'-', rest) => (-1, rest),
        _ => return None,
    };
    let digits = |pair: &[u8]| -> Option<i32> {
        match pair {
            [a @ b'0'..=b'9', b @ b'0'..=b'9'] => Some(i32::from(a - b'0') * 10 + i32::from(b - b'0')),
            _ => None,
        }
    };
    let (h, m) = match rest {
        [h0, h1] => (digits(&[*h0, *h1])?, 0),
        [h0, h1, m0, m1] => (digits(&[*h0, *h1])?, digits(&[*m0, *m1])?),
        [h0, h1, b':', m0, m1] => (digits(&[*h0, *h1])?, digits(&[*m0, *m1])?),
        _ => return None,
    };
    (h < 24 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

/// `Intl.DateTimeFormat`'s time zone check: the canonical name of `zone`,
/// or `null` if jsbox knows no such zone.
pub(super) fn time_zone(zone: String) -> Option<String> {
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

pub(super) fn datetime_part(part: &Part) -> Option<&'static str> {
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
pub(super) fn date_time<'js>(ctx: Ctx<'js>, tag: String, options: Object<'js>, ms: f64) -> rquickjs::Result<Array<'js>> {
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
    let tz = if zone.is_empty() || zone == "UTC" {
        icu_time::zone::IanaParser::new().parse("Etc/UTC")
    } else if parse_offset(&zone).is_some() {
        icu_time::TimeZone::UNKNOWN
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
