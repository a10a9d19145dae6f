/** Support tiers L1 (help desk) … L4 (development); escalation moves up, de-escalation down. */
export const TIERS = ['L1', 'L2', 'L3', 'L4'] as const;
export type TicketTier = (typeof TIERS)[number];

export function tierRank(tier: TicketTier): number {
  return TIERS.indexOf(tier);
}

export type TierMoveProblem = 'already_top' | 'already_bottom' | 'not_higher' | 'not_lower';

/** The tier an escalation moves to: the one asked for (must be higher), else the next one up. */
export function escalationTarget(current: TicketTier, requested?: TicketTier): TicketTier | TierMoveProblem {
  if (requested) return tierRank(requested) > tierRank(current) ? requested : 'not_higher';
  return TIERS[tierRank(current) + 1] ?? 'already_top';
}

export function deEscalationTarget(
  current: TicketTier,
  requested?: TicketTier,
): TicketTier | TierMoveProblem {
  if (requested) return tierRank(requested) < tierRank(current) ? requested : 'not_lower';
  return tierRank(current) === 0 ? 'already_bottom' : (TIERS[tierRank(current) - 1] as TicketTier);
}
