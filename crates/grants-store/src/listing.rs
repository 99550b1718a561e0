//! Lists that read only what they show: one query for the page's rows with the columns a list needs (no
//! call settings, no application answers) and the names it shows joined in, one for the lots of a page of
//! calls, and page numbers checked before any SQL runs. A list request costs the same memory whatever the data behind it.

use chrono::{DateTime, Utc};
use grants_domain::call::{CallRules, Stage};
use grants_domain::{ApplicationScope, Money};
use grants_workflow::{ApplicationState, CallState};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, Query};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, FromQueryResult, JoinType, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::applications::ApplicationFilter;
use crate::entity::{application, application_tag, call, lot, organisation};
use crate::records::parse;
use crate::{Call, LotRecord, Page, Store, StoreError};

/// The highest page number any list serves; beyond it there can be no rows, and the SQL offset must stay
/// far from integer limits.
pub const MAX_PAGE: u64 = 1_000_000;
/// The largest page size any list serves.
pub const MAX_PER_PAGE: u64 = 100;

/// Refuses page numbers and sizes no list can serve (a 4xx, never a failed query).
pub fn check_page(page: u64, per_page: u64) -> Result<(), StoreError> {
    if per_page == 0 || per_page > MAX_PER_PAGE {
        return Err(StoreError::PageOutOfRange(page));
    }
    check_page_number(page)
}

/// Refuses page numbers beyond [`MAX_PAGE`] (internal readers may ask for larger pages than clients).
pub fn check_page_number(page: u64) -> Result<(), StoreError> {
    if page == 0 || page > MAX_PAGE {
        return Err(StoreError::PageOutOfRange(page));
    }
    Ok(())
}

/// `text` with the LIKE wildcards and the escape character escaped, so a search for `50%` finds `50%`.
fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// A call as lists show it: its core rules, lots and state, without the settings document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallSummary {
    /// Its id.
    pub id: i64,
    /// Reference, titles, descriptions, amounts, instants.
    pub rules: CallRules,
    /// The lots, in order.
    pub lots: Vec<LotRecord>,
    /// The programme profile whose taxonomy the call uses.
    pub programme: String,
    /// Where it stands.
    pub state: CallState,
    /// Compare-and-set key.
    pub version: i32,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl CallSummary {
    /// The summary of a call already loaded whole.
    pub fn of(call: &Call) -> CallSummary {
        CallSummary {
            id: call.id,
            rules: call.rules.clone(),
            lots: call.lots.clone(),
            programme: call.programme.clone(),
            state: call.state,
            version: call.version,
            created_at: call.created_at,
            updated_at: call.updated_at,
        }
    }
}

#[derive(Debug, FromQueryResult)]
struct CallRow {
    id: i64,
    reference: String,
    title_en: String,
    title_fr: String,
    description_en: String,
    description_fr: String,
    procedure: String,
    total_budget_cents: i64,
    min_grant_cents: i64,
    max_grant_cents: i64,
    opens_at: DateTime<Utc>,
    deadline_at: DateTime<Utc>,
    display_timezone: String,
    state: String,
    version: i32,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    programme: String,
}

/// An application as lists show it: no answers, no eligibility flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationSummary {
    /// Its id.
    pub id: i64,
    /// The call applied to.
    pub call_id: i64,
    /// The call's reference.
    pub call_reference: String,
    /// The applicant organisation.
    pub organisation_id: i64,
    /// Concept note or full application.
    pub stage: Stage,
    /// The lot it competes in.
    pub lot_id: Option<i64>,
    /// The concept note it follows from.
    pub concept_note_id: Option<i64>,
    /// The human reference, given at submission.
    pub reference: Option<String>,
    /// The action's title.
    pub title: String,
    /// The applicant organisation's name.
    pub organisation_name: String,
    /// The applicant organisation's country (ISO code).
    pub organisation_country: String,
    /// The lot's name, when it competes in one.
    pub lot_name: Option<String>,
    /// The lot's French name, when it has one.
    pub lot_name_fr: Option<String>,
    /// The grant asked for.
    pub requested_amount: Option<Money>,
    /// The grant awarded.
    pub awarded_amount: Option<Money>,
    /// Where it stands.
    pub state: ApplicationState,
    /// Compare-and-set key.
    pub version: i32,
    /// When an open clarification request falls due.
    pub clarification_due_at: Option<DateTime<Utc>>,
    /// When it was submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl ApplicationSummary {
    /// The lot's name for a reader of `lang`, as [`LotRecord::name_in`] gives it.
    pub fn lot_name_in(&self, lang: grants_domain::Language) -> Option<&str> {
        let name = self.lot_name.as_deref()?;
        Some(crate::records::lot_name_in(lang, name, self.lot_name_fr.as_deref()))
    }
}

#[derive(Debug, FromQueryResult)]
struct ApplicationRow {
    id: i64,
    call_id: i64,
    organisation_id: i64,
    stage: String,
    lot_id: Option<i64>,
    concept_note_id: Option<i64>,
    reference: Option<String>,
    title: String,
    requested_amount_cents: Option<i64>,
    awarded_amount_cents: Option<i64>,
    state: String,
    version: i32,
    clarification_due_at: Option<DateTime<Utc>>,
    submitted_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    /// Joined: the call's reference, the organisation's name and country, the lot's names.
    call_reference: String,
    organisation_name: String,
    organisation_country: String,
    lot_name: Option<String>,
    lot_name_fr: Option<String>,
}

impl Store {
    /// Calls in the given states (all when `None`), newest deadline first, as lists show them.
    pub async fn list_call_summaries(
        &self,
        states: Option<&[CallState]>,
        page: u64,
        per_page: u64,
    ) -> Result<Page<CallSummary>, StoreError> {
        check_page(page, per_page)?;
        let total = calls_in(states).count(&self.db).await?;
        let items = self.call_summaries(states, page, per_page).await?;
        Ok(Page { items, total, page, per_page })
    }

    /// A page of [`Store::list_call_summaries`] without counting them all: for lists of choices, such as
    /// the calls to filter applications by.
    pub async fn call_summaries(
        &self,
        states: Option<&[CallState]>,
        page: u64,
        per_page: u64,
    ) -> Result<Vec<CallSummary>, StoreError> {
        use call::Column as C;
        check_page(page, per_page)?;
        let query = calls_in(states).order_by_desc(C::DeadlineAt).order_by_desc(C::Id);
        let rows: Vec<CallRow> = query
            .select_only()
            .columns([
                C::Id,
                C::Reference,
                C::TitleEn,
                C::TitleFr,
                C::DescriptionEn,
                C::DescriptionFr,
                C::Procedure,
                C::TotalBudgetCents,
                C::MinGrantCents,
                C::MaxGrantCents,
                C::OpensAt,
                C::DeadlineAt,
                C::DisplayTimezone,
                C::State,
                C::Version,
                C::CreatedAt,
                C::UpdatedAt,
                C::Programme,
            ])
            .limit(per_page)
            .offset((page - 1) * per_page)
            .into_model::<CallRow>()
            .all(&self.db)
            .await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let mut lots = lot::Entity::find()
            .filter(lot::Column::CallId.is_in(ids))
            .order_by_asc(lot::Column::CallId)
            .order_by_asc(lot::Column::Position)
            .all(&self.db)
            .await?;
        let mut items = Vec::with_capacity(rows.len());
        for row in rows {
            let (own, rest): (Vec<lot::Model>, Vec<lot::Model>) = lots.into_iter().partition(|l| l.call_id == row.id);
            lots = rest;
            items.push(CallSummary {
                id: row.id,
                rules: CallRules {
                    reference: row.reference,
                    title_en: row.title_en,
                    title_fr: row.title_fr,
                    description_en: row.description_en,
                    description_fr: row.description_fr,
                    procedure: parse("procedure", &row.procedure)?,
                    total_budget: Money::from_cents(row.total_budget_cents),
                    min_grant: Money::from_cents(row.min_grant_cents),
                    max_grant: Money::from_cents(row.max_grant_cents),
                    opens_at: row.opens_at,
                    deadline_at: row.deadline_at,
                    display_timezone: row.display_timezone,
                },
                lots: own
                    .into_iter()
                    .map(|l| LotRecord {
                        id: l.id,
                        position: l.position,
                        name: l.name,
                        name_fr: l.name_fr,
                        budget: Money::from_cents(l.budget_cents),
                    })
                    .collect(),
                programme: row.programme,
                state: parse("call state", &row.state)?,
                version: row.version,
                created_at: row.created_at,
                updated_at: row.updated_at,
            });
        }
        Ok(items)
    }

    /// The applications `scope` may see, filtered and paged, as lists show them.
    pub async fn list_application_summaries(
        &self,
        scope: &ApplicationScope,
        filter: &ApplicationFilter,
        page: u64,
        per_page: u64,
    ) -> Result<Page<ApplicationSummary>, StoreError> {
        use application::Column as A;
        check_page(page, per_page)?;
        let mut query = application::Entity::find();
        match scope {
            ApplicationScope::All => {}
            ApplicationScope::Organisations(ids) => query = query.filter(A::OrganisationId.is_in(ids.clone())),
            ApplicationScope::Applications(ids) => query = query.filter(A::Id.is_in(ids.clone())),
            ApplicationScope::Nothing => return Ok(Page { items: Vec::new(), total: 0, page, per_page }),
        }
        query = filtered(query, filter);
        // Counted over the ids alone and unordered: the database need not sort or carry every column.
        let total = query.clone().select_only().column(A::Id).count(&self.db).await?;
        query = if filter.by_reference {
            query.order_by_asc(A::Reference).order_by_asc(A::Id)
        } else {
            query.order_by_desc(A::Id)
        };
        let of_call = application::Entity::belongs_to(call::Entity).from(A::CallId).to(call::Column::Id).into();
        let of_organisation =
            application::Entity::belongs_to(organisation::Entity).from(A::OrganisationId).to(organisation::Column::Id);
        let of_lot = application::Entity::belongs_to(lot::Entity).from(A::LotId).to(lot::Column::Id).into();
        // One statement for the page: the names it shows are joined, not read in further queries.
        let rows: Vec<ApplicationRow> = query
            .select_only()
            .columns([
                A::Id,
                A::CallId,
                A::OrganisationId,
                A::Stage,
                A::LotId,
                A::ConceptNoteId,
                A::Reference,
                A::Title,
                A::RequestedAmountCents,
                A::AwardedAmountCents,
                A::State,
                A::Version,
                A::ClarificationDueAt,
                A::SubmittedAt,
                A::CreatedAt,
                A::UpdatedAt,
            ])
            .column_as(call::Column::Reference, "call_reference")
            .column_as(organisation::Column::Name, "organisation_name")
            .column_as(organisation::Column::Country, "organisation_country")
            .column_as(lot::Column::Name, "lot_name")
            .column_as(lot::Column::NameFr, "lot_name_fr")
            .join(JoinType::InnerJoin, of_call)
            .join(JoinType::InnerJoin, of_organisation.into())
            .join(JoinType::LeftJoin, of_lot)
            .limit(per_page)
            .offset((page - 1) * per_page)
            .into_model::<ApplicationRow>()
            .all(&self.db)
            .await?;
        let mut items = Vec::with_capacity(rows.len());
        for row in rows {
            items.push(ApplicationSummary {
                id: row.id,
                call_id: row.call_id,
                call_reference: row.call_reference,
                organisation_id: row.organisation_id,
                stage: parse("stage", &row.stage)?,
                lot_id: row.lot_id,
                concept_note_id: row.concept_note_id,
                reference: row.reference,
                title: row.title,
                organisation_name: row.organisation_name,
                organisation_country: row.organisation_country,
                lot_name: row.lot_name,
                lot_name_fr: row.lot_name_fr,
                requested_amount: row.requested_amount_cents.map(Money::from_cents),
                awarded_amount: row.awarded_amount_cents.map(Money::from_cents),
                state: parse("application state", &row.state)?,
                version: row.version,
                clarification_due_at: row.clarification_due_at,
                submitted_at: row.submitted_at,
                created_at: row.created_at,
                updated_at: row.updated_at,
            });
        }
        Ok(Page { items, total, page, per_page })
    }
}

/// The calls in `states` (all when `None`).
fn calls_in(states: Option<&[CallState]>) -> sea_orm::Select<call::Entity> {
    let query = call::Entity::find();
    match states {
        Some(states) => query.filter(call::Column::State.is_in(states.iter().map(ToString::to_string))),
        None => query,
    }
}

/// `query` narrowed to what `filter` asks for: call, state, lot, the organisation's country, a tag, and
/// words in the reference, title or organisation name.
fn filtered(
    mut query: sea_orm::Select<application::Entity>,
    filter: &ApplicationFilter,
) -> sea_orm::Select<application::Entity> {
    use application::Column as A;
    if let Some(call_id) = filter.call_id {
        query = query.filter(A::CallId.eq(call_id));
    }
    if let Some(state) = filter.state {
        query = query.filter(A::State.eq(state.to_string()));
    }
    if let Some(lot_id) = filter.lot_id {
        query = query.filter(A::LotId.eq(lot_id));
    }
    if let Some(country) = filter.country.as_deref().filter(|c| !c.is_empty()) {
        let based_there = Query::select()
            .column(organisation::Column::Id)
            .from(organisation::Entity)
            .and_where(Expr::col(organisation::Column::Country).eq(country.to_uppercase()))
            .to_owned();
        query = query.filter(A::OrganisationId.in_subquery(based_there));
    }
    if let Some(tag) = filter.tag.as_deref().filter(|t| !t.is_empty()) {
        // Tags as `grants_domain::tags` reads them from the answers, kept in their own table.
        let tagged = Query::select()
            .column(application_tag::Column::ApplicationId)
            .from(application_tag::Entity)
            .and_where(Expr::col(application_tag::Column::Tag).eq(tag))
            .to_owned();
        query = query.filter(A::Id.in_subquery(tagged));
    }
    if let Some(words) = filter.search.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
        let pattern = format!("%{}%", escape_like(&words.to_lowercase()));
        let like = |col: Expr| Expr::expr(Func::lower(col)).like(LikeExpr::new(pattern.clone()).escape('\\'));
        let named = Query::select()
            .column(organisation::Column::Id)
            .from(organisation::Entity)
            .and_where(like(Expr::col(organisation::Column::Name)))
            .to_owned();
        query = query.filter(
            Condition::any()
                .add(like(Expr::col((application::Entity, A::Reference))))
                .add(like(Expr::col((application::Entity, A::Title))))
                .add(A::OrganisationId.in_subquery(named)),
        );
    }
    query
}
