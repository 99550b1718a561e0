//! From a lot's ranking to money (SPEC §6): the award proposal the evaluation committee signs (funded,
//! reserve list, rejected), and the shortlist of concept notes invited to a restricted call's second stage.
//! Both walk the ranking in order against the lot budget, so neither may ever exceed it.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::ranking::Ranked;
use crate::Money;

/// What happens after the first application that no longer fits in what is left of the lot budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AwardOrder {
    /// Award strictly in rank order: from the first application that does not fit on, nothing more is
    /// awarded, so a cheaper proposal never overtakes a better one (the default).
    #[default]
    Strict,
    /// Keep filling the budget: a later application that still fits is awarded.
    Fill,
}

/// The proposal for one lot, every list in rank order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Proposal {
    /// The funded applications with their grant (the requested amount).
    pub awarded: Vec<(i64, Money)>,
    /// The reserve list: funded, in this order, if an awarded application drops out.
    pub reserve: Vec<i64>,
    /// Ranked applications neither awarded nor on the reserve list.
    pub rejected: Vec<i64>,
}

impl Proposal {
    /// The sum of the grants awarded: never above the lot budget.
    pub fn awarded_total(&self) -> Decimal {
        self.awarded.iter().map(|(_, amount)| amount.amount()).sum()
    }
}

/// Proposes the awards of one lot from its ranking (`ranked`, best first, as [`super::rank`] returns it).
///
/// Walks the ranking, awarding each requested amount while it fits in what is left of `lot_budget`
/// (fitting exactly counts). Under [`AwardOrder::Strict`], the first application that does not fit and
/// every one after it go to the reserve list, up to `reserve_list_length`; under [`AwardOrder::Fill`], a
/// later application that still fits is awarded, and those that don't fit go to the reserve list in rank
/// order. The rest are rejected.
///
/// Applications eliminated by a minimum are not ranked, so they never reach this function: the caller
/// rejects them ([`super::Ranking::eliminated`]).
pub fn propose(ranked: &[Ranked], lot_budget: Money, reserve_list_length: usize, order: AwardOrder) -> Proposal {
    let mut proposal = Proposal::default();
    let mut left = lot_budget.amount();
    let mut blocked = false;
    for entry in ranked {
        let id = entry.candidate.application_id;
        let requested = entry.candidate.requested;
        if !blocked && requested.amount() <= left {
            left -= requested.amount();
            proposal.awarded.push((id, requested));
            continue;
        }
        blocked = order == AwardOrder::Strict;
        if proposal.reserve.len() < reserve_list_length {
            proposal.reserve.push(id);
        } else {
            proposal.rejected.push(id);
        }
    }
    proposal
}

/// The concept notes of one lot invited to submit a full application (restricted calls): in rank order,
/// while the running sum of requested amounts stays within `factor` × `lot_budget`. The walk stops at the
/// first application that would cross the line (it is not invited, nor is any after it, even a cheaper
/// one), so the shortlist is always a head of the ranking and never asks for more than the line.
pub fn shortlist(ranked: &[Ranked], lot_budget: Money, factor: Decimal) -> Vec<i64> {
    let line = lot_budget.amount() * factor;
    let mut running = Decimal::ZERO;
    let mut invited = Vec::new();
    for entry in ranked {
        running += entry.candidate.requested.amount();
        if running > line {
            break;
        }
        invited.push(entry.candidate.application_id);
    }
    invited
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::ranking::Candidate;

    /// A ranking of candidates requesting these amounts (in euro), ids 1, 2, 3… in rank order.
    fn ranking(requests: &[i64]) -> Vec<Ranked> {
        requests
            .iter()
            .zip(1..)
            .map(|(&euro, id)| Ranked {
                rank: usize::try_from(id).unwrap(),
                candidate: Candidate {
                    application_id: id,
                    lot_id: 1,
                    requested: Money::from_cents(euro * 100),
                    total: Decimal::from(100 - id),
                    relevance: Decimal::ZERO,
                    submitted_at: "2026-03-01T00:00:00Z".parse().unwrap(),
                    thresholds_met: true,
                },
            })
            .collect()
    }

    fn euro(amount: i64) -> Money {
        Money::from_cents(amount * 100)
    }

    fn ids(awarded: &[(i64, Money)]) -> Vec<i64> {
        awarded.iter().map(|(id, _)| *id).collect()
    }

    #[test]
    fn strict_order_never_lets_a_cheaper_proposal_overtake_a_better_one() {
        // 400 and 500 fit (100 left); 200 does not: strict stops there, fill goes on and takes 100.
        let ranked = ranking(&[400, 500, 200, 100, 50]);
        let strict = propose(&ranked, euro(1000), 2, AwardOrder::Strict);
        assert_eq!(ids(&strict.awarded), [1, 2]);
        assert_eq!(strict.reserve, [3, 4]);
        assert_eq!(strict.rejected, [5]);

        let fill = propose(&ranked, euro(1000), 2, AwardOrder::Fill);
        assert_eq!(ids(&fill.awarded), [1, 2, 4]);
        assert_eq!(fill.awarded_total(), Decimal::from(1000));
        assert_eq!(fill.reserve, [3, 5]);
        assert!(fill.rejected.is_empty());
    }

    #[test]
    fn an_exact_fit_is_awarded_and_one_cent_over_is_not() {
        let ranked = ranking(&[600, 400]);
        assert_eq!(ids(&propose(&ranked, euro(1000), 0, AwardOrder::Strict).awarded), [1, 2]);
        let short = propose(&ranked, Money::from_cents(99_999), 0, AwardOrder::Strict);
        assert_eq!((ids(&short.awarded), short.rejected), (vec![1], vec![2]));
    }

    #[test]
    fn awards_carry_the_requested_amount_and_an_empty_ranking_awards_nothing() {
        let proposal = propose(&ranking(&[250]), euro(1000), 5, AwardOrder::Strict);
        assert_eq!(proposal.awarded, [(1, euro(250))]);
        assert_eq!(propose(&[], euro(1000), 5, AwardOrder::Fill), Proposal::default());
    }

    /// Deterministic pseudo-random numbers (64-bit LCG), so the generated cases are the same every run.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, bound: u64) -> u64 {
            self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) % bound
        }
    }

    #[test]
    fn the_budget_is_never_exceeded_and_everyone_lands_somewhere_exactly_once() {
        let mut random = Lcg(2026);
        for _ in 0..2000 {
            let count = usize::try_from(random.below(12)).unwrap();
            let requests: Vec<i64> = (0..count).map(|_| i64::try_from(random.below(500)).unwrap() + 1).collect();
            let ranked = ranking(&requests);
            let budget = euro(i64::try_from(random.below(1500)).unwrap());
            let reserve_length = usize::try_from(random.below(4)).unwrap();
            for order in [AwardOrder::Strict, AwardOrder::Fill] {
                let proposal = propose(&ranked, budget, reserve_length, order);
                assert!(proposal.awarded_total() <= budget.amount(), "{requests:?} in {budget}: {proposal:?}");
                assert!(proposal.reserve.len() <= reserve_length);
                let mut everyone: Vec<i64> = ids(&proposal.awarded)
                    .into_iter()
                    .chain(proposal.reserve.clone())
                    .chain(proposal.rejected.clone())
                    .collect();
                everyone.sort_unstable();
                assert_eq!(everyone, (1..).take(count).collect::<Vec<i64>>());
                for list in [ids(&proposal.awarded), proposal.reserve.clone(), proposal.rejected.clone()] {
                    assert!(list.is_sorted(), "every list keeps the rank order: {list:?}");
                }
                if order == AwardOrder::Strict {
                    // The awarded applications are a head of the ranking.
                    assert_eq!(ids(&proposal.awarded), (1..).take(proposal.awarded.len()).collect::<Vec<i64>>());
                }
                // Whoever is left out did not fit in what was left: the first one under strict, all under fill.
                let left = budget.amount() - proposal.awarded_total();
                let out: Vec<i64> = proposal.reserve.iter().chain(&proposal.rejected).copied().collect();
                let checked = if order == AwardOrder::Strict { out.len().min(1) } else { out.len() };
                for id in &out[..checked] {
                    assert!(ranked[usize::try_from(id - 1).unwrap()].candidate.requested.amount() > left);
                }
            }
            let strict = propose(&ranked, budget, reserve_length, AwardOrder::Strict);
            let fill = propose(&ranked, budget, reserve_length, AwardOrder::Fill);
            assert!(fill.awarded.starts_with(&strict.awarded), "fill only adds to strict");
        }
    }

    #[test]
    fn the_shortlist_stops_before_the_application_that_crosses_the_line() {
        let ranked = ranking(&[800, 700, 600, 100]);
        // Line: 2 × 1000 = 2000. 800, 1500, then 2100 crosses: the cheap fourth is not invited either.
        assert_eq!(shortlist(&ranked, euro(1000), Decimal::TWO), [1, 2]);
        // Exactly on the line is in.
        assert_eq!(shortlist(&ranked, euro(1050), Decimal::TWO), [1, 2, 3]);
        assert_eq!(shortlist(&ranked, euro(10_000), Decimal::TWO), [1, 2, 3, 4]);
        assert!(shortlist(&ranked, euro(300), Decimal::TWO).is_empty());
    }
}
