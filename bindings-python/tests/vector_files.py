"""The shared vectors of tests/vectors/: loading them and reading their instants.

Each kind is read the way the Rust runners read it (see tests/vectors/*/README.md):
expand files hold arrays of cases; availability, reconcile and report files hold
one ``{"input", "expected" | "expected_error"}`` document each.
"""

import json
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "vectors"


def instant(text: str) -> datetime:
    """An RFC 3339 instant as an aware datetime (Python 3.9 reads no ``Z``)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def rfc3339(dt: datetime) -> str:
    """An aware datetime as the engine writes instants: RFC 3339 in UTC with ``Z``."""
    assert dt.tzinfo is not None and dt.utcoffset() is not None, dt
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def files(kind: str) -> "list[Path]":
    """Every ``*.json`` file of tests/vectors/<kind>/, sorted."""
    found = sorted((VECTORS / kind).glob("*.json"))
    assert found, f"no vectors in {VECTORS / kind}"
    return found


def expand_cases() -> "list[tuple[str, dict]]":
    """Every expansion case as (``file[index] description``, case)."""
    cases = []
    for path in files("expand"):
        for i, case in enumerate(json.loads(path.read_text())):
            cases.append((f"{path.name}[{i}] {case.get('description', '')}", case))
    return cases


def documents(kind: str) -> "list[tuple[str, dict]]":
    """Every document vector of a kind as (file name, vector)."""
    return [(p.name, json.loads(p.read_text())) for p in files(kind)]
