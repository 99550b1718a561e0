//! Labels of the programme's terms (JVAP domains, dialogues, countries, applicant types) in the reader's
//! language, for the API's exports and the pages alike.

use grants_domain::Language;
use grants_domain::portfolio::Dimension;

use crate::AppState;

/// The label of a bucket key in `lang`: the programme's terms for domains, dialogues, countries and types.
pub fn term_label(state: &AppState, by: Dimension, key: &str, lang: Language) -> String {
    let programme = state.store.programme();
    let terms = match by {
        Dimension::JvapDomain => &programme.jvap_domains,
        Dimension::Dialogue => &programme.dialogues,
        Dimension::Country => &programme.countries,
        Dimension::ApplicantType => &programme.applicant_types,
        Dimension::Call | Dimension::Year => return key.to_owned(),
    };
    terms.iter().find(|t| t.code == key).map_or_else(|| key.to_owned(), |t| t.label(lang).to_owned())
}
