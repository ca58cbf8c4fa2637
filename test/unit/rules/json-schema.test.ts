import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleSchemaFiles } from '../../../functions/rules/json-schema.js';
import { renderSchemas, repoRoot } from '../../../scripts/generate-schemas.js';
import { exampleFiles } from './example-rules.js';

describe('rule JSON Schemas', () => {
  it('are checked in exactly as the zod schemas generate them (run npx tsx scripts/generate-schemas.ts)', async () => {
    for (const [path, content] of renderSchemas([ruleSchemaFiles])) {
      const checkedIn = await readFile(join(repoRoot, path), 'utf8').catch(() => 'missing');
      expect(checkedIn, `${path} is stale`).toBe(content);
    }
  });

  it('are named by "$schema" in every example JSON file', async () => {
    const files = await exampleFiles();
    const expected = (path: string) => {
      if (path === 'settings.json') return '../schemas/rules/settings.schema.json';
      if (path.startsWith('offers/')) return '../../schemas/rules/offer.schema.json';
      if (path.startsWith('campaigns/')) return '../../schemas/rules/campaign.schema.json';
      return '../../../schemas/rules/template.schema.json';
    };
    const jsonFiles = Object.keys(files).filter((path) => path.endsWith('.json'));

    expect(jsonFiles.length).toBeGreaterThan(10);
    for (const path of jsonFiles) {
      expect(JSON.parse(files[path]!).$schema, path).toBe(expected(path));
    }
  });
});
