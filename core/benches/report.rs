//! Reports at scale: 1,000 schedules over a year with 250 appointments each, by day,
//! week and month, against the availability query over the same year (the slots a
//! report would otherwise be summed from). Figures: benches/README.md.

mod fixtures;

use criterion::{criterion_group, criterion_main, Criterion};
use slotwise::time::parse_instant;
use slotwise::{Bucket, Query};

fn bench(c: &mut Criterion) {
    let from = parse_instant("2026-01-05T00:00:00Z").unwrap();
    let to = from + 365 * fixtures::DAY;
    let mut engine = fixtures::engine(1_000, 250, from, 365);
    let mut group = c.benchmark_group("year, 1,000 schedules");
    group.sample_size(10);
    for parallel in [false, true] {
        engine.set_parallel(parallel);
        let threads = if parallel { "parallel" } else { "1 thread" };
        for (name, bucket) in [
            ("day", Bucket::Day),
            ("week", Bucket::Week),
            ("month", Bucket::Month),
        ] {
            group.bench_function(format!("report by {name}, {threads}"), |b| {
                b.iter(|| engine.report(from, to, bucket).unwrap().len())
            });
        }
        group.bench_function(format!("availability, {threads}"), |b| {
            b.iter(|| engine.availability(&Query::new(from, to)).unwrap().len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
