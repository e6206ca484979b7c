#!/usr/bin/env python3
"""Generate differential expansion vectors with python-dateutil.

    python3 tests/dateutil/gen_vectors.py            # writes tests/vectors/expand/dateutil.json
    python3 tests/dateutil/gen_vectors.py --check    # regenerates and compares with the file

Random (seeded, reproducible) RRULEs across several zones are expanded by dateutil on
naive local wall-clock time. Each naive instance is turned into an instant with
zoneinfo and fold=0, which is our DST rule (docs/semantics.md): an ambiguous time takes its
first instant, and a time in a gap is read with the offset in force before the gap
(PEP 495: fold=0 in a gap uses the pre-transition offset), i.e. it moves forward by
the length of the gap. Instants are then sorted and de-duplicated.

Where dateutil and our semantics (docs/semantics.md, RFC 5545) differ, the
expectation follows docs/semantics.md:

* YEARLY + BYWEEKNO without BYDAY: we take DTSTART's weekday (dateutil
  takes every day of the week), so BYDAY=<DTSTART's weekday> is given to dateutil.
* BYWEEKNO itself is evaluated here, not by dateutil (dateutil miscounts the last ISO
  week of the previous year in some years, dateutil PR #1537): dateutil expands the
  rule without BYWEEKNO and each day is kept when its WKST-aware week number (in its
  own week-numbering year, negative numbers counted from that year's last week)
  matches.
* WEEKLY + BYSETPOS: we pick positions in the whole WKST-aligned week,
  also the first one, before dropping instances earlier than DTSTART; dateutil starts
  the first week at DTSTART. dateutil gets a DTSTART moved back to its week's start
  (same time of day, BYDAY made explicit) and instances before the real DTSTART are
  dropped here.
* A BYDAY list that mixes plain and ordinal weekdays (`BYDAY=1TU,WE`) is the union
  of its items (RFC 5545); dateutil intersects the two kinds (it keeps only days that
  are both a listed plain weekday and a listed ordinal one), so each kind is expanded
  on its own and the two are merged (such lists are never given BYSETPOS here).
* UNTIL is compared as an instant (inclusive) after the DST rules, and COUNT counts
  instances; both are applied here, not by dateutil.

Rules whose answer would depend on a reading docs/semantics.md does not pin are not
emitted: a COUNT whose first instances contain two local times that collapse into
one instant (a DST gap), and an UNTIL crossed non-monotonically by gap-shifted times.
"""
import argparse
import datetime as datetime_module
import heapq
import json
import os
import random
import signal
import sys
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from dateutil import rrule as du

SEED = 20250505
COUNT = 2000
ZONES = [
    "UTC",
    "America/New_York",
    "Europe/Lisbon",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "America/Sao_Paulo",
    "Asia/Kolkata",
]
FREQS = ["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY"]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DU_FREQ = {
    "YEARLY": du.YEARLY,
    "MONTHLY": du.MONTHLY,
    "WEEKLY": du.WEEKLY,
    "DAILY": du.DAILY,
    "HOURLY": du.HOURLY,
    "MINUTELY": du.MINUTELY,
    "SECONDLY": du.SECONDLY,
}
DU_DAY = [du.MO, du.TU, du.WE, du.TH, du.FR, du.SA, du.SU]
MAX_EXPECTED = 150
LATEST = datetime(2099, 1, 1)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "vectors", "expand", "dateutil.json")


class Skip(Exception):
    """The rule is not emitted (see the module docstring)."""


# ---------------------------------------------------------------------------------
# Week numbers (RFC 5545 3.3.10: week 1 is the first WKST-started week with at least
# four days of the year).
# ---------------------------------------------------------------------------------

def week1_start(year, wkst):
    jan4 = date(year, 1, 4)
    return jan4 - timedelta(days=(jan4.weekday() - wkst) % 7)


def week_of(d, wkst):
    for wy in (d.year + 1, d.year, d.year - 1):
        start = week1_start(wy, wkst)
        if d >= start:
            return wy, (d - start).days // 7 + 1
    raise AssertionError(d)


def weeks_in(wy, wkst):
    return (week1_start(wy + 1, wkst) - week1_start(wy, wkst)).days // 7


def weekno_matches(d, weeknos, wkst):
    wy, w = week_of(d, wkst)
    n = weeks_in(wy, wkst)
    return any(w == k if k > 0 else w == n + 1 + k for k in weeknos)


# ---------------------------------------------------------------------------------
# Random rules.
# ---------------------------------------------------------------------------------

def pick(rng, values, lo=1, hi=3):
    k = rng.randint(lo, min(hi, len(values)))
    return sorted(rng.sample(values, k), key=values.index)


def offset(zone, t):
    """The UTC offset of `zone` at the aware instant `t`."""
    return t.astimezone(ZoneInfo(zone)).utcoffset()


def transitions(zone, year):
    """The UTC instants (minute precision) where `zone` changes offset in `year`."""
    out = []
    t = datetime(year, 1, 1, 12, tzinfo=timezone.utc)
    end = datetime(year + 1, 1, 1, 12, tzinfo=timezone.utc)
    while t < end:
        nxt = t + timedelta(days=1)
        if offset(zone, t) != offset(zone, nxt):
            lo, hi = t, nxt
            while hi - lo > timedelta(minutes=1):
                mid = lo + (hi - lo) / 2
                mid = mid.replace(second=0, microsecond=0)
                if mid <= lo:
                    break
                if offset(zone, mid) == offset(zone, lo):
                    lo = mid
                else:
                    hi = mid
            out.append(hi)
        t = nxt
    return out


def gen_rule(rng):
    """A random valid rule: (zone, dtstart naive, parts dict, a DST transition the
    window should cover or None)."""
    zone = rng.choice(ZONES)
    freq = rng.choices(FREQS, weights=[6, 8, 8, 8, 4, 2, 1])[0]
    focus = None
    if zone not in ("UTC", "Asia/Kolkata") and rng.random() < 0.6:
        # Start near a DST transition, at or around its wall-clock time.
        year = rng.randint(1995, 2018 if zone == "America/Sao_Paulo" else 2060)
        focus = rng.choice(transitions(zone, year))
        wall = (focus + offset(zone, focus - timedelta(minutes=1))).replace(tzinfo=None)
        back = {"HOURLY": rng.choice([0, 1, 2]), "DAILY": rng.choice([0, 1, 3, 10]),
                "WEEKLY": 7 * rng.choice([0, 1, 4]), "MINUTELY": 0, "SECONDLY": 0,
                }.get(freq, rng.choice([0, 1, 40, 400]))
        shift = timedelta(minutes=rng.choice([-60, -30, 0, 0, 15, 30, 45, 60, 90]))
        dtstart = (wall - timedelta(days=back) + shift).replace(second=0)
    else:
        year = rng.randint(1995, 2060)
        d = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        # Hours near DST transitions (midnight to 03:00) come up often.
        hour = rng.choice([0, 0, 1, 1, 2, 2, 3, 9, 12, 17, 23, rng.randrange(24)])
        minute = rng.choice([0, 0, 0, 15, 30, 45, rng.randrange(60)])
        second = 0 if rng.random() < 0.9 else rng.randrange(60)
        dtstart = datetime(d.year, d.month, d.day, hour, minute, second)

    p = {"FREQ": freq}
    r = rng.random
    if r() < 0.4:
        p["INTERVAL"] = rng.choice([2, 2, 3, 4, 5, 7])
    if r() < 0.5:
        p["WKST"] = rng.choice(DAYS)

    weekno = freq == "YEARLY" and r() < 0.35
    if weekno:
        p["BYWEEKNO"] = pick(rng, [1, 2, 10, 20, 26, 27, 52, 53, -1], 1, 3)
    if r() < (0.25 if freq in ("YEARLY", "MONTHLY") else 0.35) and not weekno:
        p["BYMONTH"] = pick(rng, list(range(1, 13)), 1, 4)
    elif weekno and r() < 0.2:
        p["BYMONTH"] = pick(rng, [1, 6, 12], 1, 2)

    if freq == "YEARLY" and not weekno and r() < 0.15:
        p["BYYEARDAY"] = pick(rng, [1, 2, 59, 60, 100, 200, 365, 366, -1, -2, -365, -366], 1, 3)
    if freq in ("HOURLY", "MINUTELY") and r() < 0.08:
        p["BYYEARDAY"] = pick(rng, [1, 60, 100, -1], 1, 2)

    if freq != "WEEKLY" and not weekno and "BYYEARDAY" not in p and r() < 0.35:
        p["BYMONTHDAY"] = pick(
            rng, [1, 2, 7, 10, 13, 15, 20, 28, 29, 30, 31, -1, -2, -3, -7, -31], 1, 3
        )

    if r() < 0.55:
        ordinal = freq in ("MONTHLY", "YEARLY") and not weekno and r() < 0.45
        days = pick(rng, DAYS, 1, 4)
        if ordinal:
            within_month = freq == "MONTHLY" or "BYMONTH" in p
            top = 5 if within_month else 53
            vals = []
            for day in days:
                if r() < 0.7:
                    n = rng.choice([1, 2, 3, 4, -1, -2, top if r() < 0.3 else 1])
                    if not within_month and r() < 0.3:
                        n = rng.choice([10, 20, 26, 52, -10, -52, 53])
                    vals.append(f"{n}{day}")
                else:
                    vals.append(day)
            p["BYDAY"] = vals
        else:
            p["BYDAY"] = days

    if freq != "SECONDLY" and r() < (0.3 if freq in ("YEARLY", "MONTHLY", "WEEKLY", "DAILY") else 0.2):
        p["BYHOUR"] = pick(rng, [0, 1, 2, 3, 9, 12, 17, 23], 1, 3)
    if r() < (0.1 if freq == "MINUTELY" else 0.2):
        p["BYMINUTE"] = pick(rng, [0, 15, 20, 30, 45], 1, 3)
    if r() < (0.3 if freq in ("MINUTELY", "SECONDLY") else 0.05):
        p["BYSECOND"] = pick(rng, [0, 30, 59], 1, 2)

    others = [k for k in p if k.startswith("BY")]
    mixed = len({len(v) > 2 for v in p.get("BYDAY", [])}) > 1
    if others and not weekno and r() < 0.25 and not mixed and freq not in ("MINUTELY", "SECONDLY"):
        p["BYSETPOS"] = pick(rng, [1, 2, 3, -1, -2, 5], 1, 2)

    end = rng.random()
    if end < 0.3:
        p["COUNT"] = rng.choice([1, 2, 3, 5, 8, 13, 20, 40])
    elif end < 0.5:
        p["UNTIL"] = None  # chosen once the instants are known
    return zone, dtstart, p, focus


def window_length(freq, rng):
    days = {
        "YEARLY": 365 * rng.choice([3, 8, 15, 30]),
        "MONTHLY": 30 * rng.choice([3, 12, 30, 60]),
        "WEEKLY": 7 * rng.choice([4, 20, 60]),
        "DAILY": rng.choice([10, 40, 120]),
        "HOURLY": rng.choice([1, 3, 10]),
        "MINUTELY": rng.choice([0.1, 0.5, 2]),
        "SECONDLY": rng.choice([0.005, 0.04]),
    }[freq]
    return timedelta(days=days)


# ---------------------------------------------------------------------------------
# Expectations.
# ---------------------------------------------------------------------------------

def du_kwargs(p, dtstart):
    kw = {"interval": p.get("INTERVAL", 1)}
    if "WKST" in p:
        kw["wkst"] = DAYS.index(p["WKST"])
    for part, key in [
        ("BYMONTH", "bymonth"),
        ("BYYEARDAY", "byyearday"),
        ("BYMONTHDAY", "bymonthday"),
        ("BYHOUR", "byhour"),
        ("BYMINUTE", "byminute"),
        ("BYSECOND", "bysecond"),
        ("BYSETPOS", "bysetpos"),
    ]:
        if part in p:
            kw[key] = list(p[part])
    if "BYDAY" in p:
        days = []
        for v in p["BYDAY"]:
            day = DU_DAY[DAYS.index(v[-2:])]
            days.append(day(int(v[:-2])) if len(v) > 2 else day)
        kw["byweekday"] = days
    return kw


def to_utc(zone, naive):
    if zone == "UTC":
        return naive.replace(tzinfo=timezone.utc)
    return naive.replace(tzinfo=ZoneInfo(zone), fold=0).astimezone(timezone.utc)


class _YearCap:
    """Stands in for the `datetime` module inside dateutil.rrule with a lower MAXYEAR,
    so that a rule that never matches stops at the end of the years we look at
    instead of walking to 9999 (deterministic, unlike a timeout)."""

    def __init__(self, maxyear):
        self.MAXYEAR = maxyear

    def __getattr__(self, name):
        return getattr(datetime_module, name)


def _alarm(signum, frame):
    raise RuntimeError("dateutil took more than 60 s on one rule")


def naive_instances(zone, dtstart, p, bound):
    """The rule's naive local instances (our readings applied), in order, up to
    the naive time `bound`, and at most COUNT of them."""
    freq = p["FREQ"]
    kw = du_kwargs(p, dtstart)
    start = dtstart
    weeknos = p.get("BYWEEKNO")
    wkst = kw.get("wkst", 0)
    if weeknos:
        if "byweekday" not in kw:
            kw["byweekday"] = [DU_DAY[dtstart.weekday()]]
    if freq == "WEEKLY" and "BYSETPOS" in p:
        if "byweekday" not in kw:
            kw["byweekday"] = [DU_DAY[dtstart.weekday()]]
        for key, value in (("byhour", dtstart.hour), ("byminute", dtstart.minute),
                           ("bysecond", dtstart.second)):
            kw.setdefault(key, [value])
        back = (dtstart.weekday() - wkst) % 7
        start = dtstart - timedelta(days=back)
    # A BYDAY list mixing plain and ordinal weekdays is a union (RFC 5545 3.3.10);
    # dateutil intersects the two kinds, so it expands each kind on its own and the
    # two are merged (never generated together with BYSETPOS).
    variants = [kw]
    days = kw.get("byweekday") or []
    plain = [d for d in days if d.n is None]
    nth = [d for d in days if d.n is not None]
    if plain and nth:
        assert "BYSETPOS" not in p
        variants = [dict(kw, byweekday=plain), dict(kw, byweekday=nth)]
    try:
        rules = [du.rrule(DU_FREQ[freq], dtstart=start, cache=False, **k) for k in variants]
    except ValueError as e:  # dateutil: "generates an empty set" and the like
        raise Skip(str(e))
    out = []
    limit = p.get("COUNT")
    last = None
    for t in heapq.merge(*rules):
        if t == last:
            continue
        last = t
        if t > bound:
            break
        if t < dtstart:
            continue
        if weeknos and not weekno_matches(t.date(), weeknos, wkst):
            continue
        out.append(t)
        if limit is not None and len(out) >= limit:
            break
    return out


def fmt(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def rule_text(p):
    """The RRULE value of a parts dict (FREQ first)."""
    parts = [f"FREQ={p['FREQ']}"]
    for k, v in p.items():
        if k != "FREQ":
            parts.append(f"{k}={','.join(str(x) for x in v) if isinstance(v, list) else v}")
    return ";".join(parts)


def ical_of(zone, dtstart, p, utc_dtstart_form):
    parts = []
    for k, v in p.items():
        if k == "UNTIL":
            parts.append(f"UNTIL={v.strftime('%Y%m%dT%H%M%SZ')}")
        elif isinstance(v, list):
            parts.append(f"{k}={','.join(str(x) for x in v)}")
        else:
            parts.append(f"{k}={v}")
    stamp = dtstart.strftime("%Y%m%dT%H%M%S")
    if zone == "UTC":
        line = f"DTSTART:{stamp}Z" if utc_dtstart_form else f"DTSTART:{stamp}"
    else:
        line = f"DTSTART;TZID={zone}:{stamp}"
    return f"{line}\nRRULE:{';'.join(parts)}", parts


def make_vector(rng, index):
    zone, dtstart, p, focus = gen_rule(rng)
    freq = p["FREQ"]
    # Shuffle the rule parts after FREQ: order must not matter.
    items = [(k, v) for k, v in p.items() if k != "FREQ"]
    rng.shuffle(items)
    if rng.random() < 0.3:
        # FREQ somewhere in the middle, too.
        p = dict(items)
        p["FREQ"] = freq
        keys = list(p)
        rng.shuffle(keys)
        p = {k: p[k] for k in keys}
    else:
        p = {"FREQ": freq, **dict(items)}

    # The window: starts before, at, or (often) well after DTSTART.
    length = window_length(freq, rng)
    lead = rng.choice([
        -timedelta(days=3),
        timedelta(0),
        length * rng.random(),
        length * rng.randint(1, 6),
    ])
    w_from = dtstart + lead
    if focus is not None:
        # A window around the transition.
        w_from = focus.replace(tzinfo=None) - length * rng.choice([0.1, 0.5, 0.9])
    w_from = w_from.replace(minute=rng.choice([0, 0, 30, w_from.minute]), second=0, microsecond=0)
    w_to = w_from + length
    if w_to > LATEST:
        raise Skip("window past 2099")
    from_utc = w_from.replace(tzinfo=timezone.utc)
    to_utc_ = w_to.replace(tzinfo=timezone.utc)

    until_choice = "UNTIL" in p
    bound = w_to + timedelta(days=3)
    if until_choice:
        bound = w_to + length + timedelta(days=3)
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, 60.0)
    du.datetime = _YearCap(bound.year + 1)
    try:
        naive = naive_instances(zone, dtstart, p, bound)
    finally:
        du.datetime = datetime_module
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)

    instants = [to_utc(zone, t) for t in naive]
    if "COUNT" in p and len(set(instants)) != len(instants):
        raise Skip("COUNT over instants that collapse")
    if until_choice:
        # UNTIL: an instance instant (inclusive), or a random instant, after DTSTART.
        if instants and rng.random() < 0.6:
            until = rng.choice(instants[: max(1, len(instants) * 2 // 3)])
            if rng.random() < 0.3:
                until -= timedelta(seconds=1)
        else:
            until = to_utc(zone, dtstart) + length * rng.random() * 2
        until = until.replace(microsecond=0)
        if until.tzinfo is None:
            until = until.replace(tzinfo=timezone.utc)
        until = until.astimezone(timezone.utc)
        seen_after = False
        kept = []
        for t in instants:
            if t > until:
                seen_after = True
            else:
                if seen_after:
                    raise Skip("UNTIL crossed non-monotonically")
                kept.append(t)
        instants = kept
        p["UNTIL"] = until

    # Sometimes a second RRULE (with its own COUNT), RDATEs and EXDATEs.
    extra = []
    if rng.random() < 0.1:
        second = {"FREQ": rng.choice(["DAILY", "WEEKLY", "MONTHLY"]), "COUNT": rng.randint(1, 12)}
        if rng.random() < 0.5:
            second["INTERVAL"] = rng.randint(2, 4)
        if second["FREQ"] == "WEEKLY" and rng.random() < 0.5:
            second["BYDAY"] = pick(rng, DAYS, 1, 3)
        du.datetime = _YearCap(bound.year + 1)
        try:
            naive2 = naive_instances(zone, dtstart, second, bound)
        finally:
            du.datetime = datetime_module
        inst2 = [to_utc(zone, t) for t in naive2]
        if len(set(inst2)) != len(inst2):
            raise Skip("COUNT over instants that collapse")
        instants = instants + inst2
        extra.append("RRULE:" + rule_text(second))
    if rng.random() < 0.15:
        times = []
        for _ in range(rng.randint(1, 3)):
            t = w_from + (w_to - w_from) * rng.random()
            if focus is not None and rng.random() < 0.5:
                # A wall-clock time near the transition (maybe in its gap/overlap).
                t = (focus + offset(zone, focus - timedelta(minutes=1))).replace(tzinfo=None)
                t += timedelta(minutes=rng.choice([-30, 0, 15, 30, 45]))
            times.append(t.replace(second=0, microsecond=0))
        if zone == "UTC" or rng.random() < 0.4:
            rd = [to_utc(zone, t) for t in times]
            extra.append("RDATE:" + ",".join(u.strftime("%Y%m%dT%H%M%SZ") for u in rd))
        else:
            rd = [to_utc(zone, t) for t in times]
            extra.append(f"RDATE;TZID={zone}:" + ",".join(t.strftime("%Y%m%dT%H%M%S") for t in times))
        instants = instants + rd
    if rng.random() < 0.15 and instants:
        uniq = sorted(set(instants))
        gone = rng.sample(uniq, min(len(uniq), rng.randint(1, 3)))
        if zone == "UTC" or rng.random() < 0.4:
            extra.append("EXDATE:" + ",".join(u.strftime("%Y%m%dT%H%M%SZ") for u in gone))
        else:
            local = [u.astimezone(ZoneInfo(zone)).replace(tzinfo=None) for u in gone]
            extra.append(f"EXDATE;TZID={zone}:" + ",".join(t.strftime("%Y%m%dT%H%M%S") for t in local))
        instants = [t for t in instants if t not in set(gone)]
    rng.shuffle(extra)
    in_window = sorted({t for t in instants if from_utc <= t < to_utc_})

    limit = None
    if len(in_window) > MAX_EXPECTED:
        if rng.random() < 0.5:
            limit = rng.choice([1, 10, 50, 100])
            in_window = in_window[:limit]
        else:
            # Shrink the window to end at an instance (exclusive).
            to_utc_ = in_window[MAX_EXPECTED]
            in_window = in_window[:MAX_EXPECTED]
    if not in_window and rng.random() < 0.7:
        raise Skip("empty; keep only some")

    # A floating DTSTART (read in UTC by `expand`) sometimes; never with UNTIL, which
    # RFC 5545 wants floating then too.
    ical, _ = ical_of(zone, dtstart, p, until_choice or rng.random() < 0.7)
    if extra:
        ical += "\n" + "\n".join(extra)
    inp = {"ical": ical, "from": fmt(from_utc), "to": fmt(to_utc_)}
    if limit is not None:
        inp["limit"] = limit
    # One case in the format of tests/vectors/README.md.
    return {
        "kind": "expand",
        "description": f"dateutil #{index}: {zone} {freq}",
        "input": inp,
        "expected": [fmt(t) for t in in_window],
    }


def generate():
    vectors = []
    skipped = {}
    attempt = 0
    while len(vectors) < COUNT:
        # One generator per attempt, seeded by the attempt number: reproducible
        # whatever an earlier attempt consumed.
        rng = random.Random(f"{SEED}-{attempt}")
        attempt += 1
        try:
            vectors.append(make_vector(rng, len(vectors)))
        except Skip as e:
            key = str(e).split(":")[0][:60]
            skipped[key] = skipped.get(key, 0) + 1
    return vectors, skipped, attempt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="compare with the stored file")
    ap.add_argument("--out", default=OUT)
    args = ap.parse_args()
    vectors, skipped, attempts = generate()
    text = json.dumps(vectors, indent=0, separators=(",", ":")) + "\n"
    if args.check:
        with open(args.out) as f:
            if f.read() != text:
                print("stored vectors differ from a fresh generation", file=sys.stderr)
                sys.exit(1)
        print(f"{len(vectors)} vectors match")
        return
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(text)
    total = sum(len(v["expected"]) for v in vectors)
    print(
        f"wrote {len(vectors)} vectors ({total} instants, {len(text)} bytes) to {args.out}; "
        f"{attempts} attempts, skipped: {skipped}"
    )


if __name__ == "__main__":
    main()
