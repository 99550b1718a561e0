//! Inviting a member of staff: the account is made without a password and an email in their language
//! carries a link (a reset token living [`INVITATION_DAYS`]) to the page where they choose it.

use chrono::{DateTime, Duration, Utc};
use grants_domain::ValidationErrors;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::account_mail::new_token;
use crate::entity::user;
use crate::outbox::{NewMessage, enqueue};
use crate::people::{audit, check_country, check_name, check_roles};
use crate::sign_in::normalise_email;
use crate::users::{NewUser, insert_user, is_email};
use crate::{Store, StoreError, User};

/// How long an invitation link works.
pub const INVITATION_DAYS: i64 = 7;
/// The page an invitation link opens.
pub const INVITATION_PAGE: &str = "/password/choose";

impl Store {
    /// Creates a staff account without password and queues its invitation email; refuses an email that
    /// already has an account (at `/email`, code `taken`).
    pub async fn invite_person(&self, new: NewUser, actor_id: i64, now: DateTime<Utc>) -> Result<User, StoreError> {
        let email = normalise_email(&new.email);
        let mut errors = ValidationErrors::default();
        if !is_email(&email) {
            errors.add("/email", "invalid_email", "give a valid email address");
        }
        check_name(&mut errors, &new.display_name);
        check_roles(&mut errors, &new.roles);
        check_country(&mut errors, new.country.as_deref());
        if new.roles.contains(&grants_domain::Role::Evaluator) && new.country.is_none() {
            errors.add("/country", "required", "an evaluator's country is needed for the same-country rule");
        }
        let txn = self.begin_write().await?;
        if errors.errors.iter().all(|e| e.field != "/email")
            && user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(&txn).await?.is_some()
        {
            errors.add("/email", "taken", "this email already has an account");
        }
        errors.into_result()?;
        let created = insert_user(&txn, &NewUser { email, ..new }, now, None).await?;
        let lifetime = Duration::days(INVITATION_DAYS);
        let token = new_token(&txn, created.id, "reset", lifetime, now).await?;
        let payload = json!({ "roles": created.roles, "language": created.language, "country": created.country });
        let event_id = audit(&txn, created.id, "invite", ("none", "invited"), Some(actor_id), &payload, now).await?;
        let context = json!({
            "recipient": { "name": created.display_name },
            "action_path": format!("{INVITATION_PAGE}?token={token}"),
            "expires_in_days": INVITATION_DAYS,
        });
        enqueue(
            &txn,
            NewMessage {
                event_id,
                template: "invitation",
                recipient_user_id: Some(created.id),
                recipient_email: &created.email,
                recipient_language: created.language,
                payload: &context,
                now,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(created)
    }
}
