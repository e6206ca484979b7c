//! Half-open spans of instants `[start, end)`: union, difference and overlap tests
//! on sorted lists.

use crate::time::Instant;

/// A half-open span of instants `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// The first instant in the span.
    pub start: Instant,
    /// The first instant after the span.
    pub end: Instant,
}

impl Span {
    /// The span `[start, end)`.
    pub const fn new(start: Instant, end: Instant) -> Span {
        Span { start, end }
    }

    /// Whether the span holds no instant.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Whether the two spans share an instant.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `t` lies in the span.
    pub fn contains(&self, t: Instant) -> bool {
        self.start <= t && t < self.end
    }
}

/// Sort spans and union them in place: overlapping or touching spans become one,
/// empty spans vanish. The result is sorted, disjoint and never touching.
pub fn merge(spans: &mut Vec<Span>) {
    spans.retain(|s| !s.is_empty());
    if !spans.is_sorted_by_key(|s| s.start) {
        spans.sort_unstable_by_key(|s| s.start);
    }
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans.drain(..) {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    *spans = out;
}

/// `spans` minus `holes`; both sorted and disjoint (as [`merge`] leaves them).
pub fn subtract(spans: &[Span], holes: &[Span]) -> Vec<Span> {
    let mut out = Vec::with_capacity(spans.len());
    let mut holes = holes.iter().peekable();
    for span in spans {
        let mut start = span.start;
        while let Some(hole) = holes.peek() {
            if hole.end <= start {
                holes.next();
                continue;
            }
            if hole.start >= span.end {
                break;
            }
            if hole.start > start {
                out.push(Span::new(start, hole.start));
            }
            start = start.max(hole.end);
            if hole.end > span.end {
                break;
            }
            holes.next();
        }
        if start < span.end {
            out.push(Span::new(start, span.end));
        }
    }
    out
}

/// Answers "does this span overlap any of a sorted, disjoint list?" for queries whose
/// starts and ends never move backwards, in amortized constant time.
#[derive(Debug, Clone)]
pub struct OverlapCursor<'a> {
    rest: &'a [Span],
}

impl<'a> OverlapCursor<'a> {
    /// A cursor over sorted, disjoint spans.
    pub fn new(spans: &'a [Span]) -> Self {
        OverlapCursor { rest: spans }
    }

    /// Whether `span` overlaps a span of the list. Each query's start and end must be
    /// at or after the previous query's.
    #[inline]
    pub fn overlaps(&mut self, span: Span) -> bool {
        while let Some((first, rest)) = self.rest.split_first() {
            if first.end > span.start {
                return first.start < span.end;
            }
            self.rest = rest;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(list: &[(i64, i64)]) -> Vec<Span> {
        list.iter().map(|&(a, b)| Span::new(a, b)).collect()
    }

    #[test]
    fn merge_unions_overlapping_and_touching() {
        let mut v = spans(&[(10, 20), (0, 5), (5, 7), (15, 30), (40, 40), (31, 35)]);
        merge(&mut v);
        assert_eq!(v, spans(&[(0, 7), (10, 30), (31, 35)]));
    }

    #[test]
    fn subtract_cuts_holes() {
        let base = spans(&[(0, 10), (20, 30), (40, 50)]);
        let holes = spans(&[(-5, 2), (5, 6), (8, 22), (25, 26), (45, 100)]);
        assert_eq!(
            subtract(&base, &holes),
            spans(&[(2, 5), (6, 8), (22, 25), (26, 30), (40, 45)])
        );
        assert_eq!(subtract(&base, &[]), base);
    }

    #[test]
    fn cursor_finds_overlaps_in_order() {
        let list = spans(&[(10, 20), (30, 40)]);
        let mut c = OverlapCursor::new(&list);
        assert!(!c.overlaps(Span::new(0, 10)));
        assert!(c.overlaps(Span::new(5, 11)));
        assert!(c.overlaps(Span::new(19, 25)));
        assert!(!c.overlaps(Span::new(20, 30)));
        assert!(c.overlaps(Span::new(39, 45)));
        assert!(!c.overlaps(Span::new(40, 50)));
    }
}
