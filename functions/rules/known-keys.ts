import type * as z from '../shared/zod.js';

interface SchemaDef {
  type: string;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  options?: z.core.$ZodType[];
}

const defOf = (schema: z.core.$ZodType): SchemaDef =>
  (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The object schemas a value at this level may match; a union is narrowed by the value's `kind`. */
const objectSchemas = (schema: z.core.$ZodType, value: unknown): z.core.$ZodType[] => {
  const def = defOf(schema);
  if (def.innerType) return objectSchemas(def.innerType, value);
  if (def.type === 'pipe' && def.in) return objectSchemas(def.in, value);
  if (def.type === 'union' && def.options) {
    const all = def.options.flatMap((option) => objectSchemas(option, value));
    const kind = isRecord(value) ? value.kind : undefined;
    const matching = all.filter((option) => {
      const kindSchema = defOf(option).shape?.kind;
      return (
        kindSchema &&
        (kindSchema as unknown as { _zod: { def: { values?: unknown[] } } })._zod.def.values?.includes(kind)
      );
    });
    return matching.length ? matching : all;
  }
  return [schema];
};

const childSchema = (
  schema: z.core.$ZodType,
  key: PropertyKey,
  value: unknown,
): z.core.$ZodType | undefined => {
  for (const candidate of objectSchemas(schema, value)) {
    const def = defOf(candidate);
    if (def.type === 'object' && typeof key === 'string' && def.shape?.[key]) return def.shape[key];
    if (def.type === 'array' && typeof key === 'number') return def.element;
    if (def.type === 'record') return def.valueType;
  }
  return undefined;
};

/** The keys an object at `path` of `root` may have, found by walking the schema alongside the data. */
export const knownKeysAt = (
  schema: z.core.$ZodType,
  path: ReadonlyArray<PropertyKey>,
  root: unknown,
): string[] => {
  let current: z.core.$ZodType | undefined = schema;
  let value: unknown = root;
  for (const key of path) {
    if (!current) return [];
    current = childSchema(current, key, value);
    value =
      isRecord(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  if (!current) return [];
  return [
    ...new Set(
      objectSchemas(current, value).flatMap((candidate) => Object.keys(defOf(candidate).shape ?? {})),
    ),
  ];
};
