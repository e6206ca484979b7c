//! The native side of benches/js/bench.mjs: times the same calls the WebAssembly
//! package makes, on the native crate, on one thread, in the same run.
//!
//! stdin: `{"expand": [{"ical", "from", "to"}, ...], "availability": {"schedules",
//! "appointments", "query"}}`; stdout: `{"expand": [ms per call, ...],
//! "availability": ms per call, "slots": n}`. Each call repeats for at least
//! `MIN_MS` (default 400) milliseconds; the mean is reported.

use std::io::Read;
use std::time::Instant;

use serde_json::{json, Value};
use slotwise::time::parse_instant;
use slotwise::{AvailabilityRequest, Engine, Limits, RecurrenceSet};

fn mean_ms(min_ms: f64, mut f: impl FnMut() -> usize) -> f64 {
    std::hint::black_box(f());
    let start = Instant::now();
    let mut n = 0u32;
    while n < 3 || start.elapsed().as_secs_f64() * 1000.0 < min_ms {
        std::hint::black_box(f());
        n += 1;
    }
    start.elapsed().as_secs_f64() * 1000.0 / f64::from(n)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let min_ms: f64 = std::env::var("MIN_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400.0);
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    let doc: Value = serde_json::from_str(&input)?;
    let limits = Limits::default();
    let mut expand = Vec::new();
    for case in doc["expand"].as_array().cloned().unwrap_or_default() {
        let text = |k: &str| case[k].as_str().unwrap_or_default().to_owned();
        let (from, to) = (parse_instant(&text("from"))?, parse_instant(&text("to"))?);
        let ical = text("ical");
        // As the package's expandEpochMs: parse, expand, one f64 per instant.
        expand.push(mean_ms(min_ms, || {
            let set = RecurrenceSet::parse(&ical).expect("a valid rule");
            let instants = set.between(from, to, None, &limits).expect("an answer");
            let ms: Vec<f64> = instants.iter().map(|&t| t as f64 * 1000.0).collect();
            ms.len()
        }));
    }
    let request = AvailabilityRequest::from_json(&doc["availability"].to_string(), &limits)?;
    let mut engine = Engine::from_parts(
        request.schedules.clone(),
        request.appointments.clone(),
        limits,
    )?;
    engine.set_parallel(false);
    let mut slots = 0;
    // As the package's availabilityColumns: the columns straight from the engine.
    let availability = mean_ms(min_ms, || {
        let columns = engine
            .availability_columns(&request.query)
            .expect("an answer");
        slots = columns.len();
        slots
    });
    println!(
        "{}",
        json!({"expand": expand, "availability": availability, "slots": slots})
    );
    Ok(())
}
