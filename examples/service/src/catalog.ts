// The in-memory engine of one service process and its mirror of the rows it holds.
// PostgreSQL is the source of truth for data: the engine is loaded from it at start,
// updated after every committed write, and brought in step with the rows of a
// schedule (read under that schedule's row lock) before a write decides anything, so
// several processes against one database decide on the same data. Every change is
// idempotent (add or replace by id), whatever order commits are seen in.

import { Engine } from 'slotwise-node';
import type { Appointment, Schedule } from 'slotwise-node';
import type { Pool, PoolClient } from 'pg';

/** An appointment row as the engine reads it (instants as RFC 3339 UTC text). */
export interface AppointmentRow {
  id: string;
  schedule_id: string;
  start_at: Date;
  end_at: Date;
  seats: number;
  status: string;
}

export function text(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

export function toAppointment(r: AppointmentRow): Appointment {
  return {
    id: r.id,
    schedule: r.schedule_id,
    start: text(r.start_at),
    end: text(r.end_at),
    seats: r.seats,
    status: r.status as Appointment['status'],
  };
}

export const APPOINTMENT_COLUMNS = 'id, schedule_id, start_at, end_at, seats, status';

export class Catalog {
  readonly engine = new Engine();
  private readonly schedules = new Map<string, string>();
  private readonly appointments = new Map<string, { schedule: string; json: string }>();

  /** Every schedule and appointment of the database. */
  static async load(pool: Pool): Promise<Catalog> {
    const catalog = new Catalog();
    const schedules = await pool.query<{ body: Schedule }>('SELECT body FROM schedules ORDER BY id');
    for (const { body } of schedules.rows) catalog.putSchedule(body);
    const appointments = await pool.query<AppointmentRow>(`SELECT ${APPOINTMENT_COLUMNS} FROM appointments ORDER BY id`);
    for (const row of appointments.rows) catalog.putAppointment(toAppointment(row));
    return catalog;
  }

  get scheduleCount(): number {
    return this.schedules.size;
  }

  get appointmentCount(): number {
    return this.appointments.size;
  }

  has(scheduleId: string): boolean {
    return this.schedules.has(scheduleId);
  }

  hasAppointment(id: string): boolean {
    return this.appointments.has(id);
  }

  /** Add or replace a schedule. */
  putSchedule(body: Schedule): void {
    const json = JSON.stringify(body);
    const known = this.schedules.get(body.id);
    if (known === json) return;
    if (known === undefined) this.engine.addSchedule(body);
    else this.engine.replaceSchedule(body);
    this.schedules.set(body.id, json);
  }

  /** Remove a schedule and its appointments, if held. */
  removeSchedule(id: string): void {
    if (!this.schedules.has(id)) return;
    this.engine.removeSchedule(id);
    this.schedules.delete(id);
    for (const [key, a] of this.appointments) if (a.schedule === id) this.appointments.delete(key);
  }

  /** Add or replace an appointment. */
  putAppointment(a: Appointment): void {
    const json = JSON.stringify(a);
    const known = this.appointments.get(a.id);
    if (known?.json === json) return;
    if (known === undefined) this.engine.addAppointment(a);
    else this.engine.updateAppointment(a);
    this.appointments.set(a.id, { schedule: String(a.schedule), json });
  }

  /**
   * Lock schedule `id`'s row for this transaction and bring the engine in step with
   * its row and its appointments' rows. Returns false when the schedule is gone.
   */
  async lockAndSync(client: PoolClient, id: string): Promise<boolean> {
    const found = await client.query<{ body: Schedule }>('SELECT body FROM schedules WHERE id = $1 FOR UPDATE', [id]);
    if (found.rowCount === 0) {
      this.removeSchedule(id);
      return false;
    }
    this.putSchedule(found.rows[0].body);
    const rows = await client.query<AppointmentRow>(`SELECT ${APPOINTMENT_COLUMNS} FROM appointments WHERE schedule_id = $1`, [id]);
    const seen = new Set<string>();
    for (const row of rows.rows) {
      seen.add(row.id);
      this.putAppointment(toAppointment(row));
    }
    for (const [key, a] of this.appointments) {
      if (a.schedule === id && !seen.has(key)) {
        this.engine.removeAppointment(key);
        this.appointments.delete(key);
      }
    }
    return true;
  }
}
