-- Schedules and appointments are rows; their engine JSON forms are kept as JSONB
-- (the engine is the source of truth for rules, PostgreSQL for data).
CREATE TABLE schedules (
  id text PRIMARY KEY,
  body jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE appointments (
  id text PRIMARY KEY,
  schedule_id text NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL,
  seats integer NOT NULL DEFAULT 1,
  status text NOT NULL CHECK (status IN ('booked', 'attended', 'no_show', 'cancelled')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appointments_by_schedule ON appointments (schedule_id, start_at);

-- The slot worker's output: the engine's slots, kept in step by reconcile plans.
CREATE TABLE slots (
  key text PRIMARY KEY,
  schedule_id text NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL,
  capacity integer NOT NULL
);
CREATE INDEX slots_by_schedule ON slots (schedule_id, start_at);

-- Stored slots no longer generated that still hold appointments (never deleted).
CREATE TABLE slot_conflicts (
  key text PRIMARY KEY,
  schedule_id text NOT NULL,
  appointments jsonb NOT NULL,
  seen_at timestamptz NOT NULL DEFAULT now()
);

-- The analytics views of the original design, written by the worker.
CREATE TABLE report_rows (
  schedule_id text NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
  bucket text NOT NULL CHECK (bucket IN ('day', 'week', 'month')),
  bucket_start date NOT NULL,
  body jsonb NOT NULL,
  PRIMARY KEY (schedule_id, bucket, bucket_start)
);
