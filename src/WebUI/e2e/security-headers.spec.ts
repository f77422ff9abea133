import type { Page } from '@playwright/test';
import { expect, signIn, skipWithoutChromium, test, waitForData } from './support';

skipWithoutChromium();

/** Every CSP violation the page reports, as DOM events and as console errors, from the first script on. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && /Content Security Policy|Permissions-Policy|Permissions policy/i.test(text)) {
      violations.push(`console: ${text}`);
    }
  });
  await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(`event: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
      report(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return violations;
}

const ADMIN_SCREENS = [
  ['/admin/threats', 'Threats'],
  ['/admin/feedback', 'Feedback'],
  ['/admin/request-logs', 'Request logs'],
  ['/admin/sessions', 'Sessions'],
  ['/admin/model-stats', 'Daily model stats'],
  ['/admin/users', 'Users'],
] as const;

test.describe('security headers', () => {
  test('the dashboard and every admin screen run under the content security policy with no violation', async ({ page }) => {
    const violations = await watchViolations(page);
    await signIn(page);
    await waitForData(page);
    for (const [path, heading] of ADMIN_SCREENS) {
      await page.goto(path);
      await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
      await expect(page.locator('tbody tr').first()).toBeVisible();
    }

    expect(violations).toEqual([]);
  });

  test('the API reference page renders under the content security policy with no violation', async ({ page }) => {
    const violations = await watchViolations(page);
    const response = await page.goto('/scalar/v1');
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]+';/);
    // The reference lists the API's operations once its inline bootstrap (allowed by the nonce) has run.
    await expect(page.getByRole('heading', { name: 'CleanDashboard API', level: 1 })).toBeVisible();
    await expect(page.getByText('System health: database, version, uptime').first()).toBeVisible();

    expect(violations).toEqual([]);
  });
});
