//! Page parameters shared by every list.

use serde::Deserialize;
use utoipa::IntoParams;

use crate::AppError;

/// Largest page a client may ask for.
pub const MAX_PER_PAGE: u64 = grants_store::listing::MAX_PER_PAGE;
/// Highest page number served.
pub const MAX_PAGE: u64 = grants_store::listing::MAX_PAGE;

/// `?page=&per_page=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page number, from 1 (at most 1 000 000).
    #[param(minimum = 1, maximum = 1_000_000)]
    pub page: Option<u64>,
    /// Page size, 1 to 100 (default 25).
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<u64>,
}

impl PageQuery {
    /// The checked (page, per_page).
    pub fn checked(&self) -> Result<(u64, u64), AppError> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(25);
        if page == 0 || page > MAX_PAGE {
            return Err(AppError::bad_request("invalid_query", format!("page must be between 1 and {MAX_PAGE}")));
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
