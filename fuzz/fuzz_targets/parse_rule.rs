//! The iCalendar/RRULE parser: any text parses or fails with an error, and a parsed
//! set survives `to_ical` -> `parse` unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use slotwise::RecurrenceSet;

fuzz_target!(|text: &str| {
    let Ok(set) = RecurrenceSet::parse(text) else {
        return;
    };
    let ical = set.to_ical();
    let again = RecurrenceSet::parse(&ical)
        .unwrap_or_else(|e| panic!("to_ical gave text that does not parse: {e}\n{ical}"));
    assert_eq!(set, again, "{ical}");
    assert_eq!(ical, again.to_ical());
});
