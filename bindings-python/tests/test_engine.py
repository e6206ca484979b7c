"""The binding surface end to end: schedules and appointments in, result objects
out, snapshots and JSON, documentation."""

import inspect
from datetime import date, datetime, timedelta, timezone

import pytest

import slotwise
from vector_files import rfc3339

UTC = timezone.utc
WEEK = (datetime(2026, 3, 23, tzinfo=UTC), datetime(2026, 3, 30, tzinfo=UTC))


def test_version_and_tzdata():
    assert slotwise.version() == slotwise.__version__
    assert slotwise.version().count(".") == 2
    tz = slotwise.tzdata_version()
    assert len(tz) == 5 and tz[:4].isdigit() and tz[4].isalpha()


def test_slots_have_attributes_repr_and_a_json_form(engine):
    slots = engine.availability(from_=WEEK[0], to=WEEK[1])
    assert slots == sorted(slots, key=lambda s: (s.start, s.schedule))
    s = slots[0]
    assert isinstance(s, slotwise.Slot)
    assert s.key == f"{s.schedule}@{rfc3339(s.start)}"
    assert s.remaining == max(0, s.capacity - s.booked) and s.remaining >= 1
    assert repr(s).startswith(f"Slot(key='{s.key}', schedule='{s.schedule}', start='")
    d = s.to_dict()
    assert d["start"] == rfc3339(s.start) and d["end"] == rfc3339(s.end) and d["key"] == s.key


def test_booking_changes_the_slot_and_cancelling_frees_it(engine):
    slot = engine.availability(from_=WEEK[0], to=WEEK[1])[0]
    appointment = {"id": "new-1", "schedule": slot.schedule, "start": slot.start, "end": slot.end, "seats": slot.remaining}
    check = engine.check_booking(appointment)
    assert check.fits and bool(check) and check.reasons == [] and check.slot == slot
    engine.add_appointment(appointment)
    after = engine.check_booking({**appointment, "id": "new-2", "seats": 1})
    assert not after.fits
    assert [r.code for r in after.reasons] == ["full"]
    assert after.reasons[0].appointments == ["new-1"] or "new-1" in after.reasons[0].appointments
    assert slot.key not in [s.key for s in engine.availability(from_=WEEK[0], to=WEEK[1])]
    engine.update_appointment({**appointment, "status": "cancelled"})
    assert slot.key in [s.key for s in engine.availability(from_=WEEK[0], to=WEEK[1])]
    engine.remove_appointment("new-1")
    with pytest.raises(slotwise.SlotwiseError):
        engine.remove_appointment("new-1")


def test_notice_rules_name_the_limit(engine):
    slot = engine.availability(from_=WEEK[0], to=WEEK[1])[0]
    appointment = {"id": "n", "schedule": slot.schedule, "start": slot.start, "end": slot.end}
    check = engine.check_booking(appointment, now=slot.start - timedelta(hours=1), min_notice=timedelta(hours=2))
    assert [r.code for r in check.reasons] == ["before_minimum_notice"]
    assert check.reasons[0].earliest == slot.start + timedelta(hours=1)
    assert check.reasons[0].latest is None and check.reasons[0].capacity is None


def test_explain_says_why(engine, clinic):
    slot = engine.availability(from_=WEEK[0], to=WEEK[1])[0]
    e = engine.explain(slot.schedule, slot.start)
    assert isinstance(e, slotwise.Explanation)
    assert e.bookable and e.schedule == slot.schedule and e.instant == slot.start
    assert e.window is not None and e.window.start <= slot.start < e.window.end
    assert e.slots[0].slot == slot and e.slots[0].reasons == []
    assert e.summary and e.local_time.startswith(slot.start.astimezone(
        __import__("zoneinfo").ZoneInfo(next(s["timezone"] for s in clinic["schedules"] if s["id"] == slot.schedule))
    ).strftime("%Y-%m-%dT%H:%M"))
    closed = engine.explain(slot.schedule, datetime(2026, 3, 29, 3, tzinfo=UTC))  # a Sunday night
    assert not closed.bookable and closed.window is None and closed.slots == []


def test_reconcile_takes_slots_back_and_then_plans_nothing(engine):
    plan = engine.reconcile(*WEEK, [])
    assert isinstance(plan, slotwise.Plan) and plan.has_changes()
    stored = plan.create
    assert stored and all(isinstance(s, slotwise.Slot) for s in stored)
    again = engine.reconcile(*WEEK, stored)
    assert not again.has_changes() and again.unchanged == len(stored)
    # A stored slot the schedule no longer generates and that holds no appointment
    # is deleted; passing dicts works as well as Slot objects.
    ghost = {"key": "dr-ana@2026-03-29T03:00:00Z", "schedule": "dr-ana", "start": datetime(2026, 3, 29, 3, tzinfo=UTC),
             "end": datetime(2026, 3, 29, 3, 30, tzinfo=UTC), "capacity": 1}
    plan = engine.reconcile(*WEEK, [s.to_dict() for s in stored] + [ghost])
    assert plan.delete == [ghost["key"]] and plan.create == [] and plan.update == [] and plan.conflicts == []


def test_report_rows(engine):
    rows = engine.report(datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 5, 1, tzinfo=UTC), "month")
    assert {r.schedule for r in rows} == set(engine.schedule_ids())
    for r in rows:
        assert isinstance(r.bucket_start, date) and r.bucket_start.day == 1
        assert set(r.appointments) == {"booked", "attended", "no_show", "cancelled"}
        if r.offered_seat_minutes:
            assert r.utilization == pytest.approx(r.booked_seat_minutes / r.offered_seat_minutes)
    assert repr(rows[0]).startswith("ReportRow(schedule=")
    with pytest.raises(slotwise.InvalidInputError) as info:
        engine.report(*WEEK, "fortnight")
    assert info.value.path == "bucket"


def test_snapshot_and_json_round_trip(engine):
    q = {"from": WEEK[0], "to": WEEK[1], "seats": 0}
    answer = engine.availability(q)
    snap = engine.to_snapshot()
    assert isinstance(snap, bytes)
    assert slotwise.Engine.from_snapshot(snap).availability(q) == answer
    assert slotwise.Engine.from_snapshot(bytearray(snap)).availability(q) == answer
    text = engine.to_json()
    assert slotwise.Engine.from_json(text).availability(q) == answer
    assert slotwise.Engine.from_json(text).to_json() == text
    damaged = bytearray(snap)
    damaged[len(damaged) // 2] ^= 0xFF
    with pytest.raises(slotwise.InvalidSnapshotError):
        opened = slotwise.Engine.from_snapshot(bytes(damaged))
        opened.availability(q)  # a damaged block may only be found when it is read


def test_replace_and_remove_schedule(engine, clinic):
    first = clinic["schedules"][0]
    before = [s for s in engine.availability(from_=WEEK[0], to=WEEK[1]) if s.schedule == first["id"]]
    engine.replace_schedule({**first, "slot": {**first["slot"], "capacity": first["slot"]["capacity"] + 3}})
    after = [s for s in engine.availability(from_=WEEK[0], to=WEEK[1]) if s.schedule == first["id"]]
    assert {s.key for s in before} <= {s.key for s in after}
    assert all(s.capacity == first["slot"]["capacity"] + 3 for s in after)
    engine.remove_schedule(first["id"])
    assert first["id"] not in engine.schedule_ids()
    assert "Engine(schedules=2)" == repr(engine)


def test_queries_as_json_text_and_keywords_agree(engine):
    a = engine.availability({"from": "2026-03-23T00:00:00Z", "to": "2026-03-30T00:00:00Z", "schedules": ["dr-ana"]})
    b = engine.availability('{"from": "2026-03-23T00:00:00Z", "to": "2026-03-30T00:00:00Z", "schedules": ["dr-ana"]}')
    c = engine.availability(from_=WEEK[0], to=WEEK[1], schedules=["dr-ana"])
    d = engine.availability({"from": WEEK[0]}, to=WEEK[1], schedules=["dr-ana"])
    assert a == b == c == d and {s.schedule for s in a} == {"dr-ana"}


PUBLIC = [getattr(slotwise, n) for n in slotwise.__all__ if n not in ("__version__",)]


@pytest.mark.parametrize("obj", PUBLIC, ids=lambda o: getattr(o, "__name__", repr(o)))
def test_every_public_name_is_documented(obj):
    assert inspect.getdoc(obj), obj
    if inspect.isclass(obj) and not issubclass(obj, BaseException):
        for name, member in vars(obj).items():
            if not name.startswith("_"):
                assert inspect.getdoc(member), f"{obj.__name__}.{name}"


def test_help_shows_the_availability_signature():
    doc = slotwise.Engine.availability.__doc__
    assert "seats=0" in doc
    assert "from_" in str(inspect.signature(slotwise.Engine.availability))


def test_result_lists_hold_objects_the_cycle_collector_skips(engine):
    import gc

    slots = engine.availability(from_=WEEK[0], to=WEEK[1])
    rows = engine.report(*WEEK, "day")
    assert slots and rows
    # They hold no Python references, so they are untracked (as tuples of ints
    # are); the lists themselves stay tracked, and a collection keeps them whole.
    assert not any(gc.is_tracked(x) for x in slots + rows)
    assert gc.is_tracked(slots)
    before = [s.to_dict() for s in slots]
    gc.collect()
    assert [s.to_dict() for s in slots] == before
    plan = engine.reconcile(*WEEK, [])
    assert plan.create and not any(gc.is_tracked(s) for s in plan.create)
