#!/usr/bin/env python3
"""Check hand-written expectations against python-dateutil.

    # The RFC 5545 examples as written in core/tests/rfc5545_examples.rs:
    cargo test -p slotwise --test rfc5545_examples -- --ignored --nocapture dump \
        | python3 tests/dateutil/check_rfc_examples.py
    # A vector file (vectors with a limit, an expected error or past 2100 are skipped):
    python3 tests/dateutil/check_rfc_examples.py tests/vectors/expand/rfc5545.json

dateutil expands the same text with aware datetimes in the DTSTART zone (zoneinfo,
so a gap time converts with fold=0: the offset before the gap) and UNTIL compared as
an instant. Where docs/semantics.md deliberately differs from dateutil (see
gen_vectors.py) a difference is expected and reported as such by the caller.
"""
import json
import sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr


def expand(ical, start, end):
    rset = rrulestr(ical.replace("\r\n", "\n").replace("\n ", ""), forceset=True,
                    tzids=lambda name: ZoneInfo(name))
    out = []
    naive = rset._rrule and rset._rrule[0]._dtstart.tzinfo is None if rset._rrule else False
    lo, hi = (start, end) if not naive else (start.replace(tzinfo=None), end.replace(tzinfo=None))
    for dt in rset.between(lo, hi, inc=True):
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=timezone.utc)
        u = dt.astimezone(timezone.utc)
        if start <= u < end:
            out.append(u.strftime("%Y-%m-%dT%H:%M:%SZ"))
    return sorted(set(out))


def cases_from_stdin():
    for line in sys.stdin:
        if line.startswith("RFCCASE "):
            c = json.loads(line[len("RFCCASE "):])
            yield c["name"], c


def cases_from_file(path):
    for v in json.load(open(path)):
        case = v["input"]
        if "expected" not in v or "limit" in case or case["to"] > "2100":
            continue
        yield v["description"], dict(case, expected=v["expected"])


def main():
    cases = cases_from_file(sys.argv[1]) if len(sys.argv) > 1 else cases_from_stdin()
    bad = n = 0
    for name, case in cases:
        n += 1
        start = datetime.fromisoformat(case["from"].replace("Z", "+00:00"))
        end = datetime.fromisoformat(case["to"].replace("Z", "+00:00"))
        try:
            got = expand(case["ical"], start, end)
        except (ValueError, TypeError) as e:
            print(f"SKIPPED (dateutil cannot read it: {e}): {name}")
            n -= 1
            continue
        if got != case["expected"]:
            bad += 1
            print(f"DIFFERS: {name}\n  {case['ical']!r}")
            print("  expected:", case["expected"])
            print("  dateutil:", got)
    print(f"{n} cases, {bad} differ from dateutil")
    sys.exit(1 if bad or n == 0 else 0)


if __name__ == "__main__":
    main()
