//! `/api/v1/portfolio` and `/api/v1/portfolio.csv`: submitted and funded applications counted and summed
//! along one dimension (programme staff and auditors).

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use grants_domain::Language;
use grants_domain::portfolio::{Bucket, Dimension};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::access::require_staff;
use crate::auth::CurrentUser;
use crate::extract::ApiQuery;
use crate::{AppError, AppState};

/// `?by=`: `jvap_domain`, `dialogue`, `country`, `applicant_type`, `call` or `year`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PortfolioQuery {
    /// The dimension (default `jvap_domain`).
    pub by: Option<String>,
}

/// One bucket, with its label in English and French.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct BucketView {
    pub key: String,
    pub label_en: String,
    pub label_fr: String,
    pub submitted: u64,
    #[schema(value_type = String)]
    pub requested: grants_domain::Money,
    pub funded: u64,
    #[schema(value_type = String)]
    pub awarded: grants_domain::Money,
}

/// The portfolio along one dimension.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct PortfolioView {
    pub by: String,
    pub buckets: Vec<BucketView>,
}

/// Parses `?by=`, refusing unknown dimensions with the list of known ones.
pub fn dimension(by: Option<&str>) -> Result<Dimension, AppError> {
    match by {
        None => Ok(Dimension::JvapDomain),
        Some(text) => text.parse().map_err(|_| {
            AppError::new(
                axum::http::StatusCode::BAD_REQUEST,
                "invalid_query",
                format!("unknown dimension `{text}`: use jvap_domain, dialogue, country, applicant_type, call or year"),
            )
        }),
    }
}

/// The buckets along `by`, counted by the store.
pub async fn buckets(state: &AppState, by: Dimension) -> Result<Vec<Bucket>, AppError> {
    Ok(state.store.portfolio(&[by]).await?.along(by).to_vec())
}

fn views(state: &AppState, by: Dimension, buckets: Vec<Bucket>) -> Vec<BucketView> {
    buckets
        .into_iter()
        .map(|b| BucketView {
            label_en: crate::labels::term_label(state, by, &b.key, Language::EN),
            label_fr: crate::labels::term_label(state, by, &b.key, Language::FR),
            key: b.key,
            submitted: b.submitted,
            requested: b.requested,
            funded: b.funded,
            awarded: b.awarded,
        })
        .collect()
}

/// Counts and amounts of submitted and funded applications along one dimension.
#[utoipa::path(get, path = "/api/v1/portfolio", tag = "portfolio", security(("bearer" = [])), params(PortfolioQuery),
    responses((status = 200, body = PortfolioView), (status = 400, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn json(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiQuery(query): ApiQuery<PortfolioQuery>,
) -> Result<Json<PortfolioView>, AppError> {
    require_staff(&user)?;
    let by = dimension(query.by.as_deref())?;
    let found = buckets(&state, by).await?;
    Ok(Json(PortfolioView { by: by.to_string(), buckets: views(&state, by, found) }))
}

/// The same as CSV, one row per bucket.
#[utoipa::path(get, path = "/api/v1/portfolio.csv", tag = "portfolio", security(("bearer" = [])), params(PortfolioQuery),
    responses((status = 200, content_type = "text/csv", description = "key, labels, counts and amounts"), (status = 403, body = crate::error::ErrorBody)))]
pub async fn csv(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiQuery(query): ApiQuery<PortfolioQuery>,
) -> Result<Response, AppError> {
    require_staff(&user)?;
    let by = dimension(query.by.as_deref())?;
    let found = views(&state, by, buckets(&state, by).await?);
    let mut writer = crate::security::csv::SafeCsv::default();
    let header = [by.as_ref(), "label_en", "label_fr", "submitted", "requested_eur", "funded", "awarded_eur"];
    writer.row(header)?;
    for b in found {
        let row = [
            b.key,
            b.label_en,
            b.label_fr,
            b.submitted.to_string(),
            b.requested.to_string(),
            b.funded.to_string(),
            b.awarded.to_string(),
        ];
        writer.row(&row)?;
    }
    let body = writer.finish()?;
    let filename = format!("attachment; filename=\"portfolio-by-{by}.csv\"");
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, filename)], body)
        .into_response())
}
