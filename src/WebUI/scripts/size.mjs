// Prints the gzip size of the JavaScript the dashboard route (/) loads before its charts:
// the entry chunk, its static imports, and the lazy DashboardPage chunk with its static imports.
// Builds with the project's vite.config.ts into a temporary folder, so wwwroot is left alone.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = mkdtempSync(join(tmpdir(), 'cleandashboard-size-'));

try {
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true, manifest: true } });
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8'));

  const staticClosure = (key, seen = new Set()) => {
    if (seen.has(key)) return seen;
    seen.add(key);
    for (const dependency of manifest[key]?.imports ?? []) staticClosure(dependency, seen);
    return seen;
  };
  const find = (predicate, what) => {
    const key = Object.keys(manifest).find((k) => predicate(k, manifest[k]));
    if (!key) throw new Error(`No ${what} chunk in the Vite manifest`);
    return key;
  };

  const entry = find((_, chunk) => chunk.isEntry, 'entry');
  const dashboard = find((k) => k.endsWith('src/pages/DashboardPage.tsx'), 'DashboardPage');
  const routeKeys = new Set([...staticClosure(entry), ...staticClosure(dashboard)]);

  const sizeOf = (file) => {
    const bytes = readFileSync(join(outDir, file));
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`;

  let raw = 0;
  let gzip = 0;
  console.log('Dashboard route (/) initial JavaScript:');
  for (const key of routeKeys) {
    const file = manifest[key].file;
    const size = sizeOf(file);
    raw += size.raw;
    gzip += size.gzip;
    console.log(`  ${file.padEnd(40)} ${kb(size.raw).padStart(12)}  gzip ${kb(size.gzip).padStart(11)}`);
  }
  console.log(`  ${'total'.padEnd(40)} ${kb(raw).padStart(12)}  gzip ${kb(gzip).padStart(11)}`);

  console.log('Loaded later (not counted above):');
  for (const [key, chunk] of Object.entries(manifest)) {
    if (routeKeys.has(key) || !chunk.file.endsWith('.js')) continue;
    const size = sizeOf(chunk.file);
    console.log(`  ${chunk.file.padEnd(40)} ${kb(size.raw).padStart(12)}  gzip ${kb(size.gzip).padStart(11)}`);
  }
  console.log(`DASHBOARD_INITIAL_JS_GZIP_BYTES=${gzip}`);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
