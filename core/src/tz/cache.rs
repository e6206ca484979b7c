//! A process-wide cache of each zone's offsets on the local time line, shared by
//! every conversion of the process (every cursor, every engine, every thread).
//!
//! Local times from 1900 to about 2172 are cut into [`BLOCKS`] blocks of `2^SHIFT`
//! seconds (about 4.25 years). A block holds the local times at which the zone's
//! offset changes inside it, each with the offset from then on (`local_table` in
//! tz.rs says how a transition becomes one such local time), so converting a local
//! time of the block is a search among a dozen entries at most, and a cursor moving
//! forward steps from one entry to the next: no transition of the zone's POSIX rule
//! is worked out again, and a cursor that crosses a century of transitions reads
//! none of the zone's spans.
//!
//! A block is built the first time a local time of it is converted in its zone (the
//! caller supplies how) and kept for the life of the process, so memory is bounded:
//! per zone used, 2.6 KB of slots and, per block used, 8 bytes per transition (all
//! 64 blocks of a zone with DST every year: about 5 KB more). Reads after that are
//! lock-free (`OnceLock::get`); a block's first build takes the zone's lock, which
//! guards what the builds worked out of the zone's rule (each kind of year once per
//! zone). Blocks where two of the zone's transitions lie within 52 hours of each
//! other (a few historical ones) are not cached: the caller falls back to its own
//! spans there. Works the same on `wasm32-unknown-unknown` (one thread: `OnceLock`
//! and `Mutex` are cells there).

use std::sync::{Mutex, OnceLock, PoisonError};

use super::footer::YearKinds;
use super::source::COUNT;

/// The local time where the cache starts: 1900-01-01T00:00 (wall seconds).
const FIRST: i64 = -2_208_988_800;
/// A block covers `2^SHIFT` seconds of local time (about 4.25 years).
const SHIFT: u32 = 27;
/// Blocks per zone: 64 blocks reach about 2172.
pub(super) const BLOCKS: usize = 64;

/// One block of a zone: from local time `lo` for `2^SHIFT` seconds.
#[derive(Debug)]
pub(super) struct Block {
    lo: i64,
    /// `(local time - lo, offset)`: from that local time on (to the next entry's)
    /// the zone's local times read as local time minus the offset, ascending; the
    /// first entry's local time is `i32::MIN` (it holds from the block's start).
    entries: Box<[(i32, i32)]>,
}

/// Where a block puts a local time: the offset that reads it and the local times
/// `[from, to)` around it (within the block) that the same offset reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Entry {
    pub(super) offset: i64,
    pub(super) from: i64,
    pub(super) to: i64,
}

impl Block {
    /// The entry that holds `wall`, a local time of this block, and its index;
    /// `hint` is where to look from (a cursor's last entry: moving forward, one of
    /// the next two usually holds `wall`).
    #[inline]
    pub(super) fn find(&self, wall: i64, hint: usize) -> (usize, Entry) {
        let rel = i32::try_from(wall - self.lo).unwrap_or(i32::MAX);
        let at = |i: usize| self.entries.get(i).map_or(i32::MAX, |&(at, _)| at);
        let index = if at(hint + 1) <= rel && rel < at(hint + 2) {
            hint + 1
        } else if at(hint + 2) <= rel && rel < at(hint + 3) {
            hint + 2
        } else {
            self.entries
                .partition_point(|&(at, _)| at <= rel)
                .saturating_sub(1)
        };
        let (from, offset) = self.entries.get(index).copied().unwrap_or((i32::MIN, 0));
        let entry = Entry {
            offset: i64::from(offset),
            from: self.lo + i64::from(from.max(0)),
            to: self.lo + i64::from(at(index + 1).min(1 << SHIFT)),
        };
        (index, entry)
    }

    /// The entry at `index`, `None` past the block's last.
    #[inline]
    pub(super) fn entry(&self, index: usize) -> Option<Entry> {
        let &(from, offset) = self.entries.get(index)?;
        let to = self
            .entries
            .get(index + 1)
            .map_or(1 << SHIFT, |&(at, _)| at);
        Some(Entry {
            offset: i64::from(offset),
            from: self.lo + i64::from(from.max(0)),
            to: self.lo + i64::from(to.min(1 << SHIFT)),
        })
    }

    /// Whether `wall` is a local time of this block.
    #[inline]
    pub(super) fn holds(&self, wall: i64) -> bool {
        wall >= self.lo && wall - self.lo < 1 << SHIFT
    }
}

/// A zone's blocks, each built on first use (`None`: not cacheable), and what the
/// builds worked out of the zone's POSIX rule (each kind of year once per zone;
/// locked only while a block is built).
struct ZoneBlocks {
    /// [`BLOCKS`] of them (allocated in place, not built on the stack and copied).
    blocks: Box<[OnceLock<Option<Block>>]>,
    kinds: Mutex<YearKinds>,
}

/// Every zone's blocks, by the zone's position among the database's names (links
/// have their own), allocated on the zone's first cached conversion.
static ZONES: [OnceLock<Box<ZoneBlocks>>; COUNT] = [const { OnceLock::new() }; COUNT];

/// The block of zone `slot` that holds local time `wall`, or `None` outside the
/// cached years, for a zone without a slot, or where the block is not cacheable.
/// `build(lo, hi, kinds)` lists, on the block's first use, the `(local time, offset)`
/// entries that cover local times `[lo, hi)` as `Block::entries` describes them (the
/// first entry's local time at or before `lo`), or `None` if it cannot; `kinds` is
/// what earlier builds of the zone worked out of its rule, for it to add to.
#[inline]
pub(super) fn block(
    slot: u16,
    wall: i64,
    build: impl FnOnce(i64, i64, &mut YearKinds) -> Option<Vec<(i64, i64)>>,
) -> Option<&'static Block> {
    let k = usize::try_from(wall.checked_sub(FIRST)? >> SHIFT).ok()?;
    let zone = ZONES.get(usize::from(slot))?.get_or_init(|| {
        Box::new(ZoneBlocks {
            blocks: (0..BLOCKS).map(|_| OnceLock::new()).collect(),
            kinds: Mutex::new([None; 14]),
        })
    });
    let cell = zone.blocks.get(k)?;
    cell.get_or_init(|| {
        let lo = FIRST + ((k as i64) << SHIFT);
        let hi = lo + (1 << SHIFT);
        let mut kinds = zone.kinds.lock().unwrap_or_else(PoisonError::into_inner);
        let entries = build(lo, hi, &mut kinds)?;
        // Only the last entry at or before `lo` and those inside the block matter.
        let first = entries.iter().rposition(|&(at, _)| at <= lo)?;
        let entries = entries.get(first..)?;
        let inside = entries.iter().take_while(|&&(at, _)| at < hi).count();
        let mut kept = Vec::with_capacity(inside);
        for &(at, offset) in entries.get(..inside)? {
            let at = if at <= lo {
                i32::MIN
            } else {
                i32::try_from(at - lo).ok()?
            };
            kept.push((at, i32::try_from(offset).ok()?));
        }
        let entries = kept.into_boxed_slice();
        Some(Block { lo, entries })
    })
    .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zone_s_slots_stay_small() {
        let blocks = std::mem::size_of::<OnceLock<Option<Block>>>() * BLOCKS;
        assert!(std::mem::size_of::<ZoneBlocks>() + blocks <= 2_700);
        assert!(std::mem::size_of::<OnceLock<Box<ZoneBlocks>>>() <= 16);
    }
}
