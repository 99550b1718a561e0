//! Checking a password at sign-in, throttled so guessing is slow and a stranger cannot lock the rightful
//! person out (see decision 11):
//!
//! - from a browser the account signed in from before (a known device), guesses count per device;
//! - from anywhere else, guesses count per (account, client address) and, across every such client, per
//!   account. A full count refuses further guesses from there until the window frees, without checking the
//!   password; other clients — and the account's known devices — are not affected.
//!
//! Counts are keyed by the typed email, whether an account has it or not, so throttling says nothing of
//! which addresses exist. Marks are reserved before the password is checked and given back on success.
//! When strangers have spent an account's budget, a client with budget of its own is still heard: a right
//! password then emails the account a sign-in link instead of opening a session.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::account_mail::{AccountMail, send_capped, spend_tokens, token_owner};
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
    /// Sign-in links (and other account emails) one address may receive per hour.
    pub emails_per_address_per_hour: u32,
}

impl Default for SignInLimits {
    fn default() -> Self {
        SignInLimits {
            per_client: 10,
            per_account: 100,
            per_device: 20,
            window: Duration::hours(1),
            emails_per_address_per_hour: 3,
        }
    }
}

/// How long an emailed sign-in link works.
pub const LINK_HOURS: i64 = 1;

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
    /// Strangers used up the account's guesses; this client's password was checked all the same and, when
    /// it was right, a sign-in link went to the account's address. The answer is the same either way.
    AccountThrottled(Duration),
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
        let lock = key(&["lock", &email]);
        let reserved = match self.reserve(&lock, &counted, now).await? {
            Ok(ids) => ids,
            Err(full) if full.scopes == ["account"] => {
                return self.sign_in_by_link(found, attempt.password, &counted[0], &lock, limits, now, full.wait).await;
            }
            Err(full) => {
                tracing::warn!(
                    user_id = found.as_ref().map(|u| u.id),
                    known_device,
                    retry_after_seconds = full.wait.num_seconds(),
                    "sign-in guesses throttled"
                );
                return Ok(SignInOutcome::Refused(LoginFailure::Throttled(full.wait)));
            }
        };
        if !verify_password(attempt.password, found.as_ref().and_then(|u| u.password_hash.as_deref())) {
            return Ok(SignInOutcome::Refused(LoginFailure::Invalid));
        }
        let Some(model) = found.filter(|m| m.deactivated_at.is_none()) else {
            return Ok(SignInOutcome::Refused(LoginFailure::Invalid));
        };
        self.release(&reserved).await?;
        if !known_device {
            self.clear_marks("client", &client_key).await?;
        }
        if model.email_verified_at.is_none() {
            return Ok(SignInOutcome::Refused(LoginFailure::Unverified));
        }
        let (user, owed) = self.signed_in(model).await?;
        Ok(SignInOutcome::Accepted { user, owed })
    }

    /// The account's budget for strangers is spent, this client's is not: the guess is counted against
    /// the client, and a right password sends the account a sign-in link instead of opening a session —
    /// whoever reads that mailbox gets in, a guesser does not, and both see the same answer.
    #[allow(clippy::too_many_arguments, reason = "the one place that step runs, with what sign_in already holds")]
    async fn sign_in_by_link(
        &self,
        found: Option<user::Model>,
        password: &str,
        client: &Limit,
        lock: &str,
        limits: SignInLimits,
        now: DateTime<Utc>,
        wait: Duration,
    ) -> Result<SignInOutcome, StoreError> {
        let refused = Ok(SignInOutcome::Refused(LoginFailure::AccountThrottled(wait)));
        let Ok(reserved) = self.reserve(lock, std::slice::from_ref(client), now).await? else {
            return Ok(SignInOutcome::Refused(LoginFailure::Throttled(wait)));
        };
        let right = verify_password(password, found.as_ref().and_then(|u| u.password_hash.as_deref()));
        let Some(model) = found.filter(|m| right && m.email_verified_at.is_some() && m.deactivated_at.is_none()) else {
            return refused;
        };
        self.release(&reserved).await?;
        let txn = self.begin_write().await?;
        let mail = AccountMail {
            user_id: model.id,
            email: &model.email,
            language: model.language.parse().unwrap_or_default(),
            template: "sign_in_link",
            action: "send_sign_in_link",
            token: Some(("signin", Duration::hours(LINK_HOURS), "/login/link")),
            extra: serde_json::json!({ "recipient": { "name": model.display_name } }),
        };
        send_capped(&txn, self.backend(), mail, limits.emails_per_address_per_hour, now).await?;
        txn.commit().await?;
        tracing::warn!(user_id = model.id, "account-wide guess budget spent: sign-in link sent instead of a session");
        refused
    }

    /// Follows an emailed sign-in link: the link is spent (with any older one) and the person is signed in
    /// as after a right password. `None` when the link is unknown, used or expired.
    pub async fn sign_in_with_link(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(User, SecondFactor)>, StoreError> {
        let txn = self.begin_write().await?;
        let Some(found) = token_owner(&txn, token, "signin", now).await? else { return Ok(None) };
        if !spend_tokens(&txn, found.user_id, "signin", found.id, now).await? {
            return Ok(None);
        }
        txn.commit().await?;
        let found = user::Entity::find_by_id(found.user_id).one(&self.db).await?;
        let Some(model) = found.filter(|m| m.deactivated_at.is_none()) else { return Ok(None) };
        Ok(Some(self.signed_in(model).await?))
    }

    /// The user behind a right password or link, and what they still owe.
    async fn signed_in(&self, model: user::Model) -> Result<(User, SecondFactor), StoreError> {
        let enrolled = model.totp_enabled_at.is_some();
        let user = load_user(&self.db, model).await?;
        let owed = if enrolled {
            SecondFactor::Code
        } else if grants_domain::second_factor::required_for(&user.roles) {
            SecondFactor::Enrol
        } else {
            SecondFactor::None
        };
        Ok((user, owed))
    }
}
