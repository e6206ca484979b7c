"""The shared vectors of tests/vectors/ (format: tests/vectors/README.md): every
file of expand/, availability/, reconcile/, report/ and combined/ is an array of
cases ``{"kind", "description", "input", "expected" | "error"}``. The vectors of
core/tests/vectors_next/ (same format, any kind) run too while they wait there."""

import json
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "vectors"
NEXT = REPO / "core" / "tests" / "vectors_next"
KINDS = ("expand", "availability", "reconcile", "report", "combined")
# Kinds whose folder may be missing from a checkout.
OPTIONAL = ("combined",)


def instant(text: str) -> datetime:
    """An RFC 3339 instant as an aware datetime (Python 3.9 reads no ``Z``)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def rfc3339(dt: datetime) -> str:
    """An aware datetime as the engine writes instants: RFC 3339 in UTC with ``Z``."""
    assert dt.tzinfo is not None and dt.utcoffset() is not None, dt
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def read(path: Path) -> "list[tuple[str, dict]]":
    """The cases of one file as (``file[index]``, case)."""
    found = []
    for i, case in enumerate(json.loads(path.read_text())):
        assert case["kind"] in KINDS, f"{path.name}[{i}]: kind {case['kind']!r}"
        assert ("expected" in case) != ("error" in case), f"{path.name}[{i}]"
        found.append((f"{path.name}[{i}]", case))
    return found


def cases(kind: str) -> "list[tuple[str, dict]]":
    """Every case of tests/vectors/<kind>/*.json as (``file[index]``, case)."""
    paths = sorted((VECTORS / kind).glob("*.json"))
    assert paths or kind in OPTIONAL, f"no vectors in {VECTORS / kind}"
    found = [c for path in paths for c in read(path)]
    for name, case in found:
        assert case["kind"] == kind, name
    return found


def next_cases() -> "list[tuple[str, dict]]":
    """Every case of core/tests/vectors_next/*.json (none once they have moved)."""
    return [c for path in sorted(NEXT.glob("*.json")) for c in read(path)]
