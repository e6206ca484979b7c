"""slotwise.dask: reports and availability over ranges of schedules on Dask equal
a single process's answer, row for row and in order."""

import json
import os
import pickle
import random
import signal
import time
from datetime import datetime, timedelta, timezone

import pytest

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import pandas as pd  # noqa: E402
import pyarrow as pa  # noqa: E402

import slotwise  # noqa: E402
import slotwise.dask as sd  # noqa: E402

UTC = timezone.utc
START = datetime(2026, 1, 5, tzinfo=UTC)
A, B = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC)
ZONES = ["America/New_York", "Europe/Lisbon", "America/Sao_Paulo", "Asia/Tokyo"]
STATUSES = ["booked", "attended", "no_show", "cancelled"]


def data(n, per_schedule=20, seed=1):
    rng = random.Random(seed)
    schedules = [
        {"id": f"clinic-{rng.randrange(10**6):06}-{i}", "timezone": ZONES[i % 4],
         "availability": [{"rule": "DTSTART:20260105T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "end": "17:00"}],
         "slot": {"duration": "PT30M", "capacity": 1 + i % 3}}
        for i in range(n)
    ]
    appointments = []
    for s in schedules:
        for j in range(per_schedule):
            start = START + timedelta(days=rng.randrange(120), hours=14 + rng.randrange(6), minutes=30 * rng.randrange(2))
            appointments.append({"id": f"{s['id']}-a{j}", "schedule": s["id"], "start": start,
                                 "end": start + timedelta(minutes=30), "status": rng.choice(STATUSES)})
    rng.shuffle(appointments)  # a schedule's appointments spread over every input partition
    return schedules, appointments


def one_process_report(schedules, appointments, bucket="week"):
    table = slotwise.Engine(schedules, appointments).report_table(A, B, bucket)
    return pa.table(table).to_pandas(types_mapper=pd.ArrowDtype)


def same(got, expected):
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True))


@pytest.mark.parametrize("npartitions", [1, 3, 7])
def test_report_from_pandas_equals_one_process(npartitions):
    schedules, appointments = data(40)
    expected = one_process_report(schedules, appointments)
    with dask.config.set(scheduler="sync"):
        got = sd.report(pd.DataFrame(schedules), pd.DataFrame(appointments), A, B, "week", npartitions=npartitions)
        assert got.npartitions == npartitions
        same(got.compute(), expected)
    assert all(isinstance(t, pd.ArrowDtype) for t in got.dtypes)


@pytest.mark.parametrize("seed", [2, 3])
def test_report_from_dask_frames_with_appointments_in_other_partitions(seed):
    schedules, appointments = data(30, seed=seed)
    expected = one_process_report(schedules, appointments, "day")
    # Nested fields as JSON text, as a warehouse table holds them.
    rows = [{k: json.dumps(v) if isinstance(v, (list, dict)) else v for k, v in s.items()} for s in schedules]
    s = dd.from_pandas(pd.DataFrame(rows), npartitions=3)
    a = dd.from_pandas(pd.DataFrame(appointments), npartitions=5)
    with dask.config.set(scheduler="sync"):
        same(sd.report(s, a, A, B, "day", npartitions=4).compute(), expected)


def test_an_empty_partition_and_a_schedule_without_appointments():
    schedules, appointments = data(3, per_schedule=4)
    appointments = [x for x in appointments if x["schedule"] != schedules[0]["id"]]
    expected = one_process_report(schedules, appointments)
    with dask.config.set(scheduler="sync"):
        got = sd.report(pd.DataFrame(schedules), pd.DataFrame(appointments), A, B, npartitions=6)
        same(got.compute(), expected)
    assert [len(e.schedule_ids()) for e in sd.partition(schedules, appointments, 6)].count(0) >= 3


def test_availability_equals_one_process_by_schedule_then_start():
    schedules, appointments = data(25)
    query = {"from": A, "to": B, "seats": 0}
    one = pa.table(slotwise.Engine(schedules, appointments).availability_table(query))
    one = one.set_column(0, "schedule", one.column("schedule").cast(pa.string()))
    expected = one.sort_by([("schedule", "ascending"), ("start", "ascending")]).to_pandas(types_mapper=pd.ArrowDtype)
    with dask.config.set(scheduler="sync"):
        same(sd.availability_table(pd.DataFrame(schedules), pd.DataFrame(appointments), query, npartitions=4).compute(), expected)


def test_an_invalid_schedule_fails_the_run_naming_its_id():
    schedules, appointments = data(12)
    bad = schedules[7]["id"]
    schedules[7] = {**schedules[7], "slot": {"duration": "PT30M", "capacity": 0}}
    with dask.config.set(scheduler="sync"):
        with pytest.raises(slotwise.InvalidInputError) as info:
            sd.report(pd.DataFrame(schedules), pd.DataFrame(appointments), A, B, npartitions=3).compute()
    assert bad in str(info.value)
    assert info.value.code == "invalid_input" and info.value.path.endswith("slot.capacity")


def test_an_engine_pickles_as_its_snapshot():
    schedules, appointments = data(5)
    engine = slotwise.Engine(schedules, appointments)
    data_bytes = pickle.dumps(engine)
    assert engine.to_snapshot() in data_bytes
    copy = pickle.loads(data_bytes)
    assert copy.to_json() == engine.to_json()
    assert copy.report(A, B) == engine.report(A, B)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def test_on_a_local_cluster_with_a_worker_lost_mid_run(cluster):
    schedules, appointments = data(400, per_schedule=10)
    expected = one_process_report(schedules, appointments, "day")
    with distributed.Client(cluster) as client:
        frame = sd.report(pd.DataFrame(schedules), pd.DataFrame(appointments), A, B, "day", npartitions=40)
        future = client.compute(frame)
        deadline = time.monotonic() + 30
        while not any(client.processing().values()) and time.monotonic() < deadline:
            time.sleep(0.01)
        # Kill one worker's process: its nanny starts a new one and Dask reruns the
        # lost tasks elsewhere.
        victim = next(iter(cluster.workers.values()))
        os.kill(victim.process.process.pid, signal.SIGKILL)
        same(future.result(timeout=120), expected)
