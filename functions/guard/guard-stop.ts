/** Something the guard found that must stop: which switch to pause and why. */
export interface GuardStop {
  scope: string;
  reason: 'roi_below_floor' | 'pacing_ahead' | 'reputation_bounce_rate' | 'reputation_complaint_rate';
  detail: Record<string, unknown>;
}
