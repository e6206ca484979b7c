//! Recurrence expansion: slotwise against rust-rrule (the `rrule` crate) on the same
//! recurrence sets and windows, in UTC and in a DST zone, measured in the same run.
//!
//! Each iteration does what a caller does: parse the text, expand the window and
//! hold every instance as a UTC instant. Before timing, both libraries must give the
//! same instants. `cargo bench -p slotwise-benches --bench expand -- --test` runs
//! every case once (with that check) and times nothing: CI runs it that way.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use slotwise_benches::{rust_rrule_between, shapes, slotwise_between, Shape};

fn compare(c: &mut Criterion, group_name: &str, shapes: &[Shape]) {
    let mut group = c.benchmark_group(group_name);
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for shape in shapes {
        for zone in ["UTC", shape.zone] {
            let text = shape.ical(zone);
            let (from, to) = shape.window();
            let ours = slotwise_between(&text, from, to);
            let theirs = rust_rrule_between(&text, from, to);
            assert_eq!(
                ours, theirs,
                "{} in {zone}: both libraries must agree before being timed",
                shape.name
            );
            let id = format!("{}/{zone}", shape.name);
            group.throughput(Throughput::Elements(ours.len().max(1) as u64));
            group.bench_function(BenchmarkId::new("slotwise", &id), |b| {
                b.iter(|| black_box(slotwise_between(black_box(&text), from, to)))
            });
            group.bench_function(BenchmarkId::new("rust-rrule", &id), |b| {
                b.iter(|| black_box(rust_rrule_between(black_box(&text), from, to)))
            });
        }
    }
    group.finish();
}

fn expansion(c: &mut Criterion) {
    compare(c, "expand", &shapes::EXPAND);
}

fn seek(c: &mut Criterion) {
    compare(c, "seek", &shapes::SEEK);
}

criterion_group!(benches, expansion, seek);
criterion_main!(benches);
