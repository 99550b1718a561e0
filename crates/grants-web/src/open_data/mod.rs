//! The open-data files (SPEC §9), public and without sign-in: the IATI 2.03 activity file
//! (`/open-data/iati-activities.xml`) and the JVAP-ready projects export (`/open-data/projects.json`,
//! `.csv`), for the calls that publish their awards.
//!
//! Each file is streamed: the projects are read in batches by id and each batch is written out before the
//! next is read, so memory holds one batch whatever the programme's size. Each answer carries an `ETag` and
//! `Last-Modified` from [`grants_store::Store::open_data_version`]; a client holding the current version
//! gets 304 without a project being read.

pub mod conditional;
pub mod iati;
pub mod projects;

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{NaiveDate, Utc};
use futures::stream::{self, Stream};
use grants_domain::Language;
use grants_domain::open_data::OpenDataProfile;
use grants_store::open_data::PublishedProject;

use crate::{AppError, AppState};

/// Projects read and written per step of a streamed file.
const BATCH: u64 = 100;

/// The open-data routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/open-data/iati-activities.xml", get(iati_activities))
        .route("/open-data/projects.json", get(projects_json))
        .route("/open-data/projects.csv", get(projects_csv))
}

/// The three files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum File {
    Iati,
    Json,
    Csv,
}

impl File {
    fn content_type(self) -> &'static str {
        match self {
            File::Iati => "application/xml; charset=utf-8",
            File::Json => "application/json",
            File::Csv => "text/csv; charset=utf-8",
        }
    }

    fn name(self) -> &'static str {
        match self {
            File::Iati => "iati-activities.xml",
            File::Json => "projects.json",
            File::Csv => "projects.csv",
        }
    }
}

async fn iati_activities(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    serve(state, &headers, File::Iati).await
}

async fn projects_json(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    serve(state, &headers, File::Json).await
}

async fn projects_csv(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    serve(state, &headers, File::Csv).await
}

/// What a streamed file needs besides the projects.
struct Writing {
    state: AppState,
    file: File,
    profile: Option<OpenDataProfile>,
    today: NaiveDate,
    under_call: [String; 2],
}

impl Writing {
    /// The bytes of one batch of projects; `first` says nothing was written before it.
    fn batch(&self, projects: &[PublishedProject], first: bool) -> std::io::Result<Vec<u8>> {
        match self.file {
            File::Json => projects::json_rows(projects, self.profile.as_ref(), first),
            File::Csv => projects::csv_rows(projects, self.profile.as_ref()),
            File::Iati => {
                let profile = self.profile.as_ref().ok_or_else(|| std::io::Error::other("no IATI profile"))?;
                let writer = iati::ActivityWriter {
                    profile,
                    programme: self.state.store.programme(),
                    base_url: self.state.web.base_url.trim_end_matches('/'),
                    today: self.today,
                    under_call: [&self.under_call[0], &self.under_call[1]],
                };
                let mut out = Vec::new();
                for project in projects {
                    writer.activity(project, &mut out)?;
                }
                Ok(out)
            }
        }
    }

    fn head(&self) -> std::io::Result<Vec<u8>> {
        let now = Utc::now();
        match self.file {
            File::Iati => iati::head(now),
            File::Json => projects::json_head(now, self.profile.as_ref().map_or("EUR", |p| p.currency.as_str())),
            File::Csv => projects::csv_head(),
        }
    }

    fn tail(&self) -> std::io::Result<Vec<u8>> {
        match self.file {
            File::Iati => iati::tail(),
            File::Json => Ok(projects::JSON_TAIL.to_vec()),
            File::Csv => Ok(Vec::new()),
        }
    }
}

/// Where a streamed file is.
enum Step {
    Head,
    After { id: i64, first: bool },
    Done,
}

type Failure = Box<dyn std::error::Error + Send + Sync>;

/// The file as a stream of chunks: head, one chunk per batch of projects, tail.
fn chunks(writing: Arc<Writing>) -> impl Stream<Item = Result<Vec<u8>, Failure>> {
    stream::try_unfold(Step::Head, move |step| {
        let writing = writing.clone();
        async move {
            let next = match step {
                Step::Done => return Ok(None),
                Step::Head => (writing.head()?, Step::After { id: 0, first: true }),
                Step::After { id, first } => {
                    let batch = writing.state.store.published_projects_after(id, BATCH).await.inspect_err(|err| {
                        tracing::error!(error = %err, file = writing.file.name(), "open-data file cut short");
                    })?;
                    match batch.last().map(|p| p.id) {
                        None => (writing.tail()?, Step::Done),
                        Some(last) => (writing.batch(&batch, first)?, Step::After { id: last, first: false }),
                    }
                }
            };
            Ok::<_, Failure>(Some(next))
        }
    })
}

async fn serve(state: AppState, headers: &HeaderMap, file: File) -> Result<Response, AppError> {
    let profile = state.store.programme().open_data.clone();
    let version = state.store.open_data_version().await?;
    if file == File::Iati {
        if profile.is_none() {
            return Err(AppError::not_found("the IATI file (the programme profile has no [open_data] section)"));
        }
        if version.projects == 0 {
            return Err(AppError::new(
                StatusCode::NOT_FOUND,
                "not_found",
                "no awarded project is published yet: the IATI file needs at least one activity",
            ));
        }
    }
    let today = Utc::now().date_naive();
    let programme = serde_json::to_string(state.store.programme()).unwrap_or_default();
    let variant =
        format!("{}\n{}\n{today}\n{}\n{programme}", file.name(), env!("CARGO_PKG_VERSION"), state.web.base_url);
    let etag = version.etag(&variant);
    let last_modified = version.last_modified.map(conditional::http_date);
    let mut response = if conditional::client_is_current(headers, &etag, version.last_modified) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let under_call = [Language::EN, Language::FR].map(|lang| state.pages.text(lang, "open_data_under_call"));
        let writing = Arc::new(Writing { state, file, profile, today, under_call });
        let mut response = Body::from_stream(chunks(writing)).into_response();
        let disposition = format!("inline; filename=\"{}\"", file.name());
        let values =
            [(header::CONTENT_TYPE, file.content_type().to_owned()), (header::CONTENT_DISPOSITION, disposition)];
        for (name, value) in values {
            if let Ok(value) = HeaderValue::from_str(&value) {
                response.headers_mut().insert(name, value);
            }
        }
        response
    };
    let response_headers = response.headers_mut();
    response_headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, no-cache"));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        response_headers.insert(header::ETAG, value);
    }
    if let Some(value) = last_modified.and_then(|v| HeaderValue::from_str(&v).ok()) {
        response_headers.insert(header::LAST_MODIFIED, value);
    }
    Ok(response)
}
