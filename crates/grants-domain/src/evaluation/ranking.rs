//! The ranking of a call's evaluated applications (SPEC §6): per lot, the applications that clear every
//! minimum, best first, with a deterministic tie-break, so the award proposal and the published ranking
//! never depend on the order the database happens to return rows in.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::consolidation::Consolidation;
use super::grid::RELEVANCE_SECTION;
use crate::Money;

/// One evaluated application competing in a lot: what the ranking and the award proposal need of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    /// The application.
    pub application_id: i64,
    /// The lot it competes in.
    pub lot_id: i64,
    /// The grant it asks for.
    pub requested: Money,
    /// Its consolidated total, full precision.
    pub total: Decimal,
    /// Its consolidated relevance section score: the first tie-break.
    pub relevance: Decimal,
    /// When it was submitted: the second tie-break (earlier first).
    pub submitted_at: DateTime<Utc>,
    /// It clears every section minimum and the total minimum; if not, it is eliminated.
    pub thresholds_met: bool,
}

impl Candidate {
    /// Builds the candidate of an application from its consolidation (relevance is the `relevance`
    /// section; zero when the grid has none, which leaves the tie to the submission time).
    pub fn from_consolidation(
        application_id: i64,
        lot_id: i64,
        requested: Money,
        submitted_at: DateTime<Utc>,
        consolidation: &Consolidation,
    ) -> Candidate {
        Candidate {
            application_id,
            lot_id,
            requested,
            total: consolidation.total,
            relevance: consolidation.section(RELEVANCE_SECTION),
            submitted_at,
            thresholds_met: consolidation.thresholds_met,
        }
    }
}

/// A candidate with its place in its lot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ranked {
    /// 1-based and never shared: ties are always broken.
    pub rank: usize,
    /// The candidate.
    pub candidate: Candidate,
}

/// The outcome of [`rank`]: the ranked lots, and the candidates eliminated by a minimum.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Ranking {
    /// Per lot id, the candidates meeting every threshold, best first. Every lot that had a candidate has an
    /// entry, possibly empty when all its candidates were eliminated.
    pub lots: BTreeMap<i64, Vec<Ranked>>,
    /// The candidates that failed a threshold, by lot then application id. They are not ranked and the
    /// caller rejects them.
    pub eliminated: Vec<Candidate>,
}

/// Best first: total, then relevance (both higher first), then submission time (earlier first), then
/// application id, so two candidates never compare equal.
fn best_first(a: &Candidate, b: &Candidate) -> Ordering {
    b.total
        .cmp(&a.total)
        .then_with(|| b.relevance.cmp(&a.relevance))
        .then_with(|| a.submitted_at.cmp(&b.submitted_at))
        .then_with(|| a.application_id.cmp(&b.application_id))
}

/// Ranks `candidates` per lot: only those meeting every threshold, by total descending, ties broken by the
/// relevance section (higher first), then by submission time (earlier first), and as a last resort by
/// application id (lower first) so the outcome never depends on input order.
pub fn rank(candidates: impl IntoIterator<Item = Candidate>) -> Ranking {
    let mut lots: BTreeMap<i64, Vec<Candidate>> = BTreeMap::new();
    let mut eliminated = Vec::new();
    for candidate in candidates {
        let lot = lots.entry(candidate.lot_id).or_default();
        if candidate.thresholds_met {
            lot.push(candidate);
        } else {
            eliminated.push(candidate);
        }
    }
    eliminated.sort_by_key(|c| (c.lot_id, c.application_id));
    let lots = lots
        .into_iter()
        .map(|(lot_id, mut candidates)| {
            candidates.sort_by(best_first);
            let ranked =
                candidates.into_iter().enumerate().map(|(index, candidate)| Ranked { rank: index + 1, candidate });
            (lot_id, ranked.collect())
        })
        .collect();
    Ranking { lots, eliminated }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32) -> DateTime<Utc> {
        format!("2026-03-{day:02}T12:00:00Z").parse().unwrap()
    }

    fn candidate(application_id: i64, lot_id: i64, total: i64, relevance: i64, day: u32) -> Candidate {
        Candidate {
            application_id,
            lot_id,
            requested: Money::from_cents(10_000_000),
            total: Decimal::from(total),
            relevance: Decimal::from(relevance),
            submitted_at: at(day),
            thresholds_met: true,
        }
    }

    fn order(ranking: &Ranking, lot: i64) -> Vec<(usize, i64)> {
        ranking.lots[&lot].iter().map(|r| (r.rank, r.candidate.application_id)).collect()
    }

    #[test]
    fn best_total_first_per_lot() {
        let ranking = rank([candidate(1, 1, 70, 20, 1), candidate(2, 2, 90, 25, 1), candidate(3, 1, 85, 20, 1)]);
        assert_eq!(order(&ranking, 1), [(1, 3), (2, 1)]);
        assert_eq!(order(&ranking, 2), [(1, 2)]);
        assert!(ranking.eliminated.is_empty());
    }

    #[test]
    fn a_tie_on_total_goes_to_relevance_then_to_the_earlier_submission() {
        let ranking = rank([
            candidate(1, 1, 80, 24, 1), // earliest, but least relevant
            candidate(2, 1, 80, 27, 9), // most relevant: first, though submitted last
            candidate(3, 1, 80, 24, 5), // same total and relevance as 4, submitted earlier
            candidate(4, 1, 80, 24, 3),
        ]);
        assert_eq!(order(&ranking, 1), [(1, 2), (2, 1), (3, 4), (4, 3)]);
    }

    #[test]
    fn a_complete_tie_falls_back_to_the_application_id_whatever_the_input_order() {
        let forward = rank([candidate(8, 1, 80, 24, 1), candidate(5, 1, 80, 24, 1)]);
        let backward = rank([candidate(5, 1, 80, 24, 1), candidate(8, 1, 80, 24, 1)]);
        assert_eq!(order(&forward, 1), [(1, 5), (2, 8)]);
        assert_eq!(forward, backward);
    }

    #[test]
    fn fractions_of_a_point_count() {
        let mut a = candidate(1, 1, 73, 20, 1);
        a.total = Decimal::from(220) / Decimal::from(3); // 73.333…
        let mut b = candidate(2, 1, 73, 30, 1);
        b.total = Decimal::new(7333, 2); // 73.33, below 73.333…
        assert_eq!(order(&rank([b, a]), 1), [(1, 1), (2, 2)]);
    }

    #[test]
    fn eliminated_candidates_are_set_apart_and_their_lot_still_listed() {
        let mut high = candidate(1, 1, 95, 30, 1);
        high.thresholds_met = false;
        let mut alone = candidate(2, 2, 60, 20, 1);
        alone.thresholds_met = false;
        let ranking = rank([high, candidate(3, 1, 50, 10, 1), alone]);
        assert_eq!(order(&ranking, 1), [(1, 3)]);
        assert!(ranking.lots[&2].is_empty());
        assert_eq!(ranking.eliminated.iter().map(|c| c.application_id).collect::<Vec<_>>(), [1, 2]);
    }
}
