"""slotwise: an embedded scheduling engine (RFC 5545 recurrence, availability,
capacity, reconciliation and reports), exact across DST.

Instants are aware :class:`datetime.datetime` objects (UTC on the way out),
durations :class:`datetime.timedelta`, zones IANA names or
:class:`zoneinfo.ZoneInfo`. Schedules, appointments and queries are dicts in the
engine's JSON shape. Errors are :class:`SlotwiseError` (a ``ValueError``) with a
stable ``code`` and the ``path`` of the field at fault.
"""

from slotwise._native import (
    BookingCheck,
    CombinedRow,
    Conflict,
    DuplicateIdError,
    Engine,
    ExclusionHit,
    ExistingSlot,
    Explanation,
    InvalidInputError,
    InvalidRuleError,
    InvalidSnapshotError,
    InvalidWindowError,
    LimitExceededError,
    Plan,
    Reason,
    ReportRow,
    Slot,
    SlotUpdate,
    SlotVerdict,
    SlotwiseError,
    Table,
    UnknownScheduleError,
    UnknownTimezoneError,
    Window,
    expand,
    expand_epoch,
    tzdata_version,
    version,
)

__version__ = version()

__all__ = [
    "BookingCheck",
    "CombinedRow",
    "Conflict",
    "DuplicateIdError",
    "Engine",
    "ExclusionHit",
    "ExistingSlot",
    "Explanation",
    "InvalidInputError",
    "InvalidRuleError",
    "InvalidSnapshotError",
    "InvalidWindowError",
    "LimitExceededError",
    "Plan",
    "Reason",
    "ReportRow",
    "Slot",
    "SlotUpdate",
    "SlotVerdict",
    "SlotwiseError",
    "Table",
    "UnknownScheduleError",
    "UnknownTimezoneError",
    "Window",
    "expand",
    "expand_epoch",
    "tzdata_version",
    "version",
]
