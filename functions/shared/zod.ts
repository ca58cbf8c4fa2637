import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// Lambda code uses zod/mini: a third of classic zod's code to load on a cold start
// (docs/cold-start.md). Classic zod sets English messages when imported; mini leaves every message
// "Invalid input", so this module sets them. package.json lists this file under `sideEffects`, so
// bundlers keep this call although the module only re-exports.
config(en());

export * from 'zod/mini';
// `z.core.$ZodError` as a value would make bundlers build the whole `core` namespace, every locale included.
export { $ZodError } from 'zod/v4/core';
