"""Every file in tests/vectors through the Python API, compared exactly with the
expected answers the Rust tests check."""

import json

import pytest

import slotwise
from vector_files import REPO, VECTORS, documents, expand_cases, instant, rfc3339


@pytest.mark.parametrize("name,case", expand_cases(), ids=[n for n, _ in expand_cases()])
def test_expand_vector(name, case):
    args = (case["ical"], instant(case["from"]), instant(case["to"]), case.get("limit"))
    if "expected_error" in case:
        with pytest.raises(slotwise.SlotwiseError) as info:
            slotwise.expand(*args)
        assert info.value.code == case["expected_error"]["code"]
    else:
        got = slotwise.expand(*args)
        assert [rfc3339(t) for t in got] == case["expected"]


def engine_of(doc):
    """The engine of a document's schedules and appointments."""
    return slotwise.Engine(doc.get("schedules", []), doc.get("appointments", []))


def outcome(call, window_args=False, root=""):
    """The answer, or the error as {code, path} with the path as the document
    names it (query fields under ``query``, window arguments under ``window``)."""
    try:
        return {"answer": call()}
    except slotwise.SlotwiseError as e:
        path = e.path
        if window_args and path in ("from", "from_", "to"):
            path = "window." + ("from" if path.startswith("from") else "to")
        elif root and path and not path.startswith(("schedules", "appointments")):
            path = f"{root}.{path}"
        return {"error": {"code": e.code, "path": path}}


def check(vector, got):
    if "expected_error" in vector:
        assert got == {"error": vector["expected_error"]}
    else:
        assert got == {"answer": vector["expected"]}


@pytest.mark.parametrize("name,vector", documents("availability"), ids=lambda v: v if isinstance(v, str) else "")
def test_availability_vector(name, vector):
    doc = vector["input"]

    def run():
        slots = engine_of(doc).availability(doc["query"])
        return [s.to_dict() for s in slots]

    check(vector, outcome(run, root="query"))


@pytest.mark.parametrize("name,vector", documents("availability"), ids=lambda v: v if isinstance(v, str) else "")
def test_availability_table_matches_the_slots(name, vector):
    if "expected_error" in vector:
        return
    doc = vector["input"]
    table = engine_of(doc).availability_table(doc["query"]).to_pyarrow()
    rows = table.to_pylist()
    expected = vector["expected"]
    assert len(rows) == len(expected)
    for row, slot in zip(rows, expected):
        assert f"{row['schedule']}@{rfc3339(row['start'])}" == slot["key"]
        assert rfc3339(row["end"]) == slot["end"]
        assert (row["capacity"], row["booked"], row["remaining"]) == (
            slot["capacity"],
            slot["booked"],
            slot["remaining"],
        )


@pytest.mark.parametrize("name,vector", documents("reconcile"), ids=lambda v: v if isinstance(v, str) else "")
def test_reconcile_vector(name, vector):
    doc = vector["input"]
    window = doc["window"]

    def run():
        engine = engine_of(doc)
        plan = engine.reconcile(instant(window["from"]), instant(window["to"]), doc.get("existing", []))
        return plan.to_dict()

    check(vector, outcome(run, window_args=True))


@pytest.mark.parametrize("name,vector", documents("report"), ids=lambda v: v if isinstance(v, str) else "")
def test_report_vector(name, vector):
    doc = vector["input"]
    window = doc["window"]

    def run():
        rows = engine_of(doc).report(instant(window["from"]), instant(window["to"]), doc["bucket"])
        return [r.to_dict() for r in rows]

    check(vector, outcome(run, window_args=True))


@pytest.mark.parametrize("name,vector", documents("report"), ids=lambda v: v if isinstance(v, str) else "")
def test_report_table_matches_the_rows(name, vector):
    if "expected_error" in vector:
        return
    doc = vector["input"]
    window = doc["window"]
    table = engine_of(doc).report_table(instant(window["from"]), instant(window["to"]), doc["bucket"])
    rows = table.to_pyarrow().to_pylist()
    assert len(rows) == len(vector["expected"])
    for row, want in zip(rows, vector["expected"]):
        assert row["schedule"] == want["schedule"]
        assert row["bucket_start"].isoformat() == want["bucket_start"]
        for field in ("offered_seat_minutes", "booked_seat_minutes", "utilization", "cancellation_rate", "no_show_rate"):
            assert row[field] == want[field], field
        for status, n in want["appointments"].items():
            assert row[status] == n, status


def test_the_snapshot_vector_answers_as_the_clinic_json():
    clinic = json.loads((REPO / "examples" / "data" / "clinic.json").read_text())
    opened = slotwise.Engine.from_snapshot((VECTORS / "snapshot" / "clinic-v1.bin").read_bytes())
    built = engine_of(clinic)
    assert opened.schedule_ids() == built.schedule_ids()
    query = clinic["query"]
    assert opened.availability(query) == built.availability(query)
    assert len(opened.availability(query)) > 0
