"""Python values in and out: aware datetimes (naive ones rejected naming the
argument), DST gaps and overlaps, timedeltas, zone names and ZoneInfo."""

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

import slotwise
from vector_files import rfc3339

UTC = timezone.utc
NY = ZoneInfo("America/New_York")
LISBON = ZoneInfo("Europe/Lisbon")


def weekday_schedule(**overrides):
    schedule = {
        "id": "desk",
        "timezone": "America/New_York",
        "availability": [{"rule": "DTSTART:20260302T090000\nRRULE:FREQ=DAILY", "end": "12:00"}],
        "slot": {"duration": "PT1H", "capacity": 1},
    }
    schedule.update(overrides)
    return schedule


def test_expand_returns_aware_utc_datetimes():
    got = slotwise.expand(
        "DTSTART;TZID=America/New_York:20260305T090000\nRRULE:FREQ=DAILY;COUNT=5",
        datetime(2026, 1, 1, tzinfo=UTC),
        datetime(2027, 1, 1, tzinfo=UTC),
    )
    assert all(t.tzinfo is UTC for t in got)
    # 09:00 in New York is 14:00Z before the March 8 switch and 13:00Z after it.
    assert [t.astimezone(NY).hour for t in got] == [9] * 5
    assert [t.hour for t in got] == [14, 14, 14, 13, 13]


@pytest.mark.parametrize("arg", ["from_", "to"])
def test_a_naive_datetime_is_rejected_naming_the_argument(arg):
    args = {"from_": datetime(2026, 1, 1, tzinfo=UTC), "to": datetime(2026, 2, 1, tzinfo=UTC)}
    args[arg] = args[arg].replace(tzinfo=None)
    with pytest.raises(slotwise.InvalidInputError) as info:
        slotwise.expand("DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY", args["from_"], args["to"])
    assert info.value.path == arg
    assert arg in str(info.value) and "naive" in str(info.value)


def test_naive_datetimes_inside_dicts_are_rejected_naming_the_field():
    engine = slotwise.Engine([weekday_schedule()])
    with pytest.raises(slotwise.InvalidInputError) as info:
        engine.availability({"from": datetime(2026, 3, 2), "to": datetime(2026, 3, 3, tzinfo=UTC)})
    assert info.value.path == "from"
    with pytest.raises(slotwise.InvalidInputError) as info:
        engine.add_appointment(
            {"id": "a", "schedule": "desk", "start": datetime(2026, 3, 2, 14), "end": datetime(2026, 3, 2, 15, tzinfo=UTC)}
        )
    assert info.value.path == "start"
    with pytest.raises(slotwise.InvalidInputError) as info:
        engine.explain("desk", datetime(2026, 3, 2, 14))
    assert info.value.path == "instant"


def test_any_aware_datetime_is_its_instant():
    at_noon_utc = datetime(2026, 3, 2, 12, tzinfo=UTC)
    same = [
        at_noon_utc,
        at_noon_utc.astimezone(NY),
        at_noon_utc.astimezone(timezone(timedelta(hours=-3))),
        "2026-03-02T09:00:00-03:00",
    ]
    rule = "DTSTART:20260302T120000Z\nRRULE:FREQ=HOURLY;COUNT=3"
    answers = [slotwise.expand(rule, start, start + timedelta(hours=2) if isinstance(start, datetime) else "2026-03-02T14:00:00Z") for start in same]
    assert all(a == answers[0] for a in answers)
    assert [rfc3339(t) for t in answers[0]] == ["2026-03-02T12:00:00Z", "2026-03-02T13:00:00Z"]


def test_a_rule_time_in_the_spring_gap_moves_forward_by_the_gap():
    # 02:30 does not exist in New York on 2026-03-08: it is read as 03:30 EDT.
    got = slotwise.expand(
        "DTSTART;TZID=America/New_York:20260307T023000\nRRULE:FREQ=DAILY;COUNT=3",
        datetime(2026, 3, 1, tzinfo=UTC),
        datetime(2026, 4, 1, tzinfo=UTC),
    )
    local = [t.astimezone(NY) for t in got]
    assert [(t.day, t.hour, t.minute) for t in local] == [(7, 2, 30), (8, 3, 30), (9, 2, 30)]
    assert rfc3339(got[1]) == "2026-03-08T07:30:00Z"


def test_an_ambiguous_rule_time_takes_its_first_instant():
    # 01:30 happens twice in New York on 2026-11-01; the engine takes the EDT one.
    got = slotwise.expand(
        "DTSTART;TZID=America/New_York:20261031T013000\nRRULE:FREQ=DAILY;COUNT=3",
        datetime(2026, 10, 1, tzinfo=UTC),
        datetime(2026, 12, 1, tzinfo=UTC),
    )
    assert [rfc3339(t) for t in got] == [
        "2026-10-31T05:30:00Z",
        "2026-11-01T05:30:00Z",
        "2026-11-02T06:30:00Z",
    ]


def test_overlap_datetimes_given_by_the_host_keep_their_fold():
    first = datetime(2026, 11, 1, 1, 30, tzinfo=NY)
    second = first.replace(fold=1)
    engine = slotwise.Engine([weekday_schedule()])
    a = engine.explain("desk", first)
    b = engine.explain("desk", second)
    assert rfc3339(a.instant) == "2026-11-01T05:30:00Z"
    assert rfc3339(b.instant) == "2026-11-01T06:30:00Z"
    assert a.local_time == "2026-11-01T01:30:00-04:00"
    assert b.local_time == "2026-11-01T01:30:00-05:00"


def test_a_gap_datetime_given_by_the_host_is_read_as_python_reads_it():
    # Python gives 02:30 on the spring-forward day the offset before the gap (fold=0).
    gap = datetime(2026, 3, 8, 2, 30, tzinfo=NY)
    engine = slotwise.Engine([weekday_schedule()])
    assert rfc3339(engine.explain("desk", gap).instant) == rfc3339(gap)


def test_day_long_windows_across_dst_in_slots():
    engine = slotwise.Engine([weekday_schedule()])
    slots = engine.availability(from_=datetime(2026, 3, 7, tzinfo=UTC), to=datetime(2026, 3, 10, tzinfo=UTC))
    # 09:00-12:00 local each day: three one-hour slots, 14:00Z before the switch, 13:00Z after.
    assert [(s.start.day, s.start.hour) for s in slots] == [
        (7, 14), (7, 15), (7, 16), (8, 13), (8, 14), (8, 15), (9, 13), (9, 14), (9, 15)
    ]
    assert all(s.end - s.start == timedelta(hours=1) for s in slots)


def test_timedeltas_zoneinfo_dates_and_times_read_as_their_json_forms():
    as_text = weekday_schedule(
        slot={"duration": "PT30M", "step": "PT15M", "capacity": 2, "buffer_after": "PT5M"},
        overrides=[{"date": "2026-03-04", "windows": [["10:00", "11:00"]]}],
        exclusions=[{"kind": "day", "date": "2026-03-05"}],
    )
    as_python = weekday_schedule(
        timezone=NY,
        slot={"duration": timedelta(minutes=30), "step": timedelta(minutes=15), "capacity": 2,
              "buffer_after": timedelta(minutes=5)},
        overrides=[{"date": date(2026, 3, 4), "windows": [(time(10), time(11))]}],
        exclusions=[{"kind": "day", "date": date(2026, 3, 5)}],
    )
    query = {"from": "2026-03-02T00:00:00Z", "to": "2026-03-09T00:00:00Z"}
    a = slotwise.Engine([as_text]).availability(query)
    b = slotwise.Engine([as_python]).availability(query)
    assert a == b and len(a) > 0
    assert not any(s.start.astimezone(NY).day == 5 for s in a)


def test_durations_as_timedeltas_in_queries():
    engine = slotwise.Engine([weekday_schedule()])
    now = datetime(2026, 3, 2, 14, 10, tzinfo=UTC)
    slots = engine.availability(
        from_=datetime(2026, 3, 2, tzinfo=UTC), to=datetime(2026, 3, 4, tzinfo=UTC),
        now=now, min_notice=timedelta(hours=1), max_advance=timedelta(days=1),
    )
    assert slots and all(now + timedelta(hours=1) <= s.start <= now + timedelta(days=1) for s in slots)
    assert engine.availability(
        {"from": "2026-03-02T00:00:00Z", "to": "2026-03-04T00:00:00Z", "now": "2026-03-02T14:10:00Z",
         "min_notice": "PT1H", "max_advance": "P1D"}
    ) == slots


def test_a_timedelta_with_microseconds_is_rejected():
    with pytest.raises(slotwise.InvalidInputError) as info:
        slotwise.Engine([weekday_schedule(slot={"duration": timedelta(minutes=30, microseconds=1), "capacity": 1})])
    assert info.value.path == "schedules[0].slot.duration"


def test_a_fixed_offset_is_not_a_zone():
    with pytest.raises(slotwise.UnknownTimezoneError) as info:
        slotwise.Engine([weekday_schedule(timezone=timezone(timedelta(hours=2)))])
    assert info.value.path == "schedules[0].timezone"


def test_utc_and_zone_names_work_as_zones():
    utc_one = slotwise.Engine([weekday_schedule(timezone=UTC, availability=[{"rule": "DTSTART:20260302T090000\nRRULE:FREQ=DAILY", "end": "12:00"}])])
    named = slotwise.Engine([weekday_schedule(timezone="UTC")])
    q = {"from": "2026-03-02T00:00:00Z", "to": "2026-03-03T00:00:00Z"}
    assert utc_one.availability(q) == named.availability(q)
    assert [s.start.hour for s in named.availability(q)] == [9, 10, 11]


def test_answers_datetimes_are_exact_over_the_whole_calendar():
    # Every 7th day from 0001-01-01 to 9999-12-31 at 23:59:59 (about 520,000
    # instants): each answer's calendar fields equal Python's own arithmetic.
    got = slotwise.expand(
        "DTSTART:00010101T235959Z\nRRULE:FREQ=DAILY;INTERVAL=7",
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC),
    )
    first = datetime(1, 1, 1, 23, 59, 59, tzinfo=UTC)
    assert len(got) == (datetime(9999, 12, 31, tzinfo=UTC) - datetime(1, 1, 1, tzinfo=UTC)).days // 7 + 1
    assert got == [first + timedelta(days=7 * i) for i in range(len(got))]
    assert all(type(t) is datetime and t.tzinfo is UTC for t in got[:: 997])


@pytest.mark.parametrize("ical", [
    "DTSTART;TZID=America/New_York:20260105T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,13;BYMINUTE=0,30",
    "DTSTART;TZID=Europe/Lisbon:20260329T003000\nRRULE:FREQ=HOURLY;COUNT=50",
    "DTSTART:19691231T235958Z\nRRULE:FREQ=SECONDLY;COUNT=5",
])
def test_expand_epoch_is_expand_as_numbers(ical):
    from array import array

    a, b = datetime(1969, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)
    numbers = slotwise.expand_epoch(ical, a, b)
    assert isinstance(numbers, array) and numbers.typecode == "q"
    instants = slotwise.expand(ical, a, b)
    assert list(numbers) == [int(t.timestamp()) for t in instants] and len(numbers) > 0
    assert list(slotwise.expand_epoch(ical, a, b, 3)) == list(numbers[:3])


def test_expand_epoch_raises_as_expand_does():
    with pytest.raises(slotwise.InvalidInputError) as info:
        slotwise.expand_epoch("DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY", datetime(2026, 1, 1), "2026-02-01T00:00:00Z")
    assert info.value.path == "from_"
    with pytest.raises(slotwise.InvalidRuleError):
        slotwise.expand_epoch("DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY;BYHOUR=24", "2026-01-01T00:00:00Z",
                              "2026-02-01T00:00:00Z")


def expected_path():
    import sys

    if sys.implementation.name != "cpython" or not (3, 9) <= sys.version_info[:2] <= (3, 15):
        return "call"
    return "capsule" if sys.version_info[:2] == (3, 9) else "direct"


def test_datetimes_are_made_the_fastest_checked_way_on_known_cpythons():
    assert slotwise._native._datetime_path() == expected_path()


def same_datetime(ours, theirs):
    """`ours` is `theirs` in every way Python can look at a datetime."""
    import pickle

    assert type(ours) is datetime and ours.tzinfo is UTC and ours.fold == 0
    assert ours == theirs and hash(ours) == hash(theirs)
    assert repr(ours) == repr(theirs) and ours.isoformat() == theirs.isoformat()
    fields = ("year", "month", "day", "hour", "minute", "second", "microsecond")
    assert [getattr(ours, f) for f in fields] == [getattr(theirs, f) for f in fields]
    assert ours.__reduce__() == theirs.__reduce__()
    again = pickle.loads(pickle.dumps(ours))
    assert again == theirs and repr(again) == repr(theirs)
    assert ours.timestamp() == theirs.timestamp() and ours - theirs == timedelta(0)


def test_made_datetimes_equal_the_types_over_the_whole_calendar():
    # Every 37th day from 0001-01-01 to 9999-12-31, at a time and microsecond
    # that move with the day (each byte of the microsecond filled somewhere),
    # plus every leap day, month end and year end in a sample of years.
    make = slotwise._native._make_datetime
    count = 0
    for i, ordinal in enumerate(range(1, date.max.toordinal() + 1, 37)):
        day = datetime.combine(date.fromordinal(ordinal), time(), UTC)
        t = day + timedelta(seconds=(i * 7919) % 86_400, microseconds=(i * 104_729) % 1_000_000)
        same_datetime(make(t.year, t.month, t.day, t.hour, t.minute, t.second, t.microsecond), t)
        count += 1
    assert count > 98_000
    for year in [1, 4, 100, 255, 256, 400, 1900, 1970, 2000, 2024, 2100, 9996, 9999]:
        for month in range(1, 13):
            end = (date(year, 12, 31) if month == 12 else date(year, month + 1, 1) - timedelta(days=1)).day
            for d, hms, us in [(1, (0, 0, 0), 0), (end, (23, 59, 59), 999_999), (end, (12, 0, 0), 65_536)]:
                want = datetime(year, month, d, *hms, us, tzinfo=UTC)
                same_datetime(make(year, month, d, *hms, us), want)


@pytest.mark.parametrize("fields", [
    (0, 1, 1, 0, 0, 0, 0), (10_000, 1, 1, 0, 0, 0, 0), (2025, 2, 29, 0, 0, 0, 0), (2024, 13, 1, 0, 0, 0, 0),
    (2024, 1, 1, 24, 0, 0, 0), (2024, 1, 1, 0, 60, 0, 0), (2024, 1, 1, 0, 0, 60, 0), (2024, 1, 1, 0, 0, 0, 1_000_000),
])
def test_an_invalid_date_or_time_is_never_made(fields):
    with pytest.raises(ValueError):
        slotwise._native._make_datetime(*fields)


def test_answers_across_dst_edges_equal_the_types_datetimes():
    # Every 20 minutes for three days around each New York and Lisbon switch of
    # 2026: each answer equals the type's datetime of the same epoch second.
    for zone, day in [("America/New_York", date(2026, 3, 7)), ("America/New_York", date(2026, 10, 31)),
                      ("Europe/Lisbon", date(2026, 3, 28)), ("Europe/Lisbon", date(2026, 10, 24))]:
        ical = f"DTSTART;TZID={zone}:{day:%Y%m%d}T000000\nRRULE:FREQ=MINUTELY;INTERVAL=20"
        a = datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(zone))
        got = slotwise.expand(ical, a, a + timedelta(days=3))
        seconds = slotwise.expand_epoch(ical, a, a + timedelta(days=3))
        assert len(got) == len(seconds) >= 3 * 72 - 3
        for ours, n in zip(got, seconds):
            same_datetime(ours, datetime.fromtimestamp(n, UTC))


def test_aware_utc_datetimes_in_are_their_instants_to_the_second():
    # A one-instant rule at T is inside [from_, to) exactly when from_ <= T < to,
    # with sub-second parts of the window dropped: read from the datetime's fields.
    for i in range(2_000):
        t = datetime(1, 1, 2, tzinfo=UTC) + timedelta(days=i * 1_823 + i % 7, seconds=(i * 7_919) % 86_400)
        stamp = f"{t.year:04}{t:%m%dT%H%M%S}"
        ical = f"DTSTART:{stamp}Z\nRRULE:FREQ=DAILY;COUNT=1"
        second = timedelta(seconds=1)
        assert slotwise.expand(ical, t, t + second) == [t]
        assert slotwise.expand(ical, t + timedelta(microseconds=999_999), t + second) == [t]
        assert slotwise.expand(ical, t + second, t + 2 * second) == []
        assert slotwise.expand(ical, t - second, t) == []
        # The same instants as text and in another zone give the same answers.
        text = [f"{u.year:04}-{u:%m-%dT%H:%M:%S}Z" for u in (t - second, t + second)]
        as_text = slotwise.expand(ical, *text)
        in_lisbon = slotwise.expand(ical, t.astimezone(LISBON), (t + second).astimezone(LISBON))
        assert as_text == in_lisbon == [t]


@pytest.mark.parametrize("switch", ["0", "capsule"])
def test_the_slower_ways_give_the_same_answers(switch):
    # SLOTWISE_DATETIME_CAPI=0 makes datetimes by calling the type (the way taken
    # where the C API is not known), =capsule through the C API without writing
    # objects by hand: a fresh interpreter must answer identically.
    import json
    import os
    import subprocess
    import sys

    script = (
        "import json, sys, slotwise\n"
        "from datetime import datetime, timezone\n"
        "ical = 'DTSTART;TZID=America/New_York:20260305T013000\\nRRULE:FREQ=HOURLY;INTERVAL=7;COUNT=400'\n"
        "got = slotwise.expand(ical, datetime(2026, 1, 1, tzinfo=timezone.utc), '2027-01-01T00:00:00Z')\n"
        "e = slotwise.Engine([{'id': 'd', 'timezone': 'Europe/Lisbon', 'availability': [{'rule': "
        "'DTSTART:20260327T220000\\nRRULE:FREQ=DAILY', 'end': '02:00'}], 'slot': {'duration': 'PT1H', 'capacity': 1}}])\n"
        "slots = e.availability(from_='2026-03-27T00:00:00Z', to='2026-04-01T00:00:00Z')\n"
        "assert all(type(t).__name__ == 'datetime' and t.tzinfo is timezone.utc for t in got)\n"
        "made = [slotwise._native._make_datetime(*f) for f in [(1, 1, 1, 0, 0, 0, 0), (9999, 12, 31, 23, 59, 59, 999999),"
        " (2024, 2, 29, 12, 34, 56, 65536)]]\n"
        "assert made == [datetime(*f, tzinfo=timezone.utc) for f in [(1, 1, 1, 0, 0, 0, 0), (9999, 12, 31, 23, 59, 59, 999999),"
        " (2024, 2, 29, 12, 34, 56, 65536)]]\n"
        "assert all(type(t) is datetime and t.tzinfo is timezone.utc for t in made)\n"
        "print(json.dumps([slotwise._native._datetime_path(), [t.isoformat() for t in got],"
        " [s.start.isoformat() for s in slots]]))\n"
    )
    env = {**os.environ, "SLOTWISE_DATETIME_CAPI": switch}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    path, instants, starts = json.loads(out.stdout)
    assert path == ("call" if switch == "0" or expected_path() == "call" else "capsule")
    ical = "DTSTART;TZID=America/New_York:20260305T013000\nRRULE:FREQ=HOURLY;INTERVAL=7;COUNT=400"
    assert instants == [t.isoformat() for t in slotwise.expand(ical, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")]
    assert len(instants) == 400
    assert len(starts) > 0 and all(s.endswith("+00:00") for s in starts)


def test_a_datetime_with_fields_out_of_range_is_rejected_naming_the_argument():
    # The pickled-state form of the type checks only the month: February 31st at
    # 25:00 is a datetime object, but not an instant.
    bad = datetime(b"\x07\xea\x02\x1f\x19\x00\x00\x00\x00\x00", UTC)
    assert (bad.month, bad.day, bad.hour) == (2, 31, 25)
    with pytest.raises(slotwise.InvalidInputError) as info:
        slotwise.expand_epoch("DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY", "2026-01-01T00:00:00Z", bad)
    assert info.value.path == "to"


def test_a_pure_python_datetime_module_gets_datetimes_by_calling_the_type():
    # Without CPython's C `_datetime`, `datetime` is the pure-Python module: none
    # of the C layouts apply, the checks must see it and call the type.
    import json
    import subprocess
    import sys

    script = (
        "import sys; sys.modules['_datetime'] = None\n"
        "import json, datetime, slotwise\n"
        "utc = datetime.timezone.utc\n"
        "got = slotwise.expand('DTSTART;TZID=America/New_York:20260305T013000\\nRRULE:FREQ=DAILY;COUNT=5',"
        " datetime.datetime(2026, 1, 1, tzinfo=utc), datetime.datetime(2027, 1, 1, tzinfo=utc))\n"
        "made = slotwise._native._make_datetime(9999, 12, 31, 23, 59, 59, 999999)\n"
        "assert all(type(t) is datetime.datetime and t.tzinfo is utc for t in got + [made])\n"
        "assert made == datetime.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=utc)\n"
        "print(json.dumps([slotwise._native._datetime_path(), [t.isoformat() for t in got]]))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    path, instants = json.loads(out.stdout)
    assert path == "call"
    ical = "DTSTART;TZID=America/New_York:20260305T013000\nRRULE:FREQ=DAILY;COUNT=5"
    assert instants == [t.isoformat() for t in slotwise.expand(ical, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")]


def test_empty_answers_are_empty_lists_and_arrays():
    rule = "DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY;COUNT=2"
    later = (datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC))
    assert slotwise.expand(rule, *later) == []
    assert slotwise.expand(rule, datetime(2026, 1, 1, tzinfo=UTC), later[0], 0) == []
    assert list(slotwise.expand_epoch(rule, *later)) == []
    # A list filled in place is an ordinary list afterwards.
    got = slotwise.expand(rule, datetime(2026, 1, 1, tzinfo=UTC), later[0])
    got.append(got[0])
    assert len(got) == 3 and got[0] is got[2] and got[:2] == sorted(got[:2])
