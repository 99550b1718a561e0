use super::*;

#[test]
fn every_catalogue_loads_and_has_the_same_messages() {
    let all = catalogues().unwrap();
    assert!(all.contains_key("en") && all.contains_key("fr"), "{:?}", all.keys().collect::<Vec<_>>());
    let english: Vec<&String> = all["en"].strings().keys().collect();
    for (code, catalogue) in all {
        let ids: Vec<&String> = catalogue.strings().keys().collect();
        assert_eq!(ids, english, "{code}.ftl and en.ftl differ");
    }
}

#[test]
fn a_missing_message_or_language_does_not_panic() {
    assert_eq!(text("fr", "no-such-message", &[]), "no-such-message");
    assert_eq!(text("xx", "language-name", &[]), "English", "an unknown language falls back to English");
}

#[test]
fn the_number_marks_are_read_without_formatting_and_an_unknown_language_reads_english() {
    assert_eq!(plain("fr", "number-decimal"), ",");
    assert_eq!(plain("fr", "number-group"), "\u{202f}");
    assert_eq!(plain("xx", "number-group"), ",");
    assert_eq!(plain("en", "no-such-message"), "no-such-message");
    assert_eq!(language("fr"), Some("fr"));
    assert_eq!(language("xx"), None);
}
