// `npm run worker`: one run of the slot worker over the rolling window (or
// SLOT_WINDOW_FROM / SLOT_WINDOW_TO), then exit. Prints the run as JSON.

import { connect, migrate } from './db';
import { rollingWindow, runWorker } from './worker';

async function main(): Promise<void> {
  const pool = connect();
  try {
    await migrate(pool);
    const { SLOT_WINDOW_FROM: from, SLOT_WINDOW_TO: to } = process.env;
    const run = await runWorker(pool, from && to ? { from, to } : rollingWindow());
    console.log(JSON.stringify(run));
  } finally {
    await pool.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
