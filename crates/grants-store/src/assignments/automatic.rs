//! Automatic, balanced assignment of evaluators to a call's applications.

use chrono::{DateTime, Utc};
use grants_domain::Role;
use grants_workflow::predicates::accepts_evaluators;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{Assignment, active_states};
use crate::calls::load_call;
use crate::entity::{assignment, organisation};
use crate::users::load_user;
use crate::{Store, StoreError};

impl Store {
    /// Assigns evaluators automatically to every eligible application of a call that lacks some:
    /// least-loaded evaluator first, then one whose expertise meets a JVAP domain the application selected,
    /// then one sharing the applicant's language; never a deactivated
    /// one, never one from the applicant organisation (nor, when the call says so, from its country).
    /// Returns the assignments made.
    pub async fn auto_assign(
        &self,
        call_id: i64,
        manager_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<Assignment>, StoreError> {
        use crate::entity::{application, user, user_role};
        let call = load_call(&self.db, call_id).await?;
        let required = call.settings.evaluators_per_application as usize;
        let evaluator_ids: Vec<i64> = user_role::Entity::find()
            .filter(user_role::Column::Role.eq(Role::Evaluator.to_string()))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| r.user_id)
            .collect();
        let mut evaluators = Vec::new();
        for id in evaluator_ids {
            let found = user::Entity::find_by_id(id).one(&self.db).await?;
            if let Some(model) = found.filter(|m| m.deactivated_at.is_none()) {
                evaluators.push(load_user(&self.db, model).await?);
            }
        }
        let mut load: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
        for row in
            assignment::Entity::find().filter(assignment::Column::Status.is_in(active_states())).all(&self.db).await?
        {
            *load.entry(row.evaluator_id).or_default() += 1;
        }
        let applications = application::Entity::find()
            .filter(application::Column::CallId.eq(call_id))
            .filter(application::Column::State.is_in(grants_workflow::predicates::states_where(accepts_evaluators)))
            .all(&self.db)
            .await?;
        let mut made = Vec::new();
        for application in applications {
            let history = self.assignments(application.id).await?;
            let active = history.iter().filter(|a| a.is_active()).count();
            if active >= required {
                continue;
            }
            let applicant = load_user(
                &self.db,
                user::Entity::find_by_id(application.created_by)
                    .one(&self.db)
                    .await?
                    .ok_or(StoreError::NotFound("user"))?,
            )
            .await?;
            let country =
                organisation::Entity::find_by_id(application.organisation_id).one(&self.db).await?.map(|o| o.country);
            let mut candidates: Vec<&crate::User> = evaluators
                .iter()
                .filter(|e| !history.iter().any(|a| a.evaluator_id == e.id))
                .filter(|e| !e.organisation_ids.contains(&application.organisation_id))
                .filter(|e| {
                    !call.settings.exclude_same_country_evaluators || e.country.is_none() || e.country != country
                })
                .collect();
            let domains = selected_domains(&application.answers);
            candidates.sort_by_key(|e| {
                let knows = e.expertise.iter().any(|code| domains.contains(code));
                (load.get(&e.id).copied().unwrap_or(0), !knows, e.language != applicant.language, e.id)
            });
            for evaluator in candidates.into_iter().take(required - active) {
                made.push(self.assign_evaluator(application.id, evaluator.id, manager_id, now).await?);
                *load.entry(evaluator.id).or_default() += 1;
            }
        }
        Ok(made)
    }
}

/// The JVAP domains an application's answers select (`/tags/jvap_domains`), none when unreadable.
fn selected_domains(answers: &str) -> Vec<String> {
    serde_json::from_str::<serde_json::Value>(answers)
        .ok()
        .and_then(|a| a.pointer("/tags/jvap_domains").cloned())
        .and_then(|d| serde_json::from_value(d).ok())
        .unwrap_or_default()
}
