import base from './playwright.config';
export default { ...base, webServer: { command: 'npm run build && node /tmp/mock/server.mjs ../WebApi/wwwroot 5187', url: 'http://127.0.0.1:5187/api/dashboard/health', timeout: 120_000, reuseExistingServer: false } };
