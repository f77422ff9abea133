// Sums test results over every runner: .NET TRX files, vitest JSON, Playwright JSON.
// Prints every skipped test with its reason (grouped by reason), every failed test with the first line of its
// message (so a CI log's tail names what failed), then "tests: N passed, N failed, N skipped",
// and exits 1 when any test failed or a runner left no result.
import fs from 'node:fs';
import path from 'node:path';

// node count-tests.mjs <results> [--only dotnet,vitest]: the runners that must have left results (default: all three).
const dir = process.argv[2];
const onlyIndex = process.argv.indexOf('--only');
const runners = onlyIndex > 0 ? process.argv[onlyIndex + 1].split(',') : ['dotnet', 'vitest', 'playwright'];
let passed = 0, failed = 0, skipped = 0;
const missing = [];
/** reason -> names of the tests skipped for it */
const skips = new Map();
const noteSkip = (name, reason) => {
  const key = reason?.trim() || '(no reason given)';
  skips.set(key, [...(skips.get(key) ?? []), name]);
};
/** "name [run]: first line of the message" of every failed test */
const failures = [];
const noteFailure = (name, message) => failures.push(`${name}: ${(message ?? '').trim().split('\n')[0].slice(0, 300)}`);
const unescapeXml = (text) => text
  .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

const walk = (d) => fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }).flatMap(e => e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]) : [];

const trx = walk(path.join(dir, 'dotnet')).filter(f => f.endsWith('.trx'));
if (trx.length === 0 && runners.includes('dotnet')) missing.push('.NET (no TRX file)');
for (const file of trx) {
  const counters = fs.readFileSync(file, 'utf8').match(/<Counters\s[^>]*>/);
  if (!counters) { missing.push(file); continue; }
  const attr = (name) => Number((counters[0].match(new RegExp(`\\b${name}="(\\d+)"`)) ?? [0, 0])[1]);
  passed += attr('passed');
  failed += attr('failed') + attr('error') + attr('timeout') + attr('aborted');
  // Skipped tests are not executed; the TRX logger does not always count them under notExecuted.
  skipped += Math.max(attr('notExecuted'), attr('total') - attr('executed'));
  // A fixture that fails to start or to clean up fails the run without failing a test: count it, with its message.
  const runFailed = /<ResultSummary\s+outcome="Failed"/.test(fs.readFileSync(file, 'utf8'));
  if (runFailed && attr('failed') + attr('error') + attr('timeout') + attr('aborted') === 0) {
    const infos = [...fs.readFileSync(file, 'utf8').matchAll(/<RunInfo\b[\s\S]*?<Text>([\s\S]*?)<\/Text>/g)].map(m => unescapeXml(m[1]));
    for (const info of infos.length ? infos : ['the run failed without a failed test']) console.log(`run failure: ${info.trim()}`);
    failed += 1;
  }
  const xml = fs.readFileSync(file, 'utf8');
  const run = file.includes(`${path.sep}postgres${path.sep}`) ? 'PostgreSQL' : 'SQLite';
  for (const result of xml.matchAll(/<UnitTestResult\s[^>]*outcome="NotExecuted"[^>]*>[\s\S]*?<\/UnitTestResult>/g)) {
    const name = unescapeXml(result[0].match(/testName="([^"]*)"/)?.[1] ?? '?');
    const reason = result[0].match(/<Message>([\s\S]*?)<\/Message>/)?.[1];
    noteSkip(`${name} [${run}]`, reason && unescapeXml(reason));
  }
  for (const result of xml.matchAll(/<UnitTestResult\s[^>]*outcome="(?:Failed|Error|Timeout|Aborted)"[^>]*>[\s\S]*?<\/UnitTestResult>/g)) {
    const name = unescapeXml(result[0].match(/testName="([^"]*)"/)?.[1] ?? '?');
    const message = result[0].match(/<Message>([\s\S]*?)<\/Message>/)?.[1];
    noteFailure(`${name} [${run}]`, message && unescapeXml(message));
  }
}

const vitest = path.join(dir, 'vitest.json');
if (fs.existsSync(vitest)) {
  const v = JSON.parse(fs.readFileSync(vitest, 'utf8'));
  passed += v.numPassedTests; failed += v.numFailedTests; skipped += v.numPendingTests + (v.numTodoTests ?? 0);
  for (const suite of v.testResults ?? []) {
    for (const t of suite.assertionResults ?? []) {
      if (t.status === 'failed') noteFailure(`${t.fullName} [vitest]`, t.failureMessages?.[0]);
      if (t.status === 'pending' || t.status === 'skipped' || t.status === 'todo') noteSkip(`${t.fullName} [vitest]`, t.failureMessages?.[0]);
    }
  }
} else if (runners.includes('vitest')) missing.push('vitest');

const playwright = path.join(dir, 'playwright.json');
if (fs.existsSync(playwright)) {
  const report = JSON.parse(fs.readFileSync(playwright, 'utf8'));
  const s = report.stats;
  passed += s.expected + (s.flaky ?? 0); failed += s.unexpected; skipped += s.skipped;
  const specs = (suite) => [...(suite.specs ?? []), ...(suite.suites ?? []).flatMap(specs)];
  for (const spec of (report.suites ?? []).flatMap(specs)) {
    for (const t of spec.tests ?? []) {
      if (t.status === 'unexpected') noteFailure(`${spec.title} [playwright ${spec.file}]`, t.results?.at(-1)?.error?.message);
      if (t.status !== 'skipped') continue;
      const annotation = [...(t.annotations ?? []), ...(t.results ?? []).flatMap(r => r.annotations ?? [])].find(a => a.type === 'skip');
      noteSkip(`${spec.title} [playwright ${spec.file}]`, annotation?.description);
    }
  }
} else if (runners.includes('playwright')) missing.push('playwright');

if (skips.size > 0) {
  console.log('skipped:');
  for (const [reason, names] of skips) {
    console.log(`  ${names.length} × ${reason}`);
    for (const name of names) console.log(`      ${name}`);
  }
}
if (failures.length > 0) {
  console.log('failed:');
  for (const failure of failures) console.log(`  ${failure}`);
}
for (const m of missing) console.log(`no results from ${m}: counted as a failure`);
if (missing.length) failed += missing.length;
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
