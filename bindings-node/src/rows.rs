//! An availability answer's rows as answers.js reads them to make slot objects: the
//! columns of the core's answer, with each instant written once as text (`text`)
//! and each row pointing at its start and end in that table.

use napi::bindgen_prelude::{ToNapiValue, TypeName};
use napi::{sys, ValueType};
use slotwise::time::Instant;
use slotwise::SlotColumns;

use crate::text::InstantTexts;
use crate::typed::{rows_object, Column};

/// What answers.js's `slotsFromColumns` reads: row `i` is the slot of
/// `ids[schedule[i]]` from `texts[startAt[i]]` to `texts[endAt[i]]`; `{ids, texts,
/// schedule, startAt, endAt, capacity, booked, remaining, length}` in JavaScript.
pub struct SlotRows {
    ids: Vec<String>,
    /// Every instant the slots start or end at, once each, in order.
    texts: InstantTexts,
    schedule: Vec<u32>,
    start_at: Vec<u32>,
    end_at: Vec<u32>,
    capacity: Vec<u32>,
    booked: Vec<u32>,
    remaining: Vec<u32>,
}

impl From<SlotColumns> for SlotRows {
    fn from(columns: SlotColumns) -> SlotRows {
        let table = instant_table(&columns.start, &columns.end);
        let (start_at, end_at) = positions(&table, &columns.start, &columns.end);
        SlotRows {
            texts: InstantTexts::of(table),
            ids: columns.ids,
            schedule: columns.schedule,
            start_at,
            end_at,
            capacity: columns.capacity,
            booked: columns.booked,
            remaining: columns.remaining,
        }
    }
}

impl ToNapiValue for SlotRows {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        let texts = unsafe { InstantTexts::to_napi_value(env, val.texts) }?;
        let columns = vec![
            (c"schedule", Column::U32(val.schedule)),
            (c"startAt", Column::U32(val.start_at)),
            (c"endAt", Column::U32(val.end_at)),
            (c"capacity", Column::U32(val.capacity)),
            (c"booked", Column::U32(val.booked)),
            (c"remaining", Column::U32(val.remaining)),
        ];
        unsafe { rows_object(env, val.ids, &[(c"texts", texts)], columns) }
    }
}

impl TypeName for SlotRows {
    fn type_name() -> &'static str {
        "SlotRows"
    }

    fn value_type() -> ValueType {
        ValueType::Object
    }
}

/// Every instant of `starts` and `ends` once, in order.
fn instant_table(starts: &[Instant], ends: &[Instant]) -> Vec<Instant> {
    let starts = seen_once(starts);
    let ends = seen_once(ends);
    let mut table = Vec::with_capacity(starts.len() + ends.len());
    let (mut a, mut b) = (starts.iter().peekable(), ends.iter().peekable());
    while let (Some(&&x), Some(&&y)) = (a.peek(), b.peek()) {
        table.push(x.min(y));
        if x <= y {
            a.next();
        }
        if y <= x {
            b.next();
        }
    }
    table.extend(a.chain(b));
    table
}

/// The instants of `v` once each, in order. Answers come ordered by start and rows
/// of one start mostly share a few ends, so a value seen among the last few is
/// skipped before sorting what is left.
fn seen_once(v: &[Instant]) -> Vec<Instant> {
    let mut recent = [Instant::MIN; 8];
    let mut next = 0;
    let mut out = Vec::new();
    for &t in v {
        if !recent.contains(&t) {
            recent[next] = t;
            next = (next + 1) % recent.len();
            out.push(t);
        }
    }
    if !out.is_sorted() {
        out.sort_unstable();
    }
    out.dedup();
    out
}

/// The position in `table` of each row's start and end. Starts are found from the
/// previous row's, ends from their own start (a slot ends after it starts), each by
/// galloping: a few comparisons when they are near.
fn positions(table: &[Instant], starts: &[Instant], ends: &[Instant]) -> (Vec<u32>, Vec<u32>) {
    let mut start_at = Vec::with_capacity(starts.len());
    let mut end_at = Vec::with_capacity(ends.len());
    let mut at = 0;
    for (&s, &e) in starts.iter().zip(ends) {
        at = find(table, at, s);
        start_at.push(at as u32);
        end_at.push(find(table, at, e) as u32);
    }
    (start_at, end_at)
}

/// The position of `t` in the ordered `table` that holds it, searched from `from`.
fn find(table: &[Instant], from: usize, t: Instant) -> usize {
    match table.get(from) {
        Some(&x) if x == t => from,
        Some(&x) if x < t => {
            let mut lo = from + 1;
            let mut step = 1;
            loop {
                let hi = lo.saturating_add(step).min(table.len());
                if hi == table.len() || table[hi - 1] >= t {
                    return lo + table[lo..hi].partition_point(|&x| x < t);
                }
                lo = hi;
                step *= 2;
            }
        }
        _ => table[..from.min(table.len())].partition_point(|&x| x < t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows with starts in order and ends a few durations later, checked against a
    /// table built by sorting everything.
    #[test]
    fn every_start_and_end_points_at_its_instant() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut rand = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n) as i64
        };
        for rows in [0usize, 1, 2, 50, 3_000] {
            let mut starts: Vec<Instant> = (0..rows).map(|_| rand(5_000) * 60).collect();
            starts.sort_unstable();
            let ends: Vec<Instant> = starts.iter().map(|s| s + 60 * (1 + rand(200))).collect();
            let table = instant_table(&starts, &ends);
            let mut want: Vec<Instant> = starts.iter().chain(&ends).copied().collect();
            want.sort_unstable();
            want.dedup();
            assert_eq!(table, want, "{rows} rows");
            let (start_at, end_at) = positions(&table, &starts, &ends);
            for i in 0..rows {
                assert_eq!(table[start_at[i] as usize], starts[i]);
                assert_eq!(table[end_at[i] as usize], ends[i]);
            }
        }
    }

    #[test]
    fn starts_out_of_order_are_found_too() {
        let starts = [50, 10, 30, 10, 70];
        let ends = [60, 20, 40, 90, 80];
        let table = instant_table(&starts, &ends);
        assert_eq!(table, [10, 20, 30, 40, 50, 60, 70, 80, 90]);
        let (start_at, end_at) = positions(&table, &starts, &ends);
        assert_eq!(start_at, [4, 0, 2, 0, 6]);
        assert_eq!(end_at, [5, 1, 3, 8, 7]);
    }
}
