import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type BuildOptions, build } from 'esbuild';

// The same esbuild options as NudgeFunction (infra/constructs/nudge-function.ts) gives NodejsFunction.
const requireBanner =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

const lambdaBundling: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  minify: true,
  sourcemap: true,
  mainFields: ['module', 'main'],
  banner: { js: requireBanner },
  logLevel: 'silent',
};

export type BundleOutcome = { ok: true; file: string; bytes: number } | { ok: false; error: string };

const bundled = async (outfile: string, extra: BuildOptions): Promise<BundleOutcome> => {
  try {
    await build({ ...lambdaBundling, ...extra, outfile });
    return { ok: true, file: outfile, bytes: (await stat(outfile)).size };
  } catch (error) {
    const first = (error as { errors?: Array<{ text: string }> }).errors?.[0]?.text;
    return { ok: false, error: first ?? String(error) };
  }
};

/** Bundles one Lambda entry file into `<outDir>/<name>/index.mjs`, as `cdk synth` would. */
export const bundleEntry = (repoRoot: string, entry: string, outDir: string, name: string) =>
  bundled(join(outDir, name, 'index.mjs'), { entryPoints: [join(repoRoot, entry)], absWorkingDir: repoRoot });

/** Bundles a module given as source text, resolving its imports from the repository. */
export const bundleSource = (repoRoot: string, source: string, outDir: string, name: string) =>
  bundled(join(outDir, name, 'index.mjs'), {
    stdin: { contents: source, resolveDir: repoRoot, sourcefile: `${name}.ts`, loader: 'ts' },
    absWorkingDir: repoRoot,
  });
