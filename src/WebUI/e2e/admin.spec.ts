import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { card, createMemberKey, expect, parseCount, signIn, skipWithoutChromium, test, waitForData } from './support';

skipWithoutChromium();

const DAY_MS = 86_400_000;

/** A UTC calendar day as the date inputs take it: "2025-07-20". */
function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

async function openThreats(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/threats$/);
  await expect(page.getByRole('table', { name: 'Threats' }).locator('tbody tr').first()).toBeVisible();
}

test.describe('admin', () => {
  test('resolving one threat lowers the unresolved threats on the dashboard by exactly 1', async ({ page }, testInfo) => {
    await signIn(page);
    await waitForData(page);
    const before = parseCount(await card(page, 'Unresolved threats').textContent());
    expect(before, 'demo data has unresolved threats this week').toBeGreaterThan(0);

    await openThreats(page);
    const table = page.getByRole('table', { name: 'Threats' });
    // Severity is a badge with its name in words.
    await expect(table.locator('.severity').first()).toHaveText(/^(low|medium|high|critical)$/);

    const screenshot = path.join(testInfo.project.outputDir, 'threats.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    await testInfo.attach('threats', { path: screenshot, contentType: 'image/png' });

    // Unresolved threats first seen in the last five days: well inside the dashboard's 7-day window.
    await page.getByLabel('Status').selectOption({ label: 'Unresolved' });
    await page.getByLabel('First seen from (UTC)').fill(utcDay(new Date(Date.now() - 5 * DAY_MS)));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/resolved=false/);
    await expect(page.getByText('Loading threats…')).toHaveCount(0);
    const firstRow = table.locator('tbody tr').first();
    await expect(firstRow).toBeVisible();
    await expect(firstRow.getByText('Open', { exact: true })).toBeVisible();
    const id = (await firstRow.locator('th[scope="row"]').textContent())?.trim();
    expect(id).toMatch(/^\d+$/);

    await page.getByRole('checkbox', { name: `Select threat ${id}` }).check();
    await expect(page.getByText('1 threat selected')).toBeVisible();
    await page.getByRole('button', { name: 'Resolve', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'threat' })).toHaveText('1 threat changed');
    // The list reloads: the resolved threat leaves the unresolved list.
    await expect(page.getByRole('checkbox', { name: `Select threat ${id}` })).toHaveCount(0);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard', exact: true }).click();
    await waitForData(page);
    await expect(card(page, 'Unresolved threats')).toHaveText((before - 1).toLocaleString('en-US'));
  });

  test('a member key cannot open admin', async ({ page, request }) => {
    const memberKey = await createMemberKey(request);
    // The API itself refuses the member key on admin routes.
    const direct = await request.get('/api/admin/threats', { headers: { Authorization: `Bearer ${memberKey}` } });
    expect(direct.status()).toBe(403);

    const adminRequests: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/admin')) adminRequests.push(r.url());
    });

    // Signing in with it is refused with a reason.
    await page.goto('/admin/threats');
    await expect(page).toHaveURL(/\/signin$/);
    await page.getByLabel('API key').fill(memberKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('This key is not an admin key; the dashboard needs an admin key');
    await expect(page).toHaveURL(/\/signin$/);

    // A tab that already holds a member key (say, an admin demoted since) sees the admin screens refuse it.
    await page.evaluate((key) => sessionStorage.setItem('cleandashboard.apiKey', key), memberKey);
    await page.goto('/admin/threats');
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading')).toHaveText('The admin screens need an admin key');
    await expect(alert).toContainText('which is not an admin');
    await expect(page.getByRole('navigation', { name: 'Admin' })).toHaveCount(0);
    await expect(page.getByRole('table')).toHaveCount(0);
    expect(adminRequests).toEqual([]);
  });

  test('request logs export the filtered set as a CSV download', async ({ page }) => {
    await signIn(page);
    await page.goto('/admin/request-logs?status=200');
    const table = page.getByRole('table', { name: 'Request logs' });
    await expect(table.locator('tbody tr').first()).toBeVisible();
    const total = parseCount(((await page.locator('.pager-count').textContent()) ?? '').split(' of ')[1] ?? '');
    expect(total).toBeGreaterThan(0);

    // Sorting by a header marks it.
    await table.getByRole('button', { name: /^Latency/ }).click();
    await expect(table.getByRole('columnheader', { name: /^Latency/ })).toHaveAttribute('aria-sort', 'ascending');
    await expect(page).toHaveURL(/sort=latencyMs&desc=false/);

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^request-logs-\d{8}-\d{6}\.csv$/);
    const file = await download.path();
    const lines = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'id,createdAt,endpoint,method,statusCode,latencyMs,ttftMs,modelName,promptTokens,completionTokens,totalTokens,costUsd,countryCode,ipAddress,userId,userName,apiKeyId,upstream,' +
        'cachedInputTokens,cacheCreationTokens,reasoningTokens,usageEstimated,apiKeyName,source',
    );
    // Every matching row (not one page), all with status 200, by latency ascending. Requests made
    // since the page loaded (this test's own) may be in the file too.
    const rows = lines.slice(1).map((line) => line.split(','));
    expect(rows.length).toBeGreaterThanOrEqual(total);
    expect(rows.every((cells) => cells[4] === '200')).toBe(true);
    const latencies = rows.map((cells) => Number(cells[5]));
    expect(latencies).toEqual([...latencies].sort((a, b) => a - b));
    await expect(page.getByText(`Downloaded ${download.suggestedFilename()}`)).toBeVisible();
  });

  test('a new key is shown once with a Copy button, and it works', async ({ page, context, request, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    await signIn(page);
    await page.goto('/admin/users');

    const userName = `e2e-user-${Date.now()}`;
    const createUser = page.getByRole('form', { name: 'Create a user' });
    await createUser.getByLabel('Name').fill(userName);
    await createUser.getByLabel('Role').selectOption('member');
    await createUser.getByRole('button', { name: 'Create user' }).click();
    await expect(createUser.getByRole('status')).toHaveText(`User ${userName} (member) created.`);

    const createKey = page.getByRole('form', { name: 'Create an API key' });
    await createKey.getByLabel('User').selectOption({ label: `${userName} (member)` });
    await createKey.getByLabel('Key name').fill('laptop');
    await createKey.getByRole('button', { name: 'Create key' }).click();

    const panel = page.getByRole('region', { name: `New key “laptop” for ${userName}` });
    const field = panel.getByLabel('New API key');
    await expect(field).toBeFocused();
    const key = await field.inputValue();
    expect(key.length).toBeGreaterThan(20);
    await panel.getByRole('button', { name: 'Copy' }).click();
    await expect(panel.getByRole('status')).toHaveText('Copied to the clipboard.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);

    const me = await request.get('/api/me', { headers: { Authorization: `Bearer ${key}` } });
    expect(await me.json()).toMatchObject({ name: userName, role: 'member' });

    await panel.getByRole('button', { name: 'Done, hide the key' }).click();
    await expect(panel).toHaveCount(0);
    expect(await page.content()).not.toContain(key);

    // Revoke it (after confirming): the API rejects it from then on.
    const keys = page.getByRole('table', { name: 'API keys' });
    await page.getByRole('form', { name: 'API key filters' }).getByLabel('Status').selectOption({ label: 'Active' });
    await page.getByRole('form', { name: 'API key filters' }).getByRole('button', { name: 'Apply filters' }).click();
    // The display prefix: the cd_ marker and 4 characters.
    const prefix = key.slice(0, 7);
    await keys.getByRole('button', { name: `Revoke key ${prefix} (laptop)` }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect(page.getByText(`Key ${prefix}… (laptop) revoked.`)).toBeVisible();
    const after = await request.get('/api/me', { headers: { Authorization: `Bearer ${key}` } });
    expect(after.status()).toBe(401);
  });

  test('admin screens fit a 360 px wide screen; tables scroll inside their box', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await signIn(page);
    for (const [section, table] of [
      ['Threats', 'Threats'],
      ['Feedback', 'Feedback'],
      ['Request logs', 'Request logs'],
      ['Sessions', 'User sessions'],
      ['Model stats', 'Daily model usage'],
      ['Users & keys', 'API keys'],
    ] as const) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin', exact: true }).click();
      await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: section }).click();
      const region = page.getByRole('region', { name: `${table} table` });
      await expect(region.locator('tbody tr').first(), section).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${section} page overflow`).toBeLessThanOrEqual(0);
      const scrolls = await region.evaluate((el) => el.scrollWidth > el.clientWidth);
      expect(scrolls, `${section} table scrolls in its box`).toBe(true);
    }
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Threats' }).click();
    await expect(page.getByRole('table', { name: 'Threats' }).locator('tbody tr').first()).toBeVisible();
    await page.screenshot({ path: path.join(testInfo.project.outputDir, 'threats-360.png'), fullPage: true });
  });
});
