//! The plain records the store hands out, decoded from rows into domain types.

use chrono::{DateTime, Utc};
use grants_domain::call::{CallRules, Stage};
use grants_domain::call_settings::CallSettings;
use grants_domain::{Language, Money, OrganisationType, Role, Viewer};
use grants_workflow::{ApplicationState, CallState};
use serde_json::Value;

use crate::StoreError;

/// An applicant organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    /// Its id.
    pub id: i64,
    /// Its registered name.
    pub name: String,
    /// ISO 3166-1 alpha-2 code of its seat.
    pub country: String,
    /// Local authority, CSO or diaspora organisation.
    pub org_type: OrganisationType,
    /// What the organisation says of itself, once for every call.
    pub profile: OrganisationProfile,
    /// Increases with each change, so two people editing at once cannot overwrite each other.
    pub version: i32,
    /// When the profile last changed; `None` until it first does.
    pub updated_at: Option<DateTime<Utc>>,
}

/// The organisation's details beyond its name, country and type: how to reach it and who it is. Every
/// field may be empty; applicants fill them once and every application reuses them.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OrganisationProfile {
    /// Short name, e.g. `AME`.
    pub acronym: String,
    /// Number in the national register of associations or authorities.
    pub registration_number: String,
    /// Postal address, several lines.
    pub address: String,
    /// Its website, `https://…`.
    pub website: String,
    /// The address programme staff write to.
    pub contact_email: String,
    /// A telephone number, as the organisation writes it.
    pub phone: String,
    /// A short presentation: mission, experience with migration and mobility.
    pub description: String,
}

/// A user with their roles and organisations: everything access checks need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Its id.
    pub id: i64,
    /// Where their emails go.
    pub email: String,
    /// How they are addressed.
    pub display_name: String,
    /// Which language they read.
    pub language: Language,
    /// Every role they hold.
    pub roles: Vec<Role>,
    /// The organisations they belong to.
    pub organisation_ids: Vec<i64>,
    /// Their country (evaluators: for the same-country exclusion).
    pub country: Option<String>,
    /// When an admin ended their access, while it stays ended: no session, token, sign-in or new
    /// assignment works for them.
    pub deactivated_at: Option<DateTime<Utc>>,
    /// What they know, as the programme's JVAP domain codes (evaluators: preferred for applications
    /// selecting those domains).
    pub expertise: Vec<String>,
}

impl User {
    /// Whether their access is open (not deactivated).
    pub fn is_active(&self) -> bool {
        self.deactivated_at.is_none()
    }

    /// The user as the access rules see them.
    pub fn viewer(&self) -> Viewer {
        Viewer { user_id: self.id, roles: self.roles.clone(), organisation_ids: self.organisation_ids.clone() }
    }
}

/// One lot of a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LotRecord {
    /// Its id (applications point to it).
    pub id: i64,
    /// Its order within the call, from 1.
    pub position: i32,
    /// Its name (English, and the fallback).
    pub name: String,
    /// Its name for French readers, when it has one.
    pub name_fr: Option<String>,
    /// Its budget.
    pub budget: Money,
}

impl LotRecord {
    /// The name a reader of `lang` sees: the French name for French readers when there is one, else the
    /// name. Every page, report and document that shows a lot to a person goes through here.
    pub fn name_in(&self, lang: Language) -> &str {
        lot_name_in(lang, &self.name, self.name_fr.as_deref())
    }

    /// The lot as a design writes it back (both names, the budget).
    pub fn lot(&self) -> grants_domain::call_settings::Lot {
        grants_domain::call_settings::Lot {
            name: self.name.clone(),
            name_fr: self.name_fr.clone(),
            budget: self.budget,
        }
    }
}

/// A call for proposals with its rules and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// Its id.
    pub id: i64,
    /// The rules, frozen once published.
    pub rules: CallRules,
    /// The rest of the rules, frozen with them.
    pub settings: CallSettings,
    /// The lots, in order.
    pub lots: Vec<LotRecord>,
    /// The programme profile whose taxonomy the call uses.
    pub programme: String,
    /// Its state in the call lifecycle.
    pub state: CallState,
    /// Bumped by every change; compare-and-set key.
    pub version: i32,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// An application to a call.
#[derive(Debug, Clone, PartialEq)]
pub struct Application {
    /// Its id.
    pub id: i64,
    /// The call applied to.
    pub call_id: i64,
    /// The applicant organisation.
    pub organisation_id: i64,
    /// The user who created it.
    pub created_by: i64,
    /// Concept note or full application.
    pub stage: Stage,
    /// The human reference, given at submission.
    pub reference: Option<String>,
    /// The action's title.
    pub title: String,
    /// The grant asked for.
    pub requested_amount: Option<Money>,
    /// The form answers (a JSON document).
    pub answers: Value,
    /// Its state in the application lifecycle.
    pub state: ApplicationState,
    /// Bumped by every change; compare-and-set key.
    pub version: i32,
    /// When the open clarification request falls due.
    pub clarification_due_at: Option<DateTime<Utc>>,
    /// The lot it competes in.
    pub lot_id: Option<i64>,
    /// Soft eligibility rules it failed at submission, for the managers.
    pub eligibility_flags: Value,
    /// The concept note a full application follows from (restricted calls).
    pub concept_note_id: Option<i64>,
    /// The grant awarded, once awarded.
    pub awarded_amount: Option<Money>,
    /// When it was submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// One entry of the audit trail.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Its id, increasing with time.
    pub id: i64,
    /// `call` or `application`.
    pub subject_kind: String,
    /// The call's or application's id.
    pub subject_id: i64,
    /// The action performed.
    pub action: String,
    /// The state before.
    pub from_state: String,
    /// The state after.
    pub to_state: String,
    /// Who acted (none for the system).
    pub actor_user_id: Option<i64>,
    /// In which role they acted, or `system`.
    pub actor_role: String,
    /// The reason given.
    pub reason: Option<String>,
    /// The structured payload given.
    pub payload: Value,
    /// When it happened.
    pub occurred_at: DateTime<Utc>,
}

/// One page of a listing.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The records on this page.
    pub items: Vec<T>,
    /// How many records match in all.
    pub total: u64,
    /// This page's number, from 1.
    pub page: u64,
    /// The page size.
    pub per_page: u64,
}

pub(crate) fn parse<T: std::str::FromStr>(what: &str, text: &str) -> Result<T, StoreError> {
    text.parse().map_err(|_| {
        StoreError::Database(sea_orm::DbErr::Custom(format!("unreadable {what} `{text}` in the database")))
    })
}

pub(crate) fn parse_json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// A lot's name for a reader of `lang`: the French name when there is one, else the name.
pub(crate) fn lot_name_in<'a>(lang: Language, name: &'a str, name_fr: Option<&'a str>) -> &'a str {
    match (lang, name_fr) {
        (Language::FR, Some(name_fr)) if !name_fr.trim().is_empty() => name_fr,
        _ => name,
    }
}
