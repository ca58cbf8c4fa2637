import { createHash } from 'node:crypto';

const MAX_LENGTH = 64;
const HASH_LENGTH = 16;
const safeName = /^[0-9a-zA-Z\-_.]+$/;

/**
 * EventBridge Scheduler names allow 64 characters of [0-9a-zA-Z-_.]. A name that already fits is
 * used as is; any other keeps a readable prefix and gains a hash of the full name, so two
 * business keys never share a schedule and the same key always maps to the same one.
 */
export const scheduleName = (name: string): string => {
  if (name.length > 0 && name.length <= MAX_LENGTH && safeName.test(name)) return name;
  const readable = name.replace(/[^0-9a-zA-Z\-_.]+/g, '-').slice(0, MAX_LENGTH - HASH_LENGTH - 1);
  const hash = createHash('sha256').update(name).digest('hex').slice(0, HASH_LENGTH);
  return `${readable}-${hash}`;
};
