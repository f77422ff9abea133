import fs from 'node:fs';

/** Removes this run's SQLite database (and its journal files). */
export default function globalTeardown() {
  const database = process.env.CD_E2E_DATABASE;
  if (!database) return;
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${database}${suffix}`, { force: true });
}
