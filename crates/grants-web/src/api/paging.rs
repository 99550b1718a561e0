//! Page parameters shared by every list.

use serde::Deserialize;
use utoipa::IntoParams;

use crate::AppError;

/// Largest page a client may ask for.
pub const MAX_PER_PAGE: u64 = 100;

/// `?page=&per_page=`.
#[derive(Debug, Deserialize, IntoParams)]
pub struct PageQuery {
    /// Page number, from 1.
    pub page: Option<u64>,
    /// Page size, 1 to 100 (default 25).
    pub per_page: Option<u64>,
}

impl PageQuery {
    /// The checked (page, per_page).
    pub fn checked(&self) -> Result<(u64, u64), AppError> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(25);
        if page == 0 {
            return Err(AppError::bad_request("invalid_query", "page starts at 1"));
        }
        if per_page == 0 || per_page > MAX_PER_PAGE {
            return Err(AppError::bad_request(
                "invalid_query",
                format!("per_page must be between 1 and {MAX_PER_PAGE}"),
            ));
        }
        Ok((page, per_page))
    }
}
