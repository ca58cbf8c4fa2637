import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { functionIds } from '../../functions/routes.js';
import { functionSpecs } from '../../infra/function-specs.js';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The same esbuild settings the stack's NodejsFunction bundling uses (infra/constructs/nudge-function.ts). */
const bundle = (entry: string) =>
  build({
    entryPoints: [path.join(repositoryRoot, entry)],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    mainFields: ['module', 'main'],
    write: false,
    metafile: true,
    logLevel: 'silent',
    outfile: 'index.mjs',
  });

describe('Lambda entry points', () => {
  it('has one entry file per function id and no stray ones', () => {
    const entries = readdirSync(path.join(repositoryRoot, 'functions/handlers'))
      .filter((file) => file !== 'factories.ts')
      .map((file) => file.replace(/\.ts$/, ''));

    expect(entries.sort()).toEqual([...functionIds].sort());
  });

  it.each(functionIds)('bundles %s with esbuild into a module exporting handler', async (id) => {
    const entry = functionSpecs[id].entry;
    expect(existsSync(path.join(repositoryRoot, entry))).toBe(true);

    const result = await bundle(entry);

    const output = Object.values(result.metafile.outputs).find((file) => file.entryPoint);
    expect(output?.exports).toEqual(['handler']);
  });
});
