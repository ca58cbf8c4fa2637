import { createHash } from 'node:crypto';

const BUCKETS = 10_000;

/** A stable bucket 0..9999 per (customer, campaign): the same customer always lands in the same group. */
export const holdoutBucket = (customerId: string, campaignId: string): number =>
  createHash('sha256').update(`${customerId}\u0000${campaignId}`).digest().readUInt32BE(0) % BUCKETS;

/** `holdoutPercent` 10 keeps buckets 0..999, i.e. 10% of customers, out of the campaign. */
export const isInHoldout = (customerId: string, campaignId: string, holdoutPercent: number): boolean =>
  holdoutBucket(customerId, campaignId) < Math.round(holdoutPercent * 100);
