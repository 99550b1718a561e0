//! The authenticator apps of a test's people: the TOTP secret each enrolled through the pages, its
//! recovery codes, and codes computed like a phone would — at the app's clock, one code per 30-second
//! step (a second sign-in within the same step waits for the next one, as a person would).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::Duration;
use grants_web::{Clock, ManualClock};

/// One person's authenticator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authenticator {
    /// The base32 key read from the set-up page.
    pub secret: String,
    /// The recovery codes the set-up page showed.
    pub recovery_codes: Vec<String>,
    /// The last 30-second step a code was given for.
    pub last_step: Option<i64>,
}

/// Everyone's authenticators, by email; shared by every browser of a test.
#[derive(Debug, Clone, Default)]
pub struct Authenticators(Arc<Mutex<BTreeMap<String, Authenticator>>>);

impl Authenticators {
    /// The authenticator of `email`, if they set one up.
    pub fn get(&self, email: &str) -> Option<Authenticator> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).get(email).cloned()
    }

    /// Records what the set-up page gave `email`.
    pub fn enrolled(&self, email: &str, secret: &str, recovery_codes: Vec<String>, step: i64) {
        let authenticator = Authenticator { secret: secret.to_owned(), recovery_codes, last_step: Some(step) };
        self.0.lock().unwrap_or_else(PoisonError::into_inner).insert(email.to_owned(), authenticator);
    }

    /// Forgets `email`'s authenticator (a lost phone).
    pub fn lose(&self, email: &str) -> Option<Authenticator> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).remove(email)
    }

    /// The code `secret`'s app shows now on `clock`, with its step; when that step's code was already
    /// given, the clock moves on to the next step first.
    pub fn code(&self, email: &str, secret: &str, clock: &ManualClock) -> (String, i64) {
        let mut book = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let last = book.get(email).and_then(|a| a.last_step);
        let mut step = clock.now().timestamp() / 30;
        if let Some(last) = last.filter(|last| *last >= step) {
            clock.advance(Duration::seconds((last - step + 1) * 30));
            step = clock.now().timestamp() / 30;
        }
        let code = grants_domain::second_factor::code_at(secret, clock.now()).expect("a valid TOTP key");
        if let Some(entry) = book.get_mut(email) {
            entry.last_step = Some(step);
        }
        (code, step)
    }
}
