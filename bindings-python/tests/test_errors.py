"""Every error code as its own exception class with `.code` and `.path`, and no
bad input ever surfacing as a panic or changing the engine."""

from datetime import datetime, timezone

import pytest

import slotwise

UTC = timezone.utc
A = datetime(2026, 3, 2, tzinfo=UTC)
B = datetime(2026, 3, 9, tzinfo=UTC)

SCHEDULE = {
    "id": "desk",
    "timezone": "Europe/Lisbon",
    "availability": [{"rule": "DTSTART:20260302T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "end": "17:00"}],
    "slot": {"duration": "PT30M", "capacity": 1},
}


def engine():
    return slotwise.Engine([SCHEDULE])


CASES = {
    "invalid_rule": (
        slotwise.InvalidRuleError,
        lambda: slotwise.expand("DTSTART:20260101T090000Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY=0", A, B),
        "",
    ),
    "unknown_timezone": (
        slotwise.UnknownTimezoneError,
        lambda: engine().add_schedule({**SCHEDULE, "id": "x", "timezone": "Mars/Olympus_Mons"}),
        "timezone",
    ),
    "invalid_input": (
        slotwise.InvalidInputError,
        lambda: engine().add_schedule({**SCHEDULE, "id": "x", "slot": {"duration": "PT0M", "capacity": 1}}),
        "slot.duration",
    ),
    "invalid_window": (
        slotwise.InvalidWindowError,
        lambda: engine().availability(from_=B, to=A),
        "to",
    ),
    "unknown_schedule": (
        slotwise.UnknownScheduleError,
        lambda: engine().explain("nobody", A),
        "schedule",
    ),
    "duplicate_id": (
        slotwise.DuplicateIdError,
        lambda: engine().add_schedule(SCHEDULE),
        "id",
    ),
    "limit_exceeded": (
        slotwise.LimitExceededError,
        lambda: slotwise.expand("DTSTART:20260101T000000Z\nRRULE:FREQ=SECONDLY", A, datetime(2026, 4, 2, tzinfo=UTC)),
        "",
    ),
    "invalid_snapshot": (
        slotwise.InvalidSnapshotError,
        lambda: slotwise.Engine.from_snapshot(b"not a snapshot at all"),
        "",
    ),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_code_has_its_class(code):
    cls, call, path = CASES[code]
    with pytest.raises(cls) as info:
        call()
    e = info.value
    assert isinstance(e, slotwise.SlotwiseError) and isinstance(e, ValueError)
    assert e.code == code == cls.code
    assert e.path == path
    assert str(e) == (f"{path}: {e.detail}" if path else e.detail)
    assert e.detail


def test_the_classes_cover_every_code_once():
    classes = [c for c, _, _ in CASES.values()]
    assert len(set(classes)) == 8
    assert all(issubclass(c, slotwise.SlotwiseError) for c in classes)
    assert slotwise.SlotwiseError.__mro__[1] is ValueError


def test_errors_name_nested_fields():
    bad = {**SCHEDULE, "availability": [{"rule": "DTSTART:20260302T090000\nRRULE:FREQ=DAILY;BYDAY=1MO", "end": "12:00"}]}
    with pytest.raises(slotwise.InvalidRuleError) as info:
        slotwise.Engine([SCHEDULE, {**bad, "id": "other"}])
    assert info.value.path == "schedules[1].availability[0].rule"
    with pytest.raises(slotwise.InvalidInputError) as info:
        engine().add_schedule({**SCHEDULE, "id": "y", "slot": {"duration": "PT30M", "capacity": 1, "bufer": "PT5M"}})
    assert info.value.path == "slot.bufer"


def test_a_failed_call_changes_nothing():
    e = engine()
    e.add_appointment({"id": "a1", "schedule": "desk", "start": "2026-03-02T09:00:00Z", "end": "2026-03-02T09:30:00Z"})
    before = e.to_json()
    failing = [
        lambda: e.add_appointment({"id": "a1", "schedule": "desk", "start": "2026-03-02T10:00:00Z", "end": "2026-03-02T10:30:00Z"}),
        lambda: e.add_appointment({"id": "a2", "schedule": "nobody", "start": "2026-03-02T10:00:00Z", "end": "2026-03-02T10:30:00Z"}),
        lambda: e.update_appointment({"id": "zz", "schedule": "desk", "start": "2026-03-02T10:00:00Z", "end": "2026-03-02T10:30:00Z"}),
        lambda: e.replace_schedule({**SCHEDULE, "slot": {"duration": "PT30M", "capacity": 0}}),
        lambda: e.remove_schedule("nobody"),
        lambda: e.remove_appointment("nobody"),
    ]
    for call in failing:
        with pytest.raises(slotwise.SlotwiseError):
            call()
        assert e.to_json() == before


GARBAGE = [None, 0, -1, 2**70, 1.5, "", "{", "[]", b"\xff", [], {}, [None], {"id": None}, object(), float("nan")]


def calls(value):
    e = engine()
    return [
        lambda: slotwise.expand(value, A, B),
        lambda: slotwise.expand("DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY", value, B),
        lambda: slotwise.expand("DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY", A, B, value),
        lambda: slotwise.Engine([value]),
        lambda: slotwise.Engine(value),
        lambda: e.add_schedule(value),
        lambda: e.add_schedule({**SCHEDULE, "id": "g", "slot": value}),
        lambda: e.add_appointment(value),
        lambda: e.add_appointment({"id": "g", "schedule": "desk", "start": value, "end": B}),
        lambda: e.availability(value),
        lambda: e.availability(from_=A, to=B, seats=value),
        lambda: e.availability_table({"from": A, "to": value}),
        lambda: e.check_booking(value),
        lambda: e.explain(value, A),
        lambda: e.explain("desk", value),
        lambda: e.reconcile(A, B, value),
        lambda: e.reconcile(A, B, [value]),
        lambda: e.report(A, value),
        lambda: e.report(A, B, value),
        lambda: slotwise.Engine.from_snapshot(value),
        lambda: slotwise.Engine.from_json(value),
    ]


@pytest.mark.parametrize("value", GARBAGE, ids=repr)
def test_garbage_raises_a_slotwise_or_type_error_never_a_panic(value):
    for call in calls(value):
        try:
            call()
        except (slotwise.SlotwiseError, TypeError):
            pass
        except BaseException as e:  # a PanicException derives from BaseException
            pytest.fail(f"{type(e).__name__}: {e}")
