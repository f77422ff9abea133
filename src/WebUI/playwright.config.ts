import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CD_E2E_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_INSTALLED = fs.existsSync(CHROMIUM_PATH);
export const E2E_ADMIN_KEY = 'cd-e2e-admin-key-0123456789abcdef';

// CD_E2E_PORT lets a second run (another checkout) use its own port.
const PORT = Number(process.env.CD_E2E_PORT ?? 5187);
const BASE_URL = `http://127.0.0.1:${PORT}`;

// A fresh SQLite file per run. The config is also loaded by worker processes, which inherit
// this variable from the main process and so agree on the path.
process.env.CD_E2E_DATABASE ??= path.join(os.tmpdir(), `cleandashboard-e2e-${Date.now()}-${process.pid}.db`);

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  globalTeardown: './e2e/global-teardown.ts',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [
    ['list'],
    ['junit', { outputFile: 'test-results/e2e-junit.xml' }],
    ['json', { outputFile: 'test-results/e2e-results.json' }],
  ],
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    viewport: { width: 1280, height: 900 },
    timezoneId: 'UTC',
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  // Without Chromium every test is skipped (see e2e/support.ts), so the app is not started either.
  webServer: CHROMIUM_INSTALLED
    ? {
        // test.sh builds Release once and sets CD_E2E_SERVER_COMMAND to run that build; by hand, dotnet run builds it.
        command: process.env.CD_E2E_SERVER_COMMAND ?? `dotnet run --project ../WebApi -- --demo --urls ${BASE_URL}`,
        url: `${BASE_URL}/api/dashboard/health`,
        timeout: 240_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
        env: {
          Auth__BootstrapAdminKey: E2E_ADMIN_KEY,
          ConnectionStrings__Dashboard: `Data Source=${process.env.CD_E2E_DATABASE}`,
          CD_E2E_URL: BASE_URL,
          DOTNET_ENVIRONMENT: 'Development',
          DOTNET_CLI_TELEMETRY_OPTOUT: '1',
          DOTNET_NOLOGO: '1',
        },
      }
    : undefined,
});
