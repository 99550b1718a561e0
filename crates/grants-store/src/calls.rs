//! Calls for proposals: creation, edits while draft, reading and listing.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use grants_domain::Language;
use grants_domain::Money;
use grants_domain::ValidationErrors;
use grants_domain::call::CallRules;
use grants_domain::call_settings::{CallSettings, Lot, validate_lots};
use grants_domain::programme::Programme;
use grants_workflow::{CallMachine, CallState, allowed_actions};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use crate::entity::{call, lot};
use crate::records::parse;
use crate::{Call, LotRecord, Page, Store, StoreError};

/// Everything a manager writes when designing a call.
#[derive(Debug, Clone)]
pub struct CallDesign {
    /// The core rules.
    pub rules: CallRules,
    /// The rest of the rules.
    pub settings: CallSettings,
    /// The lots; none means one lot holding the whole budget.
    pub lots: Vec<Lot>,
}

impl CallDesign {
    /// Checks the whole design against `programme`; every problem is reported at once, worded in
    /// `lang`. The store checks again (in English) when it saves; pages check first in their reader's
    /// language. A design without lots gets one holding the whole budget.
    pub fn check(&mut self, programme: &Programme, lang: Language) -> Result<(), ValidationErrors> {
        if self.lots.is_empty() {
            self.lots.push(Lot { name: "Lot 1".into(), name_fr: None, budget: self.rules.total_budget });
        }
        let mut errors = self.rules.check_draft(lang).err().unwrap_or_default();
        if let Err(more) = self.settings.validate(programme, self.rules.procedure, lang) {
            errors.errors.extend(more.errors);
        }
        if let Some(second) = self.settings.full_application_deadline
            && second <= self.rules.deadline_at
        {
            errors.add(
                "/settings/full_application_deadline",
                "before_deadline",
                lang.text("call-design-error-full-application-deadline", &[]),
            );
        }
        if let Err(more) = validate_lots(&self.lots, self.rules.total_budget, lang) {
            errors.errors.extend(more.errors);
        }
        errors.into_result()
    }
}

impl Store {
    /// Creates a call in `draft`.
    pub async fn create_call(
        &self,
        mut design: CallDesign,
        created_by: i64,
        now: DateTime<Utc>,
    ) -> Result<Call, StoreError> {
        design.check(self.programme(), Language::EN)?;
        let rules = &design.rules;
        let row = call::ActiveModel {
            reference: Set(rules.reference.clone()),
            title_en: Set(rules.title_en.trim().to_owned()),
            title_fr: Set(rules.title_fr.trim().to_owned()),
            description_en: Set(rules.description_en.clone()),
            description_fr: Set(rules.description_fr.clone()),
            procedure: Set(rules.procedure.to_string()),
            total_budget_cents: Set(rules.total_budget.cents()),
            min_grant_cents: Set(rules.min_grant.cents()),
            max_grant_cents: Set(rules.max_grant.cents()),
            opens_at: Set(rules.opens_at),
            deadline_at: Set(rules.deadline_at),
            display_timezone: Set(rules.display_timezone.clone()),
            state: Set(CallState::Draft.to_string()),
            version: Set(1),
            submission_count: Set(0),
            created_by: Set(created_by),
            created_at: Set(now),
            updated_at: Set(now),
            programme: Set(self.programme.name.clone()),
            settings: Set(settings_json(&design.settings)),
            publish_awards: Set(design.settings.publish_awards),
            ..Default::default()
        };
        let txn = self.begin_write().await?;
        let model =
            call::Entity::insert(row).exec_with_returning(&txn).await.map_err(|e| match StoreError::from(e) {
                StoreError::Duplicate(_) => StoreError::Duplicate(format!("call reference {}", rules.reference)),
                other => other,
            })?;
        write_lots(&txn, model.id, &design.lots).await?;
        let call = load_call(&txn, model.id).await?;
        txn.commit().await?;
        Ok(call)
    }

    /// Replaces a draft call's design. Refused once the call is published: its rules are frozen.
    pub async fn update_call(
        &self,
        id: i64,
        mut design: CallDesign,
        expected_version: Option<i32>,
        now: DateTime<Utc>,
    ) -> Result<Call, StoreError> {
        design.check(self.programme(), Language::EN)?;
        let rules = &design.rules;
        let txn = self.begin_write().await?;
        let current = load_call(&txn, id).await?;
        if current.state != CallState::Draft {
            return Err(StoreError::WrongState {
                message: format!("the call is {}: its rules are frozen and can no longer be edited", current.state),
                state: current.state.to_string(),
                allowed: allowed_actions::<CallMachine>(current.state).iter().map(ToString::to_string).collect(),
            });
        }
        let version = expected_version.unwrap_or(current.version);
        let updated = call::Entity::update_many()
            .col_expr(call::Column::Reference, Expr::value(rules.reference.clone()))
            .col_expr(call::Column::TitleEn, Expr::value(rules.title_en.trim().to_owned()))
            .col_expr(call::Column::TitleFr, Expr::value(rules.title_fr.trim().to_owned()))
            .col_expr(call::Column::DescriptionEn, Expr::value(rules.description_en.clone()))
            .col_expr(call::Column::DescriptionFr, Expr::value(rules.description_fr.clone()))
            .col_expr(call::Column::Procedure, Expr::value(rules.procedure.to_string()))
            .col_expr(call::Column::TotalBudgetCents, Expr::value(rules.total_budget.cents()))
            .col_expr(call::Column::MinGrantCents, Expr::value(rules.min_grant.cents()))
            .col_expr(call::Column::MaxGrantCents, Expr::value(rules.max_grant.cents()))
            .col_expr(call::Column::OpensAt, Expr::value(rules.opens_at))
            .col_expr(call::Column::DeadlineAt, Expr::value(rules.deadline_at))
            .col_expr(call::Column::DisplayTimezone, Expr::value(rules.display_timezone.clone()))
            .col_expr(call::Column::Settings, Expr::value(settings_json(&design.settings)))
            .col_expr(call::Column::PublishAwards, Expr::value(design.settings.publish_awards))
            .col_expr(call::Column::Version, Expr::value(version + 1))
            .col_expr(call::Column::UpdatedAt, Expr::value(now))
            .filter(call::Column::Id.eq(id))
            .filter(call::Column::Version.eq(version))
            .filter(call::Column::State.eq(CallState::Draft.to_string()))
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(stale_call(&current, version));
        }
        lot::Entity::delete_many().filter(lot::Column::CallId.eq(id)).exec(&txn).await?;
        write_lots(&txn, id, &design.lots).await?;
        let call = load_call(&txn, id).await?;
        txn.commit().await?;
        Ok(call)
    }

    /// A call by id.
    pub async fn call(&self, id: i64) -> Result<Call, StoreError> {
        load_call(&self.db, id).await
    }

    /// Calls in the given states (all when `None`), newest deadline first.
    pub async fn list_calls(
        &self,
        states: Option<&[CallState]>,
        page: u64,
        per_page: u64,
    ) -> Result<Page<Call>, StoreError> {
        let mut query = call::Entity::find().order_by_desc(call::Column::DeadlineAt).order_by_desc(call::Column::Id);
        if let Some(states) = states {
            query = query.filter(call::Column::State.is_in(states.iter().map(ToString::to_string)));
        }
        crate::listing::check_page_number(page)?;
        let paginator = query.paginate(&self.db, per_page);
        let total = paginator.num_items().await?;
        let models = paginator.fetch_page(page.saturating_sub(1)).await?;
        let mut lots: HashMap<i64, Vec<LotRecord>> = HashMap::new();
        for l in lot::Entity::find()
            .filter(lot::Column::CallId.is_in(models.iter().map(|m| m.id)))
            .order_by_asc(lot::Column::Position)
            .all(&self.db)
            .await?
        {
            lots.entry(l.call_id).or_default().push(lot_record(l));
        }
        let items = models
            .into_iter()
            .map(|model| {
                let lots = lots.remove(&model.id).unwrap_or_default();
                call_record(model, lots)
            })
            .collect::<Result<_, _>>()?;
        Ok(Page { items, total, page, per_page })
    }

    /// Published calls whose deadline has passed at `now`: the scheduler closes them.
    pub async fn calls_past_deadline(&self, now: DateTime<Utc>) -> Result<Vec<i64>, StoreError> {
        let rows = call::Entity::find()
            .filter(call::Column::State.eq(CallState::Published.to_string()))
            .filter(call::Column::DeadlineAt.lte(now))
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(|c| c.id).collect())
    }
}

fn settings_json(settings: &CallSettings) -> String {
    serde_json::to_string(settings).unwrap_or_else(|_| "{}".to_owned())
}

async fn write_lots(txn: &DatabaseTransaction, call_id: i64, lots: &[Lot]) -> Result<(), StoreError> {
    for (index, lot) in lots.iter().enumerate() {
        let row = lot::ActiveModel {
            call_id: Set(call_id),
            position: Set(i32::try_from(index + 1).unwrap_or(i32::MAX)),
            name: Set(lot.name.trim().to_owned()),
            name_fr: Set(lot.name_fr.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(ToOwned::to_owned)),
            budget_cents: Set(lot.budget.cents()),
            ..Default::default()
        };
        lot::Entity::insert(row).exec_without_returning(txn).await?;
    }
    Ok(())
}

async fn load_lots(db: &impl ConnectionTrait, call_id: i64) -> Result<Vec<LotRecord>, StoreError> {
    let rows =
        lot::Entity::find().filter(lot::Column::CallId.eq(call_id)).order_by_asc(lot::Column::Position).all(db).await?;
    Ok(rows.into_iter().map(lot_record).collect())
}

fn lot_record(l: lot::Model) -> LotRecord {
    LotRecord {
        id: l.id,
        position: l.position,
        name: l.name,
        name_fr: l.name_fr,
        budget: Money::from_cents(l.budget_cents),
    }
}

pub(crate) fn stale_call(current: &Call, expected: i32) -> StoreError {
    StoreError::StaleVersion {
        subject: "call",
        expected,
        actual: current.version,
        state: current.state.to_string(),
        allowed: allowed_actions::<CallMachine>(current.state).iter().map(ToString::to_string).collect(),
    }
}

pub(crate) async fn load_call(db: &impl ConnectionTrait, id: i64) -> Result<Call, StoreError> {
    let model = call::Entity::find_by_id(id).one(db).await?.ok_or(StoreError::NotFound("call"))?;
    let lots = load_lots(db, id).await?;
    call_record(model, lots)
}

pub(crate) fn call_record(model: call::Model, lots: Vec<LotRecord>) -> Result<Call, StoreError> {
    let settings = serde_json::from_str(&model.settings).map_err(|e| {
        StoreError::Database(sea_orm::DbErr::Custom(format!("unreadable settings of call {}: {e}", model.id)))
    })?;
    Ok(Call {
        id: model.id,
        rules: CallRules {
            reference: model.reference,
            title_en: model.title_en,
            title_fr: model.title_fr,
            description_en: model.description_en,
            description_fr: model.description_fr,
            procedure: parse("procedure", &model.procedure)?,
            total_budget: Money::from_cents(model.total_budget_cents),
            min_grant: Money::from_cents(model.min_grant_cents),
            max_grant: Money::from_cents(model.max_grant_cents),
            opens_at: model.opens_at,
            deadline_at: model.deadline_at,
            display_timezone: model.display_timezone,
        },
        settings,
        lots,
        programme: model.programme,
        state: parse("call state", &model.state)?,
        version: model.version,
        created_at: model.created_at,
        updated_at: model.updated_at,
    })
}
