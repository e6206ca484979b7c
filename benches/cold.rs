//! One call in a fresh process: `cold <slotwise|rust-rrule> <shape> [zone] [--warm]`.
//! The call (parse, expand the window, every instance as UTC seconds) happens inside
//! `measured`, which benches/cold.sh has callgrind count instructions in. Cold (the
//! default), the library and the zone are used for the first time in that call;
//! with `--warm` the same call runs once before, outside the count.

use slotwise_benches::{rust_rrule_between, shapes, slotwise_between};

#[inline(never)]
fn measured(library: &str, text: &str, from: i64, to: i64) -> Vec<i64> {
    match library {
        "slotwise" => slotwise_between(text, from, to),
        _ => rust_rrule_between(text, from, to),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: cold <slotwise|rust-rrule> <shape> [zone] [--warm]";
    let warm = args.iter().any(|a| a == "--warm");
    let args: Vec<&String> = args.iter().filter(|a| *a != "--warm").collect();
    if args.get(1).is_some_and(|a| *a == "--list") {
        for shape in shapes::EXPAND.iter().chain(shapes::SEEK.iter()) {
            println!("{} {}", shape.name, shape.zone);
        }
        return;
    }
    let (Some(library), Some(name)) = (args.get(1), args.get(2)) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let Some(shape) = shapes::by_name(name) else {
        eprintln!("unknown shape `{name}`; {usage}");
        std::process::exit(2);
    };
    let zone = args.get(3).map_or(shape.zone, |z| z.as_str());
    let text = shape.ical(zone);
    let (from, to) = shape.window();
    if warm {
        let _ = match library.as_str() {
            "slotwise" => slotwise_between(&text, from, to),
            _ => rust_rrule_between(&text, from, to),
        };
    }
    let instants = measured(library, &text, from, to);
    println!("{library} {name} {zone}: {} instances", instants.len());
}
