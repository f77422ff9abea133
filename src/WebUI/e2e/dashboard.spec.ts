import path from 'node:path';
import {
  card,
  CHART_NAMES,
  chart,
  expect,
  parseCount,
  requestTicks,
  signIn,
  skipWithoutChromium,
  test,
  waitForData,
} from './support';

skipWithoutChromium();

const HOURLY = /^\d{2}:00$/;
const DAILY = /^[A-Z][a-z]{2} \d{1,2}$/;

function utcInput(date: Date): string {
  return date.toISOString().slice(0, 16);
}

test.describe('sign-in', () => {
  test('a bad key shows "Key not recognised" and stays on sign-in', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/signin$/);
    await page.getByLabel('API key').fill('cd-not-a-real-key-000000000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Key not recognised');
    await expect(page).toHaveURL(/\/signin$/);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });

  test('the admin key signs in, survives a reload of the tab, and signs out', async ({ page }) => {
    await signIn(page);
    await expect(page).toHaveURL(/\/$/);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });
});

test.describe('dashboard', () => {
  test('shows non-zero totals and draws every chart with data', async ({ page }, testInfo) => {
    await signIn(page);
    await waitForData(page);

    for (const name of ['Total requests', 'Total cost', 'Total tokens', 'Active users', 'Sessions']) {
      const text = await card(page, name).textContent();
      expect(parseCount(text), `${name} is "${text}"`).toBeGreaterThan(0);
    }
    await expect(card(page, 'Success rate')).toHaveText(/^\d{1,3}\.\d%$/);
    await expect(card(page, 'Avg latency')).toHaveText(/^[\d,]+ ms$|^\d+\.\d{2} s$/);
    await expect(card(page, 'Average rating')).toHaveText(/^\d\.\d ★$/);

    for (const name of CHART_NAMES) {
      const figure = chart(page, name);
      await expect(figure, `${name} figure`).toBeVisible();
      const drawing = figure.locator('.chart-canvas[role="img"]');
      await expect(drawing, `${name} has an accessible description`).toHaveAttribute('aria-label', /.+/);
      const shapes = drawing.getByLabel(/ (bar|line)$/);
      await expect(shapes.first(), `${name} draws bars, lines or areas`).toBeVisible();
      expect(await shapes.count(), `${name} shape count`).toBeGreaterThan(0);
      expect(await figure.locator('table tbody tr').count(), `${name} table rows`).toBeGreaterThan(0);
    }

    // The 7-day default has one daily bucket per day.
    const ticks = await requestTicks(page);
    expect(ticks.every((t) => DAILY.test(t)), ticks.join(', ')).toBe(true);

    const screenshot = path.join(testInfo.project.outputDir, 'dashboard.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    await testInfo.attach('dashboard', { path: screenshot, contentType: 'image/png' });
  });

  test('switching to 24h and to a custom range changes the URL and the data', async ({ page, baseURL }) => {
    await signIn(page);
    await waitForData(page);
    const weekTotal = await card(page, 'Total requests').textContent();

    await page.getByRole('radio', { name: 'Last 24 hours' }).check();
    await expect(page).toHaveURL(/\?range=24h$/);
    await expect(card(page, 'Total requests')).not.toHaveText(weekTotal ?? '');
    const dayTotal = await card(page, 'Total requests').textContent();
    expect(parseCount(dayTotal)).toBeGreaterThan(0);
    expect(parseCount(dayTotal)).toBeLessThan(parseCount(weekTotal));
    await expect.poll(async () => (await requestTicks(page)).every((t) => HOURLY.test(t))).toBe(true);

    // The three whole days before today, in UTC: daily buckets.
    const today = new Date();
    today.setUTCHours(0, 0, 0, 0);
    const start = new Date(today.getTime() - 3 * 86_400_000);
    await page.getByRole('radio', { name: 'Custom' }).check();
    await page.getByLabel('Start (UTC)').fill(utcInput(start));
    await page.getByLabel('End (UTC)').fill(utcInput(today));
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(
      `${baseURL}/?range=custom&start=${start.toISOString().replace('.000Z', 'Z')}&end=${today.toISOString().replace('.000Z', 'Z')}`,
    );
    await expect(card(page, 'Total requests')).not.toHaveText(dayTotal ?? '');
    await expect.poll(async () => (await requestTicks(page)).every((t) => DAILY.test(t))).toBe(true);
    const customTotal = parseCount(await card(page, 'Total requests').textContent());
    expect(customTotal).toBeGreaterThan(parseCount(dayTotal));

    // The view can be shared: opening the URL in the same tab shows the same range.
    await page.reload();
    await expect(page.getByRole('radio', { name: 'Custom' })).toBeChecked();
    await expect(page.getByLabel('Start (UTC)')).toHaveValue(utcInput(start));
    await waitForData(page);
    expect(parseCount(await card(page, 'Total requests').textContent())).toBe(customTotal);
  });

  test('a custom range the API rejects shows its problem details', async ({ page }) => {
    await signIn(page);
    await page.getByRole('radio', { name: 'Custom' }).check();
    await page.getByLabel('Start (UTC)').fill('2020-01-01T00:00');
    await page.getByLabel('End (UTC)').fill('2025-01-01T00:00');
    await page.getByRole('button', { name: 'Apply' }).click();
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading')).toHaveText('The API did not accept this range');
    await expect(alert.getByRole('listitem').first()).toBeVisible();
  });

  test('a start after the end is refused before any request', async ({ page }) => {
    await signIn(page);
    await page.getByRole('radio', { name: 'Custom' }).check();
    await page.getByLabel('Start (UTC)').fill('2025-02-01T00:00');
    await page.getByLabel('End (UTC)').fill('2025-01-01T00:00');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByRole('alert')).toHaveText('Start must be before end.');
    await expect(page).toHaveURL(/\/$/);
  });

  test('a chart table can be shown from the keyboard', async ({ page }) => {
    await signIn(page);
    await waitForData(page);
    const toggle = page.getByRole('button', { name: 'Show table: Top models' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    const table = chart(page, 'Top models').getByRole('table');
    await expect(table).toBeVisible();
    await expect(table.locator('tbody tr').first()).toBeVisible();
  });

  test('fits a 360 px wide screen without sideways scrolling', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await signIn(page);
    await waitForData(page);
    await expect(chart(page, 'Requests over time').getByLabel('Success bar').first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(testInfo.project.outputDir, 'dashboard-360.png'), fullPage: true });
  });
});
