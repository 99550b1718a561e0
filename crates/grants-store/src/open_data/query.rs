//! The queries behind the public projects: one select of the projects (only the columns shown, the
//! filters applied in SQL, JSON tags searched by the database), then their agreements and paid payments
//! in one query each.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use grants_domain::Money;
use rust_decimal::Decimal;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Order, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QueryResult, QuerySelect,
};
use serde::Deserialize;
use serde_json::Value;

use super::{
    Disbursement, ProjectFilter, PublishedAgreement, PublishedOrganisation, PublishedProject, PublishingCall,
    funded_states,
};
use crate::entity::{agreement, application, call, organisation, payment};
use crate::records::{Page, parse};
use crate::{Store, StoreError};
use grants_workflow::PaymentState;

/// The funded applications of publishing calls, narrowed by `filter`: the FROM and WHERE every query
/// about published projects shares.
pub(super) fn published(filter: &ProjectFilter, backend: DbBackend) -> SelectStatement {
    let mut select = Query::select();
    select
        .from(application::Entity)
        .inner_join(
            call::Entity,
            Expr::col((call::Entity, call::Column::Id)).equals((application::Entity, application::Column::CallId)),
        )
        .inner_join(
            organisation::Entity,
            Expr::col((organisation::Entity, organisation::Column::Id))
                .equals((application::Entity, application::Column::OrganisationId)),
        )
        .and_where(Expr::col((call::Entity, call::Column::PublishAwards)).eq(true))
        .and_where(Expr::col((application::Entity, application::Column::State)).is_in(funded_states()));
    if let Some(call_id) = filter.call_id {
        select.and_where(Expr::col((application::Entity, application::Column::CallId)).eq(call_id));
    }
    let lists = [
        (["action", "countries"], &filter.country),
        (["tags", "jvap_domains"], &filter.jvap_domain),
        (["tags", "dialogues"], &filter.dialogue),
    ];
    for (path, code) in lists {
        if let Some(code) = code {
            select.and_where(answers_list_contains(backend, path, code));
        }
    }
    select
}

/// `applications.answers` (JSON text) has `code` in the list at `path`, in each engine's JSON dialect.
fn answers_list_contains(backend: DbBackend, path: [&str; 2], code: &str) -> Expr {
    let [outer, inner] = path;
    match backend {
        DbBackend::Postgres => Expr::cust_with_values(
            "(applications.answers::jsonb #> $1::text[]) @> jsonb_build_array($2::text)",
            [format!("{{{outer},{inner}}}"), code.to_owned()],
        ),
        _ => Expr::cust_with_values(
            "EXISTS (SELECT 1 FROM json_each(applications.answers, ?) WHERE json_each.value = ?)",
            [format!("$.{outer}.{inner}"), code.to_owned()],
        ),
    }
}

/// Adds the columns a [`PublishedProject`] is built from.
fn project_columns(select: &mut SelectStatement) {
    for column in [
        application::Column::Id,
        application::Column::Reference,
        application::Column::Title,
        application::Column::Answers,
        application::Column::State,
        application::Column::AwardedAmountCents,
        application::Column::UpdatedAt,
        application::Column::CallId,
    ] {
        select.column((application::Entity, column));
    }
    let aliased = [
        (Expr::col((call::Entity, call::Column::Reference)), "call_reference"),
        (Expr::col((call::Entity, call::Column::TitleEn)), "call_title_en"),
        (Expr::col((call::Entity, call::Column::TitleFr)), "call_title_fr"),
        (Expr::col((organisation::Entity, organisation::Column::Name)), "organisation_name"),
        (Expr::col((organisation::Entity, organisation::Column::OrgType)), "organisation_type"),
        (Expr::col((organisation::Entity, organisation::Column::Country)), "organisation_country"),
    ];
    for (expr, alias) in aliased {
        select.expr_as(expr, Alias::new(alias));
    }
}

/// The few parts of the answers document the public sees. Everything else (budget, logframe, partners…)
/// is skipped while parsing, never held in memory; any part of an unexpected shape reads as absent.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PublicAnswers {
    action: PublicPart,
    tags: PublicPart,
}

/// One object of the answers (`action` or `tags`), keeping only the published fields.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PublicPart {
    summary: Value,
    countries: Value,
    duration_months: Value,
    country_percentages: Value,
    jvap_domains: Value,
    dialogues: Value,
}

fn strings(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|list| list.iter().filter_map(Value::as_str).map(ToOwned::to_owned).collect())
        .unwrap_or_default()
}

fn percentages(shares: &Value) -> BTreeMap<String, Decimal> {
    shares
        .as_object()
        .map(|shares| {
            shares
                .iter()
                .filter_map(|(code, share)| Some((code.clone(), share.to_string().trim_matches('"').parse().ok()?)))
                .collect()
        })
        .unwrap_or_default()
}

fn project(row: &QueryResult) -> Result<PublishedProject, StoreError> {
    let answers: PublicAnswers = serde_json::from_str(&row.try_get::<String>("", "answers")?).unwrap_or_default();
    let (action, tags) = (&answers.action, &answers.tags);
    Ok(PublishedProject {
        id: row.try_get("", "id")?,
        reference: row.try_get::<Option<String>>("", "reference")?.unwrap_or_default(),
        call: PublishingCall {
            id: row.try_get("", "call_id")?,
            reference: row.try_get("", "call_reference")?,
            title_en: row.try_get("", "call_title_en")?,
            title_fr: row.try_get("", "call_title_fr")?,
        },
        title: row.try_get("", "title")?,
        summary: action.summary.as_str().unwrap_or_default().to_owned(),
        organisation: PublishedOrganisation {
            name: row.try_get("", "organisation_name")?,
            org_type: row.try_get("", "organisation_type")?,
            country: row.try_get("", "organisation_country")?,
        },
        countries: strings(&action.countries),
        country_percentages: percentages(&action.country_percentages),
        jvap_domains: strings(&tags.jvap_domains),
        dialogues: strings(&tags.dialogues),
        duration_months: action.duration_months.as_u64().and_then(|m| u32::try_from(m).ok()),
        state: parse("application state", &row.try_get::<String>("", "state")?)?,
        awarded: Money::from_cents(row.try_get::<Option<i64>>("", "awarded_amount_cents")?.unwrap_or(0)),
        agreement: None,
        disbursements: Vec::new(),
        updated_at: row.try_get("", "updated_at")?,
    })
}

impl Store {
    /// The calls that publish their awards, by reference (for the public page's filter).
    pub async fn publishing_calls(&self) -> Result<Vec<PublishingCall>, StoreError> {
        let rows: Vec<(i64, String, String, String)> = call::Entity::find()
            .select_only()
            .columns([call::Column::Id, call::Column::Reference, call::Column::TitleEn, call::Column::TitleFr])
            .filter(call::Column::PublishAwards.eq(true))
            .order_by_asc(call::Column::Reference)
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(id, reference, title_en, title_fr)| PublishingCall { id, reference, title_en, title_fr })
            .collect())
    }

    /// Up to `limit` published projects with an id above `after`, by id: the batches the open-data files
    /// are streamed from (memory holds one batch, whatever the programme's size).
    pub async fn published_projects_after(&self, after: i64, limit: u64) -> Result<Vec<PublishedProject>, StoreError> {
        let backend = self.db.get_database_backend();
        let mut select = published(&ProjectFilter::default(), backend);
        project_columns(&mut select);
        select
            .and_where(Expr::col((application::Entity, application::Column::Id)).gt(after))
            .order_by((application::Entity, application::Column::Id), Order::Asc)
            .limit(limit);
        self.with_grant_files(self.db.query_all(&select).await?).await
    }

    /// One page of the published projects matching `filter`, by call then reference, with the total.
    pub async fn published_projects(
        &self,
        filter: &ProjectFilter,
        page: u64,
        per_page: u64,
    ) -> Result<Page<PublishedProject>, StoreError> {
        let backend = self.db.get_database_backend();
        let mut count = published(filter, backend);
        count.expr_as(Func::count(Expr::col((application::Entity, application::Column::Id))), Alias::new("n"));
        let total = match self.db.query_one(&count).await? {
            Some(row) => u64::try_from(row.try_get::<i64>("", "n")?).unwrap_or(0),
            None => 0,
        };
        let page = Ord::max(page, 1);
        let mut select = published(filter, backend);
        project_columns(&mut select);
        select
            .order_by((call::Entity, call::Column::Reference), Order::Asc)
            .order_by((application::Entity, application::Column::Reference), Order::Asc)
            .limit(per_page)
            .offset((page - 1).saturating_mul(per_page));
        let items = self.with_grant_files(self.db.query_all(&select).await?).await?;
        Ok(Page { items, total, page, per_page })
    }

    /// Builds the projects of `rows` and adds their agreements and paid payments (two queries in all).
    async fn with_grant_files(&self, rows: Vec<QueryResult>) -> Result<Vec<PublishedProject>, StoreError> {
        let mut projects = rows.iter().map(project).collect::<Result<Vec<_>, _>>()?;
        if projects.is_empty() {
            return Ok(projects);
        }
        let ids: Vec<i64> = projects.iter().map(|p| p.id).collect();
        let agreements: Vec<(i64, i64, NaiveDate, NaiveDate, DateTime<Utc>)> = agreement::Entity::find()
            .select_only()
            .columns([
                agreement::Column::ApplicationId,
                agreement::Column::AmountCents,
                agreement::Column::StartsOn,
                agreement::Column::EndsOn,
                agreement::Column::SignedAt,
            ])
            .filter(agreement::Column::ApplicationId.is_in(ids.clone()))
            .into_tuple()
            .all(&self.db)
            .await?;
        let payments: Vec<(i64, i64, Option<DateTime<Utc>>)> = payment::Entity::find()
            .select_only()
            .columns([payment::Column::ApplicationId, payment::Column::AmountCents, payment::Column::PaidAt])
            .filter(payment::Column::ApplicationId.is_in(ids))
            .filter(payment::Column::Status.eq(PaymentState::Paid.to_string()))
            .order_by_asc(payment::Column::Sequence)
            .into_tuple()
            .all(&self.db)
            .await?;
        let mut agreements: HashMap<i64, PublishedAgreement> = agreements
            .into_iter()
            .map(|(id, cents, starts_on, ends_on, signed_at)| {
                (id, PublishedAgreement { amount: Money::from_cents(cents), starts_on, ends_on, signed_at })
            })
            .collect();
        let mut paid: HashMap<i64, Vec<Disbursement>> = HashMap::new();
        for (id, cents, paid_at) in payments {
            if let Some(paid_at) = paid_at {
                paid.entry(id).or_default().push(Disbursement { paid_at, amount: Money::from_cents(cents) });
            }
        }
        for project in &mut projects {
            project.agreement = agreements.remove(&project.id);
            project.disbursements = paid.remove(&project.id).unwrap_or_default();
        }
        Ok(projects)
    }
}
