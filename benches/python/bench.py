"""slotwise from Python against what a Python program would otherwise do, in one run.

1. `slotwise.expand` (aware UTC datetimes) vs python-dateutil (`rrulestr` with a
   ZoneInfo DTSTART, the instants converted to UTC), same rules and windows,
   America/New_York; and `slotwise.expand_epoch` (epoch seconds in an
   `array('q')`), the numeric answer. Timed in CPU time (one thread each).
2. `Engine.availability_table` vs a plain-Python loop computing the same slots
   (zoneinfo for local times, a sorted scan for bookings), same inputs.
3. Handing a big availability answer to pyarrow, polars and pandas, against
   computing it.

Each case of 2. and 3. is timed as the best of a few runs (time.perf_counter)
after checking that both sides give the same answer. Run it once, on a quiet machine if you can:

    bindings-python/.venv/bin/python benches/python/bench.py
"""

import time
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pandas as pd
import polars as pl
import pyarrow as pa
from dateutil.rrule import rrulestr

import slotwise

UTC = timezone.utc
NY = ZoneInfo("America/New_York")


def best(f, runs=5):
    """Best wall time of `runs` calls of f, and its last answer."""
    times, answer = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        answer = f()
        times.append(time.perf_counter() - t0)
    return min(times), answer


def fmt(seconds):
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


EXPAND_CASES = [
    ("weekday hours (WEEKLY MO-FR, BYHOUR 9-16, BYMINUTE 0,30), 1 year",
     datetime(2026, 1, 5, 9, 0), "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,30",
     datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)),
    ("last weekday of the month (MONTHLY, BYSETPOS=-1), 50 years",
     datetime(2000, 1, 31, 17, 0), "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
     datetime(2000, 1, 1, tzinfo=UTC), datetime(2050, 1, 1, tzinfo=UTC)),
    ("DAILY at 08:15, 30 years",
     datetime(2000, 1, 1, 8, 15), "FREQ=DAILY",
     datetime(2000, 1, 1, tzinfo=UTC), datetime(2030, 1, 1, tzinfo=UTC)),
]


def expand_slotwise(dtstart, rule, a, b):
    ical = f"DTSTART;TZID=America/New_York:{dtstart:%Y%m%dT%H%M%S}\nRRULE:{rule}"
    return slotwise.expand(ical, a, b)


def expand_dateutil(dtstart, rule, a, b):
    rr = rrulestr(f"RRULE:{rule}", dtstart=dtstart.replace(tzinfo=NY))
    # dateutil compares aware datetimes; [a, b) as the engine's window.
    return [t.astimezone(UTC) for t in rr.between(a, b, inc=True) if t < b]


def expand_epoch(dtstart, rule, a, b):
    ical = f"DTSTART;TZID=America/New_York:{dtstart:%Y%m%dT%H%M%S}\nRRULE:{rule}"
    return slotwise.expand_epoch(ical, a, b)


def cpu(f, calls, batches=5):
    """Best CPU time per call (time.process_time) over `batches` batches of `calls`
    calls, each answer freed before the next call (as timeit counts it). These calls
    run on one thread, so the process's CPU time is the call's cost, and waiting for
    a core on a busy machine does not count."""
    times = []
    for _ in range(batches):
        t0 = time.process_time()
        for _ in range(calls):
            f()
        times.append((time.process_time() - t0) / calls)
    return min(times)


def bench_expand():
    print(f"\n## expand vs python-dateutil (America/New_York; CPU time per call; datetimes made "
          f"through: {slotwise._native._datetime_path()})\n")
    print("| case | instants | `expand` | dateutil | ratio | `expand_epoch` | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, dtstart, rule, a, b in EXPAND_CASES:
        ours = expand_slotwise(dtstart, rule, a, b)
        theirs = expand_dateutil(dtstart, rule, a, b)
        assert ours == theirs, name
        assert list(expand_epoch(dtstart, rule, a, b)) == [int(t.timestamp()) for t in theirs], name
        ours_t = cpu(lambda: expand_slotwise(dtstart, rule, a, b), 100)
        theirs_t = cpu(lambda: expand_dateutil(dtstart, rule, a, b), 2, batches=3)
        epoch_t = cpu(lambda: expand_epoch(dtstart, rule, a, b), 100)
        print(f"| {name} | {len(ours):,} | {fmt(ours_t)} | {fmt(theirs_t)} | {theirs_t / ours_t:.0f}× "
              f"| {fmt(epoch_t)} | {theirs_t / epoch_t:.0f}× |")


ZONES = ["America/New_York", "Europe/Lisbon", "America/Sao_Paulo", "Asia/Tokyo"]


def inputs(n, days):
    start = datetime(2026, 3, 2, tzinfo=UTC)
    schedules = [
        {"id": f"s{i:04}", "timezone": ZONES[i % len(ZONES)],
         "availability": [{"rule": "DTSTART:20260105T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "end": "17:00"}],
         "slot": {"duration": "PT30M", "capacity": 2}}
        for i in range(n)
    ]
    appointments = []
    for i in range(n * days // 2):
        s = schedules[i % n]
        day = start + timedelta(days=(i * 7) % days)
        local = datetime(day.year, day.month, day.day, 9 + i % 8, 30 * (i % 2), tzinfo=ZoneInfo(s["timezone"]))
        appointments.append({"id": f"a{i}", "schedule": s["id"], "start": local.astimezone(UTC),
                             "end": (local + timedelta(minutes=30)).astimezone(UTC)})
    return schedules, appointments, start, start + timedelta(days=days)


def plain_python(schedules, appointments, a, b):
    """The slots with a free seat, as a hand-written loop would find them."""
    held = {}
    for ap in appointments:
        held.setdefault(ap["schedule"], []).append((ap["start"], ap["end"], ap.get("seats", 1)))
    rows = []
    for s in schedules:
        zone = ZoneInfo(s["timezone"])
        bookings = held.get(s["id"], [])
        day = (a - timedelta(days=1)).astimezone(zone).date()
        last = b.astimezone(zone).date()
        while day <= last:
            if day.weekday() < 5:
                t = datetime(day.year, day.month, day.day, 9, tzinfo=zone).astimezone(UTC)
                close = datetime(day.year, day.month, day.day, 17, tzinfo=zone).astimezone(UTC)
                while t + timedelta(minutes=30) <= close:
                    end = t + timedelta(minutes=30)
                    if a <= t < b:
                        booked = sum(seats for bs, be, seats in bookings if bs < end and t < be)
                        if s["slot"]["capacity"] - booked >= 1:
                            rows.append((s["id"], t, end, s["slot"]["capacity"], booked))
                    t = end
            day += timedelta(days=1)
    rows.sort(key=lambda r: (r[1], r[0]))
    return rows


def bench_availability():
    print("\n## availability_table vs a plain-Python loop\n")
    print("| input | slots | slotwise (engine + table) | plain Python | ratio |")
    print("|---|---:|---:|---:|---:|")
    for n, days in ((20, 30), (200, 30)):
        schedules, appointments, a, b = inputs(n, days)
        engine = slotwise.Engine(schedules, appointments)
        ours_t, table = best(lambda: engine.availability_table(from_=a, to=b))
        theirs_t, rows = best(lambda: plain_python(schedules, appointments, a, b), runs=2)
        t = pa.table(table)
        mine = list(zip(t["schedule"].to_pylist(), t["start"].to_pylist(), t["booked"].to_pylist()))
        assert mine == [(r[0], r[1], r[4]) for r in rows], "the loop and the engine disagree"
        print(f"| {n} schedules × {days} days, {len(appointments):,} appointments | {len(rows):,} | "
              f"{fmt(ours_t)} | {fmt(theirs_t)} | {theirs_t / ours_t:.0f}× |")


def bench_handover():
    print("\n## a big answer into DataFrames\n")
    schedules = [
        {"id": f"room-{i:04}", "timezone": ZONES[i % len(ZONES)],
         "availability": [{"rule": "DTSTART:20260105T000000\nRRULE:FREQ=DAILY", "duration": "P1D"}],
         "slot": {"duration": "PT10M", "capacity": 1}}
        for i in range(1000)
    ]
    engine = slotwise.Engine(schedules)
    a = datetime(2026, 3, 2, tzinfo=UTC)
    b = a + timedelta(days=7)
    compute_t, table = best(lambda: engine.availability_table(from_=a, to=b), runs=3)
    objects_t, _ = best(lambda: engine.availability(from_=a, to=b), runs=1)
    arrow_t, _ = best(lambda: pa.table(table), runs=3)
    polars_t, _ = best(lambda: pl.DataFrame(table), runs=3)
    pandas_t, _ = best(lambda: pa.table(table).to_pandas(), runs=3)
    print(f"{len(table):,} slots (1,000 schedules × 7 days of 10-minute slots)\n")
    print("| step | time |")
    print("|---|---:|")
    print(f"| compute: `availability_table` | {fmt(compute_t)} |")
    print(f"| `pyarrow.table(t)` | {fmt(arrow_t)} |")
    print(f"| `polars.DataFrame(t)` | {fmt(polars_t)} |")
    print(f"| `pyarrow.table(t).to_pandas()` | {fmt(pandas_t)} |")
    print(f"| for comparison: `availability` as a list of Slot objects | {fmt(objects_t)} |")


if __name__ == "__main__":
    print(f"slotwise {slotwise.version()}, tzdata {slotwise.tzdata_version()}, pandas {pd.__version__}, "
          f"polars {pl.__version__}, pyarrow {pa.__version__}")
    bench_expand()
    bench_availability()
    bench_handover()
