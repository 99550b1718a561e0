//! The evaluation report of a call (SPEC §6): everything an auditor needs to follow the decisions —
//! the opening record, eligibility results, every scorecard, consolidated scores, thresholds, ranks,
//! decisions and amounts, the reserve list, and the register of declarations and conflicts.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use grants_domain::Money;
use grants_domain::evaluation::Consolidation;
use grants_workflow::ApplicationState;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::checklist::checklist_lines;
use crate::entity::{application, organisation, user};
use crate::records::parse;
use crate::scoring::{evaluation_status, scorecards_of};
use crate::{Call, Store, StoreError};
use grants_workflow::predicates::holds_lot_budget;
use grants_workflow::{AssignmentState, ScorecardState};

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
    /// Its lot.
    pub lot: String,
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

impl Store {
    /// Builds the evaluation report of `call_id`.
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
        let mut names: BTreeMap<i64, String> = BTreeMap::new();
        let mut applications = Vec::new();
        let mut declarations = Vec::new();
        for row in rows {
            let state: ApplicationState = parse("application state", &row.state)?;
            let org = organisation::Entity::find_by_id(row.organisation_id).one(&self.db).await?;
            let lot = call.lots.iter().find(|l| Some(l.id) == row.lot_id).map(|l| l.name.clone()).unwrap_or_default();
            let grid = call.settings.grids.of(parse("stage", &row.stage)?);
            let mut scorecards = Vec::new();
            for card in
                scorecards_of(&self.db, row.id).await?.into_iter().filter(|c| c.status == ScorecardState::Submitted)
            {
                let evaluator = self.user_name(&mut names, card.evaluator_id).await?;
                let (points, total) = grid
                    .map_or_else(Default::default, |g| (card.card.criterion_points(g), card.card.weighted_total(g)));
                scorecards.push(ReportScorecard {
                    evaluator,
                    points,
                    total,
                    comments: card.card.comments.clone(),
                    overall_comment: card.card.overall_comment.clone(),
                });
            }
            for assignment in self.assignments(row.id).await? {
                declarations.push(Declaration {
                    reference: row.reference.clone().unwrap_or_default(),
                    evaluator: self.user_name(&mut names, assignment.evaluator_id).await?,
                    status: assignment.status.to_string(),
                    declared_at: assignment.declared_at,
                    statement: (assignment.status == AssignmentState::Conflict)
                        .then_some(assignment.declaration)
                        .flatten(),
                });
            }
            let evaluated = !scorecards.is_empty();
            applications.push(ReportApplication {
                id: row.id,
                reference: row.reference.clone().unwrap_or_default(),
                organisation: org.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
                country: org.map(|o| o.country).unwrap_or_default(),
                lot,
                submitted_at: row.submitted_at,
                on_time: row.submitted_at.is_some_and(|t| t < call.rules.deadline_at),
                state,
                checklist: checklist_lines(&self.db, &call.settings.checklist, row.id)
                    .await?
                    .into_iter()
                    .map(|l| (l.item.code, l.latest.as_ref().map(|r| r.passed), l.latest.and_then(|r| r.note)))
                    .collect(),
                scorecards,
                consolidation: if evaluated {
                    Some(evaluation_status(&self.db, row.id).await?.consolidation)
                } else {
                    None
                },
                rank: ranks.get(&row.id).copied(),
                requested: row.requested_amount_cents.map(Money::from_cents),
                awarded: if holds_lot_budget(state) { row.awarded_amount_cents.map(Money::from_cents) } else { None },
            });
        }
        let mut reserve = BTreeMap::new();
        for lot in &call.lots {
            let ordered: Vec<String> = ranking
                .ranking
                .lots
                .get(&lot.id)
                .into_iter()
                .flatten()
                .filter_map(|r| applications.iter().find(|a| a.id == r.candidate.application_id))
                .filter(|a| a.state == ApplicationState::ReserveListed)
                .map(|a| a.reference.clone())
                .collect();
            reserve.insert(lot.name.clone(), ordered);
        }
        Ok(EvaluationReport { call, applications, reserve, declarations })
    }

    async fn user_name(&self, cache: &mut BTreeMap<i64, String>, id: i64) -> Result<String, StoreError> {
        if let Some(name) = cache.get(&id) {
            return Ok(name.clone());
        }
        let name = user::Entity::find_by_id(id).one(&self.db).await?.map(|u| u.display_name).unwrap_or_default();
        cache.insert(id, name.clone());
        Ok(name)
    }
}
