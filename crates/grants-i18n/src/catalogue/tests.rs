use super::*;

const POLISH: &str = "
# A test catalogue in a third language: its plural forms come from CLDR through the library.
files_attached = { $count ->
    [one] { $count } plik
    [few] { $count } pliki
   *[many] { $count } plików
}
";

#[test]
fn numbers_choose_the_wording_each_language_needs() {
    let (en, fr) = ("en", "fr");
    let closes = |lang, days| crate::text(lang, "call_closes_in_days", &[("days", Arg::Number(days))]);
    assert_eq!(closes(en, 1), "closes in 1 day");
    assert_eq!(closes(en, 12), "closes in 12 days");
    assert_eq!(closes(fr, 1), "clôture dans 1 jour");
    assert_eq!(closes(fr, 12), "clôture dans 12 jours");
    let waiting = |lang, n| {
        crate::text(lang, "waiting_scorecards", &[("submitted", Arg::Number(n)), ("required", Arg::Number(2))])
    };
    assert_eq!(waiting(fr, 1), "1 grille soumise sur 2");
    assert_eq!(waiting(fr, 0), "0 grille soumise sur 2", "French counts zero as one");
    assert_eq!(waiting(en, 0), "0 of 2 scorecards submitted");
}

#[test]
fn a_third_language_is_one_more_catalogue_with_its_own_plural_rules() {
    let polish = Catalogue::parse("pl", POLISH).unwrap();
    let files = |n| polish.format("files_attached", &[("count", Arg::Number(n))]).unwrap();
    assert_eq!(files(1), "1 plik");
    assert_eq!(files(3), "3 pliki");
    assert_eq!(files(5), "5 plików");
    assert_eq!(files(22), "22 pliki");
    assert_eq!(files(25), "25 plików");
    assert_eq!(polish.strings()["files_attached"], "{count} plików", "templates get the variable to fill");
}

#[test]
fn a_broken_catalogue_is_refused_with_its_place() {
    let error = Catalogue::parse("fr", "ok = bien\nbroken = { $n\n").unwrap_err();
    assert!(error.starts_with("fr.ftl: "), "{error}");
    assert!(error.starts_with("fr.ftl: line 2: "), "the line of the broken message: {error}");
    assert!(Catalogue::parse("fr", "empty =\n").is_err());
}
