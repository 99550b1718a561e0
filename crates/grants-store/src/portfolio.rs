//! What the portfolio pages read: every submitted application with its call, year, lead organisation and
//! tags (SPEC §9).

use std::collections::{HashMap, HashSet};

use chrono::Datelike;
use grants_domain::Money;
use grants_domain::call::Stage;
use grants_domain::portfolio::PortfolioRow;
use grants_workflow::ApplicationState;
use grants_workflow::predicates::is_funded;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;

use crate::entity::{application, organisation};
use crate::{Call, Store, StoreError};

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
}
