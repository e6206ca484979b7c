// The slot worker: for each schedule, the engine's reconcile plan over a rolling
// window applied to the `slots` table in one transaction (upsert by slot key, delete
// stale unbooked slots, record conflicts), and the report rows by day, week and month
// written beside it. A per-schedule advisory lock keeps concurrent workers from
// running the same schedule at once; the second one then finds an empty plan, so
// running it twice changes nothing. A worker killed half-way leaves each schedule as
// before or after its transaction.

import { Engine } from 'slotwise-node';
import type { Bucket, Plan, Schedule, Slot } from 'slotwise-node';
import type { Pool, PoolClient } from 'pg';

import { APPOINTMENT_COLUMNS, AppointmentRow, text, toAppointment } from './catalog';
import { inTransaction } from './db';

export interface Window {
  from: string;
  to: string;
}

export interface WorkerRun {
  window: Window;
  schedules: number;
  created: number;
  updated: number;
  deleted: number;
  conflicts: number;
  unchanged: number;
}

const BUCKETS: Bucket[] = ['day', 'week', 'month'];

/** Today (UTC) and the next `days` days. */
export function rollingWindow(days = Number(process.env.SLOT_WINDOW_DAYS ?? 28), now = new Date()): Window {
  const from = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { from: text(new Date(from)), to: text(new Date(from + days * 86_400_000)) };
}

/** Reconcile every schedule over `window`. */
export async function runWorker(pool: Pool, window: Window = rollingWindow()): Promise<WorkerRun> {
  const run: WorkerRun = { window, schedules: 0, created: 0, updated: 0, deleted: 0, conflicts: 0, unchanged: 0 };
  const ids = await pool.query<{ id: string }>('SELECT id FROM schedules ORDER BY id');
  for (const { id } of ids.rows) {
    const plan = await inTransaction(pool, (client) => reconcileSchedule(client, id, window));
    if (!plan) continue;
    run.schedules += 1;
    run.created += plan.create.length;
    run.updated += plan.update.length;
    run.deleted += plan.delete.length;
    run.conflicts += plan.conflicts.length;
    run.unchanged += plan.unchanged;
  }
  return run;
}

/** One schedule's plan, applied in the caller's transaction; null if it is gone. */
async function reconcileSchedule(client: PoolClient, id: string, window: Window): Promise<Plan | null> {
  await client.query("SELECT pg_advisory_xact_lock(hashtext('slotwise:slots'), hashtext($1))", [id]);
  const found = await client.query<{ body: Schedule }>('SELECT body FROM schedules WHERE id = $1 FOR SHARE', [id]);
  if (found.rowCount === 0) return null;
  const engine = new Engine();
  try {
    engine.addSchedule(found.rows[0].body);
    const appointments = await client.query<AppointmentRow>(`SELECT ${APPOINTMENT_COLUMNS} FROM appointments WHERE schedule_id = $1`, [id]);
    for (const row of appointments.rows) engine.addAppointment(toAppointment(row));
    const stored = await client.query<{ key: string; schedule_id: string; start_at: Date; end_at: Date; capacity: number }>(
      'SELECT key, schedule_id, start_at, end_at, capacity FROM slots WHERE schedule_id = $1 AND start_at >= $2 AND start_at < $3',
      [id, window.from, window.to],
    );
    const existing = stored.rows.map((r) => ({ key: r.key, schedule: r.schedule_id, start: r.start_at, end: r.end_at, capacity: r.capacity }));
    const plan = engine.reconcile(window.from, window.to, existing);
    await upsertSlots(client, [...plan.create, ...plan.update.map((u) => u.after)]);
    if (process.env.SLOTWISE_WORKER_DIE_MIDWAY === '1' && plan.create.length > 0) {
      // Tests: die in the middle of applying a plan (after the upsert, before the rest).
      process.kill(process.pid, 'SIGKILL');
    }
    if (plan.delete.length > 0) {
      await client.query('DELETE FROM slots WHERE key = ANY($1::text[])', [plan.delete]);
    }
    await client.query('DELETE FROM slot_conflicts WHERE schedule_id = $1', [id]);
    for (const c of plan.conflicts) {
      await client.query('INSERT INTO slot_conflicts (key, schedule_id, appointments) VALUES ($1, $2, $3)', [c.key, id, JSON.stringify(c.appointments)]);
    }
    for (const bucket of BUCKETS) {
      const rows = engine.report(window.from, window.to, bucket);
      await client.query(
        `INSERT INTO report_rows (schedule_id, bucket, bucket_start, body)
         SELECT $1, $2, r.bucket_start::date, r.body
         FROM jsonb_to_recordset($3::jsonb) AS r(bucket_start text, body jsonb)
         ON CONFLICT (schedule_id, bucket, bucket_start) DO UPDATE SET body = EXCLUDED.body`,
        [id, bucket, JSON.stringify(rows.map((r) => ({ bucket_start: r.bucket_start, body: r })))],
      );
    }
    return plan;
  } finally {
    engine.free();
  }
}

async function upsertSlots(client: PoolClient, slots: Slot[]): Promise<void> {
  if (slots.length === 0) return;
  await client.query(
    `INSERT INTO slots (key, schedule_id, start_at, end_at, capacity)
     SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::int[])
     ON CONFLICT (key) DO UPDATE SET end_at = EXCLUDED.end_at, capacity = EXCLUDED.capacity`,
    [slots.map((s) => s.key), slots.map((s) => s.schedule), slots.map((s) => s.start), slots.map((s) => s.end), slots.map((s) => s.capacity)],
  );
}
