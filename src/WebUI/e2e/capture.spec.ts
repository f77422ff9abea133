import path from 'node:path';
import { ADMIN_KEY, createMemberKey, expect, signIn, skipWithoutChromium, test } from './support';

skipWithoutChromium();

test.describe('capture', () => {
  test('an operator finds a request by a phrase of its prompt and reads the redacted conversation', async ({ page, request }, testInfo) => {
    const key = await createMemberKey(request);
    // Letters only: a run of 13 digits (Date.now()) passes the Luhn check one time in ten and is redacted as a card number.
    const marker = `kiwi${Date.now().toString().replace(/\d/g, (digit) => 'abcdefghij'.charAt(Number(digit)))}`;
    const prompt = `my parrot ${marker} speaks in riddles, mail owner@example.com`;
    const answer = await request.post('/v1/chat/completions', {
      headers: { Authorization: `Bearer ${key}` },
      data: { model: 'demo-echo', messages: [{ role: 'system', content: 'Be kind.' }, { role: 'user', content: prompt }] },
    });
    expect(answer.status(), await answer.text()).toBe(200);
    // The background writer stores the request (and its capture) a moment after the answer.
    const phrase = `parrot ${marker} speaks`;
    await expect
      .poll(async () => {
        const list = await request.get(`/api/admin/request-logs?q=${encodeURIComponent(phrase)}`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
        return ((await list.json()) as { totalCount: number }).totalCount;
      })
      .toBe(1);

    await signIn(page);
    await page.goto('/admin/request-logs');
    await page.getByLabel('Search captured text').fill(phrase);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const table = page.getByRole('table', { name: 'Request logs' });
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await table.locator('tbody tr').first().getByRole('link').first().click();

    const messages = page.getByRole('list', { name: 'Messages' });
    await expect(messages.getByRole('listitem')).toHaveCount(2);
    await expect(messages.getByText(`my parrot ${marker} speaks in riddles, mail [redacted:email]`)).toBeVisible();
    await expect(page.getByRole('list', { name: 'Answer' })).toContainText(`Echo: my parrot ${marker} speaks in riddles, mail [redacted:email]`);
    await expect(page.getByText('Redacted before storage: 2 × email.')).toBeVisible();
    await expect(page.getByText('owner@example.com')).toHaveCount(0);

    const screenshot = path.join(testInfo.project.outputDir, 'conversation.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    await testInfo.attach('conversation', { path: screenshot, contentType: 'image/png' });
  });
});
