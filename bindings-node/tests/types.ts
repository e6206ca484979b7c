// Compiled by `tsc --strict` (test.sh): the declarations describe the API as a
// TypeScript user calls it. Not run.

import { Engine, SlotwiseError, expand, expandEpochMs, tzdataVersion, version } from '..';
import type { Appointment, CombinedQuery, CombinedRow, Plan, ReportRow, Schedule, Slot, SlotColumns } from '..';

const schedule: Schedule = {
  id: 'dr-ana',
  timezone: 'America/Sao_Paulo',
  availability: [{ rule: 'DTSTART:20260105T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO', end: '12:00' }],
  slot: { duration: 'PT30M', capacity: 2, buffer_after: 'PT10M' },
  exclusions: [{ kind: 'day', date: '2026-04-21', reason: 'holiday' }],
};
const appointment: Appointment = {
  id: 'a1',
  schedule: 'dr-ana',
  start: new Date('2026-03-02T12:00:00Z'),
  end: '2026-03-02T12:30:00Z',
  status: 'booked',
};

async function use(): Promise<number> {
  const engine = new Engine();
  engine.addSchedule(schedule);
  engine.addAppointment(appointment);
  const slots: Slot[] = engine.availability({ from: Date.UTC(2026, 2, 1), to: '2026-04-01T00:00:00Z', seats: 1 });
  const columns: SlotColumns = engine.availabilityColumns({ from: new Date(), to: new Date() });
  const starts: Float64Array = columns.start;
  const later: Slot[] = await engine.availabilityAsync({ from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' });
  const big: SlotColumns = await engine.availabilityColumnsAsync({ from: 0, to: Date.now() });
  const plan: Plan = await engine.reconcileAsync('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z', slots);
  const rows: ReportRow[] = await engine.reportAsync(0, Date.now(), 'week');
  const team: CombinedQuery = { from: new Date(), first: 3, combine: { mode: 'all', schedules: ['dr-ana', 'room-2'], duration: 'PT45M' } };
  const together: CombinedRow[] = engine.combined(team);
  const pooled: CombinedRow[] = await engine.combinedAsync({ ...team, combine: { mode: 'any', schedules: ['dr-ana', 'room-2'] } });
  const check = engine.checkBooking(appointment, { now: new Date(), min_notice: 'PT2H' });
  const fits: boolean = check.fits;
  const bytes: Uint8Array = engine.toSnapshot();
  const copy = Engine.fromSnapshot(bytes);
  const again = Engine.fromJSON(copy.toJSON());
  again.removeSchedule('dr-ana');
  const epochs: Float64Array = expandEpochMs('DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY', 0, 1);
  const instants: string[] = expand('DTSTART:20260101T090000Z\nRRULE:FREQ=DAILY', 0, Date.now(), 10);
  try {
    engine.explain('nobody', new Date());
  } catch (e) {
    if (e instanceof SlotwiseError) {
      const where: string = `${e.code} at ${e.path}: ${e.message}`;
      return where.length;
    }
  }
  return together.length + pooled.length + epochs.length + slots.length + big.length + starts.length + later.length + plan.unchanged + rows.length + Number(fits) + instants.length + version().length + tzdataVersion().length;
}

void use();
