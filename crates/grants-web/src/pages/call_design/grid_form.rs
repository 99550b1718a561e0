//! The scoring-grid page's form as typed: every value kept as text so a refusal shows it back, the
//! list buttons applied to it, the totals computed from it, and the grid it stands for.
//!
//! Inputs are named by position: `s1-en` (section 1's English title), `s1-c0-weight` (its first
//! criterion's weight), `d2-fr` (the third descriptor in French); codes travel in hidden `…-code` fields.

use std::collections::{BTreeMap, HashSet};

use grants_domain::evaluation::{Criterion, Descriptor, Grid, Section};
use grants_domain::{Language, ValidationErrors};
use rust_decimal::Decimal;

use super::list_edit;
use grants_domain::codes::new_code;

/// A criterion as typed.
#[derive(Debug, Default, Clone)]
#[allow(missing_docs)]
pub struct CriterionForm {
    pub code: String,
    pub en: String,
    pub fr: String,
    pub scale_min: String,
    pub scale_max: String,
    pub weight: String,
}

/// A section as typed.
#[derive(Debug, Default, Clone)]
#[allow(missing_docs)]
pub struct SectionForm {
    pub code: String,
    pub en: String,
    pub fr: String,
    pub minimum: String,
    pub criteria: Vec<CriterionForm>,
}

/// A descriptor of the scale as typed.
#[derive(Debug, Default, Clone)]
#[allow(missing_docs)]
pub struct DescriptorForm {
    pub score: String,
    pub en: String,
    pub fr: String,
}

/// The whole page as typed.
#[derive(Debug, Default, Clone)]
#[allow(missing_docs)]
pub struct GridForm {
    pub sections: Vec<SectionForm>,
    pub total_minimum: String,
    pub descriptors: Vec<DescriptorForm>,
}

impl CriterionForm {
    /// A new criterion on the usual scale (1–5, weight 1).
    fn blank() -> CriterionForm {
        CriterionForm { scale_min: "1".into(), scale_max: "5".into(), weight: "1".into(), ..CriterionForm::default() }
    }

    /// The most points it can bring as typed; nothing while its scale or weight is unreadable.
    pub fn points(&self) -> Decimal {
        match (self.scale_max.trim().parse::<u8>(), self.weight.trim().parse::<u8>()) {
            (Ok(top), Ok(weight)) => Decimal::from(top) * Decimal::from(weight),
            _ => Decimal::ZERO,
        }
    }
}

impl SectionForm {
    /// The most points the section can bring as typed.
    pub fn points(&self) -> Decimal {
        self.criteria.iter().map(CriterionForm::points).sum()
    }
}

impl GridForm {
    /// The form showing `grid`.
    pub fn of(grid: &Grid) -> GridForm {
        let sections = grid
            .sections
            .iter()
            .map(|s| SectionForm {
                code: s.code.clone(),
                en: s.en.clone(),
                fr: s.fr.clone(),
                minimum: s.minimum.map(|m| m.normalize().to_string()).unwrap_or_default(),
                criteria: s
                    .criteria
                    .iter()
                    .map(|c| CriterionForm {
                        code: c.code.clone(),
                        en: c.en.clone(),
                        fr: c.fr.clone(),
                        scale_min: c.scale_min.to_string(),
                        scale_max: c.scale_max.to_string(),
                        weight: c.weight.to_string(),
                    })
                    .collect(),
            })
            .collect();
        let descriptors = grid
            .descriptors
            .iter()
            .map(|d| DescriptorForm { score: d.score.to_string(), en: d.en.clone(), fr: d.fr.clone() })
            .collect();
        GridForm {
            sections,
            total_minimum: grid.total_minimum.map(|m| m.normalize().to_string()).unwrap_or_default(),
            descriptors,
        }
    }

    /// The form as posted; names the page does not use are ignored.
    pub fn from_pairs(pairs: &[(String, String)]) -> GridForm {
        let mut sections: BTreeMap<usize, (SectionForm, BTreeMap<usize, CriterionForm>)> = BTreeMap::new();
        let mut descriptors: BTreeMap<usize, DescriptorForm> = BTreeMap::new();
        let mut form = GridForm::default();
        for (name, value) in pairs {
            let value = value.clone();
            let parts: Vec<&str> = name.split('-').collect();
            let index = |part: &str, letter: char| part.strip_prefix(letter).and_then(|n| n.parse::<usize>().ok());
            match parts.as_slice() {
                ["total_minimum"] => form.total_minimum = value,
                [d, field] if index(d, 'd').is_some() => {
                    let descriptor = descriptors.entry(index(d, 'd').unwrap_or_default()).or_default();
                    match *field {
                        "score" => descriptor.score = value,
                        "en" => descriptor.en = value,
                        "fr" => descriptor.fr = value,
                        _ => {}
                    }
                }
                [s, field] if index(s, 's').is_some() => {
                    let (section, _) = sections.entry(index(s, 's').unwrap_or_default()).or_default();
                    match *field {
                        "code" => section.code = value,
                        "en" => section.en = value,
                        "fr" => section.fr = value,
                        "minimum" => section.minimum = value,
                        _ => {}
                    }
                }
                [s, c, field] if index(s, 's').is_some() && index(c, 'c').is_some() => {
                    let (_, criteria) = sections.entry(index(s, 's').unwrap_or_default()).or_default();
                    let criterion = criteria.entry(index(c, 'c').unwrap_or_default()).or_default();
                    match *field {
                        "code" => criterion.code = value,
                        "en" => criterion.en = value,
                        "fr" => criterion.fr = value,
                        "scale_min" => criterion.scale_min = value,
                        "scale_max" => criterion.scale_max = value,
                        "weight" => criterion.weight = value,
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        form.sections = sections
            .into_values()
            .map(|(mut section, criteria)| {
                section.criteria = criteria.into_values().collect();
                section
            })
            .collect();
        form.descriptors = descriptors.into_values().collect();
        form
    }

    /// The most points of the grid as typed.
    pub fn points(&self) -> Decimal {
        self.sections.iter().map(SectionForm::points).sum()
    }

    /// Applies a list button (`add_section`, `up_criterion-1-2`, `remove_descriptor-0`…); `false` when
    /// `op` is not one.
    pub fn apply(&mut self, op: &str) -> bool {
        match op {
            "add_section" => {
                self.sections.push(SectionForm { criteria: vec![CriterionForm::blank()], ..SectionForm::default() });
                return true;
            }
            "add_descriptor" => {
                self.descriptors.push(DescriptorForm::default());
                return true;
            }
            _ => {}
        }
        if let Some(s) = op.strip_prefix("add_criterion-").and_then(|s| s.parse::<usize>().ok()) {
            if let Some(section) = self.sections.get_mut(s) {
                section.criteria.push(CriterionForm::blank());
            }
            return true;
        }
        if let Some((change, at)) = list_edit::parse(op, "section") {
            list_edit::apply(&mut self.sections, at.first().copied().unwrap_or(usize::MAX), change);
            return true;
        }
        if let Some((change, at)) = list_edit::parse(op, "descriptor") {
            list_edit::apply(&mut self.descriptors, at.first().copied().unwrap_or(usize::MAX), change);
            return true;
        }
        if let Some((change, at)) = list_edit::parse(op, "criterion") {
            if let [s, c] = at[..]
                && let Some(section) = self.sections.get_mut(s)
            {
                list_edit::apply(&mut section.criteria, c, change);
            }
            return true;
        }
        false
    }

    /// The grid the form stands for, new sections and criteria given codes from their English text;
    /// numbers that cannot be read are refused at their field (paths as the domain's).
    pub fn grid(&self, lang: Language) -> Result<Grid, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let mut taken: HashSet<String> = self
            .sections
            .iter()
            .flat_map(|s| std::iter::once(&s.code).chain(s.criteria.iter().map(|c| &c.code)))
            .filter(|code| !code.trim().is_empty())
            .map(|code| code.trim().to_owned())
            .collect();
        let mut code_of = |typed: &str, english: &str, fallback: &str| match typed.trim() {
            "" => new_code(english, fallback, &mut taken),
            kept => kept.to_owned(),
        };
        let mut sections = Vec::new();
        for (s, section) in self.sections.iter().enumerate() {
            let at = format!("/sections/{s}");
            let minimum = points(&mut errors, &format!("{at}/minimum"), &section.minimum, lang);
            let mut criteria = Vec::new();
            for (c, criterion) in section.criteria.iter().enumerate() {
                let at = format!("{at}/criteria/{c}");
                let mut number = |field: &str, text: &str| {
                    text.trim().parse::<u8>().unwrap_or_else(|_| {
                        errors.add(
                            format!("{at}/{field}"),
                            "invalid_number",
                            lang.text("call-form-error-whole-number", &[]),
                        );
                        0
                    })
                };
                let scale_min = number("scale_min", &criterion.scale_min);
                let scale_max = number("scale_max", &criterion.scale_max);
                let weight = number("weight", &criterion.weight);
                criteria.push(Criterion {
                    code: code_of(&criterion.code, &criterion.en, "criterion"),
                    en: criterion.en.trim().to_owned(),
                    fr: criterion.fr.trim().to_owned(),
                    scale_min,
                    scale_max,
                    weight,
                });
            }
            sections.push(Section {
                code: code_of(&section.code, &section.en, "section"),
                en: section.en.trim().to_owned(),
                fr: section.fr.trim().to_owned(),
                minimum,
                criteria,
            });
        }
        let mut descriptors = Vec::new();
        for (d, descriptor) in self.descriptors.iter().enumerate() {
            let score = descriptor.score.trim().parse::<u8>().unwrap_or_else(|_| {
                errors.add(
                    format!("/descriptors/{d}/score"),
                    "invalid_number",
                    lang.text("call-form-error-whole-number", &[]),
                );
                0
            });
            descriptors.push(Descriptor {
                score,
                en: descriptor.en.trim().to_owned(),
                fr: descriptor.fr.trim().to_owned(),
            });
        }
        let total_minimum = points(&mut errors, "/total_minimum", &self.total_minimum, lang);
        errors.into_result()?;
        Ok(Grid { sections, total_minimum, descriptors })
    }
}

/// An optional number of points as typed (`12`, `12,5`); blank is none.
fn points(errors: &mut ValidationErrors, field: &str, text: &str, lang: Language) -> Option<Decimal> {
    if text.trim().is_empty() {
        return None;
    }
    let plain = grants_domain::typed_amount::plain_decimal(text).unwrap_or_else(|| text.trim().to_owned());
    let value = plain.parse::<Decimal>().ok();
    if value.is_none() {
        errors.add(field, "invalid_number", lang.text("grid-form-error-points", &[]));
    }
    value
}

/// The input a field path of the grid names (`/sections/1/criteria/0/weight` → `s1-c0-weight`); a code
/// belongs with the English text it was made from.
pub fn input_of(path: &str) -> Option<String> {
    let mut parts = path.trim_start_matches('/').split('/');
    let mut name = Vec::new();
    loop {
        match (parts.next(), parts.next()) {
            (Some("sections"), Some(i)) => name.push(format!("s{}", i.parse::<usize>().ok()?)),
            (Some("criteria"), Some(i)) => name.push(format!("c{}", i.parse::<usize>().ok()?)),
            (Some("descriptors"), Some(i)) => name.push(format!("d{}", i.parse::<usize>().ok()?)),
            (Some("code"), None) => name.push("en".into()),
            (Some(leaf), None) => name.push(leaf.into()),
            (None, _) => break,
            _ => return None,
        }
    }
    (!name.is_empty()).then(|| name.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn the_stored_grid_comes_back_from_its_form() {
        let grid = Grid::full_application_default();
        let form = GridForm::of(&grid);
        assert_eq!(form.points(), Decimal::from(100));
        assert_eq!(form.grid(Language::EN).unwrap(), grid);
    }

    #[test]
    fn a_posted_form_reads_by_position_and_new_rows_get_codes() {
        let form = GridForm::from_pairs(&pairs(&[
            ("csrf", "x"),
            ("s0-code", "relevance"),
            ("s0-en", "Relevance"),
            ("s0-fr", "Pertinence"),
            ("s0-c0-code", ""),
            ("s0-c0-en", "Relevance"),
            ("s0-c0-fr", "Pertinence"),
            ("s0-c0-scale_min", "1"),
            ("s0-c0-scale_max", "5"),
            ("s0-c0-weight", "2"),
            ("s1-en", "Budget"),
            ("s1-minimum", "2,5"),
            ("d0-score", "5"),
            ("d0-en", "very good"),
            ("total_minimum", ""),
        ]));
        assert_eq!(form.sections.len(), 2);
        assert_eq!(form.points(), Decimal::from(10));
        let mut typed = form.clone();
        assert!(typed.apply("add_criterion-1"));
        typed.sections[1].criteria[0].en = "Cost".into();
        let grid = typed.grid(Language::EN).unwrap();
        assert_eq!(grid.sections[0].criteria[0].code, "relevance_2", "unique in the grid");
        assert_eq!(grid.sections[1].code, "budget");
        assert_eq!(grid.sections[1].minimum, Some(Decimal::new(25, 1)));
        assert_eq!(grid.sections[1].criteria[0].code, "cost");
        assert_eq!(grid.descriptors[0].en, "very good");

        let mut bad = form;
        bad.sections[0].criteria[0].weight = "two".into();
        bad.total_minimum = "lots".into();
        let errors: Vec<_> = bad.grid(Language::EN).unwrap_err().errors.into_iter().map(|e| e.field).collect();
        assert_eq!(errors, ["/sections/0/criteria/0/weight", "/total_minimum"]);
    }

    #[test]
    fn list_buttons_change_what_was_typed() {
        let mut form = GridForm::of(&Grid::concept_note_default());
        assert!(form.apply("down_section-0"));
        assert_eq!(form.sections[0].code, "design");
        assert!(form.apply("up_criterion-1-1"));
        assert_eq!(form.sections[1].criteria[0].code, "local_needs");
        assert!(form.apply("remove_criterion-1-0"));
        assert!(form.apply("add_descriptor"));
        assert!(form.apply("add_section"));
        assert_eq!((form.sections.len(), form.sections[2].criteria.len(), form.descriptors.len()), (3, 1, 1));
        assert!(!form.apply("save"));
    }

    #[test]
    fn field_paths_name_their_inputs() {
        assert_eq!(input_of("/sections/1/criteria/0/weight").as_deref(), Some("s1-c0-weight"));
        assert_eq!(input_of("/sections/2/code").as_deref(), Some("s2-en"));
        assert_eq!(input_of("/sections/2/criteria").as_deref(), Some("s2-criteria"));
        assert_eq!(input_of("/descriptors/0/fr").as_deref(), Some("d0-fr"));
        assert_eq!(input_of("/total_minimum").as_deref(), Some("total_minimum"));
        assert_eq!(input_of("/sections").as_deref(), Some("sections"));
        assert_eq!(input_of("/sections/x/en"), None);
    }
}
