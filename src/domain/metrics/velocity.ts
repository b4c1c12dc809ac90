// Sales velocity (docs/rules/dashboard.md): how much revenue the pipeline makes per day.
//   velocity = qualified opportunities × average won deal value × unit win rate ÷ average sales cycle (days)

export type VelocityLevers = {
  /** Open deals past the first stage. */
  qualifiedDeals: number;
  /** Major units of the figures' currency. */
  averageWonValue: number | null;
  /** 0 to 1. */
  winRate: number | null;
  /** Days from creation to close of won deals. */
  averageCycleDays: number | null;
};

/** Revenue per day, or null when a lever is unknown or the cycle is zero. */
export function salesVelocity(l: VelocityLevers): number | null {
  if (l.averageWonValue === null || l.winRate === null || l.averageCycleDays === null || l.averageCycleDays <= 0) return null;
  return (l.qualifiedDeals * l.averageWonValue * l.winRate) / l.averageCycleDays;
}

/** Each lever changed by a fraction: +0.1 is 10% more deals, larger deals, a better rate; a shorter cycle is -0.1. */
export type WhatIf = { deals: number; dealSize: number; winRate: number; cycle: number };

export const DEFAULT_WHAT_IF: WhatIf = { deals: 0.1, dealSize: 0.1, winRate: 0.1, cycle: -0.1 };

export function whatIfVelocity(l: VelocityLevers, w: WhatIf): number | null {
  return salesVelocity({
    qualifiedDeals: l.qualifiedDeals * (1 + w.deals),
    averageWonValue: l.averageWonValue === null ? null : l.averageWonValue * (1 + w.dealSize),
    winRate: l.winRate === null ? null : Math.min(1, l.winRate * (1 + w.winRate)),
    averageCycleDays: l.averageCycleDays === null ? null : l.averageCycleDays * (1 + w.cycle),
  });
}
