//! The consolidated score of one application (SPEC §6): the mean of its submitted scorecards, whether the
//! evaluators disagree too much for that mean to stand yet, and whether it clears the grid's minimums.

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::grid::{Grid, TOTAL_CODE};
use super::scorecard::Scorecard;

/// A third opinion is needed when the first two totals differ by more than this share of the grid's
/// maximum (0.20: 20 points out of 100), as in EU external-action practice.
pub const DEFAULT_DISCREPANCY_TRIGGER: Decimal = Decimal::from_parts(20, 0, 0, false, 2);

/// Why a consolidation cannot stand yet: the first two evaluators are too far apart. One more submitted
/// scorecard, or a manager's arbitration, closes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedsMore {
    /// The total of the first submitted scorecard.
    pub first_total: Decimal,
    /// The total of the second submitted scorecard.
    pub second_total: Decimal,
    /// How far apart they are.
    pub gap: Decimal,
    /// The largest gap that would have been accepted: trigger × maximum total.
    pub allowed_gap: Decimal,
}

/// The consolidated scores of one application. Scores are points (score × weight), averaged over the
/// submitted scorecards with full decimal precision; round only for display ([`for_display`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consolidation {
    /// Mean points per criterion code (weight included, so they add up to the sections).
    pub per_criterion: BTreeMap<String, Decimal>,
    /// Mean points per section code.
    pub per_section: BTreeMap<String, Decimal>,
    /// Mean total.
    pub total: Decimal,
    /// How many submitted scorecards the mean is over.
    pub scorecards: usize,
    /// The first two totals differed by more than the trigger; stays true once resolved, for the record.
    pub discrepancy: bool,
    /// Set while the discrepancy is open: neither a third scorecard nor an arbitration is in yet.
    pub needs_more: Option<NeedsMore>,
    /// Every section minimum and the total minimum are met.
    pub thresholds_met: bool,
    /// The section codes whose minimum is not met, then `total` if the total minimum is not met.
    pub failed_thresholds: Vec<String>,
}

/// Consolidates the `submitted` scorecards of one application, in submission order (drafts must not be
/// passed). A discrepancy is when the first two totals differ by strictly more than `discrepancy_trigger` ×
/// the grid's maximum; it stays open until a third scorecard is submitted or `arbitrated` (a manager
/// recorded an arbitration). Whatever happens, the mean of ALL submitted scorecards is the score.
pub fn consolidate(
    grid: &Grid,
    submitted: &[Scorecard],
    discrepancy_trigger: Decimal,
    arbitrated: bool,
) -> Consolidation {
    let count = Decimal::from(submitted.len());
    let mean = |sum: Decimal| if submitted.is_empty() { Decimal::ZERO } else { sum / count };

    let mut criterion_sums: BTreeMap<String, Decimal> =
        grid.criteria().map(|(_, c)| (c.code.clone(), Decimal::ZERO)).collect();
    let mut section_sums: BTreeMap<String, Decimal> =
        grid.sections.iter().map(|s| (s.code.clone(), Decimal::ZERO)).collect();
    let mut totals = Vec::with_capacity(submitted.len());
    for card in submitted {
        for (code, points) in card.criterion_points(grid) {
            *criterion_sums.entry(code).or_default() += points;
        }
        for (code, points) in card.section_totals(grid) {
            *section_sums.entry(code).or_default() += points;
        }
        totals.push(card.weighted_total(grid));
    }
    let per_criterion: BTreeMap<_, _> = criterion_sums.into_iter().map(|(code, sum)| (code, mean(sum))).collect();
    let per_section: BTreeMap<_, _> = section_sums.into_iter().map(|(code, sum)| (code, mean(sum))).collect();
    let total = mean(totals.iter().copied().sum());

    let gap = match totals.as_slice() {
        [first, second, ..] => Some(NeedsMore {
            first_total: *first,
            second_total: *second,
            gap: (*first - *second).abs(),
            allowed_gap: discrepancy_trigger * grid.max_total(),
        }),
        _ => None,
    };
    let discrepancy = gap.as_ref().is_some_and(|g| g.gap > g.allowed_gap);
    let resolved = submitted.len() >= 3 || arbitrated;
    let needs_more = gap.filter(|_| discrepancy && !resolved);

    let mut failed_thresholds: Vec<String> = grid
        .sections
        .iter()
        .filter(|s| s.minimum.is_some_and(|minimum| per_section.get(&s.code).copied().unwrap_or_default() < minimum))
        .map(|s| s.code.clone())
        .collect();
    if grid.total_minimum.is_some_and(|minimum| total < minimum) {
        failed_thresholds.push(TOTAL_CODE.to_owned());
    }

    Consolidation {
        per_criterion,
        per_section,
        total,
        scorecards: submitted.len(),
        discrepancy,
        needs_more,
        thresholds_met: failed_thresholds.is_empty(),
        failed_thresholds,
    }
}

impl Consolidation {
    /// The application's evaluation may complete: at least `required_evaluators` submitted scorecards and no
    /// open discrepancy.
    pub fn is_complete(&self, required_evaluators: usize) -> bool {
        self.scorecards >= required_evaluators && self.needs_more.is_none()
    }

    /// The mean points of section `code` (zero when the grid has no such section).
    pub fn section(&self, code: &str) -> Decimal {
        self.per_section.get(code).copied().unwrap_or_default()
    }
}

/// A score as shown to people: two decimal places, halves away from zero (73.3333… → 73.33). Never compare
/// or rank on the rounded value.
pub fn for_display(value: Decimal) -> Decimal {
    let mut shown = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    shown.rescale(2);
    shown
}

/// Points in a sentence (`82`, `55.5`): rounded as [`for_display`], without trailing zeros.
pub fn points_in_words(value: Decimal) -> String {
    for_display(value).normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A full-application scorecard worth exactly `total` points (30 ≤ total ≤ 100): every criterion at 3
    /// (60 points), then raised or lowered one ×1 point at a time.
    fn worth(grid: &Grid, total: u32) -> Scorecard {
        let mut card = Scorecard { overall_comment: "ok".into(), ..Scorecard::default() };
        let mut left = i64::from(total) - 60;
        for (_, criterion) in grid.criteria() {
            let mut score: i64 = 3;
            let weight = i64::from(criterion.weight);
            while left >= weight && score < 5 {
                score += 1;
                left -= weight;
            }
            while left <= -weight && score > 1 {
                score -= 1;
                left += weight;
            }
            card.scores.insert(criterion.code.clone(), u8::try_from(score).unwrap());
        }
        assert_eq!(card.weighted_total(grid), Decimal::from(total));
        card
    }

    #[test]
    fn the_score_is_the_mean_of_the_scorecards() {
        let grid = Grid::full_application_default();
        let result = consolidate(&grid, &[worth(&grid, 80), worth(&grid, 71)], DEFAULT_DISCREPANCY_TRIGGER, false);
        assert_eq!(result.total, Decimal::new(755, 1));
        assert_eq!(result.per_section.values().copied().sum::<Decimal>(), result.total);
        assert_eq!(result.per_criterion.values().copied().sum::<Decimal>(), result.total);
        assert!(!result.discrepancy && result.is_complete(2) && !result.is_complete(3));
    }

    #[test]
    fn a_gap_exactly_at_the_trigger_is_not_a_discrepancy_one_point_more_is() {
        let grid = Grid::full_application_default();
        let at = consolidate(&grid, &[worth(&grid, 80), worth(&grid, 60)], DEFAULT_DISCREPANCY_TRIGGER, false);
        assert!(!at.discrepancy && at.needs_more.is_none() && at.is_complete(2));
        assert_eq!(at.total, Decimal::from(70));

        let above = consolidate(&grid, &[worth(&grid, 81), worth(&grid, 60)], DEFAULT_DISCREPANCY_TRIGGER, false);
        assert!(above.discrepancy && !above.is_complete(2));
        let open = above.needs_more.clone().unwrap();
        assert_eq!((open.gap, open.allowed_gap), (Decimal::from(21), Decimal::from(20)));
        assert_eq!(above.total, Decimal::new(705, 1), "the mean is still shown while it is open");
    }

    #[test]
    fn a_third_scorecard_or_an_arbitration_closes_the_discrepancy() {
        let grid = Grid::full_application_default();
        let cards = [worth(&grid, 90), worth(&grid, 50), worth(&grid, 61)];
        let third = consolidate(&grid, &cards, DEFAULT_DISCREPANCY_TRIGGER, false);
        assert!(third.discrepancy && third.needs_more.is_none() && third.is_complete(2));
        assert_eq!(third.total, Decimal::from(67), "the mean of all three: 201 / 3");

        let arbitrated = consolidate(&grid, &cards[..2], DEFAULT_DISCREPANCY_TRIGGER, true);
        assert!(arbitrated.discrepancy && arbitrated.is_complete(2));
        assert_eq!(arbitrated.total, Decimal::from(70));

        // Only the first two are compared: a far-off third opinion opens nothing.
        let late = consolidate(
            &grid,
            &[worth(&grid, 70), worth(&grid, 75), worth(&grid, 40)],
            DEFAULT_DISCREPANCY_TRIGGER,
            false,
        );
        assert!(!late.discrepancy && late.is_complete(3));
    }

    #[test]
    fn the_trigger_is_a_share_of_the_grid_maximum() {
        let grid = Grid::concept_note_default(); // out of 50: 0.20 → 10 points
        let mut high = Scorecard { overall_comment: "ok".into(), ..Scorecard::default() };
        let mut low = high.clone();
        for (_, c) in grid.criteria() {
            high.scores.insert(c.code.clone(), 5); // 50
            low.scores.insert(c.code.clone(), 4); // 40
        }
        assert!(!consolidate(&grid, &[high.clone(), low.clone()], DEFAULT_DISCREPANCY_TRIGGER, false).discrepancy);
        low.scores.insert("stakeholders".into(), 3); // 39
        assert!(consolidate(&grid, &[high, low], DEFAULT_DISCREPANCY_TRIGGER, false).discrepancy);
    }

    #[test]
    fn thresholds_are_met_at_the_minimum_and_failed_below() {
        let mut grid = Grid::full_application_default();
        let mut card = worth(&grid, 60); // capacity 3+3+3+3 = 12, exactly the minimum
        assert_eq!(card.section_totals(&grid)["capacity"], Decimal::from(12));
        let met = consolidate(&grid, &[card.clone()], DEFAULT_DISCREPANCY_TRIGGER, false);
        assert!(met.thresholds_met && met.failed_thresholds.is_empty());

        card.scores.insert("financial_sources".into(), 2); // capacity 11
        grid.total_minimum = Some(Decimal::from(60));
        let failed = consolidate(&grid, &[card], DEFAULT_DISCREPANCY_TRIGGER, false);
        assert!(!failed.thresholds_met);
        assert_eq!(failed.failed_thresholds, ["capacity", "total"]);
    }

    #[test]
    fn the_mean_keeps_full_precision_and_rounds_only_for_display() {
        let grid = Grid::full_application_default();
        let result = consolidate(
            &grid,
            &[worth(&grid, 70), worth(&grid, 70), worth(&grid, 71)],
            DEFAULT_DISCREPANCY_TRIGGER,
            false,
        );
        assert_eq!(result.total, Decimal::from(211) / Decimal::from(3));
        assert!(result.total.scale() > 20, "not rounded: {}", result.total);
        assert_eq!(for_display(result.total).to_string(), "70.33");
        assert_eq!(for_display(Decimal::new(70_665, 3)).to_string(), "70.67");
        assert_eq!(for_display(Decimal::from(70)).to_string(), "70.00");
    }

    #[test]
    fn no_scorecard_means_zero_and_incomplete() {
        let grid = Grid::full_application_default();
        let result = consolidate(&grid, &[], DEFAULT_DISCREPANCY_TRIGGER, false);
        assert_eq!(result.total, Decimal::ZERO);
        assert!(!result.is_complete(1) && !result.thresholds_met);
    }
}
