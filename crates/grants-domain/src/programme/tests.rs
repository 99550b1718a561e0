//! The programme profile as read from its file, and every way a broken one is refused.
use super::*;

/// A small valid profile; the tests below break one line of it and expect that line back.
const SMALL: &str = r#"name = "test"
title_en = "Test"
title_fr = "Essai"

[[jvap_domains]]
code = "protection_asylum"
en = "Protection and asylum"
fr = "Protection et asile"

[[dialogues]]
code = "rabat_process"
en = "Rabat Process"
fr = "Processus de Rabat"

[[geographic_levels]]
code = "regional"
en = "Regional"
fr = "Régional"

[[applicant_types]]
code = "civil_society"
en = "Civil-society organisation"
fr = "Organisation de la société civile"

[[countries]]
code = "ML"
en = "Mali"
fr = "Mali"

[[countries]]
code = "SN"
en = "Senegal"
fr = "Sénégal"
"#;

const SOURCE: &str = "config/programmes/test.toml";

fn refuse(from: &str, to: &str) -> ProgrammeError {
    assert!(SMALL.contains(from), "fixture lacks {from:?}");
    parse(&SMALL.replacen(from, to, 1), SOURCE).expect_err("the broken profile must be refused")
}

#[test]
fn the_small_fixture_is_valid() {
    let programme = parse(SMALL, SOURCE).unwrap();
    assert_eq!(programme.countries.len(), 2);
    assert!(programme.is_dialogue("rabat_process"));
}

#[test]
fn a_term_names_itself_in_a_further_language_and_the_english_stands_in_where_it_does_not() {
    let with_portuguese =
        SMALL.replacen("fr = \"Sénégal\"\n", "fr = \"Sénégal\"\nlabels = { pt = \"Senegal (pt)\" }\n", 1);
    let programme = parse(&with_portuguese, SOURCE).unwrap();
    let senegal = programme.country("SN").unwrap();
    assert_eq!(senegal.labels.get("pt").map(String::as_str), Some("Senegal (pt)"));
    assert_eq!(senegal.label(Language::FR), "Sénégal");
    assert!(programme.country("ML").unwrap().labels.is_empty());
    let refused =
        parse(&SMALL.replacen("fr = \"Mali\"\n", "fr = \"Mali\"\nlabels = { Portugais = \"Mali\" }\n", 1), SOURCE)
            .expect_err("a label under a name that is no language code is refused");
    assert!(refused.message.contains("not a language code"), "{refused}");
}

#[test]
fn the_shipped_profile_has_the_expected_sizes() {
    let mmd = mmd();
    assert_eq!(mmd.name, "mmd");
    assert_eq!(mmd.countries.len(), 66);
    assert_eq!(mmd.jvap_domains.len(), 5);
    assert_eq!(mmd.dialogues.len(), 3);
    assert_eq!(mmd.geographic_levels.len(), 3);
    assert_eq!(mmd.applicant_types.len(), 3);
}

#[test]
fn the_shipped_profile_names_countries_in_both_languages() {
    let mmd = mmd();
    let mali = mmd.country("ML").unwrap();
    assert_eq!((mali.label(Language::EN), mali.label(Language::FR)), ("Mali", "Mali"));
    assert_eq!(mmd.country("CI").unwrap().label(Language::FR), "Côte d'Ivoire");
    assert_eq!(mmd.country("FR").unwrap().label(Language::EN), "France");
    assert_eq!(mmd.country("CD").unwrap().label(Language::FR), "République démocratique du Congo");
    assert_eq!(mmd.country("CG").unwrap().label(Language::FR), "République du Congo");
    assert_eq!(mmd.country("DZ").unwrap().label(Language::FR), "Algérie");
    assert!(mmd.has_country("CH") && mmd.has_country("NO"));
    assert!(!mmd.has_country("US") && !mmd.has_country("ml"));
}

#[test]
fn the_shipped_countries_are_sorted_by_english_name() {
    // Sort as a reader would: "Côte d'Ivoire" between "Congo" and "Croatia".
    let fold = |name: &str| name.replace('ô', "o");
    let names: Vec<String> = mmd().countries.iter().map(|country| fold(&country.en)).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[test]
fn the_shipped_taxonomy_lists_are_the_expected_codes() {
    let mmd = mmd();
    for domain in [
        "development_root_causes",
        "legal_migration_mobility",
        "protection_asylum",
        "irregular_migration_smuggling_trafficking",
        "return_readmission_reintegration",
    ] {
        assert!(mmd.is_jvap_domain(domain), "{domain}");
    }
    for dialogue in ["rabat_process", "khartoum_process", "c2cmmd"] {
        assert!(mmd.is_dialogue(dialogue), "{dialogue}");
    }
    for level in ["continental", "regional", "multi_country"] {
        assert!(mmd.is_geographic_level(level), "{level}");
    }
    for kind in OrganisationType::iter() {
        assert!(mmd.is_applicant_type(kind.as_ref()), "{kind}");
    }
    assert!(!mmd.is_jvap_domain("ML") && !mmd.is_dialogue("regional") && !mmd.is_applicant_type("ngo"));
}

#[test]
fn a_toml_syntax_error_reports_its_line() {
    let err = refuse(r#"en = "Rabat Process""#, r#"en = "Rabat Process"#);
    assert_eq!(err.line, 12, "{err}");
    assert!(err.to_string().starts_with("config/programmes/test.toml line 12: "), "{err}");
}

#[test]
fn an_unknown_key_is_refused_with_its_line() {
    let err = refuse("fr = \"Mali\"\n", "fr = \"Mali\"\nflag = \"ml\"\n");
    assert_eq!(err.line, 29, "{err}");
}

#[test]
fn a_duplicate_country_reports_the_line_of_the_duplicate() {
    let err = refuse(r#"code = "SN""#, r#"code = "ML""#);
    assert_eq!(err.to_string(), r#"config/programmes/test.toml line 31: duplicate country code "ML""#);
}

#[test]
fn an_unknown_applicant_type_is_refused_with_its_line() {
    let err = refuse(r#"code = "civil_society""#, r#"code = "ngo""#);
    assert_eq!(err.line, 21, "{err}");
    assert!(err.message.contains(r#""ngo""#) && err.message.contains("local_authority"), "{err}");
}

#[test]
fn a_malformed_country_code_is_refused() {
    for bad in ["mli", "ml", "M", "M1", "MLI"] {
        let err = refuse(r#"code = "ML""#, &format!("code = {bad:?}"));
        assert_eq!(err.line, 26, "{err}");
        assert!(err.message.contains("ISO 3166-1 alpha-2"), "{err}");
    }
}

#[test]
fn a_code_not_in_snake_case_is_refused() {
    for bad in ["Protection", "protection-asylum", "_protection", "protection__asylum", "protection_", "1st", ""] {
        let err = refuse(r#"code = "protection_asylum""#, &format!("code = {bad:?}"));
        assert_eq!(err.line, 6, "{bad:?}: {err}");
    }
}

#[test]
fn a_blank_label_is_refused_with_its_line() {
    let err = refuse(r#"fr = "Sénégal""#, r#"fr = "  ""#);
    assert_eq!(err.line, 33, "{err}");
    assert!(err.message.contains("French"), "{err}");
}

#[test]
fn an_empty_list_is_refused_with_its_line() {
    let without_dialogues =
        SMALL.replacen("title_fr = \"Essai\"\n", "title_fr = \"Essai\"\ndialogues = []\n", 1).replacen(
            "[[dialogues]]\ncode = \"rabat_process\"\nen = \"Rabat Process\"\nfr = \"Processus de Rabat\"\n",
            "",
            1,
        );
    let err = parse(&without_dialogues, SOURCE).unwrap_err();
    assert_eq!(err.line, 4, "{err}");
    assert!(err.message.contains("dialogue list must not be empty"), "{err}");
}

#[test]
fn a_missing_list_is_refused() {
    let err = refuse("[[geographic_levels]]\ncode = \"regional\"\nen = \"Regional\"\nfr = \"Régional\"\n", "");
    assert!(err.message.contains("geographic_levels"), "{err}");
}

#[test]
fn line_numbers_are_one_based() {
    assert_eq!(line_at("a\nb\nc", 0), 1);
    assert_eq!(line_at("a\nb\nc", 2), 2);
    assert_eq!(line_at("a\nb\nc", 99), 3);
}

#[test]
fn a_dialogue_lists_its_countries_and_only_the_profiles() {
    let with = SMALL.replacen(
        "fr = \"Processus de Rabat\"\n",
        "fr = \"Processus de Rabat\"\ncountries = [\"SN\", \"ML\"]\n",
        1,
    );
    let programme = parse(&with, SOURCE).unwrap();
    assert_eq!(programme.dialogue_countries("rabat_process"), ["SN", "ML"]);
    assert!(programme.dialogue_countries("khartoum_process").is_empty(), "an unknown dialogue has none");
    assert!(parse(SMALL, SOURCE).unwrap().dialogue_countries("rabat_process").is_empty(), "optional");

    let err = refuse("fr = \"Processus de Rabat\"\n", "fr = \"Processus de Rabat\"\ncountries = [\"SN\",\n  \"FR\"]\n");
    assert_eq!(err.line, 15, "the line of the unknown code: {err}");
    assert!(err.message.contains("\"FR\""), "{err}");
    let err = refuse("fr = \"Régional\"\n", "fr = \"Régional\"\ncountries = [\"SN\"]\n");
    assert_eq!(err.line, 19, "only dialogues list countries: {err}");
}

#[test]
fn the_shipped_dialogues_name_their_countries() {
    let mmd = mmd();
    let khartoum = mmd.dialogue_countries("khartoum_process");
    assert!(khartoum.iter().any(|c| c == "ER") && khartoum.iter().any(|c| c == "FR"));
    assert!(!khartoum.iter().any(|c| c == "SN"), "Senegal is in the Rabat Process");
    assert!(mmd.dialogue_countries("rabat_process").iter().any(|c| c == "SN"));
    assert_eq!(mmd.dialogue_countries("c2cmmd").len(), mmd.countries.len(), "the C2CMMD spans every country");
}

#[test]
fn countries_sort_by_their_name_in_the_readers_language() {
    let mmd = mmd();
    let names: Vec<&str> = mmd.countries_by_name(Language::FR).iter().map(|t| t.fr.as_str()).collect();
    let at = |name: &str| names.iter().position(|n| *n == name).unwrap();
    assert!(at("Djibouti") < at("Égypte") && at("Égypte") < at("Érythrée") && at("Érythrée") < at("Espagne"));
    assert!(at("Espagne") < at("Estonie") && at("Éthiopie") < at("Finlande"));
    let english: Vec<&str> = mmd.countries_by_name(Language::EN).iter().map(|t| t.en.as_str()).collect();
    assert_eq!(english.first(), Some(&"Algeria"));
}
