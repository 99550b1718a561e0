//! What the portfolio pages read: every submitted application with its call, year, lead organisation and
//! tags (SPEC §9).

use std::collections::HashSet;

use chrono::{DateTime, Datelike, Utc};
use grants_domain::Money;
use grants_domain::call::Stage;
use grants_domain::portfolio::PortfolioRow;
use grants_workflow::ApplicationState;
use grants_workflow::predicates::is_funded;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, FromQueryResult, JoinType, QueryFilter, QueryOrder, QuerySelect};
use serde_json::Value;

use crate::entity::{application, call, organisation};
use crate::records::parse;
use crate::{Store, StoreError};

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
    concept_note_id: Option<i64>,
    stage: String,
    state: String,
    submitted_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    requested_amount_cents: Option<i64>,
    awarded_amount_cents: Option<i64>,
    /// The answers' `tags` object as JSON text.
    tags: Option<String>,
    /// The lead organisation's country and type.
    country: String,
    org_type: String,
    call_reference: String,
}

impl Store {
    /// Every submitted application, once: a concept note that led to a full application counts through
    /// the full application only. Reads the columns the portfolio counts and the `tags` part of the
    /// answers (extracted by the database), never whole answers.
    pub async fn portfolio_rows(&self) -> Result<Vec<PortfolioRow>, StoreError> {
        use application::Column as A;
        let tags = match self.backend() {
            crate::Backend::Postgres => "CAST(CAST(answers AS jsonb) -> 'tags' AS text)",
            crate::Backend::Sqlite => "json_extract(answers, '$.tags')",
        };
        let lead = application::Entity::belongs_to(organisation::Entity)
            .from(A::OrganisationId)
            .to(organisation::Column::Id)
            .into();
        let call_of = application::Entity::belongs_to(call::Entity).from(A::CallId).to(call::Column::Id).into();
        let submitted = application::Entity::find()
            .select_only()
            .columns([
                A::Id,
                A::ConceptNoteId,
                A::Stage,
                A::State,
                A::SubmittedAt,
                A::CreatedAt,
                A::RequestedAmountCents,
                A::AwardedAmountCents,
            ])
            .column_as(Expr::cust(tags), "tags")
            .column_as(organisation::Column::Country, "country")
            .column_as(organisation::Column::OrgType, "org_type")
            .column_as(call::Column::Reference, "call_reference")
            .join(JoinType::InnerJoin, lead)
            .join(JoinType::InnerJoin, call_of)
            .filter(A::Reference.is_not_null())
            .order_by_asc(A::Id)
            .into_model::<Counted>()
            .all(&self.db)
            .await?;
        let followed: HashSet<i64> = submitted.iter().filter_map(|a| a.concept_note_id).collect();
        let mut rows = Vec::new();
        for application in submitted.into_iter().filter(|a| !followed.contains(&a.id)) {
            let at_stage: Stage = parse("stage", &application.stage)?;
            let state: ApplicationState = parse("application state", &application.state)?;
            if at_stage == Stage::ConceptNote && state == ApplicationState::Invited {
                continue;
            }
            let funded = is_funded(state).then_some(application.awarded_amount_cents.map(Money::from_cents)).flatten();
            let tags: Value =
                application.tags.as_deref().and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default();
            rows.push(PortfolioRow {
                call: application.call_reference,
                year: application.submitted_at.unwrap_or(application.created_at).year(),
                country: application.country,
                applicant_type: application.org_type,
                jvap_domains: strings(&tags, "/jvap_domains"),
                dialogues: strings(&tags, "/dialogues"),
                requested: application.requested_amount_cents.map_or(Money::ZERO, Money::from_cents),
                funded,
            });
        }
        Ok(rows)
    }
}
