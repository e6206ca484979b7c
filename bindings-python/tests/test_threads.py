"""Long calls release the GIL, and one engine answers many threads at once."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import slotwise

UTC = timezone.utc
START = datetime(2026, 1, 5, tzinfo=UTC)


def big_engine(n=300):
    """`n` schedules with 15-minute slots on weekdays, in three zones."""
    zones = ["America/New_York", "Europe/Lisbon", "Asia/Tokyo"]
    return slotwise.Engine(
        [
            {
                "id": f"s{i:04}",
                "timezone": zones[i % 3],
                "availability": [
                    {"rule": "DTSTART:20260105T080000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "end": "18:00"}
                ],
                "slot": {"duration": "PT15M", "capacity": 2},
            }
            for i in range(n)
        ],
        [
            {"id": f"a{i}", "schedule": f"s{i % n:04}", "start": START + timedelta(days=i % 90, hours=13),
             "end": START + timedelta(days=i % 90, hours=13, minutes=15)}
            for i in range(2000)
        ],
    )


class Ticker:
    """A Python thread counting while it can get the GIL."""

    def __init__(self):
        self.ticks = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while not self.stop.is_set():
            self.ticks += 1
            self.stop.wait(0.0005)

    def __enter__(self):
        self.thread.start()
        while self.ticks == 0:
            pass
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def test_long_calls_release_the_gil():
    engine = big_engine()
    window = {"from": START, "to": START + timedelta(days=120), "seats": 0}
    calls = {
        "availability_table": lambda: engine.availability_table(window),
        # The table form: the answer's Python objects (made with the GIL held) would
        # otherwise take most of the call on a fast machine.
        "report_table": lambda: engine.report_table(START, START + timedelta(days=5 * 365), "day"),
        "expand": lambda: slotwise.expand(
            "DTSTART;TZID=Europe/Lisbon:20260101T000000\nRRULE:FREQ=MINUTELY;BYHOUR=9,10,11,12,13,14,15,16",
            START, START + timedelta(days=3000), 1_000_000,
        ),
    }
    for name, call in calls.items():
        # While the call runs, the ticker must keep counting: with the GIL held by
        # the call it could not run a single bytecode.
        with Ticker() as ticker:
            before = ticker.ticks
            answer = call()
            during = ticker.ticks - before
        assert len(answer) > 10_000, name
        assert during >= 3, f"{name}: the ticker ran {during} times during the call"


def test_four_threads_query_one_engine_at_once():
    engine = big_engine()
    windows = [
        {"from": START + timedelta(days=7 * k), "to": START + timedelta(days=7 * k + 30), "seats": k % 3}
        for k in range(8)
    ]
    expected = [engine.availability(w) for w in windows]
    barrier = threading.Barrier(4)

    def ask(k):
        barrier.wait() if k < 4 else None
        return engine.availability(windows[k])

    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(ask, range(len(windows))))
    assert got == expected
    assert all(len(g) > 1000 for g in got)


def test_changes_while_other_threads_query():
    engine = big_engine(30)
    window = {"from": START, "to": START + timedelta(days=30), "seats": 0}
    stop = threading.Event()
    errors = []

    def query():
        while not stop.is_set():
            try:
                slots = engine.availability(window)
                assert len(slots) > 0
            except Exception as e:  # noqa: BLE001 - collected and asserted below
                errors.append(e)

    threads = [threading.Thread(target=query) for _ in range(3)]
    for t in threads:
        t.start()
    for i in range(200):
        start = START + timedelta(days=i % 20, hours=14)
        engine.add_appointment({"id": f"x{i}", "schedule": "s0001", "start": start, "end": start + timedelta(minutes=15)})
    stop.set()
    for t in threads:
        t.join()
    assert errors == []
    assert sum(1 for s in engine.availability(window) if s.schedule == "s0001" and s.booked > 0) > 0
