//! `slotwise reconcile FILE`: the plan that brings the stored slots of a document
//! `{"schedules", "appointments", "window": {"from", "to"}, "existing": [...]}` in
//! line with the schedules, one line per action as the engine produces them
//! (`Engine::reconcile_each`), or with `--json` as the engine's plan `{create,
//! update, delete, conflicts, unchanged}`, whose `create` list (the long one when a
//! host starts out) is written as it is produced.

use slotwise::time::format_instant;
use slotwise::{Conflict, PlanItem, ReconcileRequest, SlotUpdate};

use crate::cli::DocumentArgs;
use crate::document::{self, Parts};
use crate::output::{pretty, written, JsonArray, Output};
use crate::table::{number, text, Column, Layout};

const COLUMNS: [Column; 4] = [
    text("action"),
    text("key"),
    number("capacity"),
    text("detail"),
];

/// Run the command.
pub fn run(args: &DocumentArgs) -> Result<(), String> {
    let mut request = document::parse(&args.file, ReconcileRequest::from_json)?;
    let parts = Parts::take(&mut request.schedules, &mut request.appointments);
    let engine = document::engine(parts, &args.source)?;
    let mut out = Output::new();
    let answer = if args.source.json {
        json(&request, &engine, &mut out)
    } else {
        table(&request, &engine, &mut out)
    };
    document::finish(out, answer)
}

/// `{"create": [...], ...}`: creates as they come, the other (short) lists kept
/// until the walk ends.
fn json(
    request: &ReconcileRequest,
    engine: &slotwise::Engine,
    out: &mut Output,
) -> slotwise::Result<()> {
    let mut update: Vec<SlotUpdate> = Vec::new();
    let mut delete: Vec<String> = Vec::new();
    let mut conflicts: Vec<Conflict> = Vec::new();
    out.write("{\n  \"create\": ");
    let mut create = JsonArray::open(out, 1);
    let unchanged = request.answer_each(engine, |item| {
        match item {
            PlanItem::Create { slot } => written(create.push(out, &slot))?,
            PlanItem::Update(u) => update.push(u),
            PlanItem::Delete { key } => delete.push(key),
            PlanItem::Conflict(c) => conflicts.push(c),
        }
        Ok(())
    })?;
    create.close(out);
    out.write(&format!(
        ",\n  \"update\": {},\n  \"delete\": {},\n  \"conflicts\": {},\n  \"unchanged\": {unchanged}\n}}\n",
        pretty(&update, 1),
        pretty(&delete, 1),
        pretty(&conflicts, 1),
    ));
    Ok(())
}

/// One line per action in the plan's order (start, then schedule id), then the
/// counts.
fn table(
    request: &ReconcileRequest,
    engine: &slotwise::Engine,
    out: &mut Output,
) -> slotwise::Result<()> {
    // A key is `{schedule}@` and an instant.
    let key_width = engine.schedule_ids().map(str::len).max().unwrap_or(0) + 21;
    let layout = Layout::new(&COLUMNS, &[8, key_width]);
    out.write(&layout.header());
    let mut counts = [0usize; 4];
    let unchanged = request.answer_each(engine, |item| {
        let (kind, cells) = cells(item);
        counts[kind] += 1;
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        written(out.write(&layout.line(&cells)))
    })?;
    let [create, update, delete, conflicts] = counts;
    out.write(&format!(
        "\n{create} to create, {update} to update, {delete} to delete, {conflicts} in conflict, \
         {unchanged} unchanged\n"
    ));
    Ok(())
}

/// The kind of a step (0 create, 1 update, 2 delete, 3 conflict) and its cells.
fn cells(item: PlanItem) -> (usize, [String; 4]) {
    match item {
        PlanItem::Create { slot } => (
            0,
            [
                "create".into(),
                slot.key(),
                slot.capacity.to_string(),
                format!("until {}", format_instant(slot.end)),
            ],
        ),
        PlanItem::Update(u) => {
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
            (
                1,
                [
                    "update".into(),
                    u.key,
                    u.after.capacity.to_string(),
                    what.join(", "),
                ],
            )
        }
        PlanItem::Delete { key } => (2, ["delete".into(), key, String::new(), String::new()]),
        PlanItem::Conflict(c) => (
            3,
            [
                "conflict".into(),
                c.key,
                String::new(),
                format!("kept: held by {}", c.appointments.join(", ")),
            ],
        ),
    }
}
