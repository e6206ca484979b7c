//! iCalendar text to properties: unfolding, DTSTART / RRULE / RDATE / EXDATE lines,
//! parameters (`TZID`, `VALUE`).

use std::borrow::Cow;

use super::rule::Rule;
use super::value::{date_time_wall, date_wall, DateTimeReader, Form, Written};
use crate::error::{Error, ErrorCode, Result};
use crate::tz::Zone;

/// The properties of a recurrence text, in the order written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Properties {
    pub dtstart: Written,
    pub rules: Vec<Rule>,
    pub rdates: Vec<Written>,
    pub exdates: Vec<Written>,
}

/// Join folded lines (a line starting with a space or tab continues the previous one).
/// A line nothing continues is borrowed from the text, not copied.
fn unfold(text: &str) -> Vec<Cow<'_, str>> {
    let mut lines: Vec<Cow<'_, str>> = Vec::new();
    for raw in text.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if let (Some(rest), Some(last)) = (
            raw.strip_prefix(' ').or_else(|| raw.strip_prefix('\t')),
            lines.last_mut(),
        ) {
            last.to_mut().push_str(rest);
        } else {
            lines.push(Cow::Borrowed(raw));
        }
    }
    lines
}

struct Line<'a> {
    name: String,
    tzid: Option<&'a str>,
    value_type: Option<String>,
    value: &'a str,
}

fn split_line(line: &str) -> Result<Line<'_>> {
    let (head, value) = line
        .split_once(':')
        .ok_or_else(|| Error::invalid_rule(format!("`{line}` is not NAME:VALUE")))?;
    let mut parts = head.split(';');
    let name = parts.next().unwrap_or("").trim().to_ascii_uppercase();
    let mut tzid = None;
    let mut value_type = None;
    for param in parts {
        let (key, val) = param.split_once('=').ok_or_else(|| {
            Error::invalid_rule(format!("{name}: parameter `{param}` is not KEY=VALUE"))
        })?;
        match key.trim().to_ascii_uppercase().as_str() {
            "TZID" => tzid = Some(val.trim().trim_matches('"')),
            "VALUE" => value_type = Some(val.trim().to_ascii_uppercase()),
            _ => {} // other parameters carry nothing for recurrence
        }
    }
    Ok(Line {
        name,
        tzid,
        value_type,
        value: value.trim(),
    })
}

/// Parse one date or date-time value of a DTSTART/RDATE/EXDATE line.
fn date_value(
    name: &str,
    text: &str,
    zone: Option<Zone>,
    value_type: Option<&str>,
) -> Result<Written> {
    let bad = |what: &str| Error::invalid_rule(format!("{name}: `{text}` is not {what}"));
    let date = |text: &str| {
        date_wall(text.as_bytes())
            .map(|wall| Written {
                wall,
                form: Form::Date,
            })
            .ok_or_else(|| bad("a date YYYYMMDD"))
    };
    match value_type {
        Some("DATE") => return date(text),
        Some("PERIOD") => {
            return Err(Error::invalid_rule(format!(
                "{name}: VALUE=PERIOD is not supported"
            )))
        }
        Some("DATE-TIME") | None => {}
        Some(other) => {
            return Err(Error::invalid_rule(format!(
                "{name}: VALUE={other} is not a date type"
            )))
        }
    }
    if value_type.is_none() && text.len() == 8 {
        return date(text);
    }
    if let Some(utc) = text.strip_suffix('Z').or_else(|| text.strip_suffix('z')) {
        if zone.is_some() {
            return Err(Error::invalid_rule(format!(
                "{name}: `{text}` is a UTC time, which cannot carry a TZID"
            )));
        }
        let wall =
            date_time_wall(utc.as_bytes()).ok_or_else(|| bad("a date-time YYYYMMDDTHHMMSSZ"))?;
        return Ok(Written {
            wall,
            form: Form::Utc,
        });
    }
    let wall = date_time_wall(text.as_bytes()).ok_or_else(|| bad("a date-time YYYYMMDDTHHMMSS"))?;
    Ok(Written {
        wall,
        form: zone.map_or(Form::Floating, Form::Zoned),
    })
}

/// The first item of a date-time list when it is the usual `YYYYMMDDTHHMMSS` (in
/// `local`'s form) or, when `utc_allowed`, `YYYYMMDDTHHMMSSZ`, and a comma or the end
/// follows: the value and the bytes it takes with its comma. Whatever else (spaces,
/// other widths, a bad date) is `None`, left to the general reading, which gives
/// the same value or the error.
#[inline]
fn usual_date_time(
    list: &[u8],
    reader: &mut DateTimeReader,
    local: Form,
    utc_allowed: bool,
) -> Option<(Written, usize)> {
    let wall = reader.read(list.first_chunk::<15>()?)?;
    match list.get(15) {
        None | Some(b',') => Some((Written { wall, form: local }, 16)),
        Some(b'Z' | b'z') if utc_allowed && matches!(list.get(16), None | Some(b',')) => Some((
            Written {
                wall,
                form: Form::Utc,
            },
            17,
        )),
        _ => None,
    }
}

fn zone_param(name: &str, tzid: Option<&str>, known: &mut Option<Zone>) -> Result<Option<Zone>> {
    let Some(id) = tzid else {
        return Ok(None);
    };
    // Lines of one text mostly name one zone: the last one found is tried first
    // (a zone is found by its exact name, so an equal name is the same zone).
    if let Some(zone) = known.filter(|z| z.name() == id) {
        return Ok(Some(zone));
    }
    let zone = Zone::parse(id).map_err(|_| {
        Error::new(
            ErrorCode::UnknownTimezone,
            format!("{name}: TZID={id} is not an IANA time zone of the bundled database"),
        )
    })?;
    *known = Some(zone);
    Ok(Some(zone))
}

/// The items of a comma-separated value, trimmed, without empty ones.
#[cfg(test)]
fn list_items(value: &str) -> impl Iterator<Item = &str> {
    let mut rest = value;
    std::iter::from_fn(move || loop {
        if rest.is_empty() {
            return None;
        }
        if let Some(item) = next_item(&mut rest) {
            return Some(item);
        }
    })
}

/// The first item of a comma-separated value, trimmed (`None` when empty), and
/// `rest` moved past its comma. (A list of hundreds of dates is common: no searcher
/// is set up per item.)
fn next_item<'a>(rest: &mut &'a str) -> Option<&'a str> {
    let end = usual_width(rest.as_bytes())
        .unwrap_or_else(|| rest.bytes().position(|b| b == b',').unwrap_or(rest.len()));
    let item = rest.get(..end).unwrap_or("");
    *rest = rest.get(end + 1..).unwrap_or("");
    let plain = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b.is_ascii());
    let bytes = item.as_bytes();
    let item = if plain(bytes.first()) && plain(bytes.last()) {
        item
    } else {
        item.trim()
    };
    (!item.is_empty()).then_some(item)
}

/// The length of the first item of `list` when it is 15, 16 or 8 bytes (the widths of
/// `YYYYMMDDTHHMMSS`, `YYYYMMDDTHHMMSSZ`, `YYYYMMDD`): a comma or the end follows
/// and no comma comes before, checked eight bytes at a time.
fn usual_width(list: &[u8]) -> Option<usize> {
    [15, 16, 8].into_iter().find(|&width| {
        list.get(width).map_or(list.len() == width, |&b| b == b',')
            && list.get(..width).is_some_and(comma_free)
    })
}

/// Whether 8 to 16 bytes hold no comma (two overlapping 64-bit words).
fn comma_free(bytes: &[u8]) -> bool {
    let word = |at: usize| {
        bytes
            .get(at..at + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
            .map(u64::from_le_bytes)
    };
    let has_comma = |w: u64| {
        let x = w ^ 0x2C2C_2C2C_2C2C_2C2C; // a comma byte becomes zero
        x.wrapping_sub(0x0101_0101_0101_0101) & !x & 0x8080_8080_8080_8080 != 0
    };
    match (word(0), bytes.len().checked_sub(8).and_then(word)) {
        (Some(lo), Some(hi)) => !has_comma(lo) && !has_comma(hi),
        _ => false,
    }
}

/// Parse the properties of a recurrence text.
pub fn properties(text: &str) -> Result<Properties> {
    let mut dtstart = None;
    let mut rules = Vec::new();
    let mut rdates = Vec::new();
    let mut exdates = Vec::new();
    let mut known_zone = None;
    for line in unfold(text) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        // A bare rule (`FREQ=DAILY;...`) is read as an RRULE line.
        if trimmed.len() >= 5
            && trimmed
                .get(..5)
                .is_some_and(|p| p.eq_ignore_ascii_case("FREQ="))
        {
            rules.push(Rule::parse(trimmed)?);
            continue;
        }
        let l = split_line(trimmed)?;
        match l.name.as_str() {
            "DTSTART" => {
                if dtstart.is_some() {
                    return Err(Error::invalid_rule("DTSTART appears twice"));
                }
                let zone = zone_param("DTSTART", l.tzid, &mut known_zone)?;
                dtstart = Some(date_value(
                    "DTSTART",
                    l.value,
                    zone,
                    l.value_type.as_deref(),
                )?);
            }
            "RRULE" => rules.push(Rule::parse(l.value)?),
            "RDATE" | "EXDATE" => {
                let zone = zone_param(&l.name, l.tzid, &mut known_zone)?;
                let target = if l.name == "RDATE" {
                    &mut rdates
                } else {
                    &mut exdates
                };
                // An item takes at least 9 bytes with its comma (`YYYYMMDD,`).
                target.reserve(l.value.len() / 9 + 1);
                let value_type = l.value_type.as_deref();
                // Date-times as usually written go without splitting first.
                let usual = matches!(value_type, None | Some("DATE-TIME"));
                let local = zone.map_or(Form::Floating, Form::Zoned);
                let mut rest = l.value;
                let mut reader = DateTimeReader::default();
                while !rest.is_empty() {
                    if let Some((value, used)) = usual
                        .then(|| {
                            usual_date_time(rest.as_bytes(), &mut reader, local, zone.is_none())
                        })
                        .flatten()
                    {
                        target.push(value);
                        rest = rest.get(used..).unwrap_or("");
                        continue;
                    }
                    if let Some(item) = next_item(&mut rest) {
                        target.push(date_value(&l.name, item, zone, value_type)?);
                    }
                }
            }
            "EXRULE" => {
                return Err(Error::invalid_rule(
                    "EXRULE is deprecated by RFC 5545 and not supported",
                ))
            }
            other => {
                return Err(Error::invalid_rule(format!(
                    "unknown property {other} (expected DTSTART, RRULE, RDATE or EXDATE)"
                )))
            }
        }
    }
    let dtstart = dtstart.ok_or_else(|| Error::invalid_rule("DTSTART is required"))?;
    Ok(Properties {
        dtstart,
        rules,
        rdates,
        exdates,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_split_at_every_comma_whatever_the_widths() {
        fn items(v: &str) -> Vec<&str> {
            list_items(v).collect()
        }
        assert_eq!(
            items("20260110T110000,20260113T110000Z,20260116, 20260119T110000 ,,x"),
            [
                "20260110T110000",
                "20260113T110000Z",
                "20260116",
                "20260119T110000",
                "x"
            ]
        );
        // Commas inside the usual widths are still split at.
        assert_eq!(
            items("1,2,3,4,5,6,7,8,9"),
            ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
        );
        assert_eq!(items("2026011,T110000,"), ["2026011", "T110000"]);
        assert_eq!(items("123456789012345,"), ["123456789012345"]);
        assert_eq!(items("12345678,123456789"), ["12345678", "123456789"]);
        assert_eq!(items("é2345678901234,é"), ["é2345678901234", "é"]);
        assert_eq!(items(""), Vec::<&str>::new());
    }
}
