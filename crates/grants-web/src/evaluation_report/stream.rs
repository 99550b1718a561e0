//! Walking the report page by page and writing each page as it is read: every format (JSON, CSV,
//! printable HTML) says what it writes at each point, the walk is the same for all.

use std::sync::Arc;

use axum::body::Body;
use futures::TryStreamExt as _;
use grants_store::report::{Cursor, Declaration, Page, ReportApplication, ReportHead, ReportPart, ReportReader};

/// How many applications are read at a time: enough to keep queries few, little enough to keep memory flat.
const PAGE_SIZE: u64 = 500;

/// One pass of a format over the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pass {
    /// Over the applications, for section `n` of the format.
    Applications(usize),
    /// Over the declarations register.
    Declarations,
}

/// Where a page falls in its pass.
#[derive(Debug, Clone, Copy)]
pub(super) struct Place {
    /// The pass's first page.
    pub start: bool,
    /// The pass's last page.
    pub end: bool,
    /// Rows of this pass written before this page.
    pub before: usize,
}

/// What a format writes at each point of the walk; a failure is described in words for the log.
pub(super) trait Format: Send + Sync + 'static {
    /// The passes, in order (at least one).
    fn passes(&self) -> &[Pass];
    /// What the applications of section `section` are read with: everything, unless the format shows a
    /// part at a time.
    fn part(&self, _section: usize) -> ReportPart {
        ReportPart::Everything
    }
    /// Before everything.
    fn head(&self, head: &ReportHead) -> Result<Vec<u8>, String>;
    /// A page of applications in the pass's section `section`.
    fn applications(
        &self,
        head: &ReportHead,
        section: usize,
        rows: &[ReportApplication],
        place: Place,
    ) -> Result<Vec<u8>, String>;
    /// A page of the declarations register.
    fn declarations(&self, head: &ReportHead, rows: &[Declaration], place: Place) -> Result<Vec<u8>, String>;
    /// After everything.
    fn tail(&self, head: &ReportHead) -> Result<Vec<u8>, String>;
}

enum Step {
    Head,
    Pass { index: usize, after: Option<Cursor>, written: usize },
    Done,
}

/// The body of `format` written over `reader`, page by page as the client takes it. A failure half-way
/// is logged and cuts the body short, so the client sees a broken download, never a complete-looking one.
pub(super) fn body<F: Format>(reader: ReportReader, format: F) -> Body {
    let walk = Arc::new((reader, format));
    let call = walk.0.head().call.id;
    let stream = futures::stream::try_unfold(Step::Head, move |step| {
        let walk = Arc::clone(&walk);
        async move { next(&walk.0, &walk.1, step).await }
    })
    .map_err(move |failure: String| {
        tracing::error!(call, error = %failure, "evaluation report cut short");
        std::io::Error::other(failure)
    });
    Body::from_stream(stream)
}

async fn next<F: Format>(reader: &ReportReader, format: &F, step: Step) -> Result<Option<(Vec<u8>, Step)>, String> {
    let (bytes, then) = match step {
        Step::Done => return Ok(None),
        Step::Head => (format.head(reader.head())?, Step::Pass { index: 0, after: None, written: 0 }),
        Step::Pass { index, after, written } => {
            let page = Page { after: after.as_ref(), offset: 0, limit: PAGE_SIZE };
            let (mut bytes, count, next_after) = match format.passes()[index] {
                Pass::Applications(section) => {
                    let rows = reader.applications_for(page, format.part(section)).await.map_err(|e| e.to_string())?;
                    let full = rows.len() as u64 == PAGE_SIZE;
                    let next_after = if full { rows.last().map(Cursor::from) } else { None };
                    let place = Place { start: after.is_none(), end: next_after.is_none(), before: written };
                    (format.applications(reader.head(), section, &rows, place)?, rows.len(), next_after)
                }
                Pass::Declarations => {
                    let (rows, next_after) = reader.declarations(page).await.map_err(|e| e.to_string())?;
                    let place = Place { start: after.is_none(), end: next_after.is_none(), before: written };
                    (format.declarations(reader.head(), &rows, place)?, rows.len(), next_after)
                }
            };
            let then = match next_after {
                Some(cursor) => Step::Pass { index, after: Some(cursor), written: written + count },
                None if index + 1 < format.passes().len() => Step::Pass { index: index + 1, after: None, written: 0 },
                None => {
                    bytes.extend(format.tail(reader.head())?);
                    Step::Done
                }
            };
            (bytes, then)
        }
    };
    Ok(Some((bytes, then)))
}
