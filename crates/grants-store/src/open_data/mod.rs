//! The awarded projects the public may read (SPEC §9): funded applications of the calls that publish their
//! awards, with only what the open-data files and the public page show. Nothing about people is read:
//! the queries never touch the users table, and organisations come with their name, type and country only.
//!
//! Every read is bounded: a page (or a streaming batch) is three queries whatever its size — the projects,
//! their agreements, their paid payments — and [`Store::open_data_version`] answers "has anything changed?"
//! with two aggregate queries, so unchanged files are answered with 304 without reading a project.

mod query;
mod version;

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use grants_domain::Money;
use grants_workflow::ApplicationState;
use rust_decimal::Decimal;

pub use version::OpenDataVersion;

/// The states whose grants are published: the one definition of "funded" beside the application table,
/// which the portfolio reads too, so the public files and the portfolio always count the same projects.
fn funded_states() -> Vec<String> {
    grants_workflow::predicates::states_where(grants_workflow::predicates::is_funded)
}

/// What the public may narrow the awarded projects to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectFilter {
    /// One call (its id).
    pub call_id: Option<i64>,
    /// Projects acting in this country (ISO code, among the countries of action).
    pub country: Option<String>,
    /// Projects under this JVAP domain (code).
    pub jvap_domain: Option<String>,
    /// Projects under this dialogue (code).
    pub dialogue: Option<String>,
}

/// A call that publishes its awards, as the public sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishingCall {
    /// Its id.
    pub id: i64,
    /// Its reference (`MMD-CFP-2026-01`).
    pub reference: String,
    /// English title.
    pub title_en: String,
    /// French title.
    pub title_fr: String,
}

impl PublishingCall {
    /// The title for a reader of `lang`: the French one when there is one, the English otherwise.
    pub fn title(&self, lang: grants_domain::Language) -> &str {
        if lang == grants_domain::Language::FR && !self.title_fr.is_empty() { &self.title_fr } else { &self.title_en }
    }
}

/// The grantee, as published: the organisation, never a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedOrganisation {
    /// Its registered name.
    pub name: String,
    /// Its applicant type code (`civil_society`…).
    pub org_type: String,
    /// Its registered country (ISO code).
    pub country: String,
}

/// The signed agreement of a contracted grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedAgreement {
    /// The grant committed.
    pub amount: Money,
    /// First day of the action.
    pub starts_on: NaiveDate,
    /// Last day of the action.
    pub ends_on: NaiveDate,
    /// When it was signed.
    pub signed_at: DateTime<Utc>,
}

/// One payment made to the grantee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Disbursement {
    /// When it was paid.
    pub paid_at: DateTime<Utc>,
    /// How much.
    pub amount: Money,
}

/// One funded project of a publishing call, with what the open-data files and the public page show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedProject {
    /// The application's id (the order of the streamed files).
    pub id: i64,
    /// The application's reference (`MMD-CFP-2026-01-0008`).
    pub reference: String,
    /// Its call.
    pub call: PublishingCall,
    /// The project's title, as the applicant wrote it.
    pub title: String,
    /// The action's summary, as the applicant wrote it.
    pub summary: String,
    /// The lead organisation.
    pub organisation: PublishedOrganisation,
    /// The countries of action (ISO codes), in the form's order.
    pub countries: Vec<String>,
    /// Shares per country of action given in the form, if any (percent).
    pub country_percentages: BTreeMap<String, Decimal>,
    /// JVAP domain codes.
    pub jvap_domains: Vec<String>,
    /// Dialogue codes.
    pub dialogues: Vec<String>,
    /// Planned duration, in months, from the form.
    pub duration_months: Option<u32>,
    /// Where the application is (awarded, contracted, closed, terminated).
    pub state: ApplicationState,
    /// The grant awarded.
    pub awarded: Money,
    /// The agreement, once signed.
    pub agreement: Option<PublishedAgreement>,
    /// The payments made, oldest first.
    pub disbursements: Vec<Disbursement>,
    /// When the application last changed (its decision, signature, closure).
    pub updated_at: DateTime<Utc>,
}

impl PublishedProject {
    /// What has been paid so far.
    pub fn paid(&self) -> Money {
        Money::from_cents(self.disbursements.iter().map(|d| d.amount.cents()).sum())
    }

    /// When anything published about the project last changed: its record, its agreement or a payment.
    pub fn last_updated(&self) -> DateTime<Utc> {
        let signed = self.agreement.as_ref().map(|a| a.signed_at);
        let paid = self.disbursements.iter().map(|d| d.paid_at).max();
        [Some(self.updated_at), signed, paid].into_iter().flatten().max().unwrap_or(self.updated_at)
    }
}
