// The REST API (Fastify), with its OpenAPI document at /docs. Engine errors answer
// 400 with `{code, path, message}` (404 for an unknown schedule or appointment);
// refused bookings answer 409 with the engine's reasons.

import Fastify, { FastifyInstance, FastifyReply } from 'fastify';
import swagger from '@fastify/swagger';
import { Engine, SlotwiseError } from 'slotwise-node';
import type { Appointment, Bucket, Query, Schedule } from 'slotwise-node';
import type { Pool } from 'pg';

import { APPOINTMENT_COLUMNS, AppointmentRow, Catalog, toAppointment } from './catalog';
import { inTransaction } from './db';
import { runWorker, rollingWindow } from './worker';

/** An answer other than 2xx, carried out of a transaction (which rolls back). */
class Refusal {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {}
}

const STATUSES = new Set(['attended', 'no_show', 'cancelled']);

function invalid(path: string, message: string): Refusal {
  return new Refusal(400, { code: 'invalid_input', path, message: path ? `${path}: ${message}` : message });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const errorBody = {
  type: 'object',
  properties: { code: { type: 'string' }, path: { type: 'string' }, message: { type: 'string' } },
};

export async function buildApp(pool: Pool, catalog: Catalog): Promise<FastifyInstance> {
  const app = Fastify({ logger: process.env.LOG === '1' });
  await app.register(swagger, {
    openapi: {
      info: { title: 'slotwise scheduling service', version: '0.1.0', description: 'Schedules, appointments, availability, reports; rules by the slotwise engine, data in PostgreSQL.' },
    },
  });

  app.setErrorHandler((error: unknown, _request, reply: FastifyReply) => {
    if (error instanceof Refusal) return reply.code(error.status).send(error.body);
    if (error instanceof SlotwiseError) {
      const status = error.code === 'unknown_schedule' ? 404 : error.code === 'duplicate_id' ? 409 : 400;
      return reply.code(status).send({ code: error.code, path: error.path, message: error.message });
    }
    const e = error as { validation?: unknown; statusCode?: number; message?: string };
    if (e.validation || e.statusCode === 400 || e.statusCode === 415) {
      return reply.code(400).send({ code: 'invalid_input', path: '', message: e.message ?? 'bad request' });
    }
    app.log.error(error);
    return reply.code(500).send({ code: 'internal', path: '', message: 'internal error' });
  });

  app.get('/docs', { schema: { hide: true } }, async () => app.swagger());

  app.get('/health', { schema: { description: 'Database reachable; what the engine holds.' } }, async () => {
    await pool.query('SELECT 1');
    return { status: 'ok', schedules: catalog.scheduleCount, appointments: catalog.appointmentCount };
  });

  app.put<{ Params: { id: string }; Body: unknown }>(
    '/schedules/:id',
    { schema: { description: 'Create or replace a schedule (the engine\'s JSON form).', params: { type: 'object', properties: { id: { type: 'string' } } }, response: { 400: errorBody } } },
    async (request) => {
      const { id } = request.params;
      if (!isObject(request.body)) throw invalid('', 'the body must be a schedule object');
      const body = { ...request.body, id: request.body.id ?? id } as Schedule;
      if (body.id !== id) throw invalid('id', `must be the id of the path (${id})`);
      // The engine checks every rule before anything is stored.
      const check = new Engine();
      try {
        check.addSchedule(body);
      } finally {
        check.free();
      }
      await inTransaction(pool, (client) =>
        client.query('INSERT INTO schedules (id, body) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, updated_at = now()', [id, JSON.stringify(body)]),
      );
      catalog.putSchedule(body);
      return body;
    },
  );

  app.delete<{ Params: { id: string } }>('/schedules/:id', { schema: { description: 'Remove a schedule with its appointments and slots.' } }, async (request, reply) => {
    const { id } = request.params;
    const gone = await pool.query('DELETE FROM schedules WHERE id = $1', [id]);
    catalog.removeSchedule(id);
    if (gone.rowCount === 0) throw new Refusal(404, { code: 'unknown_schedule', path: 'id', message: `no schedule ${id}` });
    return reply.code(204).send();
  });

  app.post<{ Body: unknown }>(
    '/appointments',
    { schema: { description: 'Book: 201 with the appointment, 409 with the reasons when it does not fit (full, outside the windows, excluded, a notice rule).', response: { 400: errorBody } } },
    async (request, reply) => {
      if (!isObject(request.body)) throw invalid('', 'the body must be an appointment object');
      const input = request.body as Record<string, unknown>;
      if (typeof input.id !== 'string' || input.id === '') throw invalid('id', 'must be a non-empty string');
      if (typeof input.schedule !== 'string') throw invalid('schedule', 'must be a string');
      if (input.status !== undefined && input.status !== 'booked') throw invalid('status', 'a new appointment is booked');
      const appointment = { ...input, status: 'booked' } as Appointment;
      const saved = await inTransaction(pool, async (client) => {
        // The schedule's row lock serializes bookings of one schedule across every
        // process; the check below sees every appointment committed before it.
        if (!(await catalog.lockAndSync(client, appointment.schedule))) {
          throw new Refusal(404, { code: 'unknown_schedule', path: 'schedule', message: `no schedule ${appointment.schedule}` });
        }
        const taken = await client.query('SELECT 1 FROM appointments WHERE id = $1', [appointment.id]);
        if ((taken.rowCount ?? 0) > 0) throw new Refusal(409, { code: 'duplicate_id', path: 'id', message: `an appointment ${appointment.id} exists` });
        const check = catalog.engine.checkBooking(appointment, { now: new Date() });
        if (!check.fits) throw new Refusal(409, { code: 'refused', reasons: check.reasons, slot: check.slot });
        const row = await client.query<AppointmentRow>(
          `INSERT INTO appointments (id, schedule_id, start_at, end_at, seats, status) VALUES ($1, $2, $3, $4, $5, 'booked') RETURNING ${APPOINTMENT_COLUMNS}`,
          [appointment.id, appointment.schedule, check.slot!.start, check.slot!.end, appointment.seats ?? 1],
        );
        return toAppointment(row.rows[0]);
      });
      catalog.putAppointment(saved);
      return reply.code(201).send(saved);
    },
  );

  app.patch<{ Params: { id: string }; Body: unknown }>(
    '/appointments/:id',
    { schema: { description: 'Change an appointment\'s status: attended, no_show or cancelled (a cancelled one stays cancelled).' } },
    async (request) => {
      const { id } = request.params;
      const status = isObject(request.body) ? request.body.status : undefined;
      if (typeof status !== 'string' || !STATUSES.has(status)) throw invalid('status', 'must be attended, no_show or cancelled');
      const saved = await inTransaction(pool, async (client) => {
        const found = await client.query<{ schedule_id: string }>('SELECT schedule_id FROM appointments WHERE id = $1', [id]);
        if (found.rowCount === 0) throw new Refusal(404, { code: 'invalid_input', path: 'id', message: `no appointment ${id}` });
        await catalog.lockAndSync(client, found.rows[0].schedule_id);
        // A cancelled appointment holds no seat; giving it one back would skip the
        // capacity check, so it stays cancelled (book again instead).
        const now = await client.query<{ status: string }>('SELECT status FROM appointments WHERE id = $1', [id]);
        if (now.rows[0]?.status === 'cancelled' && status !== 'cancelled') {
          throw new Refusal(409, { code: 'cancelled', path: 'status', message: `status: appointment ${id} is cancelled; book a new one` });
        }
        const row = await client.query<AppointmentRow>(`UPDATE appointments SET status = $2 WHERE id = $1 RETURNING ${APPOINTMENT_COLUMNS}`, [id, status]);
        return toAppointment(row.rows[0]);
      });
      catalog.putAppointment(saved);
      return saved;
    },
  );

  const window = { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } } };

  app.get<{ Querystring: { from?: string; to?: string; seats?: string; schedule?: string } }>(
    '/availability',
    { schema: { description: 'The engine\'s bookable slots with start in [from, to).', querystring: { ...window, properties: { ...window.properties, seats: { type: 'string' }, schedule: { type: 'string' } } } } },
    async (request) => {
      const { from, to, seats, schedule } = request.query;
      const query: Query = { from: from ?? '', to: to ?? '' };
      if (seats !== undefined) {
        if (!/^\d+$/.test(seats)) throw invalid('seats', 'must be a whole number');
        query.seats = Number(seats);
      }
      if (schedule !== undefined) {
        query.schedules = [schedule];
        return catalog.engine.availability(query);
      }
      // Every schedule: possibly a big answer, computed off the event loop.
      return catalog.engine.availabilityAsync(query);
    },
  );

  app.get<{ Querystring: { schedule?: string; at?: string } }>(
    '/explain',
    { schema: { description: 'Why an instant of a schedule is or is not bookable.', querystring: { type: 'object', properties: { schedule: { type: 'string' }, at: { type: 'string' } } } } },
    async (request) => catalog.engine.explain(request.query.schedule ?? '', request.query.at ?? ''),
  );

  app.get<{ Querystring: { from?: string; to?: string; bucket?: string } }>(
    '/reports',
    { schema: { description: 'Offered and booked seat-minutes, utilization, cancellations and no-shows per schedule and bucket.', querystring: { ...window, properties: { ...window.properties, bucket: { type: 'string' } } } } },
    async (request) => catalog.engine.reportAsync(request.query.from ?? '', request.query.to ?? '', (request.query.bucket ?? '') as Bucket),
  );

  app.post<{ Querystring: { from?: string; to?: string } }>(
    '/worker/run',
    { schema: { description: 'Run the slot worker now (the rolling window, or [from, to)).', querystring: window } },
    async (request) => {
      const { from, to } = request.query;
      return runWorker(pool, from && to ? { from, to } : rollingWindow());
    },
  );

  return app;
}
