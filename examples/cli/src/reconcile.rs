//! `slotwise reconcile FILE [--json] [--snapshot engine.bin]`: the plan that brings
//! the stored slots of a document `{"schedules", "appointments", "window": {"from",
//! "to"}, "existing": [...]}` in line with the schedules, as a table of actions, or
//! with `--json` as the engine's plan `{create, update, delete, conflicts,
//! unchanged}`.

use slotwise::time::format_instant;
use slotwise::{Limits, Plan, ReconcileRequest};

use crate::args::Args;
use crate::availability::{describe, read};
use crate::snapshot::{engine, print};

const USAGE: &str = "usage: slotwise reconcile FILE [--json] [--snapshot engine.bin]";

/// Run the command with the arguments after `reconcile`.
pub fn run(argv: &[String]) -> Result<(), String> {
    let args = Args::parse(argv, &["json"])?;
    args.only(&["json", "snapshot"])
        .map_err(|e| format!("{e}\n{USAGE}"))?;
    let [file] = args.positional() else {
        return Err(format!("one FILE is needed\n{USAGE}"));
    };
    let limits = Limits::default();
    let mut request = ReconcileRequest::from_json(&read(file)?, &limits).map_err(describe)?;
    let engine = engine(
        std::mem::take(&mut request.schedules),
        std::mem::take(&mut request.appointments),
        args.value("snapshot"),
    )?;
    let plan = request.answer(&engine).map_err(describe)?;
    if args.has("json") {
        let mut text = serde_json::to_string_pretty(&plan).map_err(|e| e.to_string())?;
        text.push('\n');
        print(&text)
    } else {
        print(&table(&plan))
    }
}

/// One line per action (creates, updates, deletes, conflicts, each in the plan's
/// order), then the counts.
fn table(plan: &Plan) -> String {
    let mut rows: Vec<[String; 4]> = Vec::new();
    for s in &plan.create {
        rows.push([
            "create".into(),
            s.key(),
            s.capacity.to_string(),
            format!("until {}", format_instant(s.end)),
        ]);
    }
    for u in &plan.update {
        let mut what = Vec::new();
        if u.before.capacity != u.after.capacity {
            what.push(format!(
                "capacity {} -> {}",
                u.before.capacity, u.after.capacity
            ));
        }
        if u.before.end != u.after.end {
            what.push(format!(
                "end {} -> {}",
                format_instant(u.before.end),
                format_instant(u.after.end)
            ));
        }
        rows.push([
            "update".into(),
            u.key.clone(),
            u.after.capacity.to_string(),
            what.join(", "),
        ]);
    }
    for key in &plan.delete {
        rows.push(["delete".into(), key.clone(), String::new(), String::new()]);
    }
    for c in &plan.conflicts {
        rows.push([
            "conflict".into(),
            c.key.clone(),
            String::new(),
            format!("kept: held by {}", c.appointments.join(", ")),
        ]);
    }
    let header = ["ACTION", "KEY", "CAPACITY", "DETAIL"];
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 4]| {
        let mut text = String::new();
        for (cell, w) in cells.iter().zip(widths) {
            text.push_str(&format!("{cell:<w$}  "));
        }
        format!("{}\n", text.trim_end())
    };
    let mut out = line(header);
    for row in &rows {
        out.push_str(&line(row.each_ref().map(String::as_str)));
    }
    out.push_str(&format!(
        "\n{} to create, {} to update, {} to delete, {} in conflict, {} unchanged\n",
        plan.create.len(),
        plan.update.len(),
        plan.delete.len(),
        plan.conflicts.len(),
        plan.unchanged
    ));
    out
}
