// One service process: the database (migrated), the engine loaded from it, the API.

import type { FastifyInstance } from 'fastify';
import type { Pool } from 'pg';

import { buildApp } from './app';
import { Catalog } from './catalog';
import { connect, migrate } from './db';

export interface Service {
  app: FastifyInstance;
  pool: Pool;
  catalog: Catalog;
  close(): Promise<void>;
}

export async function startService(url = process.env.DATABASE_URL): Promise<Service> {
  const pool = connect(url);
  await migrate(pool);
  const catalog = await Catalog.load(pool);
  const app = await buildApp(pool, catalog);
  return {
    app,
    pool,
    catalog,
    async close() {
      await app.close();
      await pool.end();
      catalog.engine.free();
    },
  };
}
