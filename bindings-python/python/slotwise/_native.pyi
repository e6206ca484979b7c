"""Type stubs of slotwise's native module (written by hand, checked by mypy.stubtest)."""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from array import array
from typing import Any, Literal, Optional, Union, final

__all__ = [
    "expand",
    "expand_epoch",
    "_datetime_path",
    "_make_datetime",
    "version",
    "tzdata_version",
    "Engine",
    "Table",
    "Slot",
    "ExistingSlot",
    "SlotUpdate",
    "Conflict",
    "Plan",
    "ReportRow",
    "ExclusionHit",
    "Reason",
    "BookingCheck",
    "Window",
    "SlotVerdict",
    "Explanation",
    "CombinedRow",
    "SlotwiseError",
    "InvalidRuleError",
    "UnknownTimezoneError",
    "InvalidInputError",
    "InvalidWindowError",
    "UnknownScheduleError",
    "DuplicateIdError",
    "LimitExceededError",
    "InvalidSnapshotError",
]

# An instant: an aware datetime or an RFC 3339 string.
_Instant = Union[datetime.datetime, str]
# A duration: a timedelta of whole seconds or an ISO 8601 string.
_Duration = Union[datetime.timedelta, str]
# A record in the engine's JSON shape: a mapping (Python values allowed) or JSON text.
_Record = Union[Mapping[str, Any], str]
_Bucket = Literal["day", "week", "month"]

def expand(
    ical: str, from_: _Instant, to: _Instant, limit: Optional[int] = None
) -> list[datetime.datetime]:
    """The instants of an iCalendar recurrence with start in [from_, to), in order (aware, UTC)."""

def expand_epoch(
    ical: str, from_: _Instant, to: _Instant, limit: Optional[int] = None
) -> array[int]:
    """The instants of `expand` as seconds since the Unix epoch in an array("q")."""

def _datetime_path() -> Literal["direct", "capsule", "call"]:
    """How answers' datetimes are made: written through CPython's checked layout, CPython's datetime C API, or calling the type."""

def _make_datetime(
    year: int, month: int, day: int, hour: int, minute: int, second: int, microsecond: int
) -> datetime.datetime:
    """The aware UTC datetime of these fields, made the way answers' datetimes are (for tests)."""

def version() -> str:
    """The version of the slotwise engine."""

def tzdata_version() -> str:
    """The version of the bundled IANA time zone database."""

class SlotwiseError(ValueError):
    """An error of the slotwise engine, with a stable `code` and the `path` of the field at fault."""

    code: str
    path: str
    detail: str

class InvalidRuleError(SlotwiseError):
    """`invalid_rule`."""

class UnknownTimezoneError(SlotwiseError):
    """`unknown_timezone`."""

class InvalidInputError(SlotwiseError):
    """`invalid_input`."""

class InvalidWindowError(SlotwiseError):
    """`invalid_window`."""

class UnknownScheduleError(SlotwiseError):
    """`unknown_schedule`."""

class DuplicateIdError(SlotwiseError):
    """`duplicate_id`."""

class LimitExceededError(SlotwiseError):
    """`limit_exceeded`."""

class InvalidSnapshotError(SlotwiseError):
    """`invalid_snapshot`."""

@final
class Slot:
    """A bookable slot."""

    @property
    def key(self) -> str: ...
    @property
    def schedule(self) -> str: ...
    @property
    def start(self) -> datetime.datetime: ...
    @property
    def end(self) -> datetime.datetime: ...
    @property
    def capacity(self) -> int: ...
    @property
    def booked(self) -> int: ...
    @property
    def remaining(self) -> int: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class ExistingSlot:
    """A slot as the host stored it."""

    @property
    def key(self) -> str: ...
    @property
    def schedule(self) -> str: ...
    @property
    def start(self) -> datetime.datetime: ...
    @property
    def end(self) -> datetime.datetime: ...
    @property
    def capacity(self) -> int: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class SlotUpdate:
    """A stored slot whose end or capacity changed."""

    @property
    def key(self) -> str: ...
    @property
    def before(self) -> ExistingSlot: ...
    @property
    def after(self) -> Slot: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Conflict:
    """A stored slot no longer generated that holds appointments."""

    @property
    def key(self) -> str: ...
    @property
    def appointments(self) -> list[str]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Plan:
    """What to do to a host's stored slots."""

    @property
    def create(self) -> list[Slot]: ...
    @property
    def update(self) -> list[SlotUpdate]: ...
    @property
    def delete(self) -> list[str]: ...
    @property
    def conflicts(self) -> list[Conflict]: ...
    @property
    def unchanged(self) -> int: ...
    def has_changes(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class ReportRow:
    """One schedule over one bucket of a report."""

    @property
    def schedule(self) -> str: ...
    @property
    def bucket_start(self) -> datetime.date: ...
    @property
    def offered_seat_minutes(self) -> float: ...
    @property
    def booked_seat_minutes(self) -> float: ...
    @property
    def utilization(self) -> Optional[float]: ...
    @property
    def appointments(self) -> dict[str, int]: ...
    @property
    def cancellation_rate(self) -> Optional[float]: ...
    @property
    def no_show_rate(self) -> Optional[float]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class ExclusionHit:
    """An exclusion an instant or slot runs into."""

    @property
    def index(self) -> int: ...
    @property
    def kind(self) -> Literal["day", "range"]: ...
    @property
    def from_(self) -> datetime.datetime: ...
    @property
    def to(self) -> datetime.datetime: ...
    @property
    def reason(self) -> Optional[str]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Reason:
    """Why a booking does not fit."""

    @property
    def code(self) -> str: ...
    @property
    def capacity(self) -> Optional[int]: ...
    @property
    def booked(self) -> Optional[int]: ...
    @property
    def remaining(self) -> Optional[int]: ...
    @property
    def appointments(self) -> Optional[list[str]]: ...
    @property
    def index(self) -> Optional[int]: ...
    @property
    def period(self) -> Optional[Literal["day", "week", "month"]]: ...
    @property
    def period_start(self) -> Optional[datetime.date]: ...
    @property
    def max_appointments(self) -> Optional[int]: ...
    @property
    def max_minutes(self) -> Optional[int]: ...
    @property
    def appointment_count(self) -> Optional[int]: ...
    @property
    def minutes(self) -> Optional[int]: ...
    @property
    def exclusion(self) -> Optional[ExclusionHit]: ...
    @property
    def earliest(self) -> Optional[datetime.datetime]: ...
    @property
    def latest(self) -> Optional[datetime.datetime]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class BookingCheck:
    """The answer of Engine.check_booking."""

    @property
    def fits(self) -> bool: ...
    @property
    def slot(self) -> Optional[Slot]: ...
    @property
    def reasons(self) -> list[Reason]: ...
    def __bool__(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Window:
    """A merged availability window."""

    @property
    def start(self) -> datetime.datetime: ...
    @property
    def end(self) -> datetime.datetime: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class SlotVerdict:
    """A slot and why it can or cannot take one more seat."""

    @property
    def slot(self) -> Slot: ...
    @property
    def reasons(self) -> list[Reason]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Explanation:
    """What the engine sees at one instant of a schedule."""

    @property
    def schedule(self) -> str: ...
    @property
    def instant(self) -> datetime.datetime: ...
    @property
    def local_time(self) -> str: ...
    @property
    def bookable(self) -> bool: ...
    @property
    def window(self) -> Optional[Window]: ...
    @property
    def exclusions(self) -> list[ExclusionHit]: ...
    @property
    def slots(self) -> list[SlotVerdict]: ...
    @property
    def summary(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class CombinedRow:
    """A time the schedules of a combined query can take (all, k of n, or a pool)."""

    @property
    def start(self) -> datetime.datetime: ...
    @property
    def end(self) -> datetime.datetime: ...
    @property
    def schedules(self) -> list[str]: ...
    @property
    def remaining(self) -> int: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Table:
    """An Arrow table of slots, report rows or combined rows (Arrow PyCapsule interface)."""

    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object: ...
    def __arrow_c_schema__(self) -> object: ...
    def __len__(self) -> int: ...
    @property
    def num_rows(self) -> int: ...
    @property
    def column_names(self) -> list[str]: ...
    def to_pyarrow(self) -> Any: ...
    def to_pandas(self) -> Any: ...
    def to_polars(self) -> Any: ...

_StoredSlot = Union[_Record, Slot, ExistingSlot]

@final
class Engine:
    """The scheduling engine."""

    def __new__(
        cls,
        schedules: Optional[Iterable[_Record]] = None,
        appointments: Optional[Iterable[_Record]] = None,
    ) -> "Engine": ...
    def add_schedule(self, schedule: _Record) -> None: ...
    def replace_schedule(self, schedule: _Record) -> None: ...
    def remove_schedule(self, id: str) -> None: ...
    def add_appointment(self, appointment: _Record) -> None: ...
    def update_appointment(self, appointment: _Record) -> None: ...
    def remove_appointment(self, id: str) -> None: ...
    def schedule_ids(self) -> list[str]: ...
    def availability(
        self,
        query: Optional[_Record] = None,
        *,
        from_: Optional[_Instant] = None,
        to: Optional[_Instant] = None,
        seats: Optional[int] = None,
        now: Optional[_Instant] = None,
        min_notice: Optional[_Duration] = None,
        max_advance: Optional[_Duration] = None,
        schedules: Optional[Sequence[str]] = None,
        first: Optional[int] = None,
    ) -> list[Slot]: ...
    def availability_table(
        self,
        query: Optional[_Record] = None,
        *,
        from_: Optional[_Instant] = None,
        to: Optional[_Instant] = None,
        seats: Optional[int] = None,
        now: Optional[_Instant] = None,
        min_notice: Optional[_Duration] = None,
        max_advance: Optional[_Duration] = None,
        schedules: Optional[Sequence[str]] = None,
        first: Optional[int] = None,
    ) -> Table: ...
    def combined(
        self,
        query: Optional[_Record] = None,
        *,
        from_: Optional[_Instant] = None,
        to: Optional[_Instant] = None,
        seats: Optional[int] = None,
        now: Optional[_Instant] = None,
        min_notice: Optional[_Duration] = None,
        max_advance: Optional[_Duration] = None,
        first: Optional[int] = None,
        combine: Optional[Mapping[str, Any]] = None,
    ) -> list[CombinedRow]: ...
    def combined_table(
        self,
        query: Optional[_Record] = None,
        *,
        from_: Optional[_Instant] = None,
        to: Optional[_Instant] = None,
        seats: Optional[int] = None,
        now: Optional[_Instant] = None,
        min_notice: Optional[_Duration] = None,
        max_advance: Optional[_Duration] = None,
        first: Optional[int] = None,
        combine: Optional[Mapping[str, Any]] = None,
    ) -> Table: ...
    def check_booking(
        self,
        appointment: _Record,
        *,
        now: Optional[_Instant] = None,
        min_notice: Optional[_Duration] = None,
        max_advance: Optional[_Duration] = None,
    ) -> BookingCheck: ...
    def explain(self, schedule_id: str, instant: _Instant) -> Explanation: ...
    def reconcile(
        self, from_: _Instant, to: _Instant, existing: Optional[Iterable[_StoredSlot]] = None
    ) -> Plan: ...
    def report(self, from_: _Instant, to: _Instant, bucket: _Bucket = "week") -> list[ReportRow]: ...
    def report_table(self, from_: _Instant, to: _Instant, bucket: _Bucket = "week") -> Table: ...
    def to_snapshot(self) -> bytes: ...
    @staticmethod
    def from_snapshot(data: Union[bytes, bytearray, memoryview]) -> "Engine": ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> "Engine": ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...
