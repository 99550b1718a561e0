//! Amounts of money in euro.
//!
//! Money is exact: it is a decimal with at most two places, never a float. It travels in JSON as a string
//! (`"15000.00"`) and is stored as whole cents, which both SQLite and PostgreSQL hold and add exactly.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// A non-negative amount in euro with at most two decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(Decimal);

/// Why a value is not a valid amount of money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// The text is not a decimal number.
    #[error("`{0}` is not a decimal amount such as 15000.00")]
    NotANumber(String),
    /// Amounts are never negative.
    #[error("an amount cannot be negative")]
    Negative,
    /// Euro have cents, not fractions of cents.
    #[error("an amount has at most two decimal places")]
    TooPrecise,
    /// Beyond what the store can hold.
    #[error("the amount is too large")]
    TooLarge,
}

impl MoneyError {
    /// Why, in `lang`, for a person who typed the amount (the `Display` text is the API's, for developers).
    pub fn explain(&self, lang: crate::Language) -> String {
        let id = match self {
            MoneyError::NotANumber(_) => "money-error-not-a-number",
            MoneyError::Negative => "money-error-negative",
            MoneyError::TooPrecise => "money-error-too-precise",
            MoneyError::TooLarge => "money-error-too-large",
        };
        lang.text(id, &[])
    }
}

impl Money {
    /// Zero euro.
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// Checks a decimal: non-negative, at most two places, within storable range.
    pub fn new(value: Decimal) -> Result<Self, MoneyError> {
        if value.is_sign_negative() && !value.is_zero() {
            return Err(MoneyError::Negative);
        }
        if value.normalize().scale() > 2 {
            return Err(MoneyError::TooPrecise);
        }
        let money = Money(value.round_dp(2));
        money.cents_checked().ok_or(MoneyError::TooLarge)?;
        Ok(money)
    }

    /// Builds an amount from stored whole cents.
    pub fn from_cents(cents: i64) -> Self {
        Money(Decimal::new(cents, 2))
    }

    /// The amount in whole cents, as stored.
    pub fn cents(self) -> i64 {
        self.cents_checked().unwrap_or(i64::MAX)
    }

    fn cents_checked(self) -> Option<i64> {
        let scaled = self.0.checked_mul(Decimal::ONE_HUNDRED)?.trunc();
        i64::try_from(scaled).ok()
    }

    /// The decimal value, for arithmetic such as rates and sums.
    pub fn amount(self) -> Decimal {
        self.0
    }

    /// The amount as a reader of `lang` writes it, the one home of that rule for pages and emails:
    /// `€200,000` or `200 000 €` (cents only when there are some). The marks and the place of the euro
    /// sign are the language's catalogue's (`number-decimal`, `number-group`, `written-money`).
    pub fn euros(self, lang: crate::Language) -> String {
        let cents = self.cents();
        let sign = if cents < 0 { "-" } else { "" };
        let cents = cents.unsigned_abs();
        let grouped = lang.grouped_digits(&(cents / 100).to_string());
        let fraction = cents % 100;
        let number = if fraction == 0 {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}{}{fraction:02}", lang.decimal_mark())
        };
        lang.text("written-money", &[("amount", grants_i18n::Arg::Text(&number))])
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut shown = self.0;
        shown.rescale(2);
        write!(f, "{shown}")
    }
}

impl FromStr for Money {
    type Err = MoneyError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let value = Decimal::from_str(text.trim()).map_err(|_| MoneyError::NotANumber(text.to_owned()))?;
        Money::new(value)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(MoneyVisitor)
    }
}

/// Accepts `"15000.00"` (preferred), `15000` and `15000.5`; a JSON float is read through its shortest
/// decimal spelling, so `0.1` means exactly one tenth.
struct MoneyVisitor;

impl de::Visitor<'_> for MoneyVisitor {
    type Value = Money;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an amount in euro as a decimal string such as \"15000.00\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Money, E> {
        v.parse().map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Money, E> {
        Money::new(Decimal::from(v)).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Money, E> {
        Money::new(Decimal::from(v)).map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Money, E> {
        v.to_string().parse().map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_shows_two_places() {
        let m: Money = "15000".parse().unwrap();
        assert_eq!(m.to_string(), "15000.00");
        assert_eq!(m.cents(), 1_500_000);
        assert_eq!(Money::from_cents(1_234_567).to_string(), "12345.67");
    }

    #[test]
    fn refuses_negative_fractional_cents_and_text() {
        assert_eq!("-1".parse::<Money>(), Err(MoneyError::Negative));
        assert_eq!("1.005".parse::<Money>(), Err(MoneyError::TooPrecise));
        assert!(matches!("abc".parse::<Money>(), Err(MoneyError::NotANumber(_))));
    }

    #[test]
    fn json_float_is_read_exactly() {
        let m: Money = serde_json::from_str("0.1").unwrap();
        assert_eq!(m.cents(), 10);
        let m: Money = serde_json::from_str("\"250000.50\"").unwrap();
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"250000.50\"");
    }
}
