//! One page of the evaluation report: the page's applications (only the columns the report shows) and
//! what they refer to, each kind read in one query for the whole page.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use grants_domain::Money;
use grants_workflow::predicates::holds_lot_budget;
use grants_workflow::{ApplicationState, AssignmentState};
use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
};

use super::reader::Cursor;
use super::{Declaration, ReportApplication, ReportPart, ReportScorecard};
use crate::assignments::record as assignment_record;
use crate::checklist::lines_from;
use crate::entity::{application, assignment, eligibility_check, organisation, user};
use crate::records::parse;
use crate::scoring::batch::Evaluations;
use crate::{Call, StoreError};

/// What the report reads of an application: never its answers.
#[derive(FromQueryResult)]
struct Row {
    id: i64,
    reference: Option<String>,
    organisation_id: i64,
    lot_id: Option<i64>,
    submitted_at: Option<DateTime<Utc>>,
    state: String,
    stage: String,
    requested_amount_cents: Option<i64>,
    awarded_amount_cents: Option<i64>,
}

/// Which applications a page holds: up to `limit` after `after` (exports), or after skipping `offset`
/// (numbered pages on screen).
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// Read from after this application.
    pub after: Option<&'a Cursor>,
    /// Skip this many first.
    pub offset: u64,
    /// At most this many.
    pub limit: u64,
}

impl Page<'_> {
    fn of(self, query: sea_orm::Select<application::Entity>) -> sea_orm::Select<application::Entity> {
        query.offset((self.offset > 0).then_some(self.offset)).limit(self.limit)
    }
}

/// The submitted applications of `call_id` after `after`, in the report's order.
fn submitted_after(call_id: i64, after: Option<&Cursor>) -> sea_orm::Select<application::Entity> {
    use application::Column as A;
    let mut query = application::Entity::find().filter(A::CallId.eq(call_id)).filter(A::SubmittedAt.is_not_null());
    if let Some(cursor) = after {
        query = query.filter(
            Condition::any()
                .add(A::Reference.gt(cursor.reference.as_str()))
                .add(Condition::all().add(A::Reference.eq(cursor.reference.as_str())).add(A::Id.gt(cursor.id))),
        );
    }
    query.order_by_asc(A::Reference).order_by_asc(A::Id)
}

fn these(ids: &[i64]) -> SelectStatement {
    Query::select()
        .column(application::Column::Id)
        .from(application::Entity)
        .and_where(application::Column::Id.is_in(ids.iter().copied()))
        .to_owned()
}

/// The display names of `users`.
async fn names(db: &impl ConnectionTrait, users: Vec<i64>) -> Result<HashMap<i64, String>, StoreError> {
    Ok(user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::DisplayName)
        .filter(user::Column::Id.is_in(users))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// The name and country of the organisations of `rows`, by id.
async fn names_and_countries(
    db: &impl ConnectionTrait,
    rows: &[Row],
) -> Result<HashMap<i64, (String, String)>, StoreError> {
    Ok(organisation::Entity::find()
        .select_only()
        .columns([organisation::Column::Id, organisation::Column::Name, organisation::Column::Country])
        .filter(organisation::Column::Id.is_in(rows.iter().map(|r| r.organisation_id)))
        .into_tuple::<(i64, String, String)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, name, country)| (id, (name, country)))
        .collect())
}

/// The eligibility checks recorded on the applications `ids`, by application, in the order recorded.
async fn checks_of(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<eligibility_check::Model>>, StoreError> {
    let mut checks: HashMap<i64, Vec<eligibility_check::Model>> = HashMap::new();
    for check in eligibility_check::Entity::find()
        .filter(eligibility_check::Column::ApplicationId.is_in(ids.iter().copied()))
        .order_by_asc(eligibility_check::Column::Id)
        .all(db)
        .await?
    {
        checks.entry(check.application_id).or_default().push(check);
    }
    Ok(checks)
}

/// A page of the report's applications with what `part` shows: at most six queries whatever the page's
/// size.
pub(super) async fn page_of_applications(
    db: &impl ConnectionTrait,
    call: &Call,
    ranks: &HashMap<i64, usize>,
    page: Page<'_>,
    part: ReportPart,
) -> Result<Vec<ReportApplication>, StoreError> {
    use application::Column as A;
    let rows = page
        .of(submitted_after(call.id, page.after))
        .select_only()
        .columns([
            A::Id,
            A::Reference,
            A::OrganisationId,
            A::LotId,
            A::SubmittedAt,
            A::State,
            A::Stage,
            A::RequestedAmountCents,
            A::AwardedAmountCents,
        ])
        .into_model::<Row>()
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let organisations = if part.organisations() { names_and_countries(db, &rows).await? } else { HashMap::new() };
    let evaluations = if part.scorecards() {
        Evaluations::load(db, these(&ids)).await?
    } else if part.consolidation() {
        Evaluations::load_scores(db, these(&ids)).await?
    } else {
        Evaluations::default()
    };
    let checks = if part.checks() { checks_of(db, &ids).await? } else { HashMap::new() };
    let evaluators: Vec<i64> = if part.scorecards() {
        ids.iter().flat_map(|id| evaluations.submitted(*id)).map(|card| card.evaluator_id).collect()
    } else {
        Vec::new()
    };
    let names = if evaluators.is_empty() { HashMap::new() } else { names(db, evaluators).await? };
    let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
    let mut page = Vec::with_capacity(rows.len());
    for row in rows {
        let state: ApplicationState = parse("application state", &row.state)?;
        let row_stage = parse("stage", &row.stage)?;
        let org = organisations.get(&row.organisation_id);
        let grid = call.settings.grids.of(row_stage);
        let cards = if part.scorecards() { evaluations.submitted(row.id) } else { &[] };
        let scorecards: Vec<ReportScorecard> = cards
            .iter()
            .map(|card| {
                let (points, total) = grid
                    .map_or_else(Default::default, |g| (card.card.criterion_points(g), card.card.weighted_total(g)));
                ReportScorecard {
                    evaluator: name(card.evaluator_id),
                    points,
                    total,
                    comments: card.card.comments.clone(),
                    overall_comment: card.card.overall_comment.clone(),
                }
            })
            .collect();
        let evaluated = !evaluations.submitted(row.id).is_empty();
        let consolidation = if part.consolidation() && evaluated {
            Some(evaluations.status(call, row.id, row_stage)?.consolidation)
        } else {
            None
        };
        let checks = checks.get(&row.id).map(Vec::as_slice).unwrap_or_default();
        page.push(ReportApplication {
            id: row.id,
            reference: row.reference.unwrap_or_default(),
            organisation: org.map(|(name, _)| name.clone()).unwrap_or_default(),
            country: org.map(|(_, country)| country.clone()).unwrap_or_default(),
            lot: call.lots.iter().find(|l| Some(l.id) == row.lot_id).map(|l| l.name.clone()).unwrap_or_default(),
            lot_id: row.lot_id,
            submitted_at: row.submitted_at,
            on_time: row.submitted_at.is_some_and(|t| t < call.rules.deadline_at),
            state,
            checklist: if part.checks() {
                lines_from(&call.settings.checklist, checks)
                    .into_iter()
                    .map(|l| (l.item.code, l.latest.as_ref().map(|r| r.passed), l.latest.and_then(|r| r.note)))
                    .collect()
            } else {
                Vec::new()
            },
            scorecards,
            consolidation,
            rank: ranks.get(&row.id).copied(),
            requested: row.requested_amount_cents.map(Money::from_cents),
            awarded: if holds_lot_budget(state) { row.awarded_amount_cents.map(Money::from_cents) } else { None },
        });
    }
    Ok(page)
}

/// The declarations of the applications of `page`, and where the next page starts (None after the last):
/// three queries.
pub(super) async fn declarations_page(
    db: &impl ConnectionTrait,
    call_id: i64,
    page: Page<'_>,
) -> Result<(Vec<Declaration>, Option<Cursor>), StoreError> {
    use application::Column as A;
    let applications: Vec<(i64, Option<String>)> = page
        .of(submitted_after(call_id, page.after))
        .select_only()
        .columns([A::Id, A::Reference])
        .into_tuple()
        .all(db)
        .await?;
    let full = applications.len() as u64 == page.limit;
    let Some((last_id, last_reference)) = applications.last().cloned() else { return Ok((Vec::new(), None)) };
    let references: HashMap<i64, String> =
        applications.into_iter().map(|(id, reference)| (id, reference.unwrap_or_default())).collect();
    let mut assignments = Vec::new();
    for row in assignment::Entity::find()
        .filter(assignment::Column::ApplicationId.is_in(references.keys().copied()))
        .all(db)
        .await?
    {
        assignments.push(assignment_record(row)?);
    }
    let names = names(db, assignments.iter().map(|a| a.evaluator_id).collect()).await?;
    // The register follows the report's order: by application, then in the order of assignment.
    assignments.sort_by(|a, b| {
        (&references[&a.application_id], a.application_id, a.id).cmp(&(
            &references[&b.application_id],
            b.application_id,
            b.id,
        ))
    });
    let declarations = assignments
        .into_iter()
        .map(|assignment| Declaration {
            reference: references[&assignment.application_id].clone(),
            evaluator: names.get(&assignment.evaluator_id).cloned().unwrap_or_default(),
            status: assignment.status.to_string(),
            declared_at: assignment.declared_at,
            statement: (assignment.status == AssignmentState::Conflict).then_some(assignment.declaration).flatten(),
        })
        .collect();
    let next = full.then(|| Cursor { reference: last_reference.unwrap_or_default(), id: last_id });
    Ok((declarations, next))
}
