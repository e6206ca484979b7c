"""Teams, pools, booking limits and the first free slots: `Engine.combined`, a
schedule's `limits` (and the `limit_reached` reason naming them) and `first` on
queries, on the worked examples of docs/semantics.md."""

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

import slotwise

UTC = timezone.utc
NY = ZoneInfo("America/New_York")


def z(text):
    """An instant written as RFC 3339 UTC."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def daily(id, zone, start, end, capacity=1, duration="PT1H", **more):
    return {
        "id": id,
        "timezone": zone,
        "availability": [{"rule": f"DTSTART:20260301T{start}00\nRRULE:FREQ=DAILY", "end": f"{end[:2]}:{end[2:]}"}],
        "slot": {"duration": duration, "capacity": capacity},
        **more,
    }


def booking(id, schedule, start, end, seats=1):
    return {"id": id, "schedule": schedule, "start": z(start), "end": z(end), "seats": seats}


# --- all: a doctor and a room ------------------------------------------------------


def doctor_and_room():
    return slotwise.Engine(
        [daily("dr-ana", NY, "0900", "1200"), daily("room-2", "America/New_York", "1000", "1300", capacity=2)],
        [booking("r1", "room-2", "2026-03-08T14:30:00Z", "2026-03-08T15:00:00Z", seats=2)],
    )


def test_all_gives_the_times_both_can_take_across_spring_forward():
    engine = doctor_and_room()
    combine = {"mode": "all", "schedules": ["dr-ana", "room-2"], "duration": timedelta(minutes=45), "step": "PT15M"}
    rows = engine.combined(from_=z("2026-03-07T00:00:00Z"), to=z("2026-03-09T00:00:00Z"), combine=combine)
    assert all(isinstance(r, slotwise.CombinedRow) for r in rows)
    # 2026-03-07 (EST): both open 10:00-12:00 local = 15:00Z-17:00Z; 45-minute rows every 15.
    saturday = [r for r in rows if r.start.date() == date(2026, 3, 7)]
    assert [r.start for r in saturday] == [z("2026-03-07T15:00:00Z") + timedelta(minutes=15 * i) for i in range(6)]
    assert all(r.end - r.start == timedelta(minutes=45) for r in rows)
    assert all(r.schedules == ["dr-ana", "room-2"] and r.remaining == 1 for r in rows)
    # 2026-03-08 (EDT): the room's two seats are booked 10:30-11:00 local, so only
    # 11:00 and 11:15 local remain.
    sunday = [r.start for r in rows if r.start.date() == date(2026, 3, 8)]
    assert sunday == [z("2026-03-08T15:00:00Z"), z("2026-03-08T15:15:00Z")]


def test_combined_rows_are_light_objects_with_aware_utc_datetimes():
    engine = doctor_and_room()
    query = {
        "from": "2026-03-07T00:00:00Z",
        "to": "2026-03-08T00:00:00Z",
        "combine": {"mode": "all", "schedules": ["dr-ana", "room-2"], "duration": "PT45M"},
    }
    rows = engine.combined(query)
    r = rows[0]
    assert r.start == z("2026-03-07T15:00:00Z") and r.start.tzinfo is UTC and r.end.tzinfo is UTC
    assert repr(r) == (
        "CombinedRow(start='2026-03-07T15:00:00Z', end='2026-03-07T15:45:00Z', "
        "schedules=['dr-ana', 'room-2'], remaining=1)"
    )
    assert r.to_dict() == {
        "start": "2026-03-07T15:00:00Z",
        "end": "2026-03-07T15:45:00Z",
        "schedules": ["dr-ana", "room-2"],
        "remaining": 1,
    }
    assert r == engine.combined(query)[0] and r != rows[1] and r != r.to_dict()
    # Keyword fields lay over the dict: `first` keeps the first row only.
    assert engine.combined(query, first=1) == [r]


# --- k of n: interviewers --------------------------------------------------------


def interviewers():
    return slotwise.Engine(
        [daily("a", "UTC", "0900", "1200"), daily("b", "UTC", "0900", "1200"), daily("c", "UTC", "1000", "1200")],
        [booking("b1", "b", "2026-03-10T11:00:00Z", "2026-03-10T12:00:00Z")],
    )


def k_of_n(k):
    return {"mode": "k_of_n", "k": k, "schedules": ["a", "b", "c"], "duration": timedelta(hours=1)}


def test_k_of_n_counts_who_can_take_each_time():
    engine = interviewers()
    day = {"from_": z("2026-03-10T00:00:00Z"), "to": z("2026-03-11T00:00:00Z")}
    two = engine.combined(combine=k_of_n(2), **day)
    assert [(r.start.hour, r.schedules, r.remaining) for r in two] == [
        (9, ["a", "b"], 2),
        (10, ["a", "b", "c"], 3),
        (11, ["a", "c"], 2),
    ]
    assert [(r.start.hour, r.schedules) for r in engine.combined(combine=k_of_n(3), **day)] == [(10, ["a", "b", "c"])]
    assert engine.combined(combine=k_of_n(1), **day) == two


def test_first_without_to_stops_at_the_first_rows():
    engine = interviewers()
    rows = engine.combined(from_=z("2026-03-10T00:00:00Z"), first=2, combine=k_of_n(3))
    # The 10:00 rows of 2026-03-10 and 03-11: one per day.
    assert [r.start for r in rows] == [z("2026-03-10T10:00:00Z"), z("2026-03-11T10:00:00Z")]


# --- any: a pool ---------------------------------------------------------------------


def test_any_offers_the_pool_fairest_first():
    engine = slotwise.Engine(
        [daily("nurse-a", "Europe/Lisbon", "0900", "1100"), daily("nurse-b", ZoneInfo("Europe/Madrid"), "1000", "1200")],
        [booking("a1", "nurse-a", "2026-03-10T10:00:00Z", "2026-03-10T11:00:00Z")],
    )
    rows = engine.combined(
        from_=z("2026-03-10T00:00:00Z"),
        to=z("2026-03-11T00:00:00Z"),
        combine={"mode": "any", "schedules": ["nurse-a", "nurse-b"]},
    )
    assert [(r.start, r.schedules, r.remaining) for r in rows] == [
        (z("2026-03-10T09:00:00Z"), ["nurse-b", "nurse-a"], 2),
        (z("2026-03-10T10:00:00Z"), ["nurse-b"], 1),
    ]


# --- errors name the field -----------------------------------------------------------

WINDOW = {"from": "2026-03-10T00:00:00Z", "to": "2026-03-11T00:00:00Z"}


@pytest.mark.parametrize(
    "combine, error, path",
    [
        ({"mode": "all", "schedules": ["a", "nobody"], "duration": "PT1H"}, slotwise.UnknownScheduleError,
         "combine.schedules[1]"),
        ({"mode": "all", "schedules": ["a"], "duration": "PT1H"}, slotwise.InvalidInputError, "combine.schedules"),
        ({"mode": "all", "schedules": ["a", "b", "a"], "duration": "PT1H"}, slotwise.InvalidInputError,
         "combine.schedules[2]"),
        ({"mode": "k_of_n", "schedules": ["a", "b"], "duration": "PT1H"}, slotwise.InvalidInputError, "combine.k"),
        ({"mode": "k_of_n", "k": 3, "schedules": ["a", "b"], "duration": "PT1H"}, slotwise.InvalidInputError,
         "combine.k"),
        ({"mode": "all", "k": 1, "schedules": ["a", "b"], "duration": "PT1H"}, slotwise.InvalidInputError,
         "combine.k"),
        ({"mode": "all", "schedules": ["a", "b"]}, slotwise.InvalidInputError, "combine.duration"),
        ({"mode": "any", "schedules": ["a", "b"], "duration": "PT1H"}, slotwise.InvalidInputError,
         "combine.duration"),
        ({"mode": "any", "schedules": ["a", "b"], "step": "PT1H"}, slotwise.InvalidInputError, "combine.step"),
        ({"mode": "some", "schedules": ["a", "b"]}, slotwise.InvalidInputError, "combine.mode"),
    ],
)
def test_a_bad_combine_names_its_field(combine, error, path):
    with pytest.raises(error) as info:
        interviewers().combined({**WINDOW, "combine": combine})
    assert info.value.path == path, str(info.value)


def test_combined_and_availability_refuse_each_others_queries():
    engine = interviewers()
    with pytest.raises(slotwise.InvalidInputError) as info:
        engine.combined(WINDOW)
    assert info.value.path == "combine"
    with pytest.raises(slotwise.InvalidInputError) as info:
        engine.availability({**WINDOW, "combine": k_of_n(2)})
    assert info.value.path == "combine"


@pytest.mark.parametrize("call", ["availability", "availability_table", "combined"])
def test_first_must_be_positive_and_to_is_needed_without_it(call):
    engine = interviewers()
    ask = getattr(engine, call)
    extra = {"combine": k_of_n(2)} if call == "combined" else {}
    with pytest.raises(slotwise.InvalidInputError) as info:
        ask(WINDOW, first=0, **extra)
    assert (info.value.code, info.value.path) == ("invalid_input", "first")
    with pytest.raises(slotwise.InvalidInputError) as info:
        ask({"from": WINDOW["from"]}, **extra)
    assert info.value.path == "to"
    with pytest.raises(slotwise.InvalidInputError) as info:
        ask(WINDOW, first="3", **extra)
    assert info.value.path == "first"


# --- first on availability -----------------------------------------------------------


def lisbon_room():
    room = {
        "id": "room",
        "timezone": "Europe/Lisbon",
        "availability": [{"rule": "DTSTART:20260302T100000\nRRULE:FREQ=WEEKLY;BYDAY=MO", "end": "11:00"}],
        "slot": {"duration": timedelta(hours=1), "capacity": 1},
    }
    taken = [booking(f"a{i}", "room", f"2026-03-{d:02}T10:00:00Z", f"2026-03-{d:02}T11:00:00Z")
             for i, d in enumerate((2, 9, 16))]
    return slotwise.Engine([room], taken)


def test_first_free_slots_without_to_cross_the_clock_change():
    engine = lisbon_room()
    slots = engine.availability(from_=z("2026-03-01T00:00:00Z"), first=3)
    # 03-23 is WET (10:00 local = 10:00Z); after 03-29 Lisbon is on WEST (09:00Z).
    assert [s.start for s in slots] == [z("2026-03-23T10:00:00Z"), z("2026-03-30T09:00:00Z"), z("2026-04-06T09:00:00Z")]
    table = engine.availability_table({"from": "2026-03-01T00:00:00Z", "first": 3}).to_pyarrow()
    assert table["start"].to_pylist() == [s.start for s in slots]
    # `first` within a window keeps the window's end.
    assert engine.availability(from_=z("2026-03-01T00:00:00Z"), to=z("2026-03-24T00:00:00Z"), first=3) == slots[:1]


# --- booking limits ------------------------------------------------------------------


def limited(limit, appointments):
    return slotwise.Engine([daily("dr-ana", NY, "0900", "1200", limits=[limit])], appointments)


def test_a_daily_limit_closes_the_day_and_check_booking_names_it():
    engine = limited(
        {"period": "day", "max_appointments": 1},
        [booking("b1", "dr-ana", "2026-03-07T14:00:00Z", "2026-03-07T15:00:00Z")],
    )
    slots = engine.availability(from_=z("2026-03-07T05:00:00Z"), to=z("2026-03-09T04:00:00Z"), seats=0)
    saturday = [(s.start, s.booked, s.remaining) for s in slots if s.start < z("2026-03-08T05:00:00Z")]
    assert saturday == [
        (z("2026-03-07T14:00:00Z"), 1, 0),
        (z("2026-03-07T15:00:00Z"), 0, 0),
        (z("2026-03-07T16:00:00Z"), 0, 0),
    ]
    # The spring-forward day (EDT from 03:00) is another period.
    sunday = [(s.start, s.remaining) for s in slots if s.start >= z("2026-03-08T05:00:00Z")]
    assert sunday == [(z(f"2026-03-08T{h}:00:00Z"), 1) for h in (13, 14, 15)]

    check = engine.check_booking(booking("b2", "dr-ana", "2026-03-07T15:00:00Z", "2026-03-07T16:00:00Z"))
    assert not check.fits and check.slot is not None and check.slot.remaining == 0
    [reason] = check.reasons
    assert reason.code == "limit_reached"
    assert (reason.index, reason.period, reason.period_start) == (0, "day", date(2026, 3, 7))
    assert (reason.max_appointments, reason.max_minutes) == (1, None)
    assert (reason.appointment_count, reason.minutes) == (1, 60)
    assert reason.appointments is None and reason.capacity is None
    assert reason.to_dict() == {
        "code": "limit_reached", "index": 0, "period": "day", "period_start": "2026-03-07",
        "max_appointments": 1, "appointments": 1, "minutes": 60,
    }
    assert "limit_reached" in repr(reason)
    # Re-checking the booking itself counts it once.
    assert engine.check_booking(booking("b1", "dr-ana", "2026-03-07T14:00:00Z", "2026-03-07T15:00:00Z")).fits

    why = engine.explain("dr-ana", z("2026-03-07T15:30:00Z"))
    assert not why.bookable
    assert [r.code for v in why.slots for r in v.reasons] == ["limit_reached"]
    assert why.slots[0].reasons[0].period_start == date(2026, 3, 7)


def test_a_weekly_minutes_limit_spans_the_month_change():
    engine = limited(
        {"period": "week", "max_minutes": 90},
        [booking("t", "dr-ana", "2026-03-31T13:00:00Z", "2026-03-31T14:00:00Z")],
    )
    slots = engine.availability(from_=z("2026-03-30T00:00:00Z"), to=z("2026-04-08T00:00:00Z"))
    # 60 + 60 > 90 all week (Monday 03-30 to Sunday 04-05); Monday 04-06 starts anew.
    assert {s.start.date() for s in slots} == {date(2026, 4, 6), date(2026, 4, 7)}
    reason = engine.check_booking(booking("n", "dr-ana", "2026-04-02T13:00:00Z", "2026-04-02T14:00:00Z")).reasons[0]
    assert (reason.code, reason.period, reason.period_start, reason.max_minutes, reason.minutes) == (
        "limit_reached", "week", date(2026, 3, 30), 90, 60,
    )
    assert reason.max_appointments is None


@pytest.mark.parametrize(
    "limit, path",
    [
        ({"period": "day"}, "limits[0]"),
        ({"period": "fortnight", "max_appointments": 1}, "limits[0].period"),
        ({"period": "day", "max_appointments": -1}, "limits[0].max_appointments"),
    ],
)
def test_a_bad_limit_names_its_field(limit, path):
    with pytest.raises(slotwise.InvalidInputError) as info:
        slotwise.Engine().add_schedule(daily("dr-ana", NY, "0900", "1200", limits=[limit]))
    assert info.value.path == path, str(info.value)


def test_combined_table_holds_the_rows():
    engine = interviewers()
    day = {"from_": z("2026-03-10T00:00:00Z"), "to": z("2026-03-12T00:00:00Z")}
    rows = engine.combined(combine=k_of_n(2), **day)
    table = engine.combined_table(combine=k_of_n(2), **day)
    assert table.column_names == ["start", "end", "schedules", "remaining"] and len(table) == len(rows) == 6
    assert table.to_pyarrow().to_pylist() == [
        {"start": r.start, "end": r.end, "schedules": r.schedules, "remaining": r.remaining} for r in rows
    ]
    assert engine.combined_table(combine=k_of_n(2), first=2, **day).to_polars()["remaining"].to_list() == [2, 3]
    assert len(engine.combined_table({"from": "2026-03-10T00:00:00Z", "to": "2026-03-10T01:00:00Z",
                                      "combine": k_of_n(2)})) == 0
    with pytest.raises(slotwise.InvalidInputError) as info:
        engine.combined_table(WINDOW, first=0, combine=k_of_n(2))
    assert info.value.path == "first"
