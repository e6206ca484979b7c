//! Every example of RFC 5545 section 3.8.5.3 ("Recurrence Rule" examples), with the
//! RFC's DTSTART in America/New_York and the instants the RFC lists (local New York
//! times, converted to UTC with the offset in force on each date). "Forever" rules
//! are checked over a window that covers at least the instants the RFC prints.
//!
//! Then our parsing rules (docs/semantics.md): forbidden combinations are `invalid_rule` with a
//! message naming the part, and the iCalendar forms (folding, CRLF, several RRULEs,
//! RDATE/EXDATE lists, VALUE=DATE, DTSTART handling).

mod common;

use common::*;
use slotwise::{ErrorCode, Limits, RecurrenceSet};

/// One RFC example: the iCalendar text, a query window and the expected instants.
struct Case {
    name: &'static str,
    ical: String,
    from: i64,
    to: i64,
    expected: Vec<i64>,
}

const NY: &str = "DTSTART;TZID=America/New_York:";

/// A case whose rule is bounded (COUNT or UNTIL): queried over 1990..2030, so the
/// expected list is the whole recurrence set.
fn bounded(name: &'static str, dtstart: &str, rrule: &str, expected: Vec<i64>) -> Case {
    Case {
        name,
        ical: format!("{NY}{dtstart}\nRRULE:{rrule}"),
        from: utc("1990-01-01T00:00:00Z"),
        to: utc("2030-01-01T00:00:00Z"),
        expected,
    }
}

/// A case whose rule is unbounded: queried from 1990 up to `to` (UTC).
fn forever(name: &'static str, dtstart: &str, rrule: &str, to: &str, expected: Vec<i64>) -> Case {
    Case {
        name,
        ical: format!("{NY}{dtstart}\nRRULE:{rrule}"),
        from: utc("1990-01-01T00:00:00Z"),
        to: utc(to),
        expected,
    }
}

fn cat(parts: Vec<Vec<i64>>) -> Vec<i64> {
    parts.into_iter().flatten().collect()
}

/// Expands a case through `slotwise::expand`, through `RecurrenceSet::between`, and
/// with a `limit` (a prefix), and checks all of them.
fn run(case: Case) {
    let actual = expand_ok(&case.ical, case.from, case.to, None);
    assert_instants(
        &format!("{}\n{}", case.name, case.ical),
        &actual,
        &case.expected,
    );
    let set = parse_ok(&case.ical);
    let via_set = between_ok(&set, case.from, case.to, None);
    assert_instants(
        &format!("{} (between)", case.name),
        &via_set,
        &case.expected,
    );
    let n = case.expected.len() / 2;
    let limited = expand_ok(&case.ical, case.from, case.to, Some(n));
    assert_instants(
        &format!("{} (limit {n})", case.name),
        &limited,
        &case.expected[..n],
    );
}

// ---------------------------------------------------------------------------------
// The RFC's examples, in the RFC's order.
// ---------------------------------------------------------------------------------

fn daily_10() -> Case {
    // ==> (1997 9:00 AM EDT) September 2-11
    bounded(
        "Daily for 10 occurrences",
        "19970902T090000",
        "FREQ=DAILY;COUNT=10",
        ny_range("1997-09-02", "1997-09-11", 1, "09:00"),
    )
}

fn daily_until_dec_24() -> Case {
    // ==> (1997 9:00 AM EDT) September 2-30;October 1-25
    //     (1997 9:00 AM EST) October 26-31;November 1-30;December 1-23
    bounded(
        "Daily until December 24, 1997",
        "19970902T090000",
        "FREQ=DAILY;UNTIL=19971224T000000Z",
        ny_range("1997-09-02", "1997-12-23", 1, "09:00"),
    )
}

fn every_other_day() -> Case {
    // ==> (1997 9:00 AM EDT) September 2,4,6,8...24,26,28,30;October 2,4,6...20,22,24
    //     (1997 9:00 AM EST) October 26,28,30;November 1,3,5,7...25,27,29;December 1,3,...
    forever(
        "Every other day - forever",
        "19970902T090000",
        "FREQ=DAILY;INTERVAL=2",
        "1998-01-01T00:00:00Z",
        ny_range("1997-09-02", "1997-12-31", 2, "09:00"),
    )
}

fn every_10_days_5() -> Case {
    // ==> (1997 9:00 AM EDT) September 2,12,22;October 2,12
    bounded(
        "Every 10 days, 5 occurrences",
        "19970902T090000",
        "FREQ=DAILY;INTERVAL=10;COUNT=5",
        ny_days(
            "09:00",
            &[
                "1997-09-02",
                "1997-09-12",
                "1997-09-22",
                "1997-10-02",
                "1997-10-12",
            ],
        ),
    )
}

fn january_3_years() -> Vec<i64> {
    // ==> (1998 9:00 AM EST)January 1-31
    //     (1999 9:00 AM EST)January 1-31
    //     (2000 9:00 AM EST)January 1-31
    cat(vec![
        ny_range("1998-01-01", "1998-01-31", 1, "09:00"),
        ny_range("1999-01-01", "1999-01-31", 1, "09:00"),
        ny_range("2000-01-01", "2000-01-31", 1, "09:00"),
    ])
}

fn every_day_in_january_yearly() -> Case {
    bounded(
        "Every day in January, for 3 years (YEARLY form)",
        "19980101T090000",
        "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA",
        january_3_years(),
    )
}

fn every_day_in_january_daily() -> Case {
    bounded(
        "Every day in January, for 3 years (DAILY form)",
        "19980101T090000",
        "FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1",
        january_3_years(),
    )
}

fn weekly_10() -> Case {
    // ==> (1997 9:00 AM EDT) September 2,9,16,23,30;October 7,14,21
    //     (1997 9:00 AM EST) October 28;November 4
    bounded(
        "Weekly for 10 occurrences",
        "19970902T090000",
        "FREQ=WEEKLY;COUNT=10",
        ny_range("1997-09-02", "1997-11-04", 7, "09:00"),
    )
}

fn weekly_until_dec_24() -> Case {
    // ==> (1997 9:00 AM EDT) September 2,9,16,23,30;October 7,14,21
    //     (1997 9:00 AM EST) October 28;November 4,11,18,25;December 2,9,16,23
    bounded(
        "Weekly until December 24, 1997",
        "19970902T090000",
        "FREQ=WEEKLY;UNTIL=19971224T000000Z",
        ny_range("1997-09-02", "1997-12-23", 7, "09:00"),
    )
}

fn every_other_week_forever() -> Case {
    // ==> (1997 9:00 AM EDT) September 2,16,30;October 14
    //     (1997 9:00 AM EST) October 28;November 11,25;December 9,23
    //     (1998 9:00 AM EST) January 6,20;February 3,17
    forever(
        "Every other week - forever",
        "19970902T090000",
        "FREQ=WEEKLY;INTERVAL=2;WKST=SU",
        "1998-03-01T00:00:00Z",
        ny_days(
            "09:00",
            &[
                "1997-09-02",
                "1997-09-16",
                "1997-09-30",
                "1997-10-14",
                "1997-10-28",
                "1997-11-11",
                "1997-11-25",
                "1997-12-09",
                "1997-12-23",
                "1998-01-06",
                "1998-01-20",
                "1998-02-03",
                "1998-02-17",
            ],
        ),
    )
}

fn tue_thu_five_weeks() -> Vec<i64> {
    // ==> (1997 9:00 AM EDT) September 2,4,9,11,16,18,23,25,30;October 2
    ny_days(
        "09:00",
        &[
            "1997-09-02",
            "1997-09-04",
            "1997-09-09",
            "1997-09-11",
            "1997-09-16",
            "1997-09-18",
            "1997-09-23",
            "1997-09-25",
            "1997-09-30",
            "1997-10-02",
        ],
    )
}

fn weekly_tu_th_until() -> Case {
    bounded(
        "Weekly on Tuesday and Thursday for five weeks (UNTIL form)",
        "19970902T090000",
        "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH",
        tue_thu_five_weeks(),
    )
}

fn weekly_tu_th_count() -> Case {
    bounded(
        "Weekly on Tuesday and Thursday for five weeks (COUNT form)",
        "19970902T090000",
        "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH",
        tue_thu_five_weeks(),
    )
}

fn every_other_week_mo_we_fr() -> Case {
    // ==> (1997 9:00 AM EDT) September 1,3,5,15,17,19,29;October 1,3,13,15,17
    //     (1997 9:00 AM EST) October 27,29,31;November 10,12,14,24,26,28;
    //                        December 8,10,12,22
    bounded(
        "Every other week on Monday, Wednesday, and Friday until December 24, 1997",
        "19970901T090000",
        "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR",
        ny_days(
            "09:00",
            &[
                "1997-09-01",
                "1997-09-03",
                "1997-09-05",
                "1997-09-15",
                "1997-09-17",
                "1997-09-19",
                "1997-09-29",
                "1997-10-01",
                "1997-10-03",
                "1997-10-13",
                "1997-10-15",
                "1997-10-17",
                "1997-10-27",
                "1997-10-29",
                "1997-10-31",
                "1997-11-10",
                "1997-11-12",
                "1997-11-14",
                "1997-11-24",
                "1997-11-26",
                "1997-11-28",
                "1997-12-08",
                "1997-12-10",
                "1997-12-12",
                "1997-12-22",
            ],
        ),
    )
}

fn every_other_week_tu_th_8() -> Case {
    // ==> (1997 9:00 AM EDT) September 2,4,16,18,30;October 2,14,16
    bounded(
        "Every other week on Tuesday and Thursday, for 8 occurrences",
        "19970902T090000",
        "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH",
        ny_days(
            "09:00",
            &[
                "1997-09-02",
                "1997-09-04",
                "1997-09-16",
                "1997-09-18",
                "1997-09-30",
                "1997-10-02",
                "1997-10-14",
                "1997-10-16",
            ],
        ),
    )
}

fn monthly_first_friday_10() -> Case {
    // ==> (1997 9:00 AM EDT) September 5;October 3
    //     (1997 9:00 AM EST) November 7;December 5
    //     (1998 9:00 AM EST) January 2;February 6;March 6;April 3
    //     (1998 9:00 AM EDT) May 1;June 5
    bounded(
        "Monthly on the first Friday for 10 occurrences",
        "19970905T090000",
        "FREQ=MONTHLY;COUNT=10;BYDAY=1FR",
        ny_days(
            "09:00",
            &[
                "1997-09-05",
                "1997-10-03",
                "1997-11-07",
                "1997-12-05",
                "1998-01-02",
                "1998-02-06",
                "1998-03-06",
                "1998-04-03",
                "1998-05-01",
                "1998-06-05",
            ],
        ),
    )
}

fn monthly_first_friday_until() -> Case {
    // ==> (1997 9:00 AM EDT) September 5; October 3
    //     (1997 9:00 AM EST) November 7; December 5
    bounded(
        "Monthly on the first Friday until December 24, 1997",
        "19970905T090000",
        "FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR",
        ny_days(
            "09:00",
            &["1997-09-05", "1997-10-03", "1997-11-07", "1997-12-05"],
        ),
    )
}

fn every_other_month_first_last_sunday() -> Case {
    // ==> (1997 9:00 AM EDT) September 7,28
    //     (1997 9:00 AM EST) November 2,30
    //     (1998 9:00 AM EST) January 4,25;March 1,29
    //     (1998 9:00 AM EDT) May 3,31
    bounded(
        "Every other month on the first and last Sunday of the month for 10 occurrences",
        "19970907T090000",
        "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU",
        ny_days(
            "09:00",
            &[
                "1997-09-07",
                "1997-09-28",
                "1997-11-02",
                "1997-11-30",
                "1998-01-04",
                "1998-01-25",
                "1998-03-01",
                "1998-03-29",
                "1998-05-03",
                "1998-05-31",
            ],
        ),
    )
}

fn monthly_second_to_last_monday() -> Case {
    // ==> (1997 9:00 AM EDT) September 22;October 20
    //     (1997 9:00 AM EST) November 17;December 22
    //     (1998 9:00 AM EST) January 19;February 16
    bounded(
        "Monthly on the second-to-last Monday of the month for 6 months",
        "19970922T090000",
        "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO",
        ny_days(
            "09:00",
            &[
                "1997-09-22",
                "1997-10-20",
                "1997-11-17",
                "1997-12-22",
                "1998-01-19",
                "1998-02-16",
            ],
        ),
    )
}

fn monthly_third_to_last_day() -> Case {
    // ==> (1997 9:00 AM EDT) September 28
    //     (1997 9:00 AM EST) October 29;November 28;December 29
    //     (1998 9:00 AM EST) January 29;February 26
    //     ... (continued through June 1998)
    forever(
        "Monthly on the third-to-the-last day of the month, forever",
        "19970928T090000",
        "FREQ=MONTHLY;BYMONTHDAY=-3",
        "1998-07-01T00:00:00Z",
        ny_days(
            "09:00",
            &[
                "1997-09-28",
                "1997-10-29",
                "1997-11-28",
                "1997-12-29",
                "1998-01-29",
                "1998-02-26",
                "1998-03-29",
                "1998-04-28",
                "1998-05-29",
                "1998-06-28",
            ],
        ),
    )
}

fn monthly_2nd_and_15th() -> Case {
    // ==> (1997 9:00 AM EDT) September 2,15;October 2,15
    //     (1997 9:00 AM EST) November 2,15;December 2,15
    //     (1998 9:00 AM EST) January 2,15
    bounded(
        "Monthly on the 2nd and 15th of the month for 10 occurrences",
        "19970902T090000",
        "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15",
        ny_days(
            "09:00",
            &[
                "1997-09-02",
                "1997-09-15",
                "1997-10-02",
                "1997-10-15",
                "1997-11-02",
                "1997-11-15",
                "1997-12-02",
                "1997-12-15",
                "1998-01-02",
                "1998-01-15",
            ],
        ),
    )
}

fn monthly_first_and_last_day() -> Case {
    // ==> (1997 9:00 AM EDT) September 30;October 1
    //     (1997 9:00 AM EST) October 31;November 1,30;December 1,31
    //     (1998 9:00 AM EST) January 1,31;February 1
    bounded(
        "Monthly on the first and last day of the month for 10 occurrences",
        "19970930T090000",
        "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1",
        ny_days(
            "09:00",
            &[
                "1997-09-30",
                "1997-10-01",
                "1997-10-31",
                "1997-11-01",
                "1997-11-30",
                "1997-12-01",
                "1997-12-31",
                "1998-01-01",
                "1998-01-31",
                "1998-02-01",
            ],
        ),
    )
}

fn every_18_months_10th_to_15th() -> Case {
    // ==> (1997 9:00 AM EDT) September 10,11,12,13,14,15
    //     (1999 9:00 AM EST) March 10,11,12,13
    bounded(
        "Every 18 months on the 10th thru 15th of the month for 10 occurrences",
        "19970910T090000",
        "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15",
        cat(vec![
            ny_range("1997-09-10", "1997-09-15", 1, "09:00"),
            ny_range("1999-03-10", "1999-03-13", 1, "09:00"),
        ]),
    )
}

fn every_tuesday_every_other_month() -> Case {
    // ==> (1997 9:00 AM EDT) September 2,9,16,23,30
    //     (1997 9:00 AM EST) November 4,11,18,25
    //     (1998 9:00 AM EST) January 6,13,20,27;March 3,10,17,24,31
    forever(
        "Every Tuesday, every other month",
        "19970902T090000",
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU",
        "1998-04-01T00:00:00Z",
        cat(vec![
            ny_range("1997-09-02", "1997-09-30", 7, "09:00"),
            ny_range("1997-11-04", "1997-11-25", 7, "09:00"),
            ny_range("1998-01-06", "1998-01-27", 7, "09:00"),
            ny_range("1998-03-03", "1998-03-31", 7, "09:00"),
        ]),
    )
}

fn yearly_june_july_10() -> Case {
    // ==> (1997 9:00 AM EDT) June 10;July 10 ... (2001 9:00 AM EDT) June 10;July 10
    let mut dates = Vec::new();
    for y in 1997..=2001 {
        dates.push(format!("{y}-06-10"));
        dates.push(format!("{y}-07-10"));
    }
    let refs: Vec<&str> = dates.iter().map(String::as_str).collect();
    bounded(
        "Yearly in June and July for 10 occurrences",
        "19970610T090000",
        "FREQ=YEARLY;COUNT=10;BYMONTH=6,7",
        ny_days("09:00", &refs),
    )
}

fn every_other_year_jan_feb_mar() -> Case {
    // ==> (1997 9:00 AM EST) March 10
    //     (1999 9:00 AM EST) January 10;February 10;March 10
    //     (2001 9:00 AM EST) January 10;February 10;March 10
    //     (2003 9:00 AM EST) January 10;February 10;March 10
    bounded(
        "Every other year on January, February, and March for 10 occurrences",
        "19970310T090000",
        "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3",
        ny_days(
            "09:00",
            &[
                "1997-03-10",
                "1999-01-10",
                "1999-02-10",
                "1999-03-10",
                "2001-01-10",
                "2001-02-10",
                "2001-03-10",
                "2003-01-10",
                "2003-02-10",
                "2003-03-10",
            ],
        ),
    )
}

fn every_third_year_day_1_100_200() -> Case {
    // ==> (1997 9:00 AM EST) January 1
    //     (1997 9:00 AM EDT) April 10;July 19
    //     (2000 9:00 AM EST) January 1
    //     (2000 9:00 AM EDT) April 9;July 18
    //     (2003 9:00 AM EST) January 1
    //     (2003 9:00 AM EDT) April 10;July 19
    //     (2006 9:00 AM EST) January 1
    bounded(
        "Every third year on the 1st, 100th, and 200th day for 10 occurrences",
        "19970101T090000",
        "FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200",
        ny_days(
            "09:00",
            &[
                "1997-01-01",
                "1997-04-10",
                "1997-07-19",
                "2000-01-01",
                "2000-04-09",
                "2000-07-18",
                "2003-01-01",
                "2003-04-10",
                "2003-07-19",
                "2006-01-01",
            ],
        ),
    )
}

fn every_20th_monday() -> Case {
    // ==> (1997 9:00 AM EDT) May 19
    //     (1998 9:00 AM EDT) May 18
    //     (1999 9:00 AM EDT) May 17
    forever(
        "Every 20th Monday of the year, forever",
        "19970519T090000",
        "FREQ=YEARLY;BYDAY=20MO",
        "2000-01-01T00:00:00Z",
        ny_days("09:00", &["1997-05-19", "1998-05-18", "1999-05-17"]),
    )
}

fn monday_of_week_20() -> Case {
    // ==> (1997 9:00 AM EDT) May 12
    //     (1998 9:00 AM EDT) May 11
    //     (1999 9:00 AM EDT) May 17
    //     ... (2000: May 15)
    forever(
        "Monday of week number 20 (where the default start of the week is Monday), forever",
        "19970512T090000",
        "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
        "2001-01-01T00:00:00Z",
        ny_days(
            "09:00",
            &["1997-05-12", "1998-05-11", "1999-05-17", "2000-05-15"],
        ),
    )
}

fn every_thursday_in_march() -> Case {
    // ==> (1997 9:00 AM EST) March 13,20,27
    //     (1998 9:00 AM EST) March 5,12,19,26
    //     (1999 9:00 AM EST) March 4,11,18,25
    forever(
        "Every Thursday in March, forever",
        "19970313T090000",
        "FREQ=YEARLY;BYMONTH=3;BYDAY=TH",
        "2000-01-01T00:00:00Z",
        cat(vec![
            ny_range("1997-03-13", "1997-03-27", 7, "09:00"),
            ny_range("1998-03-05", "1998-03-26", 7, "09:00"),
            ny_range("1999-03-04", "1999-03-25", 7, "09:00"),
        ]),
    )
}

fn every_thursday_jun_jul_aug() -> Case {
    // ==> (1997 9:00 AM EDT) June 5,12,19,26;July 3,10,17,24,31;August 7,14,21,28
    //     (1998 9:00 AM EDT) June 4,11,18,25;July 2,9,16,23,30;August 6,13,20,27
    //     (1999 9:00 AM EDT) June 3,10,17,24;July 1,8,15,22,29;August 5,12,19,26
    forever(
        "Every Thursday, but only during June, July, and August, forever",
        "19970605T090000",
        "FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8",
        "2000-01-01T00:00:00Z",
        cat(vec![
            ny_range("1997-06-05", "1997-08-28", 7, "09:00"),
            ny_range("1998-06-04", "1998-08-27", 7, "09:00"),
            ny_range("1999-06-03", "1999-08-26", 7, "09:00"),
        ]),
    )
}

fn friday_the_13th() -> Case {
    // EXDATE;TZID=America/New_York:19970902T090000
    // ==> (1998 9:00 AM EST) February 13;March 13;November 13
    //     (1999 9:00 AM EDT) August 13
    //     (2000 9:00 AM EDT) October 13
    Case {
        name: "Every Friday the 13th, forever",
        ical: format!(
            "{NY}19970902T090000\nEXDATE;TZID=America/New_York:19970902T090000\n\
             RRULE:FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13"
        ),
        from: utc("1990-01-01T00:00:00Z"),
        to: utc("2001-01-01T00:00:00Z"),
        expected: ny_days(
            "09:00",
            &[
                "1998-02-13",
                "1998-03-13",
                "1998-11-13",
                "1999-08-13",
                "2000-10-13",
            ],
        ),
    }
}

fn saturday_after_first_sunday() -> Case {
    // ==> (1997 9:00 AM EDT) September 13;October 11
    //     (1997 9:00 AM EST) November 8;December 13
    //     (1998 9:00 AM EST) January 10;February 7;March 7
    //     (1998 9:00 AM EDT) April 11;May 9;June 13...
    forever(
        "The first Saturday that follows the first Sunday of the month, forever",
        "19970913T090000",
        "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13",
        "1998-07-01T00:00:00Z",
        ny_days(
            "09:00",
            &[
                "1997-09-13",
                "1997-10-11",
                "1997-11-08",
                "1997-12-13",
                "1998-01-10",
                "1998-02-07",
                "1998-03-07",
                "1998-04-11",
                "1998-05-09",
                "1998-06-13",
            ],
        ),
    )
}

fn us_presidential_election_day() -> Case {
    // ==> (1996 9:00 AM EST) November 5
    //     (2000 9:00 AM EST) November 7
    //     (2004 9:00 AM EST) November 2
    //     ... (2008: November 4)
    forever(
        "Every 4 years, the first Tuesday after a Monday in November, forever \
         (U.S. Presidential Election day)",
        "19961105T090000",
        "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8",
        "2010-01-01T00:00:00Z",
        ny_days(
            "09:00",
            &["1996-11-05", "2000-11-07", "2004-11-02", "2008-11-04"],
        ),
    )
}

fn third_tu_we_th() -> Case {
    // ==> (1997 9:00 AM EDT) September 4;October 7
    //     (1997 9:00 AM EST) November 6
    bounded(
        "The third instance into the month of one of Tuesday, Wednesday, or Thursday, \
         for the next 3 months",
        "19970904T090000",
        "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3",
        ny_days("09:00", &["1997-09-04", "1997-10-07", "1997-11-06"]),
    )
}

fn second_to_last_weekday() -> Case {
    // ==> (1997 9:00 AM EDT) September 29
    //     (1997 9:00 AM EST) October 30;November 27;December 30
    //     (1998 9:00 AM EST) January 29;February 26;March 30
    forever(
        "The second-to-last weekday of the month",
        "19970929T090000",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2",
        "1998-04-01T00:00:00Z",
        ny_days(
            "09:00",
            &[
                "1997-09-29",
                "1997-10-30",
                "1997-11-27",
                "1997-12-30",
                "1998-01-29",
                "1998-02-26",
                "1998-03-30",
            ],
        ),
    )
}

fn every_3_hours() -> Case {
    // The RFC prints 09:00,12:00,15:00 (EDT), but UNTIL=19970902T170000Z is 13:00 EDT
    // and we compare UNTIL as an instant (inclusive), as the RFC's own
    // definition of UNTIL requires: 15:00 EDT (19:00Z) is past UNTIL. This is a known
    // inconsistency of the RFC's example text (carried over from RFC 2445).
    bounded(
        "Every 3 hours from 9:00 AM to 5:00 PM on a specific day",
        "19970902T090000",
        "FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z",
        vec![ny("1997-09-02T09:00"), ny("1997-09-02T12:00")],
    )
}

fn every_15_minutes_6() -> Case {
    // ==> (September 2, 1997 EDT) 09:00,09:15,09:30,09:45,10:00,10:15
    bounded(
        "Every 15 minutes for 6 occurrences",
        "19970902T090000",
        "FREQ=MINUTELY;INTERVAL=15;COUNT=6",
        ["09:00", "09:15", "09:30", "09:45", "10:00", "10:15"]
            .iter()
            .map(|t| ny(&format!("1997-09-02T{t}")))
            .collect(),
    )
}

fn every_90_minutes_4() -> Case {
    // ==> (September 2, 1997 EDT) 09:00,10:30;12:00;13:30
    bounded(
        "Every hour and a half for 4 occurrences",
        "19970902T090000",
        "FREQ=MINUTELY;INTERVAL=90;COUNT=4",
        ["09:00", "10:30", "12:00", "13:30"]
            .iter()
            .map(|t| ny(&format!("1997-09-02T{t}")))
            .collect(),
    )
}

/// 9:00, 9:20, ... 16:40 New York on 1997-09-02 and 1997-09-03.
fn every_20_minutes_two_days() -> Vec<i64> {
    let mut out = Vec::new();
    for day in ["1997-09-02", "1997-09-03"] {
        for h in 9..=16 {
            for m in [0, 20, 40] {
                out.push(ny(&format!("{day}T{h:02}:{m:02}")));
            }
        }
    }
    out
}

fn every_20_minutes(name: &'static str, rrule: &str) -> Case {
    // ==> (September 2, 1997 EDT) 9:00,9:20,9:40,10:00,10:20,...16:00,16:20,16:40
    //     (September 3, 1997 EDT) 9:00,9:20,9:40,10:00,10:20,...16:00,16:20,16:40
    forever(
        name,
        "19970902T090000",
        rrule,
        "1997-09-04T04:00:00Z",
        every_20_minutes_two_days(),
    )
}

fn every_20_minutes_daily() -> Case {
    every_20_minutes(
        "Every 20 minutes from 9:00 AM to 4:40 PM every day (DAILY form)",
        "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40",
    )
}

fn every_20_minutes_minutely() -> Case {
    every_20_minutes(
        "Every 20 minutes from 9:00 AM to 4:40 PM every day (MINUTELY form)",
        "FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16",
    )
}

fn every_20_minutes_hourly() -> Case {
    // A third, equivalent form (not printed by the RFC): HOURLY expanding BYMINUTE.
    every_20_minutes(
        "Every 20 minutes from 9:00 AM to 4:40 PM every day (HOURLY form)",
        "FREQ=HOURLY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40",
    )
}

fn wkst_mo() -> Case {
    // ==> (1997 EDT) August 5,10,19,24
    bounded(
        "An example where the days generated makes a difference because of WKST (WKST=MO)",
        "19970805T090000",
        "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO",
        ny_days(
            "09:00",
            &["1997-08-05", "1997-08-10", "1997-08-19", "1997-08-24"],
        ),
    )
}

fn wkst_su() -> Case {
    // ==> (1997 EDT) August 5,17,19,31
    bounded(
        "changing only WKST from MO to SU, yields different results",
        "19970805T090000",
        "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU",
        ny_days(
            "09:00",
            &["1997-08-05", "1997-08-17", "1997-08-19", "1997-08-31"],
        ),
    )
}

fn invalid_date_skipped() -> Case {
    // ==> (2007 EST) January 15,30
    //     (2007 EST) February 15
    //     (2007 EDT) March 15,30
    bounded(
        "An example where an invalid date (i.e., February 30) is ignored",
        "20070115T090000",
        "FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5",
        ny_days(
            "09:00",
            &[
                "2007-01-15",
                "2007-01-30",
                "2007-02-15",
                "2007-03-15",
                "2007-03-30",
            ],
        ),
    )
}

/// Every case above, for the dump used to check the expectations against dateutil.
fn all_cases() -> Vec<Case> {
    vec![
        daily_10(),
        daily_until_dec_24(),
        every_other_day(),
        every_10_days_5(),
        every_day_in_january_yearly(),
        every_day_in_january_daily(),
        weekly_10(),
        weekly_until_dec_24(),
        every_other_week_forever(),
        weekly_tu_th_until(),
        weekly_tu_th_count(),
        every_other_week_mo_we_fr(),
        every_other_week_tu_th_8(),
        monthly_first_friday_10(),
        monthly_first_friday_until(),
        every_other_month_first_last_sunday(),
        monthly_second_to_last_monday(),
        monthly_third_to_last_day(),
        monthly_2nd_and_15th(),
        monthly_first_and_last_day(),
        every_18_months_10th_to_15th(),
        every_tuesday_every_other_month(),
        yearly_june_july_10(),
        every_other_year_jan_feb_mar(),
        every_third_year_day_1_100_200(),
        every_20th_monday(),
        monday_of_week_20(),
        every_thursday_in_march(),
        every_thursday_jun_jul_aug(),
        friday_the_13th(),
        saturday_after_first_sunday(),
        us_presidential_election_day(),
        third_tu_we_th(),
        second_to_last_weekday(),
        every_3_hours(),
        every_15_minutes_6(),
        every_90_minutes_4(),
        every_20_minutes_daily(),
        every_20_minutes_minutely(),
        every_20_minutes_hourly(),
        wkst_mo(),
        wkst_su(),
        invalid_date_skipped(),
    ]
}

macro_rules! rfc_tests {
    ($($name:ident),* $(,)?) => {
        $( #[test] fn $name() { run(super::$name()); } )*
    };
}

mod rfc {
    use super::run;
    rfc_tests!(
        daily_10,
        daily_until_dec_24,
        every_other_day,
        every_10_days_5,
        every_day_in_january_yearly,
        every_day_in_january_daily,
        weekly_10,
        weekly_until_dec_24,
        every_other_week_forever,
        weekly_tu_th_until,
        weekly_tu_th_count,
        every_other_week_mo_we_fr,
        every_other_week_tu_th_8,
        monthly_first_friday_10,
        monthly_first_friday_until,
        every_other_month_first_last_sunday,
        monthly_second_to_last_monday,
        monthly_third_to_last_day,
        monthly_2nd_and_15th,
        monthly_first_and_last_day,
        every_18_months_10th_to_15th,
        every_tuesday_every_other_month,
        yearly_june_july_10,
        every_other_year_jan_feb_mar,
        every_third_year_day_1_100_200,
        every_20th_monday,
        monday_of_week_20,
        every_thursday_in_march,
        every_thursday_jun_jul_aug,
        friday_the_13th,
        saturday_after_first_sunday,
        us_presidential_election_day,
        third_tu_we_th,
        second_to_last_weekday,
        every_3_hours,
        every_15_minutes_6,
        every_90_minutes_4,
        every_20_minutes_daily,
        every_20_minutes_minutely,
        every_20_minutes_hourly,
        wkst_mo,
        wkst_su,
        invalid_date_skipped,
    );
}

/// The RFC's "forever" rules, far from DTSTART: the same instants come out of a
/// window decades later as a walk from DTSTART would give (spot checks).
#[test]
fn forever_rules_far_from_dtstart() {
    let ical = format!("{NY}19970902T090000\nRRULE:FREQ=WEEKLY;INTERVAL=2;WKST=SU");
    // 1997-09-02 + 14k days; 2030-01-01 is day 11809 after it, 11816 = 844 * 14.
    let got = expand_ok(
        &ical,
        utc("2030-01-01T00:00:00Z"),
        utc("2030-02-01T00:00:00Z"),
        None,
    );
    assert_instants(
        "every other week in 2030",
        &got,
        &ny_days("09:00", &["2030-01-08", "2030-01-22"]),
    );
    let ical = format!("{NY}19961105T090000\nRRULE:FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8");
    let got = expand_ok(
        &ical,
        utc("2020-01-01T00:00:00Z"),
        utc("2033-01-01T00:00:00Z"),
        None,
    );
    assert_instants(
        "election days 2020..2032",
        &got,
        &ny_days(
            "09:00",
            &["2020-11-03", "2024-11-05", "2028-11-07", "2032-11-02"],
        ),
    );
}

/// Prints every case as JSON lines (ical, from, to, expected UTC strings) so that
/// `tests/dateutil/check_rfc_examples.py` can check the expectations written here
/// against python-dateutil: `cargo test --test rfc5545_examples -- --ignored --nocapture`.
#[test]
#[ignore]
fn dump_cases_for_dateutil() {
    for case in all_cases() {
        let line = serde_json::json!({
            "name": case.name,
            "ical": case.ical,
            "from": fmt(case.from),
            "to": fmt(case.to),
            "expected": case.expected.iter().map(|t| fmt(*t)).collect::<Vec<_>>(),
        });
        println!("RFCCASE {line}");
    }
}

// ---------------------------------------------------------------------------------
// Forbidden combinations and malformed parts: `invalid_rule`, naming the part.
// ---------------------------------------------------------------------------------

fn parse_err(ical: &str) -> slotwise::Error {
    match RecurrenceSet::parse(ical) {
        Ok(set) => panic!(
            "expected an error, got a set expanding to {:?} for\n{ical}",
            set.between(
                utc("1997-01-01T00:00:00Z"),
                utc("1998-01-01T00:00:00Z"),
                Some(5),
                &Limits::default()
            )
            .map(|v| v.into_iter().map(fmt).collect::<Vec<_>>())
        ),
        Err(e) => e,
    }
}

/// The rule must be rejected with `invalid_rule` and a message naming one of `parts`.
#[track_caller]
fn assert_invalid(rrule: &str, parts: &[&str]) {
    let ical = format!("DTSTART:19970902T090000Z\nRRULE:{rrule}");
    let e = parse_err(&ical);
    assert_eq!(
        e.code(),
        ErrorCode::InvalidRule,
        "{rrule}: code {} ({e})",
        e.code().as_str()
    );
    let msg = e.to_string();
    assert!(
        parts.iter().any(|p| msg.contains(p)),
        "{rrule}: the message `{msg}` names none of {parts:?}"
    );
    // `expand` says the same.
    let e2 = slotwise::expand(&ical, 0, 1_000_000_000, None).expect_err(rrule);
    assert_eq!(
        e2.code(),
        ErrorCode::InvalidRule,
        "{rrule} via expand: {e2}"
    );
}

#[test]
fn byday_ordinal_outside_monthly_and_yearly_is_rejected() {
    assert_invalid("FREQ=WEEKLY;BYDAY=1MO", &["BYDAY"]);
    assert_invalid("FREQ=WEEKLY;BYDAY=MO,-1FR", &["BYDAY"]);
    assert_invalid("FREQ=DAILY;BYDAY=2TU", &["BYDAY"]);
    assert_invalid("FREQ=HOURLY;BYDAY=+1WE", &["BYDAY"]);
    assert_invalid("FREQ=MINUTELY;BYDAY=-1SU", &["BYDAY"]);
    assert_invalid("FREQ=SECONDLY;BYDAY=3TH", &["BYDAY"]);
}

#[test]
fn byday_ordinal_with_byweekno_is_rejected() {
    assert_invalid("FREQ=YEARLY;BYWEEKNO=20;BYDAY=1MO", &["BYDAY", "BYWEEKNO"]);
    assert_invalid(
        "FREQ=YEARLY;BYDAY=-1FR;BYWEEKNO=1,2",
        &["BYDAY", "BYWEEKNO"],
    );
}

#[test]
fn zero_and_out_of_range_byday_ordinals_are_rejected() {
    assert_invalid("FREQ=MONTHLY;BYDAY=0MO", &["BYDAY"]);
    assert_invalid("FREQ=YEARLY;BYDAY=+0FR", &["BYDAY"]);
    assert_invalid("FREQ=YEARLY;BYDAY=54MO", &["BYDAY"]);
    assert_invalid("FREQ=YEARLY;BYDAY=-54MO", &["BYDAY"]);
    assert_invalid("FREQ=MONTHLY;BYDAY=XX", &["BYDAY"]);
    assert_invalid("FREQ=MONTHLY;BYDAY=", &["BYDAY"]);
}

#[test]
fn byweekno_outside_yearly_is_rejected() {
    for freq in [
        "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY",
    ] {
        assert_invalid(&format!("FREQ={freq};BYWEEKNO=20"), &["BYWEEKNO"]);
    }
}

#[test]
fn byyearday_in_daily_weekly_monthly_is_rejected() {
    for freq in ["MONTHLY", "WEEKLY", "DAILY"] {
        assert_invalid(&format!("FREQ={freq};BYYEARDAY=100"), &["BYYEARDAY"]);
    }
}

#[test]
fn bymonthday_in_weekly_is_rejected() {
    assert_invalid("FREQ=WEEKLY;BYMONTHDAY=15", &["BYMONTHDAY"]);
}

#[test]
fn zero_and_out_of_range_values_are_rejected() {
    assert_invalid("FREQ=MONTHLY;BYMONTHDAY=0", &["BYMONTHDAY"]);
    assert_invalid("FREQ=MONTHLY;BYMONTHDAY=32", &["BYMONTHDAY"]);
    assert_invalid("FREQ=MONTHLY;BYMONTHDAY=-32", &["BYMONTHDAY"]);
    assert_invalid("FREQ=YEARLY;BYMONTH=13", &["BYMONTH"]);
    assert_invalid("FREQ=YEARLY;BYMONTH=0", &["BYMONTH"]);
    assert_invalid("FREQ=DAILY;BYHOUR=24", &["BYHOUR"]);
    assert_invalid("FREQ=DAILY;BYHOUR=-1", &["BYHOUR"]);
    assert_invalid("FREQ=DAILY;BYMINUTE=60", &["BYMINUTE"]);
    assert_invalid("FREQ=DAILY;BYSECOND=61", &["BYSECOND"]);
    assert_invalid("FREQ=YEARLY;BYYEARDAY=0", &["BYYEARDAY"]);
    assert_invalid("FREQ=YEARLY;BYYEARDAY=367", &["BYYEARDAY"]);
    assert_invalid("FREQ=YEARLY;BYYEARDAY=-367", &["BYYEARDAY"]);
    assert_invalid("FREQ=YEARLY;BYWEEKNO=0", &["BYWEEKNO"]);
    assert_invalid("FREQ=YEARLY;BYWEEKNO=54", &["BYWEEKNO"]);
    assert_invalid("FREQ=YEARLY;BYWEEKNO=-54", &["BYWEEKNO"]);
    assert_invalid("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0", &["BYSETPOS"]);
    assert_invalid("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=367", &["BYSETPOS"]);
    assert_invalid("FREQ=DAILY;INTERVAL=0", &["INTERVAL"]);
    assert_invalid("FREQ=DAILY;INTERVAL=-2", &["INTERVAL"]);
    assert_invalid("FREQ=DAILY;INTERVAL=x", &["INTERVAL"]);
    assert_invalid("FREQ=DAILY;COUNT=-1", &["COUNT"]);
    assert_invalid("FREQ=DAILY;COUNT=ten", &["COUNT"]);
    assert_invalid("FREQ=WEEKLY;WKST=XX", &["WKST"]);
    assert_invalid("FREQ=DAILY;UNTIL=1997-12-24", &["UNTIL"]);
}

#[test]
fn count_with_until_is_rejected() {
    let ical = "DTSTART:19970902T090000Z\nRRULE:FREQ=DAILY;COUNT=10;UNTIL=19971224T000000Z";
    let e = parse_err(ical);
    assert_eq!(e.code(), ErrorCode::InvalidRule, "{e}");
    let msg = e.to_string();
    assert!(
        msg.contains("COUNT") && msg.contains("UNTIL"),
        "the message `{msg}` should name COUNT and UNTIL"
    );
}

#[test]
fn missing_or_unknown_freq_is_rejected() {
    assert_invalid("COUNT=10;INTERVAL=2", &["FREQ"]);
    assert_invalid("FREQ=FORTNIGHTLY", &["FREQ"]);
    assert_invalid("FREQ=", &["FREQ"]);
}

#[test]
fn missing_dtstart_is_rejected() {
    let e = parse_err("RRULE:FREQ=DAILY;COUNT=3");
    assert_eq!(e.code(), ErrorCode::InvalidRule, "{e}");
    assert!(e.to_string().contains("DTSTART"), "{e}");
    let e = parse_err("");
    assert_eq!(e.code(), ErrorCode::InvalidRule, "{e}");
}

#[test]
fn malformed_dtstart_is_rejected() {
    for bad in [
        "DTSTART:1997-09-02T09:00:00Z\nRRULE:FREQ=DAILY",
        "DTSTART:19970230T090000Z\nRRULE:FREQ=DAILY",
        "DTSTART:19970902T250000Z\nRRULE:FREQ=DAILY",
        "DTSTART:hello\nRRULE:FREQ=DAILY",
    ] {
        let e = parse_err(bad);
        assert_eq!(e.code(), ErrorCode::InvalidRule, "{bad}: {e}");
        assert!(e.to_string().contains("DTSTART"), "{bad}: {e}");
    }
}

#[test]
fn unknown_tzid_is_unknown_timezone() {
    for ical in [
        "DTSTART;TZID=Mars/Olympus_Mons:19970902T090000\nRRULE:FREQ=DAILY;COUNT=3",
        "DTSTART;TZID=America/New_York:19970902T090000\n\
         RDATE;TZID=Nowhere/Land:19970910T090000\nRRULE:FREQ=DAILY;COUNT=3",
        "DTSTART;TZID=America/New_York:19970902T090000\n\
         EXDATE;TZID=Nowhere/Land:19970903T090000\nRRULE:FREQ=DAILY;COUNT=3",
    ] {
        let e = parse_err(ical);
        assert_eq!(e.code(), ErrorCode::UnknownTimezone, "{ical}: {e}");
        let e = slotwise::expand(ical, 0, 1_000_000_000, None).expect_err(ical);
        assert_eq!(e.code(), ErrorCode::UnknownTimezone, "{ical}: {e}");
    }
    let e = slotwise::Zone::parse("Mars/Olympus_Mons").expect_err("zone");
    assert_eq!(e.code(), ErrorCode::UnknownTimezone);
}

// ---------------------------------------------------------------------------------
// iCalendar forms.
// ---------------------------------------------------------------------------------

fn y1997() -> (i64, i64) {
    (utc("1997-01-01T00:00:00Z"), utc("1998-01-01T00:00:00Z"))
}

#[test]
fn trailing_semicolon_is_tolerated() {
    let (from, to) = y1997();
    let got = expand_ok(
        "DTSTART:19970902T090000Z\nRRULE:FREQ=DAILY;COUNT=3;",
        from,
        to,
        None,
    );
    assert_instants_in(
        "UTC",
        "trailing ;",
        &got,
        &[
            utc("1997-09-02T09:00:00Z"),
            utc("1997-09-03T09:00:00Z"),
            utc("1997-09-04T09:00:00Z"),
        ],
    );
}

#[test]
fn folded_lines_and_crlf_are_accepted() {
    let (from, to) = y1997();
    let expected = ny_days(
        "09:00",
        &[
            "1997-09-02",
            "1997-09-04",
            "1997-09-09",
            "1997-09-11",
            "1997-09-16",
        ],
    );
    for ical in [
        // CRLF line endings.
        "DTSTART;TZID=America/New_York:19970902T090000\r\nRRULE:FREQ=WEEKLY;COUNT=5;BYDAY=TU,TH\r\n",
        // A line folded with CRLF + space (RFC 5545 3.1).
        "DTSTART;TZID=America/New_York:19970902T090000\r\nRRULE:FREQ=WEEKLY;CO\r\n UNT=5;BYDAY=TU,TH\r\n",
        // Folded with CRLF + tab, inside the DTSTART's parameter.
        "DTSTART;TZID=America/New\r\n\t_York:19970902T090000\r\nRRULE:FREQ=WEEKLY;COUNT=5;BYDAY=TU,TH",
        // Folded with LF + space.
        "DTSTART;TZID=America/New_York:19970902T090000\nRRULE:FREQ=WEEKLY;COUNT=5;\n BYDAY=TU,TH\n",
        // Blank lines around are ignored.
        "\nDTSTART;TZID=America/New_York:19970902T090000\n\nRRULE:FREQ=WEEKLY;COUNT=5;BYDAY=TU,TH\n\n",
    ] {
        let got = expand_ok(ical, from, to, None);
        assert_instants(&format!("{ical:?}"), &got, &expected);
    }
}

#[test]
fn several_rrules_are_a_union_without_duplicates() {
    let (from, to) = y1997();
    let ical = "DTSTART;TZID=America/New_York:19970902T090000\n\
                RRULE:FREQ=WEEKLY;COUNT=3;BYDAY=TU\n\
                RRULE:FREQ=WEEKLY;COUNT=4;BYDAY=TU,TH";
    let got = expand_ok(ical, from, to, None);
    // First: Sep 2, 9, 16. Second: Sep 2, 4, 9, 11. Union, Sep 2 and 9 once.
    assert_instants(
        "two RRULEs",
        &got,
        &ny_days(
            "09:00",
            &[
                "1997-09-02",
                "1997-09-04",
                "1997-09-09",
                "1997-09-11",
                "1997-09-16",
            ],
        ),
    );
}

#[test]
fn rdate_and_exdate_lists_in_utc_tzid_and_floating_forms() {
    let (from, to) = y1997();
    // RDATE in UTC and TZID forms; EXDATE in both forms too, each a comma list.
    let ical = "DTSTART;TZID=America/New_York:19970902T090000\n\
                RRULE:FREQ=DAILY;COUNT=5\n\
                RDATE:19970910T130000Z,19970911T130000Z\n\
                RDATE;TZID=Europe/Lisbon:19970915T180000,19970916T180000\n\
                EXDATE;TZID=America/New_York:19970903T090000,19970905T090000\n\
                EXDATE:19970911T130000Z";
    let got = expand_ok(ical, from, to, None);
    assert_instants(
        "RDATE/EXDATE lists",
        &got,
        &[
            ny("1997-09-02T09:00"),
            ny("1997-09-04T09:00"),
            ny("1997-09-06T09:00"),
            utc("1997-09-10T13:00:00Z"),
            // Lisbon was UTC+1 (WEST) in September 1997.
            utc("1997-09-15T17:00:00Z"),
            utc("1997-09-16T17:00:00Z"),
        ],
    );

    // Floating DTSTART, RDATE and EXDATE read in UTC by `parse`...
    let floating = "DTSTART:19970902T090000\nRRULE:FREQ=DAILY;COUNT=3\n\
                    RDATE:19970910T090000,19970911T090000\nEXDATE:19970903T090000";
    let got = between_ok(&parse_ok(floating), from, to, None);
    assert_instants_in(
        "UTC",
        "floating in UTC",
        &got,
        &[
            utc("1997-09-02T09:00:00Z"),
            utc("1997-09-04T09:00:00Z"),
            utc("1997-09-10T09:00:00Z"),
            utc("1997-09-11T09:00:00Z"),
        ],
    );
    // ... and in the given zone by `parse_in`.
    let got = between_ok(&parse_in_ok(floating, "America/New_York"), from, to, None);
    assert_instants(
        "floating in New York",
        &got,
        &ny_days(
            "09:00",
            &["1997-09-02", "1997-09-04", "1997-09-10", "1997-09-11"],
        ),
    );
    // `expand` reads floating times in UTC too.
    let got = expand_ok(floating, from, to, None);
    assert_instants_in(
        "UTC",
        "expand floating",
        &got,
        &[
            utc("1997-09-02T09:00:00Z"),
            utc("1997-09-04T09:00:00Z"),
            utc("1997-09-10T09:00:00Z"),
            utc("1997-09-11T09:00:00Z"),
        ],
    );
}

#[test]
fn rdate_duplicating_an_rrule_instance_collapses() {
    let (from, to) = y1997();
    let ical = "DTSTART;TZID=America/New_York:19970902T090000\n\
                RRULE:FREQ=DAILY;COUNT=2\n\
                RDATE:19970903T130000Z,19970902T130000Z";
    let got = expand_ok(ical, from, to, None);
    assert_instants(
        "RDATE = rule instance",
        &got,
        &ny_days("09:00", &["1997-09-02", "1997-09-03"]),
    );
}

#[test]
fn rdate_and_exdate_with_value_date() {
    let (from, to) = y1997();
    let ical = "DTSTART;VALUE=DATE:19970902\nRRULE:FREQ=DAILY;COUNT=4\n\
                EXDATE;VALUE=DATE:19970903\nRDATE;VALUE=DATE:19971001,19971002";
    let got = expand_ok(ical, from, to, None);
    assert_instants_in(
        "UTC",
        "VALUE=DATE lists",
        &got,
        &[
            utc("1997-09-02T00:00:00Z"),
            utc("1997-09-04T00:00:00Z"),
            utc("1997-09-05T00:00:00Z"),
            utc("1997-10-01T00:00:00Z"),
            utc("1997-10-02T00:00:00Z"),
        ],
    );
}

#[test]
fn value_date_dtstart_is_midnight_in_the_floating_zone() {
    let (from, to) = y1997();
    let ical = "DTSTART;VALUE=DATE:19970902\nRRULE:FREQ=WEEKLY;COUNT=3";
    let got = expand_ok(ical, from, to, None);
    assert_instants_in(
        "UTC",
        "VALUE=DATE, UTC",
        &got,
        &[
            utc("1997-09-02T00:00:00Z"),
            utc("1997-09-09T00:00:00Z"),
            utc("1997-09-16T00:00:00Z"),
        ],
    );
    let got = between_ok(&parse_in_ok(ical, "America/New_York"), from, to, None);
    assert_instants(
        "VALUE=DATE, New York",
        &got,
        &ny_days("00:00", &["1997-09-02", "1997-09-09", "1997-09-16"]),
    );
}

#[test]
fn exdate_can_remove_dtstart() {
    let (from, to) = y1997();
    let ical = "DTSTART;TZID=America/New_York:19970902T090000\n\
                RRULE:FREQ=DAILY;COUNT=3\n\
                EXDATE;TZID=America/New_York:19970902T090000";
    let got = expand_ok(ical, from, to, None);
    assert_instants(
        "EXDATE = DTSTART",
        &got,
        &ny_days("09:00", &["1997-09-03", "1997-09-04"]),
    );
    // Without a rule, the one instance (DTSTART) can be removed too.
    let ical = "DTSTART:19970902T090000Z\nEXDATE:19970902T090000Z";
    assert_eq!(expand_ok(ical, from, to, None), Vec::<i64>::new());
}

#[test]
fn dtstart_not_produced_by_the_rule_is_left_out() {
    let (from, to) = (utc("2026-01-01T00:00:00Z"), utc("2026-02-01T00:00:00Z"));
    // 2026-01-04 is a Sunday; the rule produces weekdays only.
    let ical = "DTSTART;TZID=America/New_York:20260104T090000\n\
                RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=3";
    let got = expand_ok(ical, from, to, None);
    assert_instants(
        "Sunday DTSTART, weekday rule",
        &got,
        &ny_days("09:00", &["2026-01-05", "2026-01-06", "2026-01-07"]),
    );
    // A monthly rule on the 15th from a DTSTART on the 10th.
    let ical = "DTSTART:20260110T120000Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY=15;COUNT=2";
    let got = expand_ok(ical, from, utc("2026-04-01T00:00:00Z"), None);
    assert_instants_in(
        "UTC",
        "monthly 15th from the 10th",
        &got,
        &[utc("2026-01-15T12:00:00Z"), utc("2026-02-15T12:00:00Z")],
    );
}

#[test]
fn dtstart_without_rrule_is_one_instance_plus_rdates() {
    let (from, to) = y1997();
    let got = expand_ok("DTSTART:19970902T090000Z", from, to, None);
    assert_instants_in("UTC", "DTSTART only", &got, &[utc("1997-09-02T09:00:00Z")]);
    let ical = "DTSTART;TZID=America/New_York:19970902T090000\n\
                RDATE;TZID=America/New_York:19970901T090000,19971225T090000\n\
                RDATE:19970910T130000Z";
    let got = expand_ok(ical, from, to, None);
    assert_instants(
        "DTSTART + RDATEs",
        &got,
        &ny_days(
            "09:00",
            &["1997-09-01", "1997-09-02", "1997-09-10", "1997-12-25"],
        ),
    );
    // The window still selects.
    let got = expand_ok(
        ical,
        utc("1997-09-02T00:00:00Z"),
        utc("1997-12-01T00:00:00Z"),
        None,
    );
    assert_instants(
        "DTSTART + RDATEs, windowed",
        &got,
        &ny_days("09:00", &["1997-09-02", "1997-09-10"]),
    );
}

#[test]
fn window_is_half_open() {
    let ical = "DTSTART:19970902T090000Z\nRRULE:FREQ=DAILY;COUNT=5";
    let got = expand_ok(
        ical,
        utc("1997-09-03T09:00:00Z"),
        utc("1997-09-05T09:00:00Z"),
        None,
    );
    assert_instants_in(
        "UTC",
        "[from, to)",
        &got,
        &[utc("1997-09-03T09:00:00Z"), utc("1997-09-04T09:00:00Z")],
    );
    // An empty or reversed window is `invalid_window` (the code for "a
    // query window is empty, reversed or too long").
    for (from, to) in [
        ("1997-09-03T09:00:00Z", "1997-09-03T09:00:00Z"),
        ("1997-09-04T09:00:00Z", "1997-09-03T09:00:00Z"),
    ] {
        let e = slotwise::expand(ical, utc(from), utc(to), None).expect_err("empty window");
        assert_eq!(e.code(), ErrorCode::InvalidWindow, "[{from}, {to}): {e}");
    }
}

#[test]
fn until_is_inclusive_and_compared_as_an_instant() {
    let (from, to) = y1997();
    // UNTIL exactly at the third instance (09:00 EDT = 13:00Z): it is included.
    let ical = "DTSTART;TZID=America/New_York:19970902T090000\n\
                RRULE:FREQ=DAILY;UNTIL=19970904T130000Z";
    let got = expand_ok(ical, from, to, None);
    assert_instants(
        "UNTIL inclusive",
        &got,
        &ny_days("09:00", &["1997-09-02", "1997-09-03", "1997-09-04"]),
    );
    // One second earlier excludes it.
    let ical = "DTSTART;TZID=America/New_York:19970902T090000\n\
                RRULE:FREQ=DAILY;UNTIL=19970904T125959Z";
    let got = expand_ok(ical, from, to, None);
    assert_instants(
        "UNTIL one second before",
        &got,
        &ny_days("09:00", &["1997-09-02", "1997-09-03"]),
    );
}

#[test]
fn lowercase_and_unordered_parts() {
    // Property names and rule parts are case-insensitive (RFC 5545 3.1 / 2.1), and
    // the rule parts can come in any order.
    let (from, to) = y1997();
    let ical =
        "dtstart;tzid=America/New_York:19970902T090000\nrrule:byday=tu,th;count=4;freq=weekly";
    let got = expand_ok(ical, from, to, None);
    assert_instants(
        "lowercase",
        &got,
        &ny_days(
            "09:00",
            &["1997-09-02", "1997-09-04", "1997-09-09", "1997-09-11"],
        ),
    );
}
