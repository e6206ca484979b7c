//! `slotwise reconcile FILE [--json] [--snapshot engine.bin]`: the plan that brings
//! the stored slots of a document `{"schedules", "appointments", "window": {"from",
//! "to"}, "existing": [...]}` in line with the schedules, as a table of actions, or
//! with `--json` as the engine's plan `{create, update, delete, conflicts,
//! unchanged}`.

use slotwise::time::format_instant;
use slotwise::{Plan, ReconcileRequest};

use crate::availability::describe;
use crate::document;

const USAGE: &str = "usage: slotwise reconcile FILE [--json] [--snapshot engine.bin]";

/// Run the command with the arguments after `reconcile`.
pub fn run(argv: &[String]) -> Result<(), String> {
    let doc = document::open(argv, USAGE, ReconcileRequest::from_json, |r| {
        (
            std::mem::take(&mut r.schedules),
            std::mem::take(&mut r.appointments),
        )
    })?;
    let plan = doc.request.answer(&doc.engine).map_err(describe)?;
    document::output(doc.json, &plan, table)
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
