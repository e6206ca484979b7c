#!/usr/bin/env python3
"""Check the RFC 5545 example expectations written in core/tests/rfc5545_examples.rs
against python-dateutil.

    cargo test -p slotwise --test rfc5545_examples -- --ignored --nocapture dump \
        | python3 tests/dateutil/check_rfc_examples.py

Each RFCCASE line carries the iCalendar text, the window and the expected UTC
instants; dateutil expands the same text (aware datetimes in the DTSTART zone, UNTIL
compared as an instant) and the lists must agree.
"""
import json
import sys
from datetime import datetime, timezone

from dateutil.rrule import rrulestr
from dateutil import tz


def expand(ical, start, end):
    rset = rrulestr(ical, forceset=True, tzids=tz.gettz)
    out = []
    for dt in rset.between(start, end, inc=True):
        u = dt.astimezone(timezone.utc)
        if start <= u < end:
            out.append(u.strftime("%Y-%m-%dT%H:%M:%SZ"))
    return sorted(set(out))


def main():
    bad = 0
    n = 0
    for line in sys.stdin:
        if not line.startswith("RFCCASE "):
            continue
        case = json.loads(line[len("RFCCASE "):])
        n += 1
        start = datetime.fromisoformat(case["from"].replace("Z", "+00:00"))
        end = datetime.fromisoformat(case["to"].replace("Z", "+00:00"))
        got = expand(case["ical"], start, end)
        if got != case["expected"]:
            bad += 1
            print(f"MISMATCH: {case['name']}\n{case['ical']}")
            print("  expected (test):", case["expected"])
            print("  dateutil:       ", got)
    print(f"{n} cases, {bad} differ from dateutil")
    sys.exit(1 if bad or n == 0 else 0)


if __name__ == "__main__":
    main()
