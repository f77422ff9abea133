// Sums test results over every runner: .NET TRX files, vitest JSON, Playwright JSON.
// Prints "tests: N passed, N failed, N skipped" and exits 1 when any test failed or a runner left no result.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
let passed = 0, failed = 0, skipped = 0;
const missing = [];

const walk = (d) => fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }).flatMap(e => e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]) : [];

const trx = walk(path.join(dir, 'dotnet')).filter(f => f.endsWith('.trx'));
if (trx.length === 0) missing.push('.NET (no TRX file)');
for (const file of trx) {
  const counters = fs.readFileSync(file, 'utf8').match(/<Counters\s[^>]*>/);
  if (!counters) { missing.push(file); continue; }
  const attr = (name) => Number((counters[0].match(new RegExp(`\\b${name}="(\\d+)"`)) ?? [0, 0])[1]);
  passed += attr('passed');
  failed += attr('failed') + attr('error') + attr('timeout') + attr('aborted');
  // Skipped tests are not executed; the TRX logger does not always count them under notExecuted.
  skipped += Math.max(attr('notExecuted'), attr('total') - attr('executed'));
}

const vitest = path.join(dir, 'vitest.json');
if (fs.existsSync(vitest)) {
  const v = JSON.parse(fs.readFileSync(vitest, 'utf8'));
  passed += v.numPassedTests; failed += v.numFailedTests; skipped += v.numPendingTests + (v.numTodoTests ?? 0);
} else missing.push('vitest');

const playwright = path.join(dir, 'playwright.json');
if (fs.existsSync(playwright)) {
  const s = JSON.parse(fs.readFileSync(playwright, 'utf8')).stats;
  passed += s.expected + (s.flaky ?? 0); failed += s.unexpected; skipped += s.skipped;
} else missing.push('playwright');

for (const m of missing) console.log(`no results from ${m}: counted as a failure`);
if (missing.length) failed += missing.length;
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
