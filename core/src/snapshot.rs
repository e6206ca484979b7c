//! The engine's state moved out and back in: binary snapshots (rkyv) that open in
//! constant time per schedule, and a JSON form for people.
//!
//! # Snapshot format, version 2 (version 1 is still read)
//!
//! Everything is little-endian with a fixed layout, whatever the platform that
//! wrote it: rkyv's `little_endian`, `pointer_width_32` and `unaligned` formats, so a
//! snapshot taken on x86-64 opens on aarch64 or wasm32, and the bytes can be read
//! where they lie (no alignment requirement, no copy into an aligned buffer).
//!
//! ```text
//! offset  size  field
//!      0     8  magic "SLOTWISE"
//!      8     2  format version (2; 1 is read too)
//!     10     2  flags (none defined: must be 0)
//!     12     4  reserved (must be 0)
//!     16     8  payload length: the bytes after the 40-byte header
//!     24     8  table length: the payload's last bytes
//!     32     8  checksum of the table
//!     40        payload: one block per schedule, back to back, then the id index
//!               (version 2 on), then the table
//! ```
//!
//! Each block is an independent rkyv archive: the schedule in its JSON form (as
//! hosts wrote it) and its appointments, every status, ordered by (start, id). The
//! table is an rkyv archive listing each schedule's id, block, block checksum and
//! appointment count, ordered by id. Every byte is checked: the header field by
//! field, the table and each block by its checksum (a single changed byte always
//! changes it), then by rkyv's bytecheck and by the engine's own validation.
//!
//! The id index (version 2) says where each appointment lies, for the calls that
//! need one by id (`add_appointment`'s duplicate check, `update_appointment`,
//! `remove_appointment`): for `n` appointments (the table's total), `n` entries of
//! 16 bytes, `(hash of the id: u64, block: u32, position in the block: u32)`, in
//! ascending order, then one u64 checksum per page of 256 entries. Its length
//! follows from `n`, so opening checks only that it lies between the last block and
//! the table. A lookup hashes the id, binary-searches the entries, checks each page
//! it reads (checksum, order, every entry inside its block) once, and reads the
//! appointment at the position found from its block alone (checksum, bytecheck,
//! validation), checking that it has the id: milliseconds, whatever the snapshot's
//! size. The index is checked whole against every block when all appointments are
//! built (`load_all`, `appointments`, reports, `to_json`, `to_snapshot`): one that
//! does not list exactly the appointments is `invalid_snapshot`. (A lookup that
//! finds nothing trusts the pages it read; only an index rewritten with valid
//! checksums to leave an id out could make `add_appointment` accept that id, and
//! the next full build then refuses the snapshot.)
//!
//! Opening costs the table, not the data: it checks the header and the table
//! (checksum, bytecheck, ids in order, blocks back to back, counts within the
//! limits) and nothing else. A block is checked (checksum, bytecheck, then every
//! field as `add_schedule` and `add_appointment` would) and built the first time a
//! call needs its schedule, and every appointment by id the first time a call needs
//! them all (`appointments`, `to_json`, `to_snapshot`, reports; and lookups by id on
//! a version 1 snapshot, which has no id index). A damaged block makes the calls
//! that need its schedule fail with `invalid_snapshot`, and only those;
//! [`crate::Engine::load_all`] checks and builds everything at once for hosts that
//! would rather know at open.
//!
//! Compiled schedules are not stored: compiling one takes microseconds and is done
//! on first use, so the format does not depend on the engine's internals.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use rkyv::rancor;
use serde::{Deserialize, Serialize};

use crate::capacity::{Appointment, Status};
use crate::error::{Error, ErrorCode, Result};
use crate::limits::{exceeded, Limits};
use crate::schedule::Schedule;

/// The first bytes of every snapshot.
pub const MAGIC: &[u8; 8] = b"SLOTWISE";
/// The format version this engine writes and reads.
pub const FORMAT_VERSION: u16 = 2;
/// The oldest format version this engine reads (version 1 has no id index).
pub const OLDEST_VERSION: u16 = 1;
/// Entries of the id index per checksummed page.
const PAGE: usize = 256;
/// Bytes of one id index entry: the id's hash, block and position.
const ENTRY: usize = 16;
pub(crate) const HEADER: usize = 40;

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
        let state: EngineState = crate::record::from_json(text, limits)?;
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
pub(crate) fn write(schedules: &[(Cow<'_, Schedule>, Vec<&Appointment>)]) -> Result<Vec<u8>> {
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
    out.extend_from_slice(&id_index(schedules));
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

/// The hash the id index is ordered by.
fn id_hash(id: &str) -> u64 {
    checksum(id.as_bytes())
}

/// The id index of `schedules` (see the module documentation): an entry (hash of the
/// id, block, position in the block) per appointment, ordered, then one checksum
/// per page of entries.
fn id_index(schedules: &[(Cow<'_, Schedule>, Vec<&Appointment>)]) -> Vec<u8> {
    let mut entries: Vec<(u64, u32, u32)> = Vec::new();
    for (block, (_, appointments)) in schedules.iter().enumerate() {
        for (position, a) in appointments.iter().enumerate() {
            let block = u32::try_from(block).unwrap_or(u32::MAX);
            let position = u32::try_from(position).unwrap_or(u32::MAX);
            entries.push((id_hash(&a.id), block, position));
        }
    }
    entries.sort_unstable();
    let mut out = Vec::with_capacity(index_len(entries.len()));
    for (hash, block, position) in &entries {
        out.extend_from_slice(&hash.to_le_bytes());
        out.extend_from_slice(&block.to_le_bytes());
        out.extend_from_slice(&position.to_le_bytes());
    }
    let sums: Vec<u64> = out.chunks(PAGE * ENTRY).map(checksum).collect();
    for sum in sums {
        out.extend_from_slice(&sum.to_le_bytes());
    }
    out
}

/// The length in bytes of the id index of `count` appointments.
fn index_len(count: usize) -> usize {
    count
        .saturating_mul(ENTRY)
        .saturating_add(count.div_ceil(PAGE).saturating_mul(8))
}

/// The id index of an opened snapshot of format version 2.
#[derive(Debug)]
struct IdIndex {
    /// Where the entries start in the bytes.
    start: usize,
    count: usize,
    /// Each page checked (checksum, order) on first use.
    pages: Vec<OnceLock<Result<()>>>,
}

/// The bytes of an opened snapshot and where its blocks lie.
#[derive(Debug)]
pub(crate) struct Opened {
    bytes: Vec<u8>,
    /// The limits the snapshot was opened with; its schedules are built under them.
    limits: Limits,
    /// By schedule id.
    blocks: Vec<BlockInfo>,
    /// Version 2 on: where each appointment lies, by id.
    ids: Option<IdIndex>,
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
    if !(u64::from(OLDEST_VERSION)..=u64::from(FORMAT_VERSION)).contains(&version) {
        return Err(invalid(format!(
            "snapshot format version {version} is not supported \
             (only {OLDEST_VERSION} to {FORMAT_VERSION})"
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
    if u64_of(total) != table.appointments.to_native() {
        return Err(invalid("the appointment counts do not add up"));
    }
    // Version 2 on: the id index lies between the last block and the table.
    let ids = if version >= 2 {
        if table_start.checked_sub(next) != Some(index_len(total)) {
            return Err(invalid("the id index is not where the table says"));
        }
        Some(IdIndex {
            start: HEADER + next,
            count: total,
            pages: (0..total.div_ceil(PAGE)).map(|_| OnceLock::new()).collect(),
        })
    } else {
        if next != table_start {
            return Err(invalid("bytes between the last block and the table"));
        }
        None
    };
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
        ids,
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

    /// How many appointments the block holds, as the table says.
    pub(crate) fn appointments(&self) -> usize {
        self.opened
            .blocks
            .get(self.index)
            .map_or(0, |info| info.appointments)
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

impl Block {
    /// The appointment at `position` in the block, validated as `add_appointment`
    /// would, with its schedule filled in. Checks the block's checksum and layout
    /// first (not its other appointments).
    fn appointment_at(&self, position: usize) -> Result<Appointment> {
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
        let a = block.appointments.get(position).ok_or_else(|| {
            bad(format!(
                "the id index names appointment {position}, past the block's end"
            ))
        })?;
        let status = status_of(a.status)
            .ok_or_else(|| bad(format!("appointment status code {}", a.status)))?;
        let version = a.version.to_native();
        let appointment = Appointment {
            version: (version != 0).then_some(version),
            id: a.id.as_str().to_owned(),
            schedule: id.clone(),
            start: a.start.to_native(),
            end: a.end.to_native(),
            seats: a.seats.to_native(),
            status,
        };
        appointment
            .validate()
            .map_err(|e| bad(format!("appointment `{}`: {e}", appointment.id)))?;
        Ok(appointment)
    }
}

impl Opened {
    /// Entry `i` of the id index, unchecked: `(hash, block, position)`.
    fn id_entry(&self, ids: &IdIndex, i: usize) -> (u64, u32, u32) {
        let at = ids.start.saturating_add(i.saturating_mul(ENTRY));
        let word = |from: usize, len: usize| {
            let mut w = [0u8; 8];
            if let Some(src) = self.bytes.get(at + from..at + from + len) {
                for (dst, s) in w.iter_mut().zip(src) {
                    *dst = *s;
                }
            }
            u64::from_le_bytes(w)
        };
        (
            word(0, 8),
            u32::try_from(word(8, 4)).unwrap_or(u32::MAX),
            u32::try_from(word(12, 4)).unwrap_or(u32::MAX),
        )
    }

    /// Check page `page` of the id index once: its checksum, its entries in order and
    /// after the previous page's last, each naming a position inside its block.
    fn check_page(&self, ids: &IdIndex, page: usize) -> Result<()> {
        let Some(cell) = ids.pages.get(page) else {
            return Err(invalid("the id index has no such page"));
        };
        cell.get_or_init(|| {
            let first = page * PAGE;
            let last = (first + PAGE).min(ids.count);
            let bytes = self
                .bytes
                .get(ids.start + first * ENTRY..ids.start + last * ENTRY)
                .unwrap_or_default();
            let sums = ids.start + ids.count * ENTRY;
            let stored = self
                .bytes
                .get(sums + page * 8..sums + page * 8 + 8)
                .and_then(|w| <[u8; 8]>::try_from(w).ok())
                .map(u64::from_le_bytes);
            if stored != Some(checksum(bytes)) {
                return Err(invalid(
                    "an id index page's checksum does not match: the bytes are corrupted",
                ));
            }
            let mut previous = first.checked_sub(1).map(|i| self.id_entry(ids, i));
            for i in first..last {
                let entry = self.id_entry(ids, i);
                if previous.is_some_and(|p| p >= entry) {
                    return Err(invalid("the id index is out of order"));
                }
                let within = usize::try_from(entry.1)
                    .ok()
                    .and_then(|b| self.blocks.get(b))
                    .is_some_and(|b| usize::try_from(entry.2).is_ok_and(|p| p < b.appointments));
                if !within {
                    return Err(invalid(
                        "the id index names an appointment that is not there",
                    ));
                }
                previous = Some(entry);
            }
            Ok(())
        })
        .clone()
    }
}

/// The appointment with id `id` in an opened snapshot, found through its id index
/// without decoding the other appointments; `None` when the snapshot has no id
/// index (format version 1). The index entries read are checked (page checksums
/// and order) and the appointment found is checked to have that id, so a wrong
/// index fails with `invalid_snapshot`; the index is also checked whole against
/// every block when all appointments are built.
pub(crate) fn find(blocks: &[Block], id: &str) -> Option<Result<Option<Appointment>>> {
    let opened = &blocks.first()?.opened;
    let ids = opened.ids.as_ref()?;
    let hash = id_hash(id);
    let find = || -> Result<Option<Appointment>> {
        // The first entry with this hash: a binary search over unchecked entries,
        // whose answer is then checked with the pages it lies on.
        let (mut lo, mut hi) = (0usize, ids.count);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if opened.id_entry(ids, mid).0 < hash {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let mut found = None;
        let mut i = lo;
        // The page before, too: it holds the entry the first one must follow.
        if let Some(before) = lo.checked_sub(1) {
            opened.check_page(ids, before / PAGE)?;
        }
        while i < ids.count {
            opened.check_page(ids, i / PAGE)?;
            let (h, block, position) = opened.id_entry(ids, i);
            if h != hash {
                break;
            }
            let block = blocks
                .get(usize::try_from(block).unwrap_or(usize::MAX))
                .ok_or_else(|| invalid("the id index names a block that is not there"))?;
            let a = block.appointment_at(usize::try_from(position).unwrap_or(usize::MAX))?;
            if id_hash(&a.id) != h {
                return Err(invalid("the id index does not match the appointments"));
            }
            if a.id == id {
                if found.is_some() {
                    return Err(invalid(format!("appointment id `{id}` is used twice")));
                }
                found = Some(a);
            }
            i += 1;
        }
        Ok(found)
    };
    Some(find())
}

/// Every appointment of an opened snapshot, by id. Errors: a block that does not
/// decode, an id used twice, an id index that does not list exactly the
/// appointments.
pub(crate) fn all_appointments(blocks: &[Block]) -> Result<BTreeMap<String, Appointment>> {
    let mut all = Vec::new();
    let mut entries: Vec<(u64, u32, u32)> = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        let mut position = 0u32;
        block.decode(|mut a| {
            a.schedule = block.id().to_owned();
            entries.push((
                id_hash(&a.id),
                u32::try_from(b).unwrap_or(u32::MAX),
                position,
            ));
            position = position.saturating_add(1);
            all.push((a.id.clone(), a));
        })?;
    }
    if let Some(opened) = blocks.first().map(|b| &b.opened) {
        if let Some(ids) = &opened.ids {
            entries.sort_unstable();
            for page in 0..ids.pages.len() {
                opened.check_page(ids, page)?;
            }
            let same = entries.len() == ids.count
                && entries
                    .iter()
                    .enumerate()
                    .all(|(i, e)| opened.id_entry(ids, i) == *e);
            if !same {
                return Err(invalid("the id index does not match the appointments"));
            }
        }
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
/// could: the sum of each block the table names, of each page of the id index,
/// then the table's. It exists to
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
    let mut pages = None;
    if let Some(table_bytes) = bytes.get(table_start..) {
        if let Ok(table) = rkyv::access::<ArchivedTable, rancor::Error>(table_bytes) {
            let count = usize::try_from(table.appointments.to_native()).unwrap_or(usize::MAX);
            if word(bytes, 8) & 0xffff >= 2 {
                pages = table_start
                    .checked_sub(index_len(count))
                    .map(|start| (start, count));
            }
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
    // The id index's page sums (format version 2 on).
    if let Some((start, count)) = pages {
        let sums = start + count * ENTRY;
        for page in 0..count.div_ceil(PAGE) {
            let first = start + page * PAGE * ENTRY;
            let last = start + (page * PAGE + PAGE).min(count) * ENTRY;
            if let Some(entries) = bytes.get(first..last) {
                fixes.push((sums + page * 8, checksum(entries)));
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

#[cfg(test)]
mod tests {
    use super::*;

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
