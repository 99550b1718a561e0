//! How strong a new password must be (SPEC §11): long enough, not too long to hash, and hard to guess as
//! the zxcvbn estimator judges it (dictionaries, keyboard patterns, dates, the person's own name and email).
//!
//! The verdict names what is wrong with stable keys; the pages translate them (`password_*` in the
//! language catalogues), so the advice reads in English and French alike.

use zxcvbn::Score;
use zxcvbn::feedback::{Suggestion, Warning};

/// Shortest password accepted.
pub const MIN_LENGTH: usize = 8;
/// Longest password accepted (long passphrases welcome; argon2 hashes any length, this bounds the work).
pub const MAX_LENGTH: usize = 128;
/// The least zxcvbn score accepted: 3 means "safely unguessable" for an online attacker and a slow hash.
pub const MIN_SCORE: Score = Score::Three;

/// Why a password was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordProblem {
    /// Fewer than [`MIN_LENGTH`] characters.
    TooShort,
    /// More than [`MAX_LENGTH`] characters.
    TooLong,
    /// Too easy to guess; what the estimator noticed and what would help, as catalogue keys.
    TooWeak {
        /// What makes it guessable, e.g. `password_warning_common`.
        warning: Option<&'static str>,
        /// What to do instead, e.g. `password_suggestion_more_words`.
        suggestions: Vec<&'static str>,
    },
}

impl PasswordProblem {
    /// The catalogue key of the problem itself.
    pub fn key(&self) -> &'static str {
        match self {
            PasswordProblem::TooShort => "password_too_short",
            PasswordProblem::TooLong => "password_too_long",
            PasswordProblem::TooWeak { .. } => "password_too_weak",
        }
    }

    /// Every catalogue key to show, the problem first, then the warning and suggestions.
    pub fn keys(&self) -> Vec<&'static str> {
        let mut keys = vec![self.key()];
        if let PasswordProblem::TooWeak { warning, suggestions } = self {
            keys.extend(warning.iter().copied());
            keys.extend(suggestions.iter().copied());
        }
        keys
    }

    /// An English sentence for the API and the logs (pages use the catalogue keys instead).
    pub fn message(&self) -> String {
        match self {
            PasswordProblem::TooShort | PasswordProblem::TooLong => {
                format!("a password has {MIN_LENGTH} to {MAX_LENGTH} characters")
            }
            PasswordProblem::TooWeak { .. } => {
                "this password is too easy to guess: use a few unrelated words".to_owned()
            }
        }
    }
}

/// Checks a new password. `hints` are what an attacker knows of the person (email, name, organisation):
/// a password built from them is weak however long it is.
pub fn check(password: &str, hints: &[&str]) -> Result<(), PasswordProblem> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(PasswordProblem::TooShort);
    }
    if length > MAX_LENGTH {
        return Err(PasswordProblem::TooLong);
    }
    let mut words: Vec<&str> = Vec::new();
    for hint in hints {
        words.push(hint);
        words.extend(hint.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 3));
    }
    let estimate = zxcvbn::zxcvbn(password, &words);
    if estimate.score() >= MIN_SCORE {
        return Ok(());
    }
    let feedback = estimate.feedback();
    Err(PasswordProblem::TooWeak {
        warning: feedback.and_then(zxcvbn::feedback::Feedback::warning).map(warning_key),
        suggestions: feedback.map(|f| f.suggestions().iter().map(|s| suggestion_key(*s)).collect()).unwrap_or_default(),
    })
}

fn warning_key(warning: Warning) -> &'static str {
    match warning {
        Warning::StraightRowsOfKeysAreEasyToGuess | Warning::ShortKeyboardPatternsAreEasyToGuess => {
            "password_warning_keyboard"
        }
        Warning::RepeatsLikeAaaAreEasyToGuess | Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => {
            "password_warning_repeats"
        }
        Warning::ThisIsATop10Password | Warning::ThisIsATop100Password | Warning::ThisIsACommonPassword => {
            "password_warning_common"
        }
        Warning::ThisIsSimilarToACommonlyUsedPassword => "password_warning_similar",
        Warning::SequencesLikeAbcAreEasyToGuess => "password_warning_sequence",
        Warning::RecentYearsAreEasyToGuess | Warning::DatesAreOftenEasyToGuess => "password_warning_dates",
        Warning::AWordByItselfIsEasyToGuess => "password_warning_word",
        Warning::NamesAndSurnamesByThemselvesAreEasyToGuess | Warning::CommonNamesAndSurnamesAreEasyToGuess => {
            "password_warning_names"
        }
    }
}

fn suggestion_key(suggestion: Suggestion) -> &'static str {
    match suggestion {
        Suggestion::UseAFewWordsAvoidCommonPhrases | Suggestion::AddAnotherWordOrTwo => "password_suggestion_words",
        Suggestion::NoNeedForSymbolsDigitsOrUppercaseLetters => "password_suggestion_no_symbols",
        Suggestion::CapitalizationDoesntHelpVeryMuch
        | Suggestion::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase
        | Suggestion::ReversedWordsArentMuchHarderToGuess
        | Suggestion::PredictableSubstitutionsDontHelpVeryMuch => "password_suggestion_tricks",
        Suggestion::UseALongerKeyboardPatternWithMoreTurns => "password_suggestion_keyboard",
        Suggestion::AvoidRepeatedWordsAndCharacters => "password_suggestion_repeats",
        Suggestion::AvoidSequences => "password_suggestion_sequences",
        Suggestion::AvoidRecentYears
        | Suggestion::AvoidYearsThatAreAssociatedWithYou
        | Suggestion::AvoidDatesAndYearsThatAreAssociatedWithYou => "password_suggestion_dates",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_passwords_are_refused_with_advice() {
        for weak in ["password", "12345678", "azertyuiop", "motdepasse"] {
            let problem = check(weak, &[]).expect_err(weak);
            assert_eq!(problem.key(), "password_too_weak", "{weak}");
            assert!(problem.keys().len() > 1, "{weak}: the refusal says why or what to do");
        }
    }

    #[test]
    fn a_password_made_of_the_persons_own_details_is_weak() {
        assert!(check("aminata.traore@example.org", &["aminata.traore@example.org", "Aminata Traoré"]).is_err());
        assert!(check("AminataTraore", &["aminata.traore@example.org", "Aminata Traoré"]).is_err());
    }

    #[test]
    fn length_is_bounded_both_ways() {
        assert_eq!(check("Ab1!x", &[]), Err(PasswordProblem::TooShort));
        assert_eq!(check(&"long passphrase ".repeat(10), &[]), Err(PasswordProblem::TooLong));
    }

    #[test]
    fn passphrases_pass() {
        for strong in ["correct horse battery staple", "une phrase de passe longue", "Kayes-Tambacounda-bus-2031!"] {
            assert_eq!(check(strong, &["someone@example.org"]), Ok(()), "{strong}");
        }
    }
}
