//! Instants as RFC 3339 UTC text, many at once: the 20 bytes of each
//! `YYYY-MM-DDTHH:MM:SSZ`, back to back, cross into JavaScript as one byte array,
//! which the package decodes a few thousand at a time and cuts into strings (each a
//! slice of its decoded chunk). Built here with integer date arithmetic and a day
//! cache; making each string in JavaScript from epoch milliseconds cost more.

use slotwise::calendar::civil_from_days;
use slotwise::time::Instant;

const DAY: i64 = 86_400;

/// `value % 100` as two ASCII digits (division by constants: no table, no bounds
/// check).
fn pair(value: u32) -> [u8; 2] {
    let value = value % 100;
    [b'0' + (value / 10) as u8, b'0' + (value % 10) as u8]
}

/// `YYYY-MM-DDT` of a day number, or `None` outside the years 0001-9999.
fn date(days: i64) -> Option<[u8; 11]> {
    let (y, m, d) = civil_from_days(days);
    let y = u32::try_from(y).ok().filter(|y| (1..=9_999).contains(y))?;
    let [y0, y1] = pair(y / 100);
    let [y2, y3] = pair(y);
    let [m0, m1] = pair(m);
    let [d0, d1] = pair(d);
    Some([y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1, b'T'])
}

/// Writes instants, remembering the date part of the last day written (answers
/// come in order, often many on one day).
#[derive(Default)]
struct Writer {
    day: Option<(i64, [u8; 11])>,
}

impl Writer {
    /// The 20 bytes of `t`'s RFC 3339 UTC text; `None` outside the years 0001-9999.
    fn text(&mut self, t: Instant) -> Option<[u8; WIDTH]> {
        let days = t.div_euclid(DAY);
        let date = match self.day {
            Some((d, text)) if d == days => text,
            _ => date(days)?,
        };
        let secs = u32::try_from(t.rem_euclid(DAY)).ok()?;
        self.day = Some((days, date));
        let [h0, h1] = pair(secs / 3_600);
        let [m0, m1] = pair(secs / 60 % 60);
        let [s0, s1] = pair(secs % 60);
        let [a, b, c, d, e, f, g, h, i, j, k] = date;
        Some([
            a, b, c, d, e, f, g, h, i, j, k, h0, h1, b':', m0, m1, b':', s0, s1, b'Z',
        ])
    }
}

/// The instants' RFC 3339 UTC texts, 20 bytes each, back to back (the package
/// cuts them apart); `None` if one lies outside the years 0001-9999 (an expansion
/// never has one: its window lies within them).
pub fn fixed_width(instants: &[Instant]) -> Option<Vec<u8>> {
    let mut out = vec![0; instants.len() * WIDTH];
    let mut writer = Writer::default();
    for (slot, &t) in out.chunks_exact_mut(WIDTH).zip(instants) {
        slot.copy_from_slice(&writer.text(t)?);
    }
    Some(out)
}

/// Bytes of one instant's text.
pub const WIDTH: usize = 20;

#[cfg(test)]
mod tests {
    use super::*;
    use slotwise::time::format_instant;

    #[test]
    fn agrees_with_the_core_over_the_years() {
        let mut t = slotwise::time::parse_instant("0001-01-01T00:00:00Z").unwrap_or(0);
        let end = slotwise::time::parse_instant("9999-12-31T23:59:59Z").unwrap_or(0);
        // A prime step visits every time of day and every kind of date.
        let mut all = Vec::new();
        while t <= end {
            all.push(t);
            t += 86_400 * 3 + 3_607;
        }
        let text = fixed_width(&all).unwrap_or_default();
        assert_eq!(text.len(), all.len() * WIDTH);
        for (bytes, &t) in text.chunks(WIDTH).zip(&all) {
            assert_eq!(std::str::from_utf8(bytes).ok(), Some(&*format_instant(t)));
        }
        assert_eq!(
            fixed_width(&[0, 86_399, 86_400]).unwrap_or_default(),
            b"1970-01-01T00:00:00Z1970-01-01T23:59:59Z1970-01-02T00:00:00Z"
        );
        assert_eq!(fixed_width(&[]), Some(Vec::new()));
        // Outside the years 0001-9999: none.
        assert_eq!(fixed_width(&[0, 253_402_300_800]), None);
        assert_eq!(fixed_width(&[-62_135_596_801]), None);
    }
}
