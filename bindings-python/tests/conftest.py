"""Shared fixtures: a small engine in São Paulo and Lisbon built from the bundled
clinic example."""

import json

import pytest

import slotwise
from vector_files import REPO


@pytest.fixture
def clinic():
    """The bundled example document (schedules, appointments, query)."""
    return json.loads((REPO / "examples" / "data" / "clinic.json").read_text())


@pytest.fixture
def engine(clinic):
    """An engine holding the clinic's schedules and appointments."""
    return slotwise.Engine(clinic["schedules"], clinic["appointments"])
