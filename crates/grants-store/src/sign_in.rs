//! Checking a password at sign-in, throttled so guessing is slow and a stranger cannot lock the rightful
//! person out (see decision 9):
//!
//! - from a browser the account signed in from before (a known device), guesses count per device;
//! - from anywhere else, guesses count per (account, client address) and, across every such client, per
//!   account. A full count refuses further guesses from there until the window frees, without checking the
//!   password; other clients — and the account's known devices — are not affected.
//!
//! Counts are keyed by the typed email, whether an account has it or not, so throttling says nothing of
//! which addresses exist. Marks are reserved before the password is checked and given back on success.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::entity::user;
use crate::passwords::verify_password;
use crate::throttle::{Limit, key};
use crate::users::load_user;
use crate::{Store, StoreError, User};

/// How many failed guesses are allowed, and over which window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignInLimits {
    /// Per account and client address (clients the account does not know).
    pub per_client: u32,
    /// Per account, across every client it does not know.
    pub per_account: u32,
    /// Per known device of the account.
    pub per_device: u32,
    /// The sliding window the counts cover.
    pub window: Duration,
}

impl Default for SignInLimits {
    fn default() -> Self {
        SignInLimits { per_client: 10, per_account: 100, per_device: 20, window: Duration::hours(1) }
    }
}

/// One sign-in attempt as the web layer saw it.
#[derive(Debug, Clone, Copy)]
pub struct SignInAttempt<'a> {
    /// The email typed.
    pub email: &'a str,
    /// The password typed.
    pub password: &'a str,
    /// The client address (from the connection or the configured proxy header).
    pub client: &'a str,
    /// The known-device token the browser presented, if any.
    pub device: Option<&'a str>,
}

/// What a person still owes after a right password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecondFactor {
    /// Nothing: signed in.
    None,
    /// A code from their authenticator (or a recovery code).
    Code,
    /// Their role requires a second factor and none is set up yet: enrol first.
    Enrol,
}

/// Why a sign-in was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginFailure {
    /// Unknown email or wrong password (never says which).
    Invalid,
    /// Too many wrong guesses for this account from this client: try again after this long.
    Throttled(Duration),
    /// Right password, but the email address is not confirmed yet.
    Unverified,
}

/// The result of a sign-in attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInOutcome {
    /// The password was right.
    Accepted {
        /// Who.
        user: User,
        /// What they still owe before the session opens fully.
        owed: SecondFactor,
    },
    /// Refused, and why.
    Refused(LoginFailure),
}

/// The lowercase, trimmed form of an email, as accounts store it.
pub(crate) fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

impl Store {
    /// Checks an email and password under `limits`.
    pub async fn sign_in(
        &self,
        attempt: SignInAttempt<'_>,
        limits: SignInLimits,
        now: DateTime<Utc>,
    ) -> Result<SignInOutcome, StoreError> {
        let email = normalise_email(attempt.email);
        let found = user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(&self.db).await?;
        let device_owner = match attempt.device {
            Some(token) => self.device_owner(token).await?,
            None => None,
        };
        let known_device = found.as_ref().is_some_and(|u| device_owner == Some(u.id));
        let client_key = key(&["client", &email, attempt.client]);
        let counted = if known_device {
            let device = attempt.device.unwrap_or_default();
            vec![Limit {
                scope: "device",
                key: key(&["device", device]),
                limit: limits.per_device,
                window: limits.window,
            }]
        } else {
            vec![
                Limit { scope: "client", key: client_key.clone(), limit: limits.per_client, window: limits.window },
                Limit {
                    scope: "account",
                    key: key(&["account", &email]),
                    limit: limits.per_account,
                    window: limits.window,
                },
            ]
        };
        let reserved = match self.reserve(&key(&["lock", &email]), &counted, now).await? {
            Ok(ids) => ids,
            Err(wait) => {
                tracing::warn!(
                    user_id = found.as_ref().map(|u| u.id),
                    known_device,
                    retry_after_seconds = wait.num_seconds(),
                    "sign-in guesses throttled"
                );
                return Ok(SignInOutcome::Refused(LoginFailure::Throttled(wait)));
            }
        };
        if !verify_password(attempt.password, found.as_ref().and_then(|u| u.password_hash.as_deref())) {
            return Ok(SignInOutcome::Refused(LoginFailure::Invalid));
        }
        let Some(model) = found else { return Ok(SignInOutcome::Refused(LoginFailure::Invalid)) };
        self.release(&reserved).await?;
        if !known_device {
            self.clear_marks("client", &client_key).await?;
        }
        if model.email_verified_at.is_none() {
            return Ok(SignInOutcome::Refused(LoginFailure::Unverified));
        }
        let enrolled = model.totp_enabled_at.is_some();
        let user = load_user(&self.db, model).await?;
        let owed = if enrolled {
            SecondFactor::Code
        } else if grants_domain::second_factor::required_for(&user.roles) {
            SecondFactor::Enrol
        } else {
            SecondFactor::None
        };
        Ok(SignInOutcome::Accepted { user, owed })
    }
}
