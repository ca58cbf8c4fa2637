export interface FrequencyCap {
  minGapMs: number;
  maxPer7Days: number;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * The earliest instant at or after `from` when one more email respects the cap, given when this
 * customer's earlier marketing emails went out (any campaign).
 */
export const earliestUnderCap = (sentAt: readonly Date[], from: Date, cap: FrequencyCap): Date => {
  const sent = sentAt.map((at) => at.getTime()).sort((a, b) => a - b);
  let candidate = from.getTime();
  for (let round = 0; round <= 2 * sent.length; round += 1) {
    const before = sent.filter((at) => at <= candidate);
    const last = before.at(-1);
    if (last !== undefined && candidate < last + cap.minGapMs) {
      candidate = last + cap.minGapMs;
      continue;
    }
    const inWindow = before.filter((at) => at > candidate - WEEK_MS);
    if (inWindow.length >= cap.maxPer7Days) {
      // Enough of the oldest must leave the rolling window to make room for one more.
      candidate = inWindow[inWindow.length - cap.maxPer7Days]! + WEEK_MS;
      continue;
    }
    return new Date(candidate);
  }
  return new Date(candidate);
};
