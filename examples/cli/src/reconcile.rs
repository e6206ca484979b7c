//! `slotwise reconcile FILE`: the plan that brings the stored slots of a document
//! `{"schedules", "appointments", "window": {"from", "to"}, "existing": [...]}` in
//! line with the schedules, as a table of actions, or with `--json` as the engine's
//! plan `{create, update, delete, conflicts, unchanged}`.

use slotwise::time::format_instant;
use slotwise::{Plan, ReconcileRequest};

use crate::cli::DocumentArgs;
use crate::document::{self, describe, Parts};
use crate::table::{number, text, Column, Table};

/// Run the command.
pub fn run(args: &DocumentArgs) -> Result<(), String> {
    let mut request = document::parse(&args.file, ReconcileRequest::from_json)?;
    let parts = Parts {
        schedules: std::mem::take(&mut request.schedules),
        appointments: std::mem::take(&mut request.appointments),
    };
    let engine = document::engine(parts, &args.source)?;
    let plan = request.answer(&engine).map_err(describe)?;
    if args.source.json {
        return document::print(&document::json(&plan)?);
    }
    document::print(&table(&plan))
}

const COLUMNS: [Column; 4] = [
    text("action"),
    text("key"),
    number("capacity"),
    text("detail"),
];

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
    let mut table = Table::new(&COLUMNS);
    for row in rows {
        table.row(row.into());
    }
    let mut out = table.render();
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
