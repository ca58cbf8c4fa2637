import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { SHOP_SOURCE, shopDetailSchemas, shopDetailTypes } from '../functions/events/shop-events.js';
import { ruleSchemaFiles } from '../functions/rules/json-schema.js';

/** One generated JSON Schema file: where it goes (relative to the repo root) and what it describes. */
export interface SchemaFile {
  path: string;
  schema: z.core.$ZodType;
  title: string;
  description: string;
}

/** `Cart Updated` -> `cart-updated`. */
export const kebab = (detailType: string): string => detailType.toLowerCase().replace(/\s+/g, '-');

export const eventSchemaFiles = (): SchemaFile[] =>
  shopDetailTypes.map((detailType) => ({
    path: `schemas/events/${kebab(detailType)}.schema.json`,
    schema: shopDetailSchemas[detailType],
    title: `${detailType} (detail)`,
    description: `The detail of an EventBridge event with source "${SHOP_SOURCE}" and detail-type "${detailType}". Money is an integer number of minor units.`,
  }));

/** Every generator; adding a family of schemas is one line here. */
export const schemaGenerators: Array<() => SchemaFile[]> = [eventSchemaFiles, ruleSchemaFiles];

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** File path -> exact file content, for writing and for the staleness check. */
export const renderSchemas = (generators = schemaGenerators): Map<string, string> => {
  const files = new Map<string, string>();
  for (const file of generators.flatMap((generate) => generate())) {
    const json = z.toJSONSchema(file.schema, {
      target: 'draft-2020-12',
      io: 'input',
      unrepresentable: 'any',
    });
    const document = { ...json, title: file.title, description: file.description };
    files.set(file.path, `${JSON.stringify(document, null, 2)}\n`);
  }
  return files;
};

/** Paths whose checked-in content differs from what the schemas generate now. */
export const staleSchemaFiles = async (root = repoRoot): Promise<string[]> => {
  const stale: string[] = [];
  for (const [path, content] of renderSchemas()) {
    const current = await readFile(join(root, path), 'utf8').catch(() => undefined);
    if (current !== content) stale.push(path);
  }
  return stale;
};

export const writeSchemas = async (root = repoRoot): Promise<string[]> => {
  const written: string[] = [];
  for (const [path, content] of renderSchemas()) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
    written.push(path);
  }
  return written;
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--check')) {
    const stale = await staleSchemaFiles();
    if (stale.length > 0) {
      process.stderr.write(`Stale: ${stale.join(', ')}. Run: npx tsx scripts/generate-schemas.ts\n`);
      process.exit(1);
    }
  } else {
    for (const path of await writeSchemas()) process.stdout.write(`wrote ${path}\n`);
  }
}
