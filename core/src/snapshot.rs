//! The engine's state moved out and back in: binary snapshots (rkyv) that open in
//! constant time per schedule, and a JSON form for people.
//!
//! # Snapshot format, version 1
//!
//! Everything is little-endian with a fixed layout, whatever the platform that
//! wrote it: rkyv's `little_endian`, `pointer_width_32` and `unaligned` formats, so a
//! snapshot taken on x86-64 opens on aarch64 or wasm32, and the bytes can be read
//! where they lie (no alignment requirement, no copy into an aligned buffer).
//!
//! ```text
//! offset  size  field
//!      0     8  magic "SLOTWISE"
//!      8     2  format version (1)
//!     10     2  flags (none defined: must be 0)
//!     12     4  reserved (must be 0)
//!     16     8  payload length: the bytes after the 40-byte header
//!     24     8  table length: the payload's last bytes
//!     32     8  checksum of the table
//!     40        payload: one block per schedule, back to back, then the table
//! ```
//!
//! Each block is an independent rkyv archive: the schedule in its JSON form (as
//! hosts wrote it) and its appointments, every status, ordered by (start, id). The
//! table is an rkyv archive listing each schedule's id, block, block checksum and
//! appointment count, ordered by id. Every byte is checked: the header field by
//! field, the table and each block by its checksum (a single changed byte always
//! changes it), then by rkyv's bytecheck and by the engine's own validation.
//!
//! Opening costs the table, not the data: it checks the header and the table
//! (checksum, bytecheck, ids in order, blocks back to back, counts within the
//! limits) and nothing else. A block is checked (checksum, bytecheck, then every
//! field as `add_schedule` and `add_appointment` would) and built the first time a
//! call needs its schedule, and the appointments by id the first time a call needs
//! them (`appointment`, changes to appointments, `to_json`, `to_snapshot`). A damaged
//! block makes the calls that need its schedule fail with `invalid_snapshot`, and
//! only those; [`Engine::load_all`] checks and builds everything at once for hosts
//! that would rather know at open.
//!
//! Compiled schedules are not stored: compiling one takes microseconds and is done
//! on first use, so the format does not depend on the engine's internals.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use rkyv::rancor;
use serde::{Deserialize, Serialize};

use crate::capacity::{Appointment, Status};
use crate::engine::Engine;
use crate::error::{Error, ErrorCode, Result};
use crate::limits::{exceeded, Limits};
use crate::schedule::Schedule;

/// The first bytes of every snapshot.
pub const MAGIC: &[u8; 8] = b"SLOTWISE";
/// The format version this engine writes and reads.
pub const FORMAT_VERSION: u16 = 1;
const HEADER: usize = 40;

/// The engine's whole state as JSON: `{"version": 1, "schedules": [...],
/// "appointments": [...]}`, each list ordered by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EngineState {
    /// Format version; only `1` exists.
    pub version: u32,
    /// Every schedule, as given.
    pub schedules: Vec<Schedule>,
    /// Every appointment.
    pub appointments: Vec<Appointment>,
}

impl EngineState {
    /// Parse the JSON form; fields are named in errors (`schedules[2].slot`).
    pub fn from_json(text: &str, limits: &Limits) -> Result<EngineState> {
        let state: EngineState = crate::input::from_json(text, limits)?;
        if state.version != 1 {
            return Err(Error::invalid_input(format!(
                "version {} is not supported (only 1)",
                state.version
            ))
            .at("version"));
        }
        Ok(state)
    }
}

#[derive(rkyv::Archive, rkyv::Serialize)]
struct Table {
    schedules: Vec<TableEntry>,
    appointments: u64,
}

#[derive(rkyv::Archive, rkyv::Serialize)]
struct TableEntry {
    id: String,
    /// Offset of the block in the payload.
    start: u64,
    len: u64,
    checksum: u64,
    appointments: u64,
}

#[derive(rkyv::Archive, rkyv::Serialize)]
struct BlockData {
    /// The schedule's JSON form.
    schedule: String,
    appointments: Vec<AppointmentData>,
}

#[derive(rkyv::Archive, rkyv::Serialize)]
struct AppointmentData {
    id: String,
    start: i64,
    end: i64,
    seats: u32,
    /// 0 booked, 1 attended, 2 no_show, 3 cancelled.
    status: u8,
    /// The `version` field as given; 0 when absent.
    version: u32,
}

fn invalid(detail: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidSnapshot, detail)
}

/// A 64-bit checksum over four independent lanes (fast on long inputs). Every step
/// is a bijection of the lane for a fixed input word, and the lanes fold
/// injectively, so changing any single 8-byte word (any single byte) changes the sum.
fn checksum(bytes: &[u8]) -> u64 {
    const K: [u64; 4] = [
        0x9E37_79B1_85EB_CA87,
        0xC2B2_AE3D_27D4_EB4F,
        0x1656_67B1_9E37_79F9,
        0x85EB_CA77_C2B2_AE63,
    ];
    let word = |b: &[u8]| {
        let mut w = [0u8; 8];
        for (dst, src) in w.iter_mut().zip(b) {
            *dst = *src;
        }
        u64::from_le_bytes(w)
    };
    let mut lanes = K;
    let mut step = |chunk: &[u8]| {
        for ((lane, k), w) in lanes.iter_mut().zip(K).zip(chunk.chunks(8)) {
            *lane = (*lane ^ word(w)).wrapping_mul(k).rotate_left(29);
        }
    };
    let mut chunks = bytes.chunks_exact(32);
    for chunk in &mut chunks {
        step(chunk);
    }
    let mut tail = [0u8; 32];
    for (dst, src) in tail.iter_mut().zip(chunks.remainder()) {
        *dst = *src;
    }
    step(&tail);
    lanes.iter().fold(bytes.len() as u64, |h, &lane| {
        (h ^ lane).wrapping_mul(K[0]).rotate_left(31)
    })
}

fn status_code(status: Status) -> u8 {
    match status {
        Status::Booked => 0,
        Status::Attended => 1,
        Status::NoShow => 2,
        Status::Cancelled => 3,
    }
}

fn status_of(code: u8) -> Option<Status> {
    Some(match code {
        0 => Status::Booked,
        1 => Status::Attended,
        2 => Status::NoShow,
        3 => Status::Cancelled,
        _ => return None,
    })
}

fn u64_of(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// The snapshot of schedules (by id) with their appointments (each list by start,
/// then id).
fn write(schedules: &[(Cow<'_, Schedule>, Vec<&Appointment>)]) -> Result<Vec<u8>> {
    let failed = |e: rancor::Error| invalid(format!("cannot write the snapshot: {e}"));
    let mut out = vec![0u8; HEADER];
    let mut table = Table {
        schedules: Vec::new(),
        appointments: 0,
    };
    for (schedule, appointments) in schedules {
        let block = BlockData {
            schedule: serde_json::to_string(&**schedule)
                .map_err(|e| invalid(format!("cannot write the snapshot: {e}")))?,
            appointments: appointments
                .iter()
                .map(|a| AppointmentData {
                    id: a.id.clone(),
                    start: a.start,
                    end: a.end,
                    seats: a.seats,
                    status: status_code(a.status),
                    version: a.version.unwrap_or(0),
                })
                .collect(),
        };
        let bytes = rkyv::to_bytes::<rancor::Error>(&block).map_err(failed)?;
        table.schedules.push(TableEntry {
            id: schedule.id.clone(),
            start: u64_of(out.len() - HEADER),
            len: u64_of(bytes.len()),
            checksum: checksum(&bytes),
            appointments: u64_of(appointments.len()),
        });
        table.appointments += u64_of(appointments.len());
        out.extend_from_slice(&bytes);
    }
    let bytes = rkyv::to_bytes::<rancor::Error>(&table).map_err(failed)?;
    out.extend_from_slice(&bytes);
    let payload_len = u64_of(out.len() - HEADER);
    let sum = checksum(&bytes);
    let mut header = Vec::with_capacity(HEADER);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    header.extend_from_slice(&0u16.to_le_bytes());
    header.extend_from_slice(&0u32.to_le_bytes());
    header.extend_from_slice(&payload_len.to_le_bytes());
    header.extend_from_slice(&u64_of(bytes.len()).to_le_bytes());
    header.extend_from_slice(&sum.to_le_bytes());
    for (dst, src) in out.iter_mut().zip(header) {
        *dst = src;
    }
    Ok(out)
}

/// The bytes of an opened snapshot and where its blocks lie.
#[derive(Debug)]
pub(crate) struct Opened {
    bytes: Vec<u8>,
    /// The limits the snapshot was opened with; its schedules are built under them.
    limits: Limits,
    /// By schedule id.
    blocks: Vec<BlockInfo>,
}

/// A block as the table describes it.
#[derive(Debug)]
struct BlockInfo {
    id: String,
    range: std::ops::Range<usize>,
    checksum: u64,
    appointments: usize,
}

/// One schedule's block of an opened snapshot.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    opened: Arc<Opened>,
    index: usize,
}

/// The blocks of a snapshot's schedules, by id. Checks the header and the table;
/// see the module documentation.
pub(crate) fn open(bytes: Vec<u8>, limits: &Limits) -> Result<Vec<Block>> {
    if bytes.len() > limits.max_snapshot_bytes {
        return Err(exceeded(
            "max_snapshot_bytes",
            format!(
                "the snapshot is {} bytes, more than {}",
                bytes.len(),
                limits.max_snapshot_bytes
            ),
        ));
    }
    let field = |at: usize, len: usize| -> Result<u64> {
        let mut v = [0u8; 8];
        let src = bytes.get(at..at + len).ok_or_else(|| {
            invalid(format!(
                "{} bytes are too short for a snapshot",
                bytes.len()
            ))
        })?;
        for (dst, s) in v.iter_mut().zip(src) {
            *dst = *s;
        }
        Ok(u64::from_le_bytes(v))
    };
    if bytes.get(..8) != Some(MAGIC.as_slice()) {
        return Err(invalid("not a slotwise snapshot (the magic bytes differ)"));
    }
    let version = field(8, 2)?;
    if version != u64::from(FORMAT_VERSION) {
        return Err(invalid(format!(
            "snapshot format version {version} is not supported (only {FORMAT_VERSION})"
        )));
    }
    if field(10, 2)? != 0 || field(12, 4)? != 0 {
        return Err(invalid("unknown flags or reserved bytes in the header"));
    }
    let payload = bytes.get(HEADER..).unwrap_or_default();
    if field(16, 8)? != u64_of(payload.len()) {
        return Err(invalid(format!(
            "the header announces {} payload bytes, {} are there (truncated?)",
            field(16, 8)?,
            payload.len()
        )));
    }
    let table_len = usize::try_from(field(24, 8)?).unwrap_or(usize::MAX);
    let table_start = payload
        .len()
        .checked_sub(table_len)
        .ok_or_else(|| invalid("the table is longer than the payload"))?;
    let table_bytes = payload.get(table_start..).unwrap_or_default();
    if field(32, 8)? != checksum(table_bytes) {
        return Err(invalid(
            "the table's checksum does not match: the bytes are corrupted",
        ));
    }
    let table = rkyv::access::<ArchivedTable, rancor::Error>(table_bytes)
        .map_err(|e| invalid(format!("the table is malformed: {e}")))?;
    let mut blocks = Vec::with_capacity(table.schedules.len());
    let mut next = 0usize;
    let mut total = 0usize;
    let mut previous: Option<&str> = None;
    for (i, entry) in table.schedules.iter().enumerate() {
        let id = entry.id.as_str();
        if previous.is_some_and(|p| p >= id) {
            return Err(invalid(format!(
                "schedule {i} (`{id}`) is out of order or repeated"
            )));
        }
        previous = Some(id);
        let start = usize::try_from(entry.start.to_native()).unwrap_or(usize::MAX);
        let len = usize::try_from(entry.len.to_native()).unwrap_or(usize::MAX);
        let end = start
            .checked_add(len)
            .filter(|&end| start == next && end <= table_start);
        let Some(end) = end else {
            return Err(invalid(format!(
                "the block of schedule `{id}` is out of place"
            )));
        };
        next = end;
        let count = usize::try_from(entry.appointments.to_native()).unwrap_or(usize::MAX);
        total = total.saturating_add(count);
        blocks.push(BlockInfo {
            id: id.to_owned(),
            range: HEADER + start..HEADER + end,
            checksum: entry.checksum.to_native(),
            appointments: count,
        });
    }
    if next != table_start {
        return Err(invalid("bytes between the last block and the table"));
    }
    if u64_of(total) != table.appointments.to_native() {
        return Err(invalid("the appointment counts do not add up"));
    }
    if blocks.len() > limits.max_schedules {
        return Err(exceeded(
            "max_schedules",
            format!("the snapshot holds {} schedules", blocks.len()),
        ));
    }
    if total > limits.max_appointments {
        return Err(exceeded(
            "max_appointments",
            format!("the snapshot holds {total} appointments"),
        ));
    }
    let count = blocks.len();
    let opened = Arc::new(Opened {
        bytes,
        limits: *limits,
        blocks,
    });
    Ok((0..count)
        .map(|index| Block {
            opened: Arc::clone(&opened),
            index,
        })
        .collect())
}

impl Block {
    /// The limits of the snapshot the block belongs to.
    pub(crate) fn limits(&self) -> &Limits {
        &self.opened.limits
    }

    /// The schedule's id.
    pub(crate) fn id(&self) -> &str {
        self.opened
            .blocks
            .get(self.index)
            .map_or("", |info| info.id.as_str())
    }

    /// The schedule, validated as JSON input, and each of its appointments (by start,
    /// then id) validated as `add_appointment` would, given to `each` with an empty
    /// `schedule` (the block's id is the schedule; filling it in is left to `each`).
    pub(crate) fn decode(&self, mut each: impl FnMut(Appointment)) -> Result<Schedule> {
        let info = self
            .opened
            .blocks
            .get(self.index)
            .ok_or_else(|| invalid("no such block"))?;
        let id = &info.id;
        let bad = |detail: String| invalid(format!("schedule `{id}`: {detail}"));
        let bytes = self
            .opened
            .bytes
            .get(info.range.clone())
            .unwrap_or_default();
        if checksum(bytes) != info.checksum {
            return Err(bad(
                "the block's checksum does not match: the bytes are corrupted".into(),
            ));
        }
        let block = rkyv::access::<ArchivedBlockData, rancor::Error>(bytes)
            .map_err(|e| bad(format!("the block is malformed: {e}")))?;
        let schedule: Schedule = serde_json::from_str(block.schedule.as_str())
            .map_err(|e| bad(format!("the schedule does not read back: {e}")))?;
        if schedule.id != *id {
            return Err(bad(format!("the block holds schedule `{}`", schedule.id)));
        }
        if block.appointments.len() != info.appointments {
            return Err(bad("the appointment count differs from the table's".into()));
        }
        let mut previous: Option<(i64, &str)> = None;
        for a in block.appointments.iter() {
            let key = (a.start.to_native(), a.id.as_str());
            if previous.is_some_and(|p| p >= key) {
                return Err(bad(format!(
                    "appointment `{}` is out of order or repeated",
                    key.1
                )));
            }
            previous = Some(key);
            let status = status_of(a.status)
                .ok_or_else(|| bad(format!("appointment status code {}", a.status)))?;
            let version = a.version.to_native();
            let appointment = Appointment {
                version: (version != 0).then_some(version),
                id: a.id.as_str().to_owned(),
                schedule: String::new(),
                start: a.start.to_native(),
                end: a.end.to_native(),
                seats: a.seats.to_native(),
                status,
            };
            appointment
                .validate()
                .map_err(|e| bad(format!("appointment `{}`: {e}", appointment.id)))?;
            each(appointment);
        }
        Ok(schedule)
    }
}

/// Every appointment of an opened snapshot, by id. Errors: a block that does not
/// decode, an id used twice.
pub(crate) fn all_appointments(blocks: &[Block]) -> Result<BTreeMap<String, Appointment>> {
    let mut all = Vec::new();
    for block in blocks {
        block.decode(|mut a| {
            a.schedule = block.id().to_owned();
            all.push((a.id.clone(), a));
        })?;
    }
    // Stable, and fast on runs already in order; the map is then built in bulk.
    all.sort_by(|a, b| a.0.cmp(&b.0));
    for pair in all.windows(2) {
        if let [(a, _), (b, _)] = pair {
            if a == b {
                return Err(invalid(format!("appointment id `{a}` is used twice")));
            }
        }
    }
    Ok(all.into_iter().collect())
}

/// Make every checksum of `bytes` match its content again, as a hostile writer
/// could: the sum of each block the table names, then the table's. It exists to
/// fuzz and test the validation behind the checksums (feature `fuzzing`).
#[cfg(any(test, feature = "fuzzing"))]
pub fn reseal(bytes: &mut [u8]) {
    let word = |b: &[u8], at: usize| {
        b.get(at..at + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
            .map_or(0, u64::from_le_bytes)
    };
    let table_len = usize::try_from(word(bytes, 24)).unwrap_or(usize::MAX);
    let Some(table_start) = bytes.len().checked_sub(table_len).filter(|&t| t >= HEADER) else {
        return;
    };
    let mut fixes = Vec::new();
    if let Some(table_bytes) = bytes.get(table_start..) {
        if let Ok(table) = rkyv::access::<ArchivedTable, rancor::Error>(table_bytes) {
            for entry in table.schedules.iter() {
                let start = usize::try_from(entry.start.to_native()).unwrap_or(usize::MAX);
                let len = usize::try_from(entry.len.to_native()).unwrap_or(usize::MAX);
                let range =
                    HEADER.saturating_add(start)..HEADER.saturating_add(start).saturating_add(len);
                if let Some(block) = bytes.get(range) {
                    let at =
                        std::ptr::from_ref(&entry.checksum).addr() - table_bytes.as_ptr().addr();
                    fixes.push((table_start + at, checksum(block)));
                }
            }
        }
    }
    for (at, sum) in fixes {
        if let Some(dst) = bytes.get_mut(at..at + 8) {
            dst.copy_from_slice(&sum.to_le_bytes());
        }
    }
    let sum = checksum(bytes.get(table_start..).unwrap_or_default());
    if let Some(dst) = bytes.get_mut(32..40) {
        dst.copy_from_slice(&sum.to_le_bytes());
    }
}

/// A value that is there from the start, or built on first use (from a snapshot).
/// A build that fails keeps failing with the same error.
#[derive(Debug, Clone)]
pub(crate) struct Lazy<T> {
    value: OnceLock<Result<T>>,
}

impl<T> Lazy<T> {
    /// A value there from the start.
    pub(crate) fn ready(value: T) -> Self {
        Lazy {
            value: OnceLock::from(Ok(value)),
        }
    }

    /// A value to build on first use.
    pub(crate) fn pending() -> Self {
        Lazy {
            value: OnceLock::new(),
        }
    }

    /// Whether it is built (or failed to build).
    pub(crate) fn is_built(&self) -> bool {
        self.value.get().is_some()
    }

    /// The value, built by `build` if it is not yet.
    pub(crate) fn get(&self, build: impl FnOnce() -> Result<T>) -> Result<&T> {
        self.value.get_or_init(build).as_ref().map_err(Clone::clone)
    }

    /// The value to change, built by `build` if it is not yet.
    pub(crate) fn get_mut(&mut self, build: impl FnOnce() -> Result<T>) -> Result<&mut T> {
        if self.value.get().is_none() {
            let _ = self.value.set(build());
        }
        match self.value.get_mut() {
            Some(Ok(value)) => Ok(value),
            Some(Err(e)) => Err(e.clone()),
            None => Err(invalid("a part of the snapshot could not be built")),
        }
    }
}

impl Engine {
    /// The engine as a snapshot (see [`crate::snapshot`]): schedules by id with their
    /// appointments. Errors only for an engine opened from a snapshot whose parts
    /// fail to build (`invalid_snapshot`).
    pub fn to_snapshot(&self) -> Result<Vec<u8>> {
        let mut by_schedule: BTreeMap<&str, Vec<&Appointment>> = BTreeMap::new();
        for a in self.all_appointments()?.values() {
            by_schedule.entry(a.schedule.as_str()).or_default().push(a);
        }
        let mut schedules = Vec::new();
        for id in self.schedule_ids() {
            let mut appointments = by_schedule.remove(id).unwrap_or_default();
            appointments.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
            schedules.push((self.stored_schedule(id)?, appointments));
        }
        write(&schedules)
    }

    /// Open a snapshot with default limits; see [`Engine::from_snapshot_vec`].
    pub fn from_snapshot(bytes: &[u8]) -> Result<Engine> {
        Engine::from_snapshot_vec(bytes.to_vec(), Limits::default())
    }

    /// Open a snapshot, taking the bytes (no copy). Checks the header, the checksum
    /// and the table; each schedule is validated and built when first used (see
    /// [`crate::snapshot`]). Errors: `invalid_snapshot` (truncated, corrupted, another
    /// format version), `limit_exceeded` (`limits.max_snapshot_bytes`, more schedules
    /// or appointments than the limits allow).
    pub fn from_snapshot_vec(bytes: Vec<u8>, limits: Limits) -> Result<Engine> {
        let blocks = open(bytes, &limits)?;
        Ok(Engine::opened(limits, blocks))
    }

    /// The whole state as JSON: `{"version": 1, "schedules": [...], "appointments":
    /// [...]}`, each list ordered by id.
    pub fn to_json(&self) -> Result<String> {
        let schedules = self
            .schedule_ids()
            .map(|id| self.stored_schedule(id).map(Cow::into_owned))
            .collect::<Result<Vec<_>>>()?;
        let state = EngineState {
            version: 1,
            schedules,
            appointments: self.all_appointments()?.values().cloned().collect(),
        };
        serde_json::to_string(&state).map_err(|e| Error::invalid_input(e.to_string()))
    }

    /// An engine from the JSON form of [`Engine::to_json`], with default limits.
    /// Errors name the field (`schedules[2].slot.step`, `appointments[0].schedule`).
    pub fn from_json(text: &str) -> Result<Engine> {
        Engine::from_json_with(text, Limits::DEFAULT)
    }

    /// Like [`Engine::from_json`], under these limits.
    pub fn from_json_with(text: &str, limits: Limits) -> Result<Engine> {
        let state = EngineState::from_json(text, &limits)?;
        Engine::from_parts(state.schedules, state.appointments, limits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Query;
    use crate::report::Bucket;

    fn engine() -> Engine {
        Engine::from_json(
            r#"{"version": 1, "schedules": [
                {"id": "a", "timezone": "Europe/Lisbon",
                 "availability": [{"rule": "DTSTART:20260302T090000\nRRULE:FREQ=DAILY", "end": "12:00"}],
                 "slot": {"duration": "PT30M", "capacity": 2},
                 "exclusions": [{"kind": "day", "date": "2026-03-04"}]},
                {"id": "b", "timezone": "UTC",
                 "availability": [{"rule": "DTSTART:20260302T140000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH", "duration": "PT2H"}],
                 "slot": {"duration": "PT1H", "capacity": 1}}],
              "appointments": [
                {"id": "x", "schedule": "a", "start": "2026-03-02T09:00:00Z", "end": "2026-03-02T09:30:00Z"},
                {"id": "y", "schedule": "a", "start": "2026-03-03T10:00:00Z", "end": "2026-03-03T10:30:00Z", "status": "no_show", "version": 1},
                {"id": "z", "schedule": "b", "start": "2026-03-02T14:00:00Z", "end": "2026-03-02T15:00:00Z", "seats": 2, "status": "cancelled"}]}"#,
        )
        .unwrap()
    }

    /// Every query, or the first error.
    fn run(e: &Engine) -> Result<String> {
        let (from, to) = (1_772_323_200, 1_772_928_000); // 2026-03-01..08
        let mut q = Query::new(from, to);
        q.seats = 0;
        Ok(format!(
            "{:?} {:?} {:?} {:?}",
            e.availability(&q)?.to_vec(),
            e.reconcile(from, to, &[])?,
            e.report(from, to, Bucket::Week)?,
            e.to_json()?
        ))
    }

    /// Bytes changed anywhere after the header, with every checksum made to match:
    /// the table and the blocks are still validated, so the engine either refuses
    /// them or is whole; never a panic.
    #[test]
    fn crafted_corruptions_with_a_valid_checksum_never_panic() {
        let original = engine();
        let bytes = original.to_snapshot().unwrap();
        let expected = run(&original).unwrap();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        };
        let (mut refused, mut failed_later, mut same) = (0, 0, 0);
        for _ in 0..10_000 {
            let mut bad = bytes.clone();
            for _ in 0..=next(2) {
                let at = HEADER + next(bad.len() - HEADER);
                bad[at] ^= 1 << next(8);
            }
            reseal(&mut bad);
            let Ok(e) = Engine::from_snapshot(&bad) else {
                refused += 1;
                continue;
            };
            let answer = run(&e);
            match e.load_all() {
                Err(err) => {
                    assert_eq!(err.code(), ErrorCode::InvalidSnapshot);
                    failed_later += 1;
                }
                // A flip that still decodes to valid data (a letter of an id, a
                // time) is a different engine, not a broken one.
                Ok(()) => {
                    assert!(answer.is_ok(), "{answer:?}");
                    if answer.is_ok_and(|a| a == expected) {
                        same += 1;
                    }
                }
            }
        }
        assert!(
            refused > 1_000 && failed_later > 1_000,
            "{refused} {failed_later} {same}"
        );
    }

    #[test]
    fn a_single_changed_byte_always_changes_the_checksum() {
        let data: Vec<u8> = (0..200u32).map(|i| (i * 7 % 251) as u8).collect();
        let sum = checksum(&data);
        for at in 0..data.len() {
            for bit in 0..8 {
                let mut d = data.clone();
                d[at] ^= 1 << bit;
                assert_ne!(checksum(&d), sum, "byte {at} bit {bit}");
            }
        }
        assert_ne!(checksum(&data[..199]), sum);
        assert_ne!(checksum(&[]), checksum(&[0]));
    }
}
