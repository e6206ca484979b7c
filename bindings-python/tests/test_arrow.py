"""The Arrow path: availability_table and report_table read by pyarrow, polars and
pandas through the PyCapsule interface, with the same rows as the object API."""

from datetime import datetime, timedelta, timezone

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import slotwise

UTC = timezone.utc
WINDOW = {"from": "2026-03-23T00:00:00Z", "to": "2026-04-06T00:00:00Z", "seats": 0}


def test_the_table_has_the_documented_schema(engine):
    table = pa.table(engine.availability_table(WINDOW))
    assert table.schema.names == ["schedule", "start", "end", "capacity", "booked", "remaining"]
    assert table.schema.field("start").type == pa.timestamp("s", tz="UTC")
    assert table.schema.field("end").type == pa.timestamp("s", tz="UTC")
    assert pa.types.is_dictionary(table.schema.field("schedule").type)
    assert table.schema.field("remaining").type == pa.uint32()


def test_pyarrow_reads_the_same_slots_as_availability(engine):
    slots = engine.availability(WINDOW)
    table = engine.availability_table(WINDOW)
    assert len(table) == table.num_rows == len(slots) > 0
    rows = pa.table(table).to_pylist()
    assert [
        (r["schedule"], r["start"], r["end"], r["capacity"], r["booked"], r["remaining"]) for r in rows
    ] == [(s.schedule, s.start, s.end, s.capacity, s.booked, s.remaining) for s in slots]
    assert rows[0]["start"].tzinfo is not None


def test_polars_reads_it(engine):
    slots = engine.availability(WINDOW)
    df = pl.DataFrame(engine.availability_table(WINDOW))
    assert df.height == len(slots)
    assert df.schema["start"] == pl.Datetime(time_zone="UTC", time_unit=df.schema["start"].time_unit)
    assert df["start"].to_list() == [s.start for s in slots]
    assert df["schedule"].cast(pl.String).to_list() == [s.schedule for s in slots]
    assert df["remaining"].to_list() == [s.remaining for s in slots]
    assert engine.availability_table(WINDOW).to_polars().equals(df)


def test_pandas_reads_it(engine):
    slots = engine.availability(WINDOW)
    table = engine.availability_table(WINDOW)
    frames = [table.to_pandas()]
    if hasattr(pd.DataFrame, "from_arrow"):  # pandas 3 reads the PyCapsule stream itself
        frames.append(pd.DataFrame.from_arrow(table))
        frames.append(pd.api.interchange.from_dataframe(table))
    for df in frames:
        assert len(df) == len(slots)
        assert str(df["start"].dt.tz) == "UTC"
        assert list(df["start"]) == [pd.Timestamp(s.start) for s in slots]
        assert list(df["schedule"].astype(str)) == [s.schedule for s in slots]
        assert list(df["booked"]) == [s.booked for s in slots]


def test_a_requested_schema_is_honoured(engine):
    table = engine.availability_table(WINDOW)
    wanted = pa.schema(
        [("schedule", pa.string()), ("start", pa.timestamp("ms", tz="UTC")), ("end", pa.timestamp("ms", tz="UTC")),
         ("capacity", pa.int64()), ("booked", pa.int64()), ("remaining", pa.int64())]
    )
    reader = pa.RecordBatchReader.from_stream(table, schema=wanted)
    got = reader.read_all()
    assert got.schema == wanted
    assert got.num_rows == len(table)


def test_an_empty_answer_is_an_empty_table(engine):
    table = engine.availability_table(from_=datetime(1990, 1, 1, tzinfo=UTC), to=datetime(1990, 1, 2, tzinfo=UTC))
    assert len(table) == 0
    assert pa.table(table).num_rows == 0
    assert pl.DataFrame(table).height == 0


def test_report_table_matches_report(clinic):
    report = slotwise.Engine(clinic["schedules"], clinic["appointments"])
    a, b = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 5, 1, tzinfo=UTC)
    rows = report.report(a, b, "week")
    table = pa.table(report.report_table(a, b, "week"))
    assert table.schema.field("bucket_start").type == pa.date32()
    assert table.schema.field("utilization").nullable
    got = table.to_pylist()
    assert len(got) == len(rows) > 0
    for g, r in zip(got, rows):
        assert (g["schedule"], g["bucket_start"], g["offered_seat_minutes"], g["utilization"], g["no_show_rate"]) == (
            r.schedule, r.bucket_start, r.offered_seat_minutes, r.utilization, r.no_show_rate)
        assert {k: g[k] for k in ("booked", "attended", "no_show", "cancelled")} == r.appointments
    df = pl.DataFrame(report.report_table(a, b, "week"))
    assert df["offered_seat_minutes"].sum() == pytest.approx(sum(r.offered_seat_minutes for r in rows))


def test_the_table_repr_names_rows_and_columns(engine):
    text = repr(engine.availability_table(WINDOW))
    assert text.startswith("Table(slots, rows=") and "start: Timestamp(s" in text


def test_a_million_slots_reach_polars(clinic):
    # 1,000 schedules with 5-minute slots around the clock for a week: 2 million slots.
    engine = slotwise.Engine(
        [
            {"id": f"room-{i:04}", "timezone": "Europe/Lisbon",
             "availability": [{"rule": "DTSTART:20260105T000000\nRRULE:FREQ=DAILY", "duration": "P1D"}],
             "slot": {"duration": "PT5M", "capacity": 1}}
            for i in range(1000)
        ]
    )
    start = datetime(2026, 3, 2, tzinfo=UTC)
    table = engine.availability_table(from_=start, to=start + timedelta(days=7))
    df = pl.DataFrame(table)
    assert df.height == 1000 * 7 * 24 * 12
    assert df["start"].min() == start and df["remaining"].min() == 1
