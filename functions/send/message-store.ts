import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../shared/deps.js';
import { isConditionFailure } from '../store/dynamo.js';
import { type CampaignStepJob, claimSortKey } from './campaign-step-job.js';
import type { PastMessage } from './decide.js';

/**
 * One (campaign, customer, subject, step) in the messages table, pk=customerId, sk=claim#...
 * claimed -> sending -> sent | unknown | failed, or straight to holdout | skipped.
 */
export type ClaimState = 'claimed' | 'sending' | 'sent' | 'unknown' | 'failed' | 'holdout' | 'skipped';

export interface ClaimRecord {
  customerId: string;
  campaignId: string;
  subjectKey: string;
  step: number;
  state: ClaimState;
  reason?: string;
  messageId: string;
  decidedAt: string;
  /** Set once the message left (or may have left), and on holdout records; the byCampaign index sorts on it. */
  sentAt?: string;
  providerMessageId?: string;
}

export type ClaimResult = { won: true; owner: string } | { won: false; existing?: ClaimRecord };

export interface MessageStore {
  /** Conditional put: only one caller ever wins a key. An expired lease on a `claimed` item may be taken over. */
  claim(job: CampaignStepJob, messageId: string, now: Date): Promise<ClaimResult>;
  /** Records a decision that sends nothing (holdout, skip) under the same key; false if the key was taken. */
  recordFinal(
    job: CampaignStepJob,
    messageId: string,
    state: 'holdout' | 'skipped',
    reason: string,
    now: Date,
  ): Promise<boolean>;
  /** Moves a claim the caller owns on; throws if someone else owns it now. */
  advance(
    job: CampaignStepJob,
    owner: string,
    state: 'sending' | 'sent' | 'unknown' | 'failed' | 'skipped',
    fields: { reason?: string; sentAt?: Date; providerMessageId?: string },
  ): Promise<void>;
  /** Gives a claim back when nothing was sent (from `claimed` or `sending`), so a retry may take it over at once. */
  release(job: CampaignStepJob, owner: string): Promise<void>;
  /** The claim of this step, if it was decided already. */
  find(job: CampaignStepJob): Promise<ClaimRecord | undefined>;
  /** This customer's messages and holdout records decided since `since`, any campaign. */
  history(customerId: string, since: Date): Promise<PastMessage[]>;
}

/** A claim left `claimed` this long (a crashed run) may be taken over; one left `sending` never is. */
export const CLAIM_LEASE_MS = 5 * 60_000;
const RETENTION_SECONDS = 400 * 86_400;

export const createMessageStore = ({ db, tables }: Pick<Deps, 'db' | 'tables'>): MessageStore => {
  const keyOf = (job: CampaignStepJob) => ({ pk: job.customerId, sk: claimSortKey(job) });
  const baseItem = (job: CampaignStepJob, messageId: string, now: Date) => ({
    ...keyOf(job),
    customerId: job.customerId,
    campaignId: job.campaignId,
    subjectKey: job.subjectKey,
    step: job.step,
    flow: job.flow,
    ruleVersion: job.ruleVersion,
    messageId,
    decidedAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + RETENTION_SECONDS,
  });

  const read = async (job: CampaignStepJob): Promise<ClaimRecord | undefined> => {
    const result = await db.send(
      new GetCommand({ TableName: tables.messages, Key: keyOf(job), ConsistentRead: true }),
    );
    return result.Item as ClaimRecord | undefined;
  };

  return {
    async claim(job, messageId, now) {
      const owner = randomUUID();
      const item = {
        ...baseItem(job, messageId, now),
        state: 'claimed',
        owner,
        leaseUntil: now.getTime() + CLAIM_LEASE_MS,
      };
      try {
        await db.send(
          new PutCommand({
            TableName: tables.messages,
            Item: item,
            ConditionExpression: 'attribute_not_exists(pk) OR (#state = :claimed AND leaseUntil < :now)',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':claimed': 'claimed', ':now': now.getTime() },
          }),
        );
        return { won: true, owner };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        return { won: false, existing: await read(job) };
      }
    },
    find: read,
    async recordFinal(job, messageId, state, reason, now) {
      try {
        await db.send(
          new PutCommand({
            TableName: tables.messages,
            Item: {
              ...baseItem(job, messageId, now),
              state,
              reason,
              // Holdout records join the campaign's message log and the attribution window.
              ...(state === 'holdout' ? { sentAt: now.toISOString() } : {}),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    async advance(job, owner, state, fields) {
      const values: Record<string, unknown> = { ':state': state, ':owner': owner };
      const sets = ['#state = :state'];
      if (fields.reason) {
        sets.push('reason = :reason');
        values[':reason'] = fields.reason;
      }
      if (fields.sentAt) {
        sets.push('sentAt = :sentAt');
        values[':sentAt'] = fields.sentAt.toISOString();
      }
      if (fields.providerMessageId) {
        sets.push('providerMessageId = :provider');
        values[':provider'] = fields.providerMessageId;
      }
      await db.send(
        new UpdateCommand({
          TableName: tables.messages,
          Key: keyOf(job),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#state': 'state', '#owner': 'owner' },
          ExpressionAttributeValues: values,
        }),
      );
    },
    async release(job, owner) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: tables.messages,
            Key: keyOf(job),
            UpdateExpression: 'SET #state = :claimed, leaseUntil = :expired',
            ConditionExpression: '#owner = :owner AND #state IN (:claimed, :sending)',
            ExpressionAttributeNames: { '#owner': 'owner', '#state': 'state' },
            ExpressionAttributeValues: {
              ':owner': owner,
              ':claimed': 'claimed',
              ':sending': 'sending',
              ':expired': 0,
            },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },
    async history(customerId, since) {
      const messages: PastMessage[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: tables.messages,
            KeyConditionExpression: 'pk = :customer AND begins_with(sk, :claim)',
            FilterExpression: 'decidedAt >= :since',
            ExpressionAttributeValues: {
              ':customer': customerId,
              ':claim': 'claim#',
              ':since': since.toISOString(),
            },
            ExclusiveStartKey: startKey,
            ConsistentRead: true,
          }),
        );
        for (const item of page.Items ?? []) {
          const state = item.state as ClaimState;
          if (state === 'claimed' || state === 'skipped') continue;
          messages.push({
            campaignId: item.campaignId as string,
            subjectKey: item.subjectKey as string,
            step: item.step as number,
            state,
            at: new Date((item.sentAt ?? item.decidedAt) as string),
          });
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return messages;
    },
  };
};
