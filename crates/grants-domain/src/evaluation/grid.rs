//! The evaluation grid (SPEC §6): what evaluators score, on which scale, how heavily each criterion
//! weighs, and which minimums eliminate an application. A call carries one grid per stage, frozen at
//! publication, so every application of the call is measured with the same ruler.

use std::collections::HashSet;

use grants_i18n::Arg;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{Language, ValidationErrors};

/// The highest top of a scale a grid may use: beyond ten, scores stop meaning anything comparable.
pub const MAX_SCALE: u8 = 10;

/// The section code the ranking uses to break ties on the total (EU external-action practice).
pub const RELEVANCE_SECTION: &str = "relevance";

/// The code [`crate::evaluation::Consolidation::failed_thresholds`] uses for the total minimum, so no
/// section may be called that.
pub const TOTAL_CODE: &str = "total";

fn default_scale_min() -> u8 {
    1
}

fn default_scale_max() -> u8 {
    5
}

fn default_weight() -> u8 {
    1
}

/// One question an evaluator answers with a score, e.g. "Is the action plan clear and feasible?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct Criterion {
    /// Stable snake_case code, unique across the grid; scorecards key their scores by it.
    pub code: String,
    /// The question in English.
    pub en: String,
    /// The question in French.
    pub fr: String,
    /// The lowest score (default 1).
    #[serde(default = "default_scale_min")]
    pub scale_min: u8,
    /// The highest score (default 5).
    #[serde(default = "default_scale_max")]
    pub scale_max: u8,
    /// 1 or 2 (default 1): a ×2 criterion counts twice, so a 1–5 criterion ×2 is worth 10 points.
    #[serde(default = "default_weight")]
    pub weight: u8,
}

impl Criterion {
    /// The most points the criterion can bring: top of the scale times the weight.
    pub fn max_points(&self) -> Decimal {
        Decimal::from(self.scale_max) * Decimal::from(self.weight)
    }

    /// The question in `lang`, for forms and messages.
    pub fn label(&self, lang: Language) -> &str {
        lang.pick(&self.en, &self.fr)
    }
}

/// A group of criteria scored together, e.g. "Relevance of the action"; it may carry an eliminatory minimum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct Section {
    /// Stable snake_case code, unique among the sections, e.g. `capacity`.
    pub code: String,
    /// The title in English.
    pub en: String,
    /// The title in French.
    pub fr: String,
    /// Below this consolidated score the application is eliminated, whatever its total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<Decimal>,
    /// The criteria, in the order evaluators see them.
    pub criteria: Vec<Criterion>,
}

impl Section {
    /// The most points the section can bring.
    pub fn max_points(&self) -> Decimal {
        self.criteria.iter().map(Criterion::max_points).sum()
    }

    /// The title in `lang`.
    pub fn label(&self, lang: Language) -> &str {
        lang.pick(&self.en, &self.fr)
    }
}

/// What one score of the scale means in words (1 = very poor / très insuffisant), so every evaluator
/// reads the same ruler the same way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct Descriptor {
    /// The score described.
    pub score: u8,
    /// The words in English.
    pub en: String,
    /// The words in French.
    pub fr: String,
}

impl Descriptor {
    /// The words in `lang`.
    pub fn label(&self, lang: Language) -> &str {
        lang.pick(&self.en, &self.fr)
    }
}

/// The whole grid of one stage of a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct Grid {
    /// The sections, in the order evaluators see them.
    pub sections: Vec<Section>,
    /// Below this consolidated total the application is eliminated (e.g. 30 of 50 for concept notes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_minimum: Option<Decimal>,
    /// The words of the scale, by score; absent from grids stored before descriptors existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub descriptors: Vec<Descriptor>,
}

fn is_code(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn check_code<'a>(
    errors: &mut ValidationErrors,
    field: &str,
    code: &'a str,
    seen: &mut HashSet<&'a str>,
    lang: Language,
) {
    if !is_code(code) {
        errors.add(field, "invalid_code", lang.text("grid-error-code", &[]));
    } else if !seen.insert(code) {
        errors.add(field, "duplicate_code", lang.text("grid-error-duplicate-code", &[("code", Arg::Text(code))]));
    }
}

fn check_minimum(errors: &mut ValidationErrors, field: &str, minimum: Option<Decimal>, max: Decimal, lang: Language) {
    match minimum {
        Some(minimum) if minimum.is_sign_negative() && !minimum.is_zero() => {
            errors.add(field, "out_of_range", lang.text("grid-error-negative-minimum", &[]));
        }
        Some(minimum) if minimum > max => {
            let args = [("minimum", Arg::Text(&minimum.to_string())), ("max", Arg::Text(&max.to_string()))];
            errors.add(field, "above_maximum", lang.text("grid-error-minimum-above-maximum", &args));
        }
        _ => {}
    }
}

impl Grid {
    /// The most points an application can score: the sum of every criterion's top times its weight.
    pub fn max_total(&self) -> Decimal {
        self.sections.iter().map(Section::max_points).sum()
    }

    /// The most points of the section `code`, or `None` when the grid has no such section.
    pub fn section_max(&self, code: &str) -> Option<Decimal> {
        self.sections.iter().find(|s| s.code == code).map(Section::max_points)
    }

    /// The criterion `code`, wherever it sits in the grid.
    pub fn criterion(&self, code: &str) -> Option<&Criterion> {
        self.criteria().map(|(_, criterion)| criterion).find(|c| c.code == code)
    }

    /// Every criterion with its section, in grid order.
    pub fn criteria(&self) -> impl Iterator<Item = (&Section, &Criterion)> {
        self.sections.iter().flat_map(|section| section.criteria.iter().map(move |criterion| (section, criterion)))
    }

    /// The words for `score`, when the grid describes it.
    pub fn descriptor(&self, score: u8) -> Option<&Descriptor> {
        self.descriptors.iter().find(|d| d.score == score)
    }

    /// Checks the grid before a call is published with it; every problem is reported, worded in `lang`.
    pub fn validate(&self, lang: Language) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let say = |id: &str| lang.text(id, &[]);
        if self.sections.is_empty() {
            errors.add("/sections", "required", say("grid-error-no-section"));
        }
        let mut section_codes = HashSet::new();
        let mut criterion_codes = HashSet::new();
        for (s, section) in self.sections.iter().enumerate() {
            let at = format!("/sections/{s}");
            check_code(&mut errors, &format!("{at}/code"), &section.code, &mut section_codes, lang);
            if section.code == TOTAL_CODE {
                errors.add(format!("{at}/code"), "reserved_code", say("grid-error-reserved-code"));
            }
            errors.require_text_in(&format!("{at}/en"), &section.en, 300, lang);
            errors.require_text_in(&format!("{at}/fr"), &section.fr, 300, lang);
            if section.criteria.is_empty() {
                errors.add(format!("{at}/criteria"), "required", say("grid-error-no-criterion"));
            }
            for (c, criterion) in section.criteria.iter().enumerate() {
                let at = format!("{at}/criteria/{c}");
                check_code(&mut errors, &format!("{at}/code"), &criterion.code, &mut criterion_codes, lang);
                errors.require_text_in(&format!("{at}/en"), &criterion.en, 500, lang);
                errors.require_text_in(&format!("{at}/fr"), &criterion.fr, 500, lang);
                if !(1..=2).contains(&criterion.weight) {
                    errors.add(format!("{at}/weight"), "out_of_range", say("grid-error-weight"));
                }
                if criterion.scale_min == 0
                    || criterion.scale_min >= criterion.scale_max
                    || criterion.scale_max > MAX_SCALE
                {
                    errors.add(
                        format!("{at}/scale_max"),
                        "out_of_range",
                        lang.text("grid-error-scale", &[("max", Arg::Number(i64::from(MAX_SCALE)))]),
                    );
                }
            }
            check_minimum(&mut errors, &format!("{at}/minimum"), section.minimum, section.max_points(), lang);
        }
        check_minimum(&mut errors, "/total_minimum", self.total_minimum, self.max_total(), lang);
        self.check_descriptors(&mut errors, lang);
        errors.into_result()
    }

    /// Each descriptor words a score some criterion can give, once, in both languages.
    fn check_descriptors(&self, errors: &mut ValidationErrors, lang: Language) {
        let mut scores = HashSet::new();
        for (d, descriptor) in self.descriptors.iter().enumerate() {
            let at = format!("/descriptors/{d}");
            let score = descriptor.score;
            if !self.criteria().any(|(_, c)| (c.scale_min..=c.scale_max).contains(&score)) {
                errors.add(
                    format!("{at}/score"),
                    "out_of_range",
                    lang.text("grid-error-descriptor-score", &[("score", Arg::Number(i64::from(score)))]),
                );
            } else if !scores.insert(score) {
                let described = [("score", Arg::Number(i64::from(score)))];
                errors.add(
                    format!("{at}/score"),
                    "duplicate_score",
                    lang.text("grid-error-duplicate-score", &described),
                );
            }
            errors.require_text_in(&format!("{at}/en"), &descriptor.en, 200, lang);
            errors.require_text_in(&format!("{at}/fr"), &descriptor.fr, 200, lang);
        }
    }

    /// The concept-note grid of EU external-action calls, out of 50: relevance 30, design 20; concept
    /// notes below 30 are not shortlisted.
    pub fn concept_note_default() -> Grid {
        Grid {
            sections: vec![section(RELEVANCE_SECTION, None, &RELEVANCE), section("design", None, &DESIGN)],
            total_minimum: Some(Decimal::from(30)),
            descriptors: Vec::new(),
        }
    }

    /// The full-application grid of EU external-action calls, out of 100: operational and financial capacity
    /// 20 (eliminatory below 12), relevance 30, effectiveness and feasibility 20, sustainability 15, budget
    /// and cost-effectiveness 15.
    pub fn full_application_default() -> Grid {
        let capacity_minimum = Some(Decimal::from(12));
        Grid {
            sections: vec![
                section("capacity", capacity_minimum, &CAPACITY),
                section(RELEVANCE_SECTION, None, &RELEVANCE),
                section("effectiveness", None, &EFFECTIVENESS),
                section("sustainability", None, &SUSTAINABILITY),
                section("budget", None, &BUDGET),
            ],
            total_minimum: None,
            descriptors: Vec::new(),
        }
    }
}

/// A preset criterion: code and weight, its words in the catalogues (`default-grid-criterion-<code>`);
/// every preset scale is 1–5.
type Row = (&'static str, u8);

/// 4 × (1–5 ×1) = 20 points.
const CAPACITY: [Row; 4] =
    [("management_experience", 1), ("technical_expertise", 1), ("management_capacity", 1), ("financial_sources", 1)];

/// 2 × (1–5 ×2) + 2 × (1–5 ×1) = 10 + 10 + 5 + 5 = 30 points; the same in both presets.
const RELEVANCE: [Row; 4] =
    [("objectives_priorities", 2), ("local_needs", 2), ("stakeholders", 1), ("target_groups", 1)];

/// 2 × (1–5 ×2) = 20 points.
const DESIGN: [Row; 2] = [("coherence", 2), ("feasibility", 2)];

/// 4 × (1–5 ×1) = 20 points.
const EFFECTIVENESS: [Row; 4] = [("activities", 1), ("action_plan", 1), ("indicators", 1), ("partners_involvement", 1)];

/// 3 × (1–5 ×1) = 15 points.
const SUSTAINABILITY: [Row; 3] = [("impact", 1), ("multiplier_effects", 1), ("sustainable_results", 1)];

/// 1–5 ×2 + 1–5 ×1 = 10 + 5 = 15 points.
const BUDGET: [Row; 2] = [("cost_effectiveness", 2), ("necessary_expenditure", 1)];

/// A preset's words in English and French, from the catalogues: `default-grid-<kind>-<code>`.
fn words(kind: &str, code: &str) -> (String, String) {
    let id = format!("default-grid-{kind}-{}", code.replace('_', "-"));
    (Language::EN.text(&id, &[]), Language::FR.text(&id, &[]))
}

fn section(code: &str, minimum: Option<Decimal>, rows: &[Row]) -> Section {
    let criteria = rows
        .iter()
        .map(|&(code, weight)| {
            let (en, fr) = words("criterion", code);
            Criterion { code: code.into(), en, fr, scale_min: 1, scale_max: 5, weight }
        })
        .collect();
    let (en, fr) = words("section", code);
    Section { code: code.into(), en, fr, minimum, criteria }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(grid: &Grid) -> Vec<(String, &'static str)> {
        grid.validate(Language::EN).unwrap_err().errors.into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn the_presets_add_up_to_50_and_100_and_are_valid() {
        let concept = Grid::concept_note_default();
        assert_eq!(concept.max_total(), Decimal::from(50));
        assert_eq!(concept.section_max("relevance"), Some(Decimal::from(30)));
        assert_eq!(concept.section_max("design"), Some(Decimal::from(20)));
        assert_eq!(concept.total_minimum, Some(Decimal::from(30)));
        concept.validate(Language::EN).unwrap();

        let full = Grid::full_application_default();
        assert_eq!(full.max_total(), Decimal::from(100));
        let maxima: Vec<_> = full.sections.iter().map(|s| (s.code.as_str(), s.max_points())).collect();
        let expected =
            [("capacity", 20), ("relevance", 30), ("effectiveness", 20), ("sustainability", 15), ("budget", 15)];
        assert_eq!(maxima, expected.map(|(code, points)| (code, Decimal::from(points))));
        assert_eq!(full.sections[0].minimum, Some(Decimal::from(12)));
        assert_eq!(full.section_max("nope"), None);
        full.validate(Language::EN).unwrap();
    }

    #[test]
    fn a_double_weight_criterion_is_worth_ten_points() {
        let full = Grid::full_application_default();
        let cost = full.criterion("cost_effectiveness").unwrap();
        assert_eq!((cost.weight, cost.max_points()), (2, Decimal::from(10)));
        assert_eq!(full.criterion("necessary_expenditure").unwrap().max_points(), Decimal::from(5));
        assert_eq!(cost.label(Language::FR), "Coûts proportionnés aux résultats");
    }

    #[test]
    fn every_mistake_is_reported() {
        assert_eq!(
            fields(&Grid { sections: vec![], total_minimum: None, descriptors: vec![] }),
            [("/sections".into(), "required")]
        );

        let mut grid = Grid::full_application_default();
        grid.sections[1].criteria[0].weight = 3;
        grid.sections[2].criteria[0].code = "impact".into(); // also in sustainability
        grid.sections[3].code = "capacity".into();
        grid.sections[3].criteria[0].scale_max = 11;
        grid.sections[4].criteria[0].scale_min = 0;
        grid.sections[4].minimum = Some(Decimal::from(16)); // budget is out of 15
        grid.total_minimum = Some(Decimal::from(200));
        assert_eq!(
            fields(&grid),
            [
                ("/sections/1/criteria/0/weight".into(), "out_of_range"),
                ("/sections/3/code".into(), "duplicate_code"),
                ("/sections/3/criteria/0/code".into(), "duplicate_code"),
                ("/sections/3/criteria/0/scale_max".into(), "out_of_range"),
                ("/sections/4/criteria/0/scale_max".into(), "out_of_range"),
                ("/sections/4/minimum".into(), "above_maximum"),
                ("/total_minimum".into(), "above_maximum"),
            ]
        );

        let mut grid = Grid::concept_note_default();
        grid.sections[1].code = TOTAL_CODE.into();
        grid.sections[1].criteria.clear();
        grid.sections[0].minimum = Some(Decimal::from(30)); // equal to the maximum is allowed
        assert_eq!(
            fields(&grid),
            [("/sections/1/code".into(), "reserved_code"), ("/sections/1/criteria".into(), "required")]
        );
    }

    #[test]
    fn a_grid_reads_from_toml_with_default_scale_and_weight() {
        let grid: Grid = toml::from_str(
            "total_minimum = \"6\"\n[[sections]]\ncode = \"s\"\nen = \"S\"\nfr = \"S\"\n\
             [[sections.criteria]]\ncode = \"c\"\nen = \"C\"\nfr = \"C\"\nweight = 2\n",
        )
        .unwrap();
        let criterion = &grid.sections[0].criteria[0];
        assert_eq!((criterion.scale_min, criterion.scale_max, criterion.weight), (1, 5, 2));
        assert_eq!(grid.max_total(), Decimal::from(10));
        grid.validate(Language::EN).unwrap();
        assert!(toml::from_str::<Grid>("sections = []\nmaximum = 3\n").is_err(), "unknown fields are refused");
        let json = serde_json::to_value(Grid::full_application_default()).unwrap();
        assert_eq!(serde_json::from_value::<Grid>(json).unwrap(), Grid::full_application_default());
    }

    fn words(score: u8, en: &str, fr: &str) -> Descriptor {
        Descriptor { score, en: en.into(), fr: fr.into() }
    }

    #[test]
    fn descriptors_word_distinct_scores_of_the_scale_in_both_languages() {
        let mut grid = Grid::full_application_default();
        grid.descriptors = vec![words(1, "very poor", "très insuffisant"), words(5, "very good", "très bien")];
        grid.validate(Language::EN).unwrap();
        assert_eq!(grid.descriptor(5).map(|d| d.label(Language::FR)), Some("très bien"));
        assert_eq!(grid.descriptor(3), None);

        grid.descriptors = vec![
            words(1, "very poor", "très insuffisant"),
            words(1, "poor", "insuffisant"),
            words(6, "excellent", "excellent"),
            words(0, "none", "aucun"),
            words(4, "good", " "),
        ];
        assert_eq!(
            fields(&grid),
            [
                ("/descriptors/1/score".into(), "duplicate_score"),
                ("/descriptors/2/score".into(), "out_of_range"),
                ("/descriptors/3/score".into(), "out_of_range"),
                ("/descriptors/4/fr".into(), "required"),
            ]
        );

        grid.sections[0].criteria[0].scale_max = 6; // one criterion reaches 6: it may be worded
        grid.descriptors = vec![words(6, "excellent", "excellent")];
        grid.validate(Language::EN).unwrap();
    }

    #[test]
    fn a_grid_without_descriptors_is_stored_as_before() {
        let json = serde_json::to_value(Grid::concept_note_default()).unwrap();
        assert!(json.get("descriptors").is_none(), "{json}");
        let mut grid = Grid::concept_note_default();
        grid.descriptors = vec![words(3, "fair", "passable")];
        let json = serde_json::to_value(&grid).unwrap();
        assert_eq!(json["descriptors"][0]["fr"], "passable");
        assert_eq!(serde_json::from_value::<Grid>(json).unwrap(), grid);
    }
}
