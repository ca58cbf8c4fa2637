/**
 * The attribute of the customer's stats item (pk=customerId, sk='stats') that holds the stored score
 * (`churn/score-store.ts`). Score writes set only it and order ingest never does, so neither clobbers
 * the other. Kept here, apart from the store, so the scan's module does not load the store.
 */
export const SCORE_ATTRIBUTE = 'score';
