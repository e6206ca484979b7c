"""slotwise on a Dask cluster: reports and availability over more schedules than
one process holds (``pip install slotwise[dask]``).

Schedules are split into contiguous ranges of ids; each range travels with all of
its appointments (wherever they sit in the input) as one engine, pickled as its
snapshot bytes, so workers open it without reading any JSON. Each worker answers
its range with the engine's Arrow tables; the result is a Dask DataFrame with
Arrow-backed columns whose rows equal a single-process run's rows, in order:

- :func:`report`: ordered as ``Engine.report`` (schedules by id, each one's buckets
  in order), with the columns of ``Engine.report_table``;
- :func:`availability_table`: ordered by (schedule id, start), with the columns of
  ``Engine.availability_table`` (``schedule`` as a string).

Inputs are pandas or Dask DataFrames (or lists of dicts): schedules with one
column per field of the schedule's JSON shape (``id``, ``timezone``,
``availability``, ``slot``, ...; nested fields as Python objects or JSON text),
appointments with one column per field (``id``, ``schedule``, ``start``, ``end``,
``seats``, ``status``). Missing values (None, NaN, NaT) leave a field out. Dask
turns object columns into strings by default: build Dask frames of schedules
with nested fields as JSON text, or under
``dask.config.set({"dataframe.convert-string": False})``. The result is lazy: ``.compute()`` on any scheduler
(a ``distributed.Client`` on a ``LocalCluster`` or any address), with Dask's own
progress bar or dashboard.
"""

from __future__ import annotations

import json
import math
from typing import Any, Iterable, Literal, Mapping, Sequence, Union

import dask
import dask.dataframe as dd
import pandas as pd  # type: ignore[import-untyped]
import pyarrow as pa  # type: ignore[import-untyped]

from slotwise._native import Engine, SlotwiseError


__all__ = ["availability_table", "partition", "report"]


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _value(value: Any) -> Any:
    """A cell as the engine reads it: nested fields given as JSON text (as
    warehouse tables hold them) are parsed."""
    if isinstance(value, str) and value[:1] in ("[", "{"):
        return json.loads(value)
    return value


def _rows(frame: Union[pd.DataFrame, Sequence[Mapping[str, Any]], None]) -> "list[dict[str, Any]]":
    """Records as dicts, missing values left out."""
    if frame is None:
        return []
    if isinstance(frame, pd.DataFrame):
        # Instants as RFC 3339 text, column by column: reading a Timestamp per cell
        # costs far more than the engine parsing the text.
        table: Any = frame
        instants = {
            c: table[c].dt.tz_convert("UTC").dt.strftime("%Y-%m-%dT%H:%M:%SZ")
            for c in table.columns
            if isinstance(table[c].dtype, pd.DatetimeTZDtype)
        }
        if instants:
            table = table.assign(**instants)
        records: Iterable[Mapping[str, Any]] = table.to_dict("records")
    else:
        records = frame
    return [
        {k: _value(v) for k, v in r.items() if not _is_missing(v) and not str(k).startswith("_slotwise")}
        for r in records
    ]


def _build(schedules: "list[dict[str, Any]]", appointments: "list[dict[str, Any]]") -> Engine:
    """One range's engine; an invalid schedule's error names its id."""
    try:
        return Engine(schedules, appointments)
    except SlotwiseError as e:
        which = ""
        if e.path.startswith("schedules["):
            index = int(e.path[len("schedules["):].split("]")[0])
            which = f"schedule {schedules[index].get('id')!r}: "
        elif e.path.startswith("appointments["):
            index = int(e.path[len("appointments["):].split("]")[0])
            which = f"appointment {appointments[index].get('id')!r}: "
        named = type(e)(which + str(e))
        named.code, named.path, named.detail = e.code, e.path, e.detail
        raise named from e


def _ranges(ids: Sequence[str], npartitions: int) -> "list[str]":
    """The first id of each range after the first: ``npartitions`` contiguous,
    nearly equal ranges of the sorted ids."""
    ordered = sorted(set(ids))
    n = max(1, npartitions)
    return [ordered[(len(ordered) * k) // n] for k in range(1, n) if ordered]


def _range_of(schedule_id: str, bounds: "list[str]") -> int:
    lo, hi = 0, len(bounds)
    while lo < hi:
        mid = (lo + hi) // 2
        if bounds[mid] <= schedule_id:
            lo = mid + 1
        else:
            hi = mid
    return lo


def partition(
    schedules: Union[pd.DataFrame, Sequence[Mapping[str, Any]]],
    appointments: Union[pd.DataFrame, Sequence[Mapping[str, Any]], None] = None,
    npartitions: int = 8,
) -> "list[Engine]":
    """Split schedules into ``npartitions`` contiguous ranges of ids, each with all
    of its appointments, as engines (in id order; a range may be empty)."""
    rows = _rows(schedules)
    bounds = _ranges([str(s["id"]) for s in rows], npartitions)
    parts: "list[tuple[list[dict[str, Any]], list[dict[str, Any]]]]" = [([], []) for _ in range(len(bounds) + 1)]
    for s in rows:
        parts[_range_of(str(s["id"]), bounds)][0].append(s)
    for a in _rows(appointments):
        parts[_range_of(str(a.get("schedule")), bounds)][1].append(a)
    return [_build(s, a) for s, a in parts]


def _arrow_pandas(table: Any) -> pd.DataFrame:
    return pa.table(table).to_pandas(types_mapper=pd.ArrowDtype)


def _report_part(engine: Engine, from_: Any, to: Any, bucket: Literal["day", "week", "month"]) -> pd.DataFrame:
    return _arrow_pandas(engine.report_table(from_, to, bucket))


def _availability_part(engine: Engine, query: Any) -> pd.DataFrame:
    table = pa.table(engine.availability_table(query))
    table = table.set_column(0, "schedule", table.column("schedule").cast(pa.string()))
    table = table.sort_by([("schedule", "ascending"), ("start", "ascending")])
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def _engines(schedules: Any, appointments: Any, npartitions: int) -> "list[Any]":
    """One delayed engine per range: built here from pandas input (and shipped as
    snapshot bytes), or on the workers from Dask input (each range's rows gathered
    from every input partition)."""
    if not isinstance(schedules, dd.DataFrame) and not isinstance(appointments, dd.DataFrame):
        return [dask.delayed(e, traverse=False) for e in partition(schedules, appointments, npartitions)]  # type: ignore[arg-type]
    sched = schedules if isinstance(schedules, dd.DataFrame) else dd.from_pandas(pd.DataFrame(_rows(schedules)), npartitions=1)
    ids = [str(i) for i in sched["id"].compute()]
    bounds = _ranges(ids, npartitions)
    n = len(bounds) + 1
    key = "_slotwise_range"

    def ranged(frame: dd.DataFrame, column: str) -> "list[Any]":
        tagged = frame.map_partitions(
            lambda df: df.assign(**{key: [_range_of(str(v), bounds) for v in df[column]]}),
        )
        return [
            dask.delayed(lambda parts, k: pd.concat([p[p[key] == k] for p in parts]) if parts else None)(
                tagged.to_delayed(), k
            )
            for k in range(n)
        ]

    sched_parts = ranged(sched, "id")
    if appointments is None:
        appt_parts: "list[Any]" = [None] * n
    else:
        appt = appointments if isinstance(appointments, dd.DataFrame) else dd.from_pandas(pd.DataFrame(_rows(appointments)), npartitions=1)
        appt_parts = ranged(appt, "schedule")
    build = dask.delayed(lambda s, a: _build(_rows(s), _rows(a)))
    return [build(s, a) for s, a in zip(sched_parts, appt_parts)]


def report(
    schedules: Any,
    appointments: Any,
    from_: Any,
    to: Any,
    bucket: Literal["day", "week", "month"] = "week",
    npartitions: int = 8,
) -> dd.DataFrame:
    """``Engine.report_table`` over every schedule, ``npartitions`` ranges of ids
    answered in parallel, as a Dask DataFrame in ``Engine.report``'s order."""
    meta = _report_part(Engine(), from_, to, bucket)
    parts = [dask.delayed(_report_part)(e, from_, to, bucket) for e in _engines(schedules, appointments, npartitions)]
    return dd.from_delayed(parts, meta=meta, verify_meta=False)


def availability_table(
    schedules: Any,
    appointments: Any,
    query: Any,
    npartitions: int = 8,
) -> dd.DataFrame:
    """``Engine.availability_table(query)`` over every schedule, ``npartitions``
    ranges of ids answered in parallel, as a Dask DataFrame ordered by (schedule
    id, start)."""
    meta = _availability_part(Engine(), query)
    parts = [dask.delayed(_availability_part)(e, query) for e in _engines(schedules, appointments, npartitions)]
    return dd.from_delayed(parts, meta=meta, verify_meta=False)
