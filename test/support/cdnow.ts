import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The CDNOW data set of shared/, which lies beside the repository (CI lays a copy of shared/ beside
 * its clone); /work/shared is where a developer's machine has it.
 */
export const CDNOW_DIR =
  [join(repoRoot, '..', 'shared', 'datasets', 'cdnow'), '/work/shared/datasets/cdnow'].find((dir) =>
    existsSync(join(dir, 'CDNOW_sample.txt')),
  ) ?? join(repoRoot, '..', 'shared', 'datasets', 'cdnow');

export const CDNOW_SAMPLE = join(CDNOW_DIR, 'CDNOW_sample.txt');
