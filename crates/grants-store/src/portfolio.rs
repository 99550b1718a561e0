//! What the portfolio pages read: every submitted application with its call, year, lead organisation and
//! tags (SPEC §9), and the awarded projects of calls that publish them.

use std::collections::{HashMap, HashSet};

use chrono::Datelike;
use grants_domain::Money;
use grants_domain::call::Stage;
use grants_domain::portfolio::PortfolioRow;
use grants_workflow::ApplicationState;
use grants_workflow::predicates::{holds_lot_budget, is_funded, states_where};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;

use crate::entity::{application, organisation};
use crate::{Call, Store, StoreError};

/// An awarded project on the public page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedAward {
    /// The call's reference.
    pub call_reference: String,
    /// The call's titles (EN, FR).
    pub call_titles: (String, String),
    /// The application's reference.
    pub reference: String,
    /// The project's title.
    pub title: String,
    /// The lead organisation.
    pub organisation: String,
    /// Its country (ISO code).
    pub country: String,
    /// The grant.
    pub amount: Money,
}

fn strings(answers: &Value, pointer: &str) -> Vec<String> {
    answers
        .pointer(pointer)
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).map(ToOwned::to_owned).collect())
        .unwrap_or_default()
}

impl Store {
    async fn calls_by_id(&self) -> Result<HashMap<i64, Call>, StoreError> {
        let mut calls = HashMap::new();
        let mut page = 1;
        loop {
            let found = self.list_calls(None, page, 100).await?;
            let done = found.items.len() < 100;
            calls.extend(found.items.into_iter().map(|c| (c.id, c)));
            if done {
                return Ok(calls);
            }
            page += 1;
        }
    }

    async fn organisations_by_id(&self) -> Result<HashMap<i64, organisation::Model>, StoreError> {
        Ok(organisation::Entity::find().all(&self.db).await?.into_iter().map(|o| (o.id, o)).collect())
    }

    /// Every submitted application, once: a concept note that led to a full application counts through
    /// the full application only.
    pub async fn portfolio_rows(&self) -> Result<Vec<PortfolioRow>, StoreError> {
        let submitted = application::Entity::find()
            .filter(application::Column::Reference.is_not_null())
            .order_by_asc(application::Column::Id)
            .all(&self.db)
            .await?;
        let followed: HashSet<i64> = submitted.iter().filter_map(|a| a.concept_note_id).collect();
        let organisations = self.organisations_by_id().await?;
        let calls = self.calls_by_id().await?;
        let mut rows = Vec::new();
        for model in submitted.into_iter().filter(|a| !followed.contains(&a.id)) {
            let application = crate::applications::application_record(model)?;
            if application.stage == Stage::ConceptNote && application.state == ApplicationState::Invited {
                continue;
            }
            let organisation = organisations.get(&application.organisation_id);
            let funded = is_funded(application.state).then_some(application.awarded_amount).flatten();
            rows.push(PortfolioRow {
                call: calls.get(&application.call_id).map(|c| c.rules.reference.clone()).unwrap_or_default(),
                year: application.submitted_at.unwrap_or(application.created_at).year(),
                country: organisation.map(|o| o.country.clone()).unwrap_or_default(),
                applicant_type: organisation.map(|o| o.org_type.clone()).unwrap_or_default(),
                jvap_domains: strings(&application.answers, "/tags/jvap_domains"),
                dialogues: strings(&application.answers, "/tags/dialogues"),
                requested: application.requested_amount.unwrap_or(Money::ZERO),
                funded,
            });
        }
        Ok(rows)
    }

    /// The awarded projects of the calls whose settings publish them, by call then reference.
    pub async fn published_awards(&self) -> Result<Vec<PublishedAward>, StoreError> {
        let calls = self.calls_by_id().await?;
        let publishing: Vec<i64> = calls.values().filter(|c| c.settings.publish_awards).map(|c| c.id).collect();
        if publishing.is_empty() {
            return Ok(Vec::new());
        }
        let funded = application::Entity::find()
            .filter(application::Column::CallId.is_in(publishing))
            .filter(application::Column::State.is_in(states_where(holds_lot_budget)))
            .order_by_asc(application::Column::CallId)
            .order_by_asc(application::Column::Reference)
            .all(&self.db)
            .await?;
        let organisations = self.organisations_by_id().await?;
        let mut awards = Vec::new();
        for model in funded {
            let organisation = organisations.get(&model.organisation_id);
            let Some(call) = calls.get(&model.call_id) else { continue };
            awards.push(PublishedAward {
                call_reference: call.rules.reference.clone(),
                call_titles: (call.rules.title_en.clone(), call.rules.title_fr.clone()),
                reference: model.reference.clone().unwrap_or_default(),
                title: model.title.clone(),
                organisation: organisation.map(|o| o.name.clone()).unwrap_or_default(),
                country: organisation.map(|o| o.country.clone()).unwrap_or_default(),
                amount: Money::from_cents(model.awarded_amount_cents.unwrap_or(0)),
            });
        }
        Ok(awards)
    }
}
