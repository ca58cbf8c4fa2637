/** `at(yyyy-mm-ddThh:mm:ss)` in UTC, rounded up to the second so a job never wakes early. */
export const atExpression = (at: Date): string => {
  const wholeSecond = new Date(Math.ceil(at.getTime() / 1000) * 1000);
  return `at(${wholeSecond.toISOString().slice(0, 19)})`;
};
