import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FunctionId, functionIds } from '../../functions/routes.js';
import { type FunctionSpec, functionSpecs } from '../../infra/function-specs.js';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The stack's bundling (infra/constructs/nudge-function.ts), minified so the sizes are the shipped ones. */
const bundleInputs = async (entry: string): Promise<Metafile['outputs'][string]['inputs']> => {
  const result = await build({
    entryPoints: [path.join(repositoryRoot, entry)],
    absWorkingDir: repositoryRoot,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    mainFields: ['module', 'main'],
    write: false,
    metafile: true,
    logLevel: 'silent',
    outfile: 'index.mjs',
  });
  const output = Object.values(result.metafile.outputs).find((file) => file.entryPoint);
  if (!output) throw new Error(`esbuild produced no entry output for ${entry}`);
  return output.inputs;
};

const carries = (inputs: Record<string, { bytesInOutput: number }>, fragment: string): boolean =>
  Object.entries(inputs).some(([file, input]) => file.includes(fragment) && input.bytesInOutput > 0);

/** Each SDK client an entry may build, and the grant in its FunctionSpec that lets it call the service. */
const clientGrants: Array<{ client: string; granted: (spec: FunctionSpec) => boolean }> = [
  { client: 'node_modules/@aws-sdk/client-ses/', granted: (spec) => spec.sendsEmail === true },
  { client: 'node_modules/@aws-sdk/client-scheduler/', granted: (spec) => spec.schedules === true },
  { client: 'node_modules/@aws-sdk/client-eventbridge/', granted: (spec) => spec.publishesEvents === true },
  { client: 'node_modules/@aws-sdk/client-lambda/', granted: (spec) => (spec.invokes?.length ?? 0) > 0 },
];

/** Cold start is mostly parsing and evaluating the bundle, so each function carries only what it can use. */
describe('Lambda bundle contents', () => {
  const inputs = new Map<FunctionId, Record<string, { bytesInOutput: number }>>();

  beforeAll(async () => {
    for (const id of functionIds) inputs.set(id, await bundleInputs(functionSpecs[id].entry));
  }, 60_000);

  it.each(functionIds)('%s bundles exactly the SDK clients its FunctionSpec grants', (id) => {
    const bundled = inputs.get(id) ?? {};

    const carried = clientGrants.filter(({ client }) => carries(bundled, client)).map(({ client }) => client);
    const granted = clientGrants
      .filter(({ granted }) => granted(functionSpecs[id]))
      .map(({ client }) => client);

    expect(carried).toEqual(granted);
  });

  it.each(functionIds)('%s tree-shakes zod down to the schemas it builds (no locales but English)', (id) => {
    const bundled = inputs.get(id) ?? {};

    const locales = Object.keys(bundled).filter(
      (file) => /node_modules\/zod\/v4\/locales\/(?!en\.js|index\.js)/.test(file) && carries(bundled, file),
    );

    // `import { z } from 'zod'` keeps the whole namespace, every locale included; use `import * as z from 'zod'`.
    expect(locales).toEqual([]);
  });

  it.each(functionIds)('%s carries zod/mini and its English messages, not classic zod', (id) => {
    const bundled = inputs.get(id) ?? {};

    // Classic zod is three times the code to load; functions/shared/zod.ts is the one way in.
    expect(carries(bundled, 'node_modules/zod/v4/classic/')).toBe(false);
    expect(carries(bundled, 'node_modules/zod/v4/mini/')).toBe(true);
    expect(carries(bundled, 'node_modules/zod/v4/locales/en.js')).toBe(true);
  });
});
