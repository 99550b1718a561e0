//! The TOTP second factor (RFC 6238: 6 digits, 30-second steps, HMAC-SHA-1 as every authenticator app
//! reads it) and recovery codes. Pure arithmetic over a secret and an instant; the store keeps the secret,
//! the last step used (a code works once) and the recovery codes' hashes.

use chrono::{DateTime, Utc};
use totp_rs::{Algorithm, Builder, Secret, Totp};

/// Roles that must use a second factor: those who can change calls, awards and accounts.
pub const REQUIRED_FOR: &[crate::Role] = &[crate::Role::Manager, crate::Role::Admin];
/// Length of a secret in bytes (160 bits, as RFC 4226 recommends).
pub const SECRET_BYTES: usize = 20;
/// How many recovery codes an enrolment hands out.
pub const RECOVERY_CODES: usize = 10;

/// Why a secret cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the stored second-factor secret is unusable: {0}")]
pub struct BadSecret(String);

/// Whether someone holding `roles` must sign in with a second factor.
pub fn required_for(roles: &[crate::Role]) -> bool {
    roles.iter().any(|role| REQUIRED_FOR.contains(role))
}

fn totp(secret_base32: &str, account: &str, issuer: &str) -> Result<Totp, BadSecret> {
    let secret = Secret::try_from_base32(secret_base32).map_err(|e| BadSecret(e.to_string()))?;
    let account: String = account.chars().filter(|c| *c != ':').collect();
    let issuer: String = issuer.chars().filter(|c| *c != ':').collect();
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret)
        .with_account_name(account)
        .with_issuer(Some(issuer))
        .build()
        .map_err(|e| BadSecret(e.to_string()))
}

fn seconds(at: DateTime<Utc>) -> u64 {
    u64::try_from(at.timestamp()).unwrap_or(0)
}

/// Encodes fresh random bytes as the base32 secret people type into their authenticator.
pub fn encode_secret(bytes: &[u8; SECRET_BYTES]) -> String {
    Secret::from(bytes.to_vec()).to_base32()
}

/// The code an authenticator shows at `at`.
pub fn code_at(secret_base32: &str, at: DateTime<Utc>) -> Result<String, BadSecret> {
    Ok(totp(secret_base32, "", "x")?.generate(seconds(at)).to_string())
}

/// The 30-second step `code` belongs to when it is valid at `at` (one step of clock drift either way
/// tolerated); `None` when it is not. Spaces people type between digit groups are ignored.
pub fn check(secret_base32: &str, code: &str, at: DateTime<Utc>) -> Result<Option<i64>, BadSecret> {
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let step = totp(secret_base32, "", "x")?.check(&digits, seconds(at));
    Ok(step.and_then(|s| i64::try_from(s).ok()))
}

/// The `otpauth://` address an authenticator app reads from the enrolment QR code.
pub fn enrolment_url(secret_base32: &str, account: &str, issuer: &str) -> Result<String, BadSecret> {
    totp(secret_base32, account, issuer)?.to_url().map_err(|e| BadSecret(e.to_string()))
}

/// Formats ten random bytes as a recovery code people can copy: `xxxxx-xxxxx` in lowercase base32.
pub fn format_recovery_code(bytes: &[u8; 10]) -> String {
    let text = Secret::from(bytes.to_vec()).to_base32().to_ascii_lowercase();
    let text: String = text.chars().filter(char::is_ascii_alphanumeric).take(10).collect();
    format!("{}-{}", &text[..5], &text[5..])
}

/// A recovery code as typed, made comparable: lowercase, without spaces or dashes.
pub fn normalise_recovery_code(typed: &str) -> String {
    typed.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    /// RFC 6238 appendix B: the SHA-1 secret "12345678901234567890", 8 digits there; 6 digits here are
    /// the last six.
    #[test]
    fn codes_follow_rfc_6238() {
        let secret = Secret::from(b"12345678901234567890".to_vec()).to_base32();
        let at = Utc.timestamp_opt(59, 0).unwrap();
        assert_eq!(code_at(&secret, at).unwrap(), "287082");
        let later = Utc.timestamp_opt(1_111_111_109, 0).unwrap();
        assert_eq!(code_at(&secret, later).unwrap(), "081804");
    }

    #[test]
    fn a_code_is_valid_one_step_either_side() {
        let secret = encode_secret(&[7; SECRET_BYTES]);
        let at = Utc.timestamp_opt(1_800_000_000, 0).unwrap();
        let code = code_at(&secret, at).unwrap();
        assert_eq!(check(&secret, &code, at).unwrap(), Some(60_000_000));
        assert!(check(&secret, &code, at + chrono::Duration::seconds(30)).unwrap().is_some());
        assert!(check(&secret, &code, at + chrono::Duration::seconds(90)).unwrap().is_none());
        assert!(check(&secret, "000000x", at).unwrap().is_none());
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert!(check(&secret, &spaced, at).unwrap().is_some(), "typed with a space");
    }

    #[test]
    fn managers_and_admins_need_it_others_may_choose() {
        assert!(required_for(&[crate::Role::Manager]));
        assert!(required_for(&[crate::Role::Evaluator, crate::Role::Admin]));
        assert!(!required_for(&[crate::Role::Applicant, crate::Role::Auditor]));
    }

    #[test]
    fn recovery_codes_read_well_and_compare_loosely() {
        let code = format_recovery_code(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(code.len(), 11);
        assert_eq!(normalise_recovery_code(&code.to_uppercase().replace('-', " ")), code.replace('-', ""));
    }

    #[test]
    fn the_enrolment_url_names_the_account() {
        let url = enrolment_url(&encode_secret(&[1; SECRET_BYTES]), "manager@example.org", "MMD Grants").unwrap();
        assert!(url.starts_with("otpauth://totp/"), "{url}");
        assert!(url.contains("manager%40example.org"), "{url}");
    }
}
