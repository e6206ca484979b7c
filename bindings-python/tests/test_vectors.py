"""Every case in tests/vectors through the Python API, compared exactly with the
answers the Rust tests check (the calls are the table of tests/vectors/README.md)."""

import json

import pytest

import slotwise
from vector_files import KINDS, REPO, VECTORS, cases, instant, next_cases, rfc3339


def engine_of(doc):
    """The engine of a document's schedules and appointments."""
    return slotwise.Engine(doc.get("schedules", []), doc.get("appointments", []))


def window(doc):
    return instant(doc["window"]["from"]), instant(doc["window"]["to"])


def run(kind, doc):
    """The case's call, its answer in JSON form."""
    if kind == "expand":
        got = slotwise.expand(doc["ical"], instant(doc["from"]), instant(doc["to"]), doc.get("limit"))
        return [rfc3339(t) for t in got]
    if kind == "availability":
        return [s.to_dict() for s in engine_of(doc).availability(doc["query"])]
    if kind == "reconcile":
        return engine_of(doc).reconcile(*window(doc), doc.get("existing", [])).to_dict()
    if kind == "report":
        return [r.to_dict() for r in engine_of(doc).report(*window(doc), doc["bucket"])]
    if kind == "combined":
        return [r.to_dict() for r in engine_of(doc).combined(doc["query"])]
    raise AssertionError(kind)


def document_path(kind, doc, path):
    """An error's path as the case's document names it: a query's fields under
    `query`, the window arguments under `window`; the records' own errors (raised
    while the engine is built) already carry `schedules[i]`, `appointments[i]`,
    and the stored slots `existing[i]`."""
    if kind != "expand":
        try:
            engine_of(doc)
        except slotwise.SlotwiseError:
            return path
    if not path or path.startswith(("existing", "bucket")):
        return path
    if kind in ("availability", "combined"):
        return f"query.{path}"
    if kind in ("reconcile", "report") and path.split(".")[0] in ("from", "from_", "to"):
        return "window." + ("from" if path.startswith("from") else "to")
    return path


ALL = [(name, case) for kind in KINDS for name, case in cases(kind)]
ALL += [(f"next/{name}", case) for name, case in next_cases()]


@pytest.mark.parametrize("case", [c for _, c in ALL], ids=[f"{c['kind']}/{n}" for n, c in ALL])
def test_vector(case):
    kind, doc = case["kind"], case["input"]
    if "error" in case:
        with pytest.raises(slotwise.SlotwiseError) as info:
            run(kind, doc)
        assert info.value.code == case["error"]["code"], str(info.value)
        if "path" in case["error"]:
            assert document_path(kind, doc, info.value.path) == case["error"]["path"], str(info.value)
    else:
        assert run(kind, doc) == case["expected"]


TABLE_CASES = [(n, c) for n, c in ALL if c["kind"] in ("availability", "report", "combined") and "expected" in c]


@pytest.mark.parametrize("case", [c for _, c in TABLE_CASES], ids=[f"{c['kind']}/{n}" for n, c in TABLE_CASES])
def test_the_arrow_tables_hold_the_expected_rows(case):
    doc, expected = case["input"], case["expected"]
    if case["kind"] == "availability":
        rows = engine_of(doc).availability_table(doc["query"]).to_pyarrow().to_pylist()
        assert [
            {"key": f"{r['schedule']}@{rfc3339(r['start'])}", "schedule": r["schedule"], "start": rfc3339(r["start"]),
             "end": rfc3339(r["end"]), "capacity": r["capacity"], "booked": r["booked"], "remaining": r["remaining"]}
            for r in rows
        ] == expected
    elif case["kind"] == "combined":
        rows = engine_of(doc).combined_table(doc["query"]).to_pyarrow().to_pylist()
        assert [{**r, "start": rfc3339(r["start"]), "end": rfc3339(r["end"])} for r in rows] == expected
    else:
        rows = engine_of(doc).report_table(*window(doc), doc["bucket"]).to_pyarrow().to_pylist()
        counts = ("booked", "attended", "no_show", "cancelled")
        assert [
            {**{k: v for k, v in r.items() if k not in counts}, "bucket_start": r["bucket_start"].isoformat(),
             "appointments": {k: r[k] for k in counts}}
            for r in rows
        ] == expected


@pytest.mark.parametrize("name", ["clinic-v1.bin", "clinic-v2.bin"])
def test_the_snapshot_vectors_answer_as_the_clinic_json(name):
    path = VECTORS / "snapshot" / name
    if not path.exists():
        pytest.skip(f"{name} is not in this checkout")
    clinic = json.loads((REPO / "examples" / "data" / "clinic.json").read_text())
    opened = slotwise.Engine.from_snapshot(path.read_bytes())
    built = engine_of(clinic)
    assert opened.schedule_ids() == built.schedule_ids()
    query = clinic["query"]
    assert opened.availability(query) == built.availability(query)
    assert len(opened.availability(query)) > 0
    assert opened.to_json() == built.to_json()
