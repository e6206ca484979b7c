"""A year's month-by-month report of many schedules on a Dask LocalCluster.

Generates N schedules (weekday opening hours in four zones) with a year of
appointments, runs the report by month over 2026 with slotwise.dask on a
LocalCluster of 1 worker and then W workers, checks each answer equals the one
process's answer row for row, and prints the wall times (Dask's progress bar shows
each run).

    python examples/python/scale_out.py --schedules 2000 --workers 2
    python examples/python/scale_out.py --scheduler tcp://host:8786   # an existing cluster
"""

import argparse
import logging
import random
import time
from datetime import datetime, timedelta, timezone

import pandas as pd
import pyarrow as pa
from distributed import Client, LocalCluster, progress

import slotwise
import slotwise.dask as sd

UTC = timezone.utc
YEAR = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
ZONES = ["America/New_York", "Europe/Lisbon", "America/Sao_Paulo", "Asia/Tokyo"]
STATUSES = ["attended"] * 6 + ["no_show", "cancelled", "booked"]


def generate(n: int, per_schedule: int, seed: int = 7):
    """N schedules and `per_schedule` appointments each over 2026, as DataFrames."""
    rng = random.Random(seed)
    schedules = [
        {"id": f"clinic-{i:07}", "timezone": ZONES[i % 4],
         "availability": [{"rule": "DTSTART:20260105T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "end": "17:00"}],
         "slot": {"duration": "PT30M", "capacity": 1 + i % 3}}
        for i in range(n)
    ]
    rows = []
    for s in schedules:
        for j in range(per_schedule):
            start = YEAR[0] + timedelta(days=rng.randrange(365), hours=13 + rng.randrange(8), minutes=30 * rng.randrange(2))
            rows.append((f"{s['id']}-{j}", s["id"], start, start + timedelta(minutes=30), rng.choice(STATUSES)))
    appointments = pd.DataFrame(rows, columns=["id", "schedule", "start", "end", "status"])
    return pd.DataFrame(schedules), appointments


def one_process(schedules: pd.DataFrame, appointments: pd.DataFrame) -> pd.DataFrame:
    engine = slotwise.Engine(schedules.to_dict("records"), appointments.to_dict("records"))
    return pa.table(engine.report_table(*YEAR, "month")).to_pandas(types_mapper=pd.ArrowDtype)


def run(client: Client, schedules, appointments, partitions: int) -> "tuple[pd.DataFrame, float, float]":
    """The cluster's answer, the seconds spent building the ranges' engines here,
    and the seconds the cluster took to answer (shipping the snapshots included)."""
    t0 = time.perf_counter()
    frame = sd.report(schedules, appointments, *YEAR, "month", npartitions=partitions)
    t1 = time.perf_counter()
    future = client.compute(frame)
    progress(future)
    print()
    result = future.result()
    return result.reset_index(drop=True), t1 - t0, time.perf_counter() - t1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schedules", type=int, default=2000)
    parser.add_argument("--appointments", type=int, default=50, help="per schedule over the year")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scheduler", help="address of an existing Dask scheduler instead of a LocalCluster")
    args = parser.parse_args()
    logging.getLogger("distributed").setLevel(logging.WARNING)  # the progress bar says enough

    schedules, appointments = generate(args.schedules, args.appointments)
    print(f"{len(schedules):,} schedules, {len(appointments):,} appointments, report by month over 2026")
    t0 = time.perf_counter()
    expected = one_process(schedules, appointments)
    print(f"one process: {time.perf_counter() - t0:.2f} s, {len(expected):,} rows")

    if args.scheduler:
        with Client(args.scheduler) as client:
            report(f"cluster at {args.scheduler}", client, schedules, appointments, expected)
        return
    for w in sorted({1, args.workers}):
        with LocalCluster(n_workers=w, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=logging.WARNING) as cluster, Client(cluster) as client:
            report(f"W = {w}", client, schedules, appointments, expected)


def report(name: str, client: Client, schedules, appointments, expected) -> None:
    """Run on the client's cluster, compare, print the wall time."""
    workers = max(1, len(client.scheduler_info()["workers"]))
    got, building, answering = run(client, schedules, appointments, partitions=4 * workers)
    seconds = building + answering
    try:
        pd.testing.assert_frame_equal(got, expected)
        identical = "yes"
    except AssertionError:
        identical = "no"
    years = len(schedules) * (YEAR[1] - YEAR[0]).days / 365
    print(f"{name}: {seconds:.2f} s wall ({building:.2f} s building the engines here, {answering:.2f} s on "
          f"the cluster: {years / answering:,.0f} schedule-years/s), identical to one process: {identical}")
    if identical != "yes":
        raise SystemExit(1)


if __name__ == "__main__":
    main()
