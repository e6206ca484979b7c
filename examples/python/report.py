"""A month's occupancy report of a clinic, by week and practitioner.

Loads the clinic's schedules and appointments (examples/data/clinic.json, or an
engine snapshot written by `slotwise snapshot`), asks slotwise for a report by
week over one month, writes it as CSV, draws the utilization of each practitioner
per week as a PNG chart (matplotlib), and prints the month's no-show and
cancellation rates.

    python examples/python/report.py [--input clinic.json | --snapshot engine.bin]
                                     [--month 2026-03] [--out DIR]
"""

import argparse
import csv
import json
from datetime import datetime, timezone
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402

import slotwise  # noqa: E402

HERE = Path(__file__).resolve().parent
CLINIC = HERE.parent / "data" / "clinic.json"
FIELDS = [
    "schedule", "bucket_start", "offered_seat_minutes", "booked_seat_minutes", "utilization",
    "booked", "attended", "no_show", "cancelled", "cancellation_rate", "no_show_rate",
]


def load(args: argparse.Namespace) -> slotwise.Engine:
    """The engine of the input document or snapshot."""
    if args.snapshot:
        return slotwise.Engine.from_snapshot(Path(args.snapshot).read_bytes())
    doc = json.loads(Path(args.input).read_text())
    return slotwise.Engine(doc.get("schedules", []), doc.get("appointments", []))


def month_window(month: str) -> "tuple[datetime, datetime]":
    """[first instant of the month, first instant of the next) in UTC."""
    year, number = (int(part) for part in month.split("-"))
    start = datetime(year, number, 1, tzinfo=timezone.utc)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=timezone.utc)
    return start, end


def write_csv(rows: "list[slotwise.ReportRow]", path: Path) -> None:
    """One line per practitioner and week."""
    with path.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(FIELDS)
        for r in rows:
            counts = r.appointments
            out.writerow([
                r.schedule, r.bucket_start.isoformat(), r.offered_seat_minutes, r.booked_seat_minutes,
                "" if r.utilization is None else round(r.utilization, 4),
                counts["booked"], counts["attended"], counts["no_show"], counts["cancelled"],
                "" if r.cancellation_rate is None else round(r.cancellation_rate, 4),
                "" if r.no_show_rate is None else round(r.no_show_rate, 4),
            ])


def draw(rows: "list[slotwise.ReportRow]", month: str, path: Path) -> None:
    """Grouped bars: utilization (%) per week, one bar per practitioner."""
    weeks = sorted({r.bucket_start for r in rows})
    people = sorted({r.schedule for r in rows})
    value = {(r.schedule, r.bucket_start): 100 * (r.utilization or 0.0) for r in rows}
    width = 0.8 / max(1, len(people))
    fig, ax = plt.subplots(figsize=(9, 4.5), dpi=100)
    for i, who in enumerate(people):
        xs = [w + (i - (len(people) - 1) / 2) * width for w in range(len(weeks))]
        ax.bar(xs, [value.get((who, wk), 0.0) for wk in weeks], width, label=who)
    ax.set_xticks(range(len(weeks)))
    ax.set_xticklabels([f"week of {wk:%b %d}" for wk in weeks])
    ax.set_ylabel("utilization (% of offered seat-minutes)")
    ax.set_title(f"Utilization per practitioner per week, {month}")
    ax.legend()
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def rate(part: int, whole: int) -> str:
    return "n/a" if whole == 0 else f"{100 * part / whole:.1f}%"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", default=str(CLINIC), help="schedules and appointments (JSON)")
    parser.add_argument("--snapshot", help="an engine snapshot instead of --input")
    parser.add_argument("--month", default="2026-03", help="YYYY-MM (default 2026-03)")
    parser.add_argument("--out", default=".", help="folder for report.csv and utilization.png")
    args = parser.parse_args()

    engine = load(args)
    start, end = month_window(args.month)
    rows = engine.report(start, end, "week")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(rows, out / "report.csv")
    draw(rows, args.month, out / "utilization.png")

    total = {k: sum(r.appointments[k] for r in rows) for k in ("booked", "attended", "no_show", "cancelled")}
    print(f"{len(rows)} rows for {len({r.schedule for r in rows})} practitioners -> {out / 'report.csv'}, "
          f"{out / 'utilization.png'}")
    print(f"appointments: {sum(total.values())} ({', '.join(f'{k} {v}' for k, v in total.items())})")
    print(f"no-show rate: {rate(total['no_show'], total['no_show'] + total['attended'])}")
    print(f"cancellation rate: {rate(total['cancelled'], sum(total.values()))}")


if __name__ == "__main__":
    main()
