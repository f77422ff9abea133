import { expect, test as base, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { CHROMIUM_INSTALLED, CHROMIUM_PATH, E2E_ADMIN_KEY } from '../playwright.config';

export { expect };
export const ADMIN_KEY = E2E_ADMIN_KEY;

export const CHART_NAMES = [
  'Requests over time',
  'Cost over time',
  'Latency over time',
  'Errors by status code',
  'Top models',
  'Top countries',
  'Ratings',
  'Threats',
] as const;

export const test = base;

/** Call at the top of every spec file: without Chromium each test is reported skipped, with the reason. */
export function skipWithoutChromium(): void {
  test.skip(!CHROMIUM_INSTALLED, `Chromium not installed at ${CHROMIUM_PATH}`);
}

export async function signIn(page: Page, key = ADMIN_KEY): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
}

export function card(page: Page, name: string): Locator {
  return page.getByRole('group', { name }).locator('.card-value');
}

export function chart(page: Page, name: string): Locator {
  return page.getByRole('figure', { name, exact: true });
}

/** "12,450" → 12450 */
export function parseCount(text: string | null): number {
  return Number((text ?? '').replace(/[^0-9.]/g, ''));
}

/** A bucket's label on a time axis: a day ("Jul 14") or an hour ("14:00"). */
export const TIME_LABEL = /^([A-Z][a-z]{2} \d{1,2}|\d{2}:00)$/;

/** The time labels a user reads under the requests chart's drawing. */
export async function requestTicks(page: Page): Promise<string[]> {
  const ticks = chart(page, 'Requests over time').getByRole('img').getByText(TIME_LABEL);
  await expect(ticks.first()).toBeVisible();
  return ticks.allTextContents();
}

/** Waits until the summary shows data for the range now in the URL. */
export async function waitForData(page: Page): Promise<void> {
  await expect(card(page, 'Total requests')).toBeVisible();
  await expect(page.getByText('Loading dashboard…')).toHaveCount(0);
}

/** Creates a member user and a key for it through the admin API; returns the key in clear text. */
export async function createMemberKey(request: APIRequestContext): Promise<string> {
  const headers = { Authorization: `Bearer ${ADMIN_KEY}` };
  const name = `e2e-member-${Date.now()}`;
  const user = await request.post('/api/admin/users', { headers, data: { name, role: 'member' } });
  expect(user.status(), await user.text()).toBe(201);
  const key = await request.post('/api/admin/api-keys', { headers, data: { userName: name, keyName: 'e2e' } });
  expect(key.status(), await key.text()).toBe(201);
  const body = (await key.json()) as { key: string };
  expect(body.key.length).toBeGreaterThan(20);
  return body.key;
}
