// Writes the price data embedded in @pydantic/genai-prices (providers → models → match rules and prices) as JSON, with the package's name and version.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [packageDir, output] = process.argv.slice(2);
const prices = await import(pathToFileURL(resolve(packageDir, 'dist/index.js')).href);
const providers = await prices.waitForUpdate();
if (!Array.isArray(providers) || providers.length === 0) {
  throw new Error('genai-prices: no provider data in the package');
}
const { name, version } = JSON.parse(readFileSync(resolve(packageDir, 'package.json'), 'utf8'));
writeFileSync(output, JSON.stringify({ package: name, version, providers }));
