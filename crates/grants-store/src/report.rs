//! The evaluation report of a call (SPEC §6): everything an auditor needs to follow the decisions —
//! the opening record, eligibility results, every scorecard, consolidated scores, thresholds, ranks,
//! decisions and amounts, the reserve list, and the register of declarations and conflicts.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use grants_domain::Money;
use grants_domain::evaluation::Consolidation;
use grants_workflow::ApplicationState;
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::assignments::{Assignment, record as assignment_record};
use crate::checklist::lines_from;
use crate::entity::{application, assignment, eligibility_check, organisation, scorecard, user};
use crate::records::parse;
use crate::scoring::batch::{Evaluations, applications_of_call};
use crate::{Call, Store, StoreError};
use grants_workflow::AssignmentState;
use grants_workflow::predicates::holds_lot_budget;

/// One application's part of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportApplication {
    /// Its id.
    pub id: i64,
    /// Its reference.
    pub reference: String,
    /// The applicant organisation.
    pub organisation: String,
    /// Its country.
    pub country: String,
    /// Its lot's name (English; pages show [`crate::LotRecord::name_in`] of the lot `lot_id`).
    pub lot: String,
    /// Its lot.
    pub lot_id: Option<i64>,
    /// When it was submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// Submitted before the deadline.
    pub on_time: bool,
    /// Its state now.
    pub state: ApplicationState,
    /// The eligibility checklist: item, passed, note.
    pub checklist: Vec<(String, Option<bool>, Option<String>)>,
    /// Each submitted scorecard: evaluator name, points per criterion, total, overall comment.
    pub scorecards: Vec<ReportScorecard>,
    /// The consolidated evaluation, when it was evaluated.
    pub consolidation: Option<Consolidation>,
    /// Its rank in its lot, when it meets every threshold.
    pub rank: Option<usize>,
    /// The grant requested.
    pub requested: Option<Money>,
    /// The grant awarded.
    pub awarded: Option<Money>,
}

/// One evaluator's submitted scorecard.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportScorecard {
    /// Who scored.
    pub evaluator: String,
    /// Points per criterion (score × weight).
    pub points: BTreeMap<String, rust_decimal::Decimal>,
    /// The weighted total.
    pub total: rust_decimal::Decimal,
    /// The evaluator's comments per criterion.
    pub comments: BTreeMap<String, String>,
    /// The overall comment.
    pub overall_comment: String,
}

/// One entry of the declarations register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declaration {
    /// The application's reference.
    pub reference: String,
    /// The evaluator.
    pub evaluator: String,
    /// `declared` (no conflict), `conflict`, `assigned` (not yet signed) or `removed`.
    pub status: String,
    /// When they declared.
    pub declared_at: Option<DateTime<Utc>>,
    /// The conflict described, if any.
    pub statement: Option<String>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct EvaluationReport {
    /// The call.
    pub call: Call,
    /// Every submitted application, by reference.
    pub applications: Vec<ReportApplication>,
    /// Per lot, the reserve list in order (references).
    pub reserve: BTreeMap<String, Vec<String>>,
    /// The register of declarations of impartiality and conflicts of interest.
    pub declarations: Vec<Declaration>,
}

impl EvaluationReport {
    /// The sum of the amounts awarded.
    pub fn awarded_total(&self) -> Money {
        Money::from_cents(self.applications.iter().filter_map(|a| a.awarded).map(Money::cents).sum())
    }
}

/// What the report reads beside the applications, each in one query whatever their number.
struct Related {
    organisations: HashMap<i64, organisation::Model>,
    evaluations: Evaluations,
    checks: HashMap<i64, Vec<eligibility_check::Model>>,
    assignments: HashMap<i64, Vec<Assignment>>,
    names: HashMap<i64, String>,
}

impl Related {
    /// Reads what the submitted applications of `call_id` refer to.
    async fn load(db: &impl ConnectionTrait, call_id: i64) -> Result<Related, StoreError> {
        let submitted =
            || applications_of_call(call_id).and_where(application::Column::SubmittedAt.is_not_null()).to_owned();
        let organisation_ids = Query::select()
            .column(application::Column::OrganisationId)
            .from(application::Entity)
            .and_where(application::Column::CallId.eq(call_id))
            .and_where(application::Column::SubmittedAt.is_not_null())
            .to_owned();
        let organisations = organisation::Entity::find()
            .filter(organisation::Column::Id.in_subquery(organisation_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
        let evaluations = Evaluations::load(db, submitted()).await?;
        let mut checks: HashMap<i64, Vec<eligibility_check::Model>> = HashMap::new();
        for check in eligibility_check::Entity::find()
            .filter(eligibility_check::Column::ApplicationId.in_subquery(submitted()))
            .order_by_asc(eligibility_check::Column::Id)
            .all(db)
            .await?
        {
            checks.entry(check.application_id).or_default().push(check);
        }
        let mut assignments: HashMap<i64, Vec<Assignment>> = HashMap::new();
        for row in assignment::Entity::find()
            .filter(assignment::Column::ApplicationId.in_subquery(submitted()))
            .order_by_asc(assignment::Column::Id)
            .all(db)
            .await?
        {
            assignments.entry(row.application_id).or_default().push(assignment_record(row)?);
        }
        let names = user::Entity::find()
            .select_only()
            .column(user::Column::Id)
            .column(user::Column::DisplayName)
            .filter(
                Condition::any()
                    .add(
                        user::Column::Id.in_subquery(
                            Query::select()
                                .column(assignment::Column::EvaluatorId)
                                .from(assignment::Entity)
                                .and_where(assignment::Column::ApplicationId.in_subquery(submitted()))
                                .to_owned(),
                        ),
                    )
                    .add(
                        user::Column::Id.in_subquery(
                            Query::select()
                                .column(scorecard::Column::EvaluatorId)
                                .from(scorecard::Entity)
                                .and_where(scorecard::Column::ApplicationId.in_subquery(submitted()))
                                .to_owned(),
                        ),
                    ),
            )
            .into_tuple::<(i64, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        Ok(Related { organisations, evaluations, checks, assignments, names })
    }

    fn name(&self, user_id: i64) -> String {
        self.names.get(&user_id).cloned().unwrap_or_default()
    }
}

impl Store {
    /// Builds the evaluation report of `call_id`, in a fixed number of queries whatever the number of
    /// applications.
    pub async fn evaluation_report(&self, call_id: i64) -> Result<EvaluationReport, StoreError> {
        let call = self.call(call_id).await?;
        let ranking = self.call_ranking(call_id).await?;
        let ranks: BTreeMap<i64, usize> =
            ranking.ranking.lots.values().flatten().map(|r| (r.candidate.application_id, r.rank)).collect();
        let rows = application::Entity::find()
            .filter(application::Column::CallId.eq(call_id))
            .filter(application::Column::SubmittedAt.is_not_null())
            .order_by_asc(application::Column::Reference)
            .all(&self.db)
            .await?;
        let related = Related::load(&self.db, call_id).await?;
        let mut applications = Vec::new();
        let mut declarations = Vec::new();
        for row in rows {
            let state: ApplicationState = parse("application state", &row.state)?;
            let row_stage = parse("stage", &row.stage)?;
            let org = related.organisations.get(&row.organisation_id);
            let lot = call.lots.iter().find(|l| Some(l.id) == row.lot_id).map(|l| l.name.clone()).unwrap_or_default();
            let grid = call.settings.grids.of(row_stage);
            let scorecards: Vec<ReportScorecard> = related
                .evaluations
                .submitted(row.id)
                .iter()
                .map(|card| {
                    let (points, total) = grid.map_or_else(Default::default, |g| {
                        (card.card.criterion_points(g), card.card.weighted_total(g))
                    });
                    ReportScorecard {
                        evaluator: related.name(card.evaluator_id),
                        points,
                        total,
                        comments: card.card.comments.clone(),
                        overall_comment: card.card.overall_comment.clone(),
                    }
                })
                .collect();
            for assignment in related.assignments.get(&row.id).into_iter().flatten() {
                declarations.push(Declaration {
                    reference: row.reference.clone().unwrap_or_default(),
                    evaluator: related.name(assignment.evaluator_id),
                    status: assignment.status.to_string(),
                    declared_at: assignment.declared_at,
                    statement: (assignment.status == AssignmentState::Conflict)
                        .then(|| assignment.declaration.clone())
                        .flatten(),
                });
            }
            let evaluated = !scorecards.is_empty();
            let checks = related.checks.get(&row.id).map(Vec::as_slice).unwrap_or_default();
            applications.push(ReportApplication {
                id: row.id,
                reference: row.reference.clone().unwrap_or_default(),
                organisation: org.map(|o| o.name.clone()).unwrap_or_default(),
                country: org.map(|o| o.country.clone()).unwrap_or_default(),
                lot,
                lot_id: row.lot_id,
                submitted_at: row.submitted_at,
                on_time: row.submitted_at.is_some_and(|t| t < call.rules.deadline_at),
                state,
                checklist: lines_from(&call.settings.checklist, checks)
                    .into_iter()
                    .map(|l| (l.item.code, l.latest.as_ref().map(|r| r.passed), l.latest.and_then(|r| r.note)))
                    .collect(),
                scorecards,
                consolidation: if evaluated {
                    Some(related.evaluations.status(&call, row.id, row_stage)?.consolidation)
                } else {
                    None
                },
                rank: ranks.get(&row.id).copied(),
                requested: row.requested_amount_cents.map(Money::from_cents),
                awarded: if holds_lot_budget(state) { row.awarded_amount_cents.map(Money::from_cents) } else { None },
            });
        }
        let by_id: HashMap<i64, &ReportApplication> = applications.iter().map(|a| (a.id, a)).collect();
        let mut reserve = BTreeMap::new();
        for lot in &call.lots {
            let ordered: Vec<String> = ranking
                .ranking
                .lots
                .get(&lot.id)
                .into_iter()
                .flatten()
                .filter_map(|r| by_id.get(&r.candidate.application_id))
                .filter(|a| a.state == ApplicationState::ReserveListed)
                .map(|a| a.reference.clone())
                .collect();
            reserve.insert(lot.name.clone(), ordered);
        }
        Ok(EvaluationReport { call, applications, reserve, declarations })
    }
}
