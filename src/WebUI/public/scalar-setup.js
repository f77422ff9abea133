// Loaded before the API reference (/scalar/v1): Scalar's bundled Zod probes for eval with Function(''),
// which the content security policy blocks and reports; jitless mode skips that probe.
globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };
