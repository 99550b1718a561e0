//! Open data (SPEC §9): how a programme names itself when it publishes its awards as IATI 2.03 activities
//! and as a JVAP-ready projects export, and the few rules those files share (identifiers, country shares).
//!
//! The publisher's identity lives in the programme profile (`[open_data]` in `config/programmes/<name>.toml`)
//! so another programme publishes under its own name without code changes. Pure: no IO.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An organisation as IATI names it: its identifier, its type and its name in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedOrganisation {
    /// Its IATI organisation identifier (`XI-IATI-…`, `XM-DAC-…`); may be empty for a participant without one.
    #[serde(rename = "ref", default)]
    pub reference: String,
    /// Its code in the IATI OrganisationType codelist (`10` government, `22` national NGO, `40` multilateral…).
    #[serde(rename = "type")]
    pub kind: String,
    /// English name.
    pub en: String,
    /// French name.
    pub fr: String,
}

/// What the open-data files say about the publisher, the funder and the classification of every grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenDataProfile {
    /// The organisation that publishes the file; its `ref` prefixes every activity identifier.
    pub reporting_org: PublishedOrganisation,
    /// Who funds the grants (IATI role 1, funding).
    pub funder: PublishedOrganisation,
    /// The agency that runs the grant scheme for the funder (IATI role 3, extending).
    pub implementing_agency: PublishedOrganisation,
    /// ISO 4217 code of every amount (`EUR`).
    pub currency: String,
    /// The OECD DAC 5-digit purpose code of every grant (`15190`: facilitation of orderly, safe, regular and
    /// responsible migration and mobility).
    pub sector: String,
    /// The IATI TagVocabulary code the JVAP domains and dialogues are published under (`99`: the reporting
    /// organisation's own).
    pub tag_vocabulary: String,
    /// The URI naming the list of JVAP domain codes.
    pub jvap_vocabulary_uri: String,
    /// The URI naming the list of dialogue codes.
    pub dialogue_vocabulary_uri: String,
    /// For each applicant type of the programme, its IATI OrganisationType code.
    pub organisation_types: BTreeMap<String, String>,
}

impl OpenDataProfile {
    /// The IATI activity identifier of the grant with application reference `reference`: the reporting
    /// organisation's identifier, a hyphen, then the reference, as the IATI standard asks.
    pub fn activity_identifier(&self, reference: &str) -> String {
        format!("{}-{reference}", self.reporting_org.reference)
    }

    /// The IATI OrganisationType code of an applicant type (empty when the profile has none for it).
    pub fn organisation_type(&self, applicant_type: &str) -> &str {
        self.organisation_types.get(applicant_type).map_or("", String::as_str)
    }

    /// What is wrong with the profile, if anything: blank names, a reporting organisation without an
    /// identifier, codes of the wrong shape, an applicant type without an IATI type.
    pub fn problem(&self, applicant_types: &[&str]) -> Option<String> {
        let named = [
            ("reporting_org", &self.reporting_org),
            ("funder", &self.funder),
            ("implementing_agency", &self.implementing_agency),
        ];
        for (field, organisation) in named {
            if organisation.en.trim().is_empty() || organisation.fr.trim().is_empty() {
                return Some(format!("open_data.{field} needs an English and a French name"));
            }
            if !is_digits(&organisation.kind, 1..=3) {
                return Some(format!("open_data.{field}.type must be an IATI OrganisationType code such as \"40\""));
            }
        }
        if self.reporting_org.reference.trim().is_empty() || self.reporting_org.reference.contains(char::is_whitespace)
        {
            return Some("open_data.reporting_org.ref must be the publisher's IATI identifier, without spaces".into());
        }
        if self.currency.len() != 3 || !self.currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Some("open_data.currency must be an ISO 4217 code such as \"EUR\"".into());
        }
        if !is_digits(&self.sector, 5..=5) {
            return Some("open_data.sector must be a DAC 5-digit purpose code such as \"15190\"".into());
        }
        if self.tag_vocabulary.trim().is_empty()
            || self.jvap_vocabulary_uri.trim().is_empty()
            || self.dialogue_vocabulary_uri.trim().is_empty()
        {
            return Some("open_data needs tag_vocabulary, jvap_vocabulary_uri and dialogue_vocabulary_uri".into());
        }
        for applicant_type in applicant_types {
            if !self.organisation_types.get(*applicant_type).is_some_and(|code| is_digits(code, 1..=3)) {
                return Some(format!(
                    "open_data.organisation_types needs an IATI OrganisationType code for \"{applicant_type}\""
                ));
            }
        }
        self.organisation_types
            .keys()
            .find(|code| !applicant_types.contains(&code.as_str()))
            .map(|code| format!("open_data.organisation_types names \"{code}\", which is not an applicant type"))
    }
}

fn is_digits(text: &str, lengths: std::ops::RangeInclusive<usize>) -> bool {
    lengths.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

/// The share of the grant (in percent, two decimals, adding up to exactly 100) spent in each country of
/// action: the shares the form gives when they cover every country and add up to 100, equal shares
/// otherwise (the last country takes the rounding remainder).
pub fn country_shares(countries: &[String], given: &BTreeMap<String, Decimal>) -> Vec<(String, Decimal)> {
    let hundred = Decimal::ONE_HUNDRED;
    let given_fits = !given.is_empty()
        && countries.iter().all(|c| given.get(c).is_some_and(|share| !share.is_sign_negative()))
        && countries.iter().filter_map(|c| given.get(c)).sum::<Decimal>() == hundred;
    if given_fits {
        return countries.iter().map(|c| (c.clone(), given[c].round_dp(2))).collect();
    }
    if countries.is_empty() {
        return Vec::new();
    }
    let equal =
        (hundred / Decimal::from(countries.len())).round_dp_with_strategy(2, rust_decimal::RoundingStrategy::ToZero);
    let mut shares: Vec<(String, Decimal)> = countries.iter().map(|c| (c.clone(), equal)).collect();
    let assigned: Decimal = shares.iter().map(|(_, share)| *share).sum();
    if let Some(last) = shares.last_mut() {
        last.1 += hundred - assigned;
    }
    shares
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(list: &[&str]) -> Vec<String> {
        list.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn equal_shares_add_up_to_exactly_one_hundred() {
        let shares = country_shares(&codes(&["ML", "SN", "GN"]), &BTreeMap::new());
        let values: Vec<String> = shares.iter().map(|(_, s)| s.to_string()).collect();
        assert_eq!(values, ["33.33", "33.33", "33.34"]);
        assert_eq!(shares.iter().map(|(_, s)| *s).sum::<Decimal>(), Decimal::ONE_HUNDRED);
        assert_eq!(country_shares(&codes(&["ML"]), &BTreeMap::new())[0].1, Decimal::ONE_HUNDRED);
        assert!(country_shares(&[], &BTreeMap::new()).is_empty());
    }

    #[test]
    fn shares_from_the_form_win_when_they_cover_every_country_and_add_up() {
        let given: BTreeMap<String, Decimal> =
            [("ML".to_owned(), Decimal::from(70)), ("SN".to_owned(), Decimal::from(30))].into();
        let shares = country_shares(&codes(&["ML", "SN"]), &given);
        assert_eq!(shares, vec![("ML".to_owned(), Decimal::from(70)), ("SN".to_owned(), Decimal::from(30))]);
        let partial = country_shares(&codes(&["ML", "SN", "GN"]), &given);
        assert_eq!(partial[2].1.to_string(), "33.34", "a country without a share: equal shares instead");
    }

    #[test]
    fn the_shipped_profile_is_complete() {
        let programme = crate::programme::mmd();
        let profile = programme.open_data.as_ref().expect("the MMD profile publishes open data");
        assert_eq!(profile.sector, "15190");
        assert_eq!(profile.activity_identifier("MMD-CFP-2026-01-0001"), "AA-AAA-MMD-MMD-CFP-2026-01-0001");
        assert_eq!(profile.organisation_type("local_authority"), "11");
        let types: Vec<&str> = programme.applicant_types.iter().map(|t| t.code.as_str()).collect();
        assert_eq!(profile.problem(&types), None);
    }

    #[test]
    fn a_profile_without_a_publisher_identifier_or_with_a_bad_sector_is_refused() {
        let programme = crate::programme::mmd();
        let types: Vec<&str> = programme.applicant_types.iter().map(|t| t.code.as_str()).collect();
        let mut profile = programme.open_data.clone().unwrap();
        profile.reporting_org.reference = " ".into();
        assert!(profile.problem(&types).unwrap().contains("reporting_org.ref"));
        let mut profile = programme.open_data.clone().unwrap();
        profile.sector = "1519".into();
        assert!(profile.problem(&types).unwrap().contains("sector"));
        let mut profile = programme.open_data.clone().unwrap();
        profile.organisation_types.remove("diaspora");
        assert!(profile.problem(&types).unwrap().contains("\"diaspora\""));
    }

    #[test]
    fn a_profile_file_with_a_broken_open_data_section_is_refused_at_its_line() {
        let broken = crate::programme::MMD_PROFILE.replacen("sector = \"15190\"", "sector = \"migration\"", 1);
        let err = crate::programme::parse(&broken, "mmd.toml").expect_err("a sector must be a DAC code");
        assert!(err.message.contains("DAC 5-digit"), "{err}");
        let section = broken.lines().position(|l| l == "[open_data]").unwrap() + 1;
        assert_eq!(err.line, section, "{err}");
    }
}
