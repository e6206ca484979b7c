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

/// The lines of a text with folded lines joined (a line starting with a space or tab
/// continues the previous one). A line nothing continues is borrowed from the text,
/// not copied. `rest` is the text from the next line on, for a reader that takes a
/// whole line from it itself ([`list_line`]).
struct Lines<'a> {
    rest: Option<&'a str>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines { rest: Some(text) }
    }

    /// The next line as written (without its line break), `rest` moved past it.
    fn raw(&mut self) -> Option<&'a str> {
        let text = self.rest?;
        let (raw, rest) = match text.find('\n') {
            Some(end) => (&text[..end], Some(&text[end + 1..])),
            None => (text, None),
        };
        self.rest = rest;
        Some(raw.strip_suffix('\r').unwrap_or(raw))
    }

    /// Whether the next line continues the one before.
    fn continues(&self) -> bool {
        self.rest.is_some_and(|r| r.starts_with([' ', '\t']))
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Cow<'a, str>;

    fn next(&mut self) -> Option<Cow<'a, str>> {
        let mut line = Cow::Borrowed(self.raw()?);
        while self.continues() {
            let folded = self.raw().unwrap_or_default();
            line.to_mut().push_str(folded.get(1..).unwrap_or_default());
        }
        Some(line)
    }
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

/// An RDATE or EXDATE line of usual date-times (`NAME[;params]:` then
/// `YYYYMMDDTHHMMSS[Z]` items joined by commas, ending at a line break that no folded
/// line follows, or at the text's end) read straight from the text, without finding
/// the line's end first: a list of hundreds of dates is common. `Ok(false)` with
/// nothing kept and nothing consumed for anything else, left to the line-by-line
/// reading (which gives the same values or the error).
fn list_line(
    lines: &mut Lines<'_>,
    known_zone: &mut Option<Zone>,
    rdates: &mut Vec<Written>,
    exdates: &mut Vec<Written>,
) -> Result<bool> {
    let Some(rest) = lines.rest else {
        return Ok(false);
    };
    let b = rest.as_bytes();
    let named = |name: &[u8]| b.starts_with(name) && matches!(b.get(name.len()), Some(b';' | b':'));
    let target = if named(b"RDATE") {
        rdates
    } else if named(b"EXDATE") {
        exdates
    } else {
        return Ok(false);
    };
    let Some(colon) = b.iter().position(|&c| c == b':' || c == b'\n') else {
        return Ok(false);
    };
    if b.get(colon) != Some(&b':') {
        return Ok(false);
    }
    let l = split_line(&rest[..=colon])?;
    if !matches!(l.value_type.as_deref(), None | Some("DATE-TIME")) {
        return Ok(false);
    }
    let zone = zone_param(&l.name, l.tzid, known_zone)?;
    let local = zone.map_or(Form::Floating, Form::Zoned);
    let value = b.get(colon + 1..).unwrap_or_default();
    let kept = target.len();
    target.reserve(value.len() / 16 + 1);
    let mut reader = DateTimeReader::default();
    let mut at = 0;
    let line_end = loop {
        let Some(wall) = value
            .get(at..)
            .and_then(|item| item.first_chunk::<15>())
            .and_then(|item| reader.read(item))
        else {
            break None;
        };
        let mut end = at + 15;
        let form = match value.get(end) {
            Some(b'Z' | b'z') if zone.is_none() => {
                end += 1;
                Form::Utc
            }
            _ => local,
        };
        target.push(Written { wall, form });
        match (value.get(end), value.get(end + 1)) {
            (Some(b','), _) => at = end + 1,
            (None, _) => break Some(end),
            (Some(b'\n'), _) => break Some(end + 1),
            (Some(b'\r'), Some(b'\n')) => break Some(end + 2),
            _ => break None,
        }
    };
    match line_end {
        Some(end) if !matches!(value.get(end), Some(b' ' | b'\t')) => {
            lines.rest = (end < value.len() || value.last() == Some(&b'\n'))
                .then(|| &rest[colon + 1 + end..]);
            Ok(true)
        }
        _ => {
            target.truncate(kept);
            Ok(false)
        }
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
    let mut lines = Lines::new(text);
    loop {
        if list_line(&mut lines, &mut known_zone, &mut rdates, &mut exdates)? {
            continue;
        }
        let Some(line) = lines.next() else {
            break;
        };
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

    /// RDATE/EXDATE lines read straight from the text ([`list_line`]) give what the
    /// line-by-line reading gives: a lower-case name takes the line-by-line reading.
    #[test]
    fn list_lines_read_from_the_text_read_as_line_by_line() {
        let dtstart = "DTSTART;TZID=America/New_York:20260105T100000";
        let bodies = [
            "RDATE;TZID=America/New_York:20260110T110000,20260113T110000",
            "RDATE:20260110T110000Z,20260113T110000Z",
            "RDATE:20260110T110000,20260113T110000",
            "RDATE;TZID=America/New_York:20260110T110000Z",
            "RDATE;TZID=Europe/Berlin:20260110T110000\nEXDATE;TZID=America/New_York:20260105T100000",
            "RDATE;TZID=America/New_York:20260110T110000,\n 20260113T110000",
            "RDATE;TZID=America/New_York:20260110T110000\n ,20260113T110000",
            "RDATE;TZID=America/New_York:20260110T110000\r\nEXDATE;TZID=America/New_York:20260105T100000\r\n",
            "RDATE;TZID=America/New_York:20260110T110000\r\n\tZ",
            "RDATE;TZID=America/New_York:20260110T110000,",
            "RDATE;TZID=America/New_York:20260110T110000 ",
            "RDATE;TZID=America/New_York:20260110T110000\r",
            "RDATE;TZID=America/New_York: 20260110T110000",
            "RDATE;TZID=America/New_York:20260110T110000,20260110,20260113T110000",
            "RDATE;VALUE=DATE:20260110,20260113",
            "RDATE;VALUE=DATE-TIME;TZID=America/New_York:20260110T110000",
            "RDATE;TZID=America/Nowhere:20260110T110000",
            "RDATE;TZID:20260110T110000",
            "RDATE;TZID=America/\n New_York:20260110T110000",
            "RDATE\n:20260110T110000",
            "RDATE;TZID=America/New_York:20260230T110000",
            "RDATE;TZID=America/New_York:20260110T250000",
            "RDATE;TZID=America/New_York:2026011OT110000",
            "EXDATE;TZID=America/New_York:20260105T100000,20260107T100000\nRRULE:FREQ=WEEKLY",
            "RDATE:20260110T110000z\n",
            "RDATE:",
            "RDATE:\n",
        ];
        for body in bodies {
            for text in [
                format!("{dtstart}\n{body}"),
                format!("{dtstart}\n{body}\n"),
                format!("{body}\n{dtstart}"),
                format!("{dtstart}\n{body}\nRRULE:FREQ=DAILY;COUNT=3"),
            ] {
                let lower = text.replace("RDATE", "rdate").replace("EXDATE", "exdate");
                // (An error quoting the line quotes the name as written.)
                let fast = properties(&text).map_err(|e| e.to_string().to_lowercase());
                let by_line = properties(&lower).map_err(|e| e.to_string().to_lowercase());
                assert_eq!(fast, by_line, "{text:?}");
            }
        }
    }

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
