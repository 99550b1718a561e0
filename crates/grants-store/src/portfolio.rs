//! What the portfolio pages read: every submitted application with its call, year, lead organisation and
//! tags (SPEC §9).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, Utc};
use grants_domain::Money;
use grants_domain::call::Stage;
use grants_domain::portfolio::PortfolioRow;
use grants_workflow::ApplicationState;
use grants_workflow::predicates::is_funded;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect};
use serde_json::Value;

use crate::entity::{application, organisation};
use crate::records::parse;
use crate::{Call, Store, StoreError};

fn strings(answers: &Value, pointer: &str) -> Vec<String> {
    answers
        .pointer(pointer)
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).map(ToOwned::to_owned).collect())
        .unwrap_or_default()
}

/// What the portfolio reads of an application.
#[derive(FromQueryResult)]
struct Counted {
    id: i64,
    call_id: i64,
    organisation_id: i64,
    concept_note_id: Option<i64>,
    stage: String,
    state: String,
    submitted_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    requested_amount_cents: Option<i64>,
    awarded_amount_cents: Option<i64>,
    /// The answers' `tags` object as JSON text.
    tags: Option<String>,
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
    /// the full application only. Reads the columns the portfolio counts and the `tags` part of the
    /// answers (extracted by the database), never whole answers.
    pub async fn portfolio_rows(&self) -> Result<Vec<PortfolioRow>, StoreError> {
        use application::Column as A;
        let tags = match self.backend() {
            crate::Backend::Postgres => "CAST(CAST(answers AS jsonb) -> 'tags' AS text)",
            crate::Backend::Sqlite => "json_extract(answers, '$.tags')",
        };
        let submitted = application::Entity::find()
            .select_only()
            .columns([
                A::Id,
                A::CallId,
                A::OrganisationId,
                A::ConceptNoteId,
                A::Stage,
                A::State,
                A::SubmittedAt,
                A::CreatedAt,
                A::RequestedAmountCents,
                A::AwardedAmountCents,
            ])
            .column_as(Expr::cust(tags), "tags")
            .filter(A::Reference.is_not_null())
            .order_by_asc(A::Id)
            .into_model::<Counted>()
            .all(&self.db)
            .await?;
        let followed: HashSet<i64> = submitted.iter().filter_map(|a| a.concept_note_id).collect();
        let organisations = self.organisations_by_id().await?;
        let calls = self.calls_by_id().await?;
        let mut rows = Vec::new();
        for application in submitted.into_iter().filter(|a| !followed.contains(&a.id)) {
            let at_stage: Stage = parse("stage", &application.stage)?;
            let state: ApplicationState = parse("application state", &application.state)?;
            if at_stage == Stage::ConceptNote && state == ApplicationState::Invited {
                continue;
            }
            let organisation = organisations.get(&application.organisation_id);
            let funded = is_funded(state).then_some(application.awarded_amount_cents.map(Money::from_cents)).flatten();
            let tags: Value =
                application.tags.as_deref().and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default();
            rows.push(PortfolioRow {
                call: calls.get(&application.call_id).map(|c| c.rules.reference.clone()).unwrap_or_default(),
                year: application.submitted_at.unwrap_or(application.created_at).year(),
                country: organisation.map(|o| o.country.clone()).unwrap_or_default(),
                applicant_type: organisation.map(|o| o.org_type.clone()).unwrap_or_default(),
                jvap_domains: strings(&tags, "/jvap_domains"),
                dialogues: strings(&tags, "/dialogues"),
                requested: application.requested_amount_cents.map_or(Money::ZERO, Money::from_cents),
                funded,
            });
        }
        Ok(rows)
    }
}
