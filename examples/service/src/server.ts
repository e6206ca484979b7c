// `npm start`: the API on PORT (default 3000), configured by DATABASE_URL.

import { startService } from './service';

async function main(): Promise<void> {
  const service = await startService();
  const port = Number(process.env.PORT ?? 3000);
  const address = await service.app.listen({ port, host: process.env.HOST ?? '127.0.0.1' });
  console.log(`slotwise service on ${address} (${service.catalog.scheduleCount} schedules)`);
  const stop = (): void => {
    service.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
