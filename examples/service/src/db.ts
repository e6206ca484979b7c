// PostgreSQL access: a pool from DATABASE_URL, transactions, and the schema
// migrations (plain SQL files in ../migrations, applied in name order at start, each
// once, under an advisory lock so concurrent starts do not race).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool, PoolClient } from 'pg';

export function connect(url = process.env.DATABASE_URL): Pool {
  if (!url) throw new Error('DATABASE_URL is not set');
  return new Pool({ connectionString: url, max: Number(process.env.PG_POOL_SIZE ?? 10) });
}

/** Run `f` in one transaction: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(pool: Pool, f: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await f(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

const MIGRATIONS = join(__dirname, '..', 'migrations');

/** Apply the migrations not yet applied; returns their names. */
export async function migrate(pool: Pool): Promise<string[]> {
  return inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('slotwise:migrations'))");
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
    const applied: string[] = [];
    for (const name of readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql')).sort()) {
      if (done.has(name)) continue;
      await client.query(readFileSync(join(MIGRATIONS, name), 'utf8'));
      await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      applied.push(name);
    }
    return applied;
  });
}
