//! One evaluator's scorecard for one application (SPEC §6): a score per criterion, the comments that
//! justify them, and an overall comment. It is saved as a draft as often as the evaluator likes and checked
//! in full only at submission, after which it counts in the consolidation.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use grants_i18n::Arg;

use super::grid::Grid;
use crate::{FieldError, Language};

/// The scores and comments of one evaluator; every map is keyed by criterion code.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct Scorecard {
    /// The score of each criterion, on the criterion's scale (before weighting).
    #[serde(default)]
    pub scores: BTreeMap<String, u8>,
    /// Why a criterion got its score; required for low scores.
    #[serde(default)]
    pub comments: BTreeMap<String, String>,
    /// The evaluator's overall opinion, shown to the evaluation committee.
    #[serde(default)]
    pub overall_comment: String,
}

struct Report {
    lang: Language,
    errors: Vec<FieldError>,
}

impl Report {
    /// Adds the error `code` at `field`, worded by catalogue message `id`.
    fn add(&mut self, field: String, code: &'static str, id: &str, args: &[(&str, Arg<'_>)]) {
        let message = self.lang.text(id, args);
        self.errors.push(FieldError { field, code, message });
    }
}

impl Scorecard {
    /// Checks the scorecard for submission against `grid`: every criterion scored within its scale, no score
    /// for a criterion the grid does not have, a comment for every score below `comment_required_below`, and
    /// an overall comment. Messages are in `lang`; an empty list means the scorecard may be submitted.
    pub fn validate(&self, grid: &Grid, comment_required_below: u8, lang: Language) -> Vec<FieldError> {
        let mut report = Report { lang, errors: Vec::new() };
        for (_, criterion) in grid.criteria() {
            let code = &criterion.code;
            let label = criterion.label(lang);
            let field = format!("/scores/{code}");
            let Some(&score) = self.scores.get(code) else {
                report.add(field, "required", "scorecard-error-score-required", &[("label", Arg::Text(label))]);
                continue;
            };
            let (min, max) = (criterion.scale_min, criterion.scale_max);
            if !(min..=max).contains(&score) {
                report.add(
                    field,
                    "out_of_range",
                    "scorecard-error-score-out-of-range",
                    &[
                        ("label", Arg::Text(label)),
                        ("min", Arg::Number(i64::from(min))),
                        ("max", Arg::Number(i64::from(max))),
                    ],
                );
            } else if score < comment_required_below && self.comments.get(code).is_none_or(|c| c.trim().is_empty()) {
                report.add(
                    format!("/comments/{code}"),
                    "comment_required",
                    "scorecard-error-comment-required",
                    &[
                        ("label", Arg::Text(label)),
                        ("comment_required_below", Arg::Number(i64::from(comment_required_below))),
                    ],
                );
            }
        }
        for (kind, codes) in
            [("scores", self.scores.keys().collect::<Vec<_>>()), ("comments", self.comments.keys().collect())]
        {
            for code in codes.into_iter().filter(|code| grid.criterion(code).is_none()) {
                report.add(
                    format!("/{kind}/{code}"),
                    "unknown_criterion",
                    "scorecard-error-unknown-criterion",
                    &[("code", Arg::Text(code))],
                );
            }
        }
        if self.overall_comment.trim().is_empty() {
            report.add("/overall_comment".into(), "required", "scorecard-error-overall-comment-required", &[]);
        }
        report.errors
    }

    /// The points of each criterion of `grid`: score × weight. Meant for submitted (valid) scorecards: a
    /// missing score counts 0 and a score for a criterion outside the grid is ignored.
    pub fn criterion_points(&self, grid: &Grid) -> BTreeMap<String, Decimal> {
        grid.criteria()
            .map(|(_, criterion)| {
                let score = self.scores.get(&criterion.code).copied().unwrap_or(0);
                (criterion.code.clone(), Decimal::from(score) * Decimal::from(criterion.weight))
            })
            .collect()
    }

    /// The points of each section of `grid`: the sum of its criteria's points.
    pub fn section_totals(&self, grid: &Grid) -> BTreeMap<String, Decimal> {
        let points = self.criterion_points(grid);
        grid.sections
            .iter()
            .map(|section| {
                let total = section.criteria.iter().map(|c| points.get(&c.code).copied().unwrap_or_default()).sum();
                (section.code.clone(), total)
            })
            .collect()
    }

    /// The total of the scorecard: Σ score × weight over the criteria of `grid`.
    pub fn weighted_total(&self, grid: &Grid) -> Decimal {
        self.criterion_points(grid).values().copied().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scorecard giving every criterion of the grid `score`, with an overall comment.
    fn uniform(grid: &Grid, score: u8) -> Scorecard {
        Scorecard {
            scores: grid.criteria().map(|(_, c)| (c.code.clone(), score)).collect(),
            comments: BTreeMap::new(),
            overall_comment: "Solid proposal.".into(),
        }
    }

    fn codes(errors: &[FieldError]) -> Vec<(&str, &str)> {
        errors.iter().map(|e| (e.field.as_str(), e.code)).collect()
    }

    #[test]
    fn a_complete_scorecard_passes_and_adds_up_with_weights() {
        let grid = Grid::full_application_default();
        let card = uniform(&grid, 4);
        assert!(card.validate(&grid, 3, Language::EN).is_empty());
        // 17 criteria scored 4; the three ×2 criteria add another 4 each: 17 × 4 + 3 × 4 = 80.
        assert_eq!(card.weighted_total(&grid), Decimal::from(80));
        let sections = card.section_totals(&grid);
        assert_eq!(sections["capacity"], Decimal::from(16));
        assert_eq!(sections["relevance"], Decimal::from(24)); // 4×2 + 4×2 + 4 + 4
        assert_eq!(sections["budget"], Decimal::from(12)); // 4×2 + 4
        assert_eq!(sections.values().copied().sum::<Decimal>(), Decimal::from(80));
    }

    #[test]
    fn a_double_weight_criterion_counts_twice() {
        let grid = Grid::full_application_default();
        let mut card = uniform(&grid, 3);
        let before = card.weighted_total(&grid);
        card.scores.insert("cost_effectiveness".into(), 4); // ×2
        assert_eq!(card.weighted_total(&grid) - before, Decimal::TWO);
        card.scores.insert("necessary_expenditure".into(), 4); // ×1
        assert_eq!(card.weighted_total(&grid) - before, Decimal::from(3));
    }

    #[test]
    fn a_comment_is_required_below_the_threshold_only() {
        let grid = Grid::full_application_default();
        let mut card = uniform(&grid, 3);
        card.scores.insert("impact".into(), 2);
        assert_eq!(codes(&card.validate(&grid, 3, Language::EN)), [("/comments/impact", "comment_required")]);
        assert!(card.validate(&grid, 2, Language::EN).is_empty(), "2 is not below 2");
        card.comments.insert("impact".into(), "   ".into());
        assert_eq!(card.validate(&grid, 3, Language::EN).len(), 1, "a blank comment is no comment");
        card.comments.insert("impact".into(), "No exit strategy.".into());
        assert!(card.validate(&grid, 3, Language::EN).is_empty());
    }

    #[test]
    fn every_problem_is_reported_in_the_user_language() {
        let grid = Grid::full_application_default();
        let mut card = uniform(&grid, 4);
        card.scores.remove("action_plan");
        card.scores.insert("impact".into(), 6);
        card.scores.insert("charisma".into(), 5);
        card.comments.insert("luck".into(), "!".into());
        card.overall_comment = " ".into();
        let errors = card.validate(&grid, 3, Language::FR);
        assert_eq!(
            codes(&errors),
            [
                ("/scores/action_plan", "required"),
                ("/scores/impact", "out_of_range"),
                ("/scores/charisma", "unknown_criterion"),
                ("/comments/luck", "unknown_criterion"),
                ("/overall_comment", "required"),
            ]
        );
        assert_eq!(
            errors[1].message,
            "Impact tangible sur les groupes cibles : la note doit être comprise entre 1 et 5"
        );
        let english = card.validate(&grid, 3, Language::EN);
        assert_eq!(english[0].message, "Clear and feasible action plan: a score is required");
    }

    #[test]
    fn a_draft_travels_as_json_with_defaults() {
        let card: Scorecard = serde_json::from_str(r#"{"scores": {"impact": 4}}"#).unwrap();
        assert_eq!(card.scores["impact"], 4);
        assert!(card.overall_comment.is_empty());
        assert!(serde_json::from_str::<Scorecard>(r#"{"score": {}}"#).is_err());
    }
}
