/**
 * Area under the ROC curve: the probability that a random positive scores above a random negative,
 * ties counting half (Mann-Whitney U with mid-ranks). NaN without both classes.
 */
export function rocAuc(scores: readonly number[], positives: readonly boolean[]): number {
  const order = scores.map((_, i) => i).sort((p, q) => scores[p]! - scores[q]!);
  let positiveRankSum = 0;
  let positiveCount = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end++;
    const midRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (positives[order[k]!]) {
        positiveRankSum += midRank;
        positiveCount++;
      }
    }
    start = end + 1;
  }
  const negativeCount = order.length - positiveCount;
  if (positiveCount === 0 || negativeCount === 0) return Number.NaN;
  return (positiveRankSum - (positiveCount * (positiveCount + 1)) / 2) / (positiveCount * negativeCount);
}
