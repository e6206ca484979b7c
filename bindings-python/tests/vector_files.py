"""The shared vectors of tests/vectors/ (format: tests/vectors/README.md): every
file of expand/, availability/, reconcile/ and report/ is an array of cases
``{"kind", "description", "input", "expected" | "error"}``."""

import json
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "vectors"
KINDS = ("expand", "availability", "reconcile", "report")


def instant(text: str) -> datetime:
    """An RFC 3339 instant as an aware datetime (Python 3.9 reads no ``Z``)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def rfc3339(dt: datetime) -> str:
    """An aware datetime as the engine writes instants: RFC 3339 in UTC with ``Z``."""
    assert dt.tzinfo is not None and dt.utcoffset() is not None, dt
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def cases(kind: str) -> "list[tuple[str, dict]]":
    """Every case of tests/vectors/<kind>/*.json as (``file[index]``, case)."""
    paths = sorted((VECTORS / kind).glob("*.json"))
    assert paths, f"no vectors in {VECTORS / kind}"
    found = []
    for path in paths:
        for i, case in enumerate(json.loads(path.read_text())):
            assert case["kind"] == kind, f"{path.name}[{i}]"
            assert ("expected" in case) != ("error" in case), f"{path.name}[{i}]"
            found.append((f"{path.name}[{i}]", case))
    return found
