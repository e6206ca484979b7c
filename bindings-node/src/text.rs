//! Instants as RFC 3339 UTC text (`2026-03-02T12:00:00Z`), written here into one
//! Latin-1 string of fixed-width entries that answers.js cuts into strings.
//!
//! A slice of a JavaScript string is one small allocation in the JavaScript engine,
//! so n instants cost one napi call and n slices, instead of n napi strings or n
//! strings formatted in JavaScript (`expand` of 10,958 instants: 0.1 ms of slicing).

use std::ptr;

use napi::bindgen_prelude::{ToNapiValue, TypeName};
use napi::{check_status, sys, ValueType};
use slotwise::time::{format_instant, Instant, MAX_INSTANT, MIN_INSTANT};

/// The length of an instant's text in the years 0001 to 9999.
pub const WIDTH: usize = 20;

/// Past this many bytes one string is not made (the JavaScript engine's strings stop
/// at 2^29 characters): the instants go as one string each.
const MAX_PACKED: usize = 1 << 28;

/// Instants as text, ready for JavaScript: one string of `WIDTH`-character entries
/// in order, or (for an instant outside the years 0001 to 9999, whose text is wider,
/// or more text than one string holds) an array of strings.
pub enum InstantTexts {
    /// Written when handed over, in a buffer kept for the next answer.
    Packed(Vec<Instant>),
    Each(Vec<String>),
}

impl InstantTexts {
    /// The texts of `instants`, in their order.
    pub fn of(instants: Vec<Instant>) -> InstantTexts {
        let fits = instants
            .len()
            .checked_mul(WIDTH)
            .is_some_and(|n| n <= MAX_PACKED);
        if fits
            && instants
                .iter()
                .all(|t| (MIN_INSTANT..MAX_INSTANT).contains(t))
        {
            InstantTexts::Packed(instants)
        } else {
            InstantTexts::Each(instants.iter().map(|&t| format_instant(t)).collect())
        }
    }
}

/// `instants` (in the years 0001 to 9999) written into `out`, `WIDTH` bytes each.
fn write_packed(instants: &[Instant], out: &mut Vec<u8>) {
    out.clear();
    out.resize(instants.len() * WIDTH, 0);
    let mut day = Day::default();
    for (&t, entry) in instants.iter().zip(out.chunks_exact_mut(WIDTH)) {
        day.write(t, entry);
    }
}

/// Up to this many bytes, the text is written in a buffer each thread keeps (the
/// JavaScript engine copies it): no fresh memory for every answer.
const KEPT: usize = 1 << 20;

thread_local! {
    static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Two-digit numbers `00` to `99`.
const TWO: [[u8; 2]; 100] = {
    let mut t = [[0u8; 2]; 100];
    let mut i = 0;
    while i < 100 {
        t[i] = [b'0' + (i / 10) as u8, b'0' + (i % 10) as u8];
        i += 1;
    }
    t
};

/// The date part of the last day written (answers come in order, many on one day
/// or on the next one).
#[derive(Default)]
struct Day {
    number: Option<i64>,
    /// Day of the month of `number`.
    of_month: usize,
    text: [u8; 11],
}

impl Day {
    /// Write instant `t` (in the years 0001 to 9999) into `out` (`WIDTH` bytes).
    fn write(&mut self, t: Instant, out: &mut [u8]) {
        let days = t.div_euclid(86_400);
        let rest = t.rem_euclid(86_400) as usize;
        if self.number != Some(days) {
            // The next day of the month, up to the 28th, only changes its digits.
            if self.number == Some(days - 1) && self.of_month < 28 {
                self.of_month += 1;
                self.text[8..10].copy_from_slice(&TWO[self.of_month]);
            } else {
                (self.text, self.of_month) = date_text(days);
            }
            self.number = Some(days);
        }
        out[..11].copy_from_slice(&self.text);
        out[11..13].copy_from_slice(&TWO[rest / 3600]);
        out[13] = b':';
        out[14..16].copy_from_slice(&TWO[rest / 60 % 60]);
        out[16] = b':';
        out[17..19].copy_from_slice(&TWO[rest % 60]);
        out[19] = b'Z';
    }
}

/// `YYYY-MM-DDT` of a day number (days since 1970-01-01, proleptic Gregorian;
/// H. Hinnant's `civil_from_days`), for the years 0001 to 9999, and its day of the
/// month.
fn date_text(days: i64) -> ([u8; 11], usize) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as usize;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as usize;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as usize;
    let mut out = [0u8; 11];
    out[..2].copy_from_slice(&TWO[y / 100]);
    out[2..4].copy_from_slice(&TWO[y % 100]);
    out[4] = b'-';
    out[5..7].copy_from_slice(&TWO[m]);
    out[7] = b'-';
    out[8..10].copy_from_slice(&TWO[d]);
    out[10] = b'T';
    (out, d)
}

impl ToNapiValue for InstantTexts {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        match val {
            InstantTexts::Packed(instants) => {
                let make = |bytes: &[u8]| -> napi::Result<sys::napi_value> {
                    let mut out = ptr::null_mut();
                    // SAFETY: `bytes` is live for the call (the engine copies it); its
                    // length is at most MAX_PACKED.
                    check_status!(unsafe {
                        sys::napi_create_string_latin1(
                            env,
                            bytes.as_ptr().cast(),
                            bytes.len() as isize,
                            &mut out,
                        )
                    })?;
                    Ok(out)
                };
                if instants.len() * WIDTH <= KEPT {
                    SCRATCH.with_borrow_mut(|scratch| {
                        write_packed(&instants, scratch);
                        make(scratch)
                    })
                } else {
                    let mut bytes = Vec::new();
                    write_packed(&instants, &mut bytes);
                    make(&bytes)
                }
            }
            InstantTexts::Each(texts) => unsafe { Vec::<String>::to_napi_value(env, texts) },
        }
    }
}

impl TypeName for InstantTexts {
    fn type_name() -> &'static str {
        "string | string[]"
    }

    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(instants: &[Instant]) -> Vec<String> {
        match InstantTexts::of(instants.to_vec()) {
            InstantTexts::Packed(instants) => {
                let mut bytes = Vec::new();
                write_packed(&instants, &mut bytes);
                bytes
                    .chunks(WIDTH)
                    .map(|c| String::from_utf8(c.to_vec()).unwrap())
                    .collect()
            }
            InstantTexts::Each(texts) => texts,
        }
    }

    #[test]
    fn days_of_the_years_0001_to_9999_are_written_as_the_engine_writes_them() {
        // Every 37th day (each month and leap day of many years) at a second that
        // walks through the day, the first and last days of the range too.
        let first = MIN_INSTANT / 86_400;
        let last = MAX_INSTANT / 86_400 - 1;
        let instants: Vec<Instant> = (first..=last)
            .step_by(37)
            .chain(first..first + 400)
            .chain(last - 400..=last)
            // Day after day through 2000's February 29 and 2100's missing one.
            .chain(10_900..11_100)
            .chain(47_400..47_600)
            .map(|d| d * 86_400 + (d * 7919).rem_euclid(86_400))
            .chain([
                MIN_INSTANT,
                MAX_INSTANT - 1,
                0,
                -1,
                951_782_400,
                1_709_251_199,
            ])
            .collect();
        let ours = texts(&instants);
        assert!(matches!(
            InstantTexts::of(instants.clone()),
            InstantTexts::Packed(_)
        ));
        for (t, text) in instants.iter().zip(&ours) {
            assert_eq!(text, &format_instant(*t), "instant {t}");
        }
    }

    #[test]
    fn an_instant_past_the_year_9999_makes_one_string_each() {
        let instants = [0, MAX_INSTANT, MIN_INSTANT - 1];
        assert!(matches!(
            InstantTexts::of(instants.to_vec()),
            InstantTexts::Each(_)
        ));
        let want: Vec<String> = instants.iter().map(|&t| format_instant(t)).collect();
        assert_eq!(texts(&instants), want);
    }

    #[test]
    fn no_instant_is_an_empty_string() {
        assert!(
            matches!(InstantTexts::of(Vec::new()), InstantTexts::Packed(ref b) if b.is_empty())
        );
        assert!(texts(&[]).is_empty());
    }
}
