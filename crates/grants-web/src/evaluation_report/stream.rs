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

/// A page read ahead, on its own task, while the page before it is written: the database works on the
/// next page while the service formats this one, so the whole report takes about the longer of the two
/// rather than their sum. Dropping it (the client went away) stops the read.
struct ReadAhead(tokio::task::JoinHandle<Result<Read, String>>);

impl Drop for ReadAhead {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// What one page of a pass read.
enum Read {
    /// Applications of the pass's section (the first field).
    Applications(usize, Vec<ReportApplication>),
    Declarations(Vec<Declaration>, Option<Cursor>),
}

/// Where the walk is: the head still to write, a page of pass `index` being read (`written` rows of
/// the pass already written, `start` when it is the pass's first page), or the end.
enum Step {
    Head,
    Pass { index: usize, start: bool, written: usize, page: ReadAhead },
    Done,
}

type Walk<F> = Arc<(ReportReader, F)>;

/// The body of `format` written over `reader`, page by page as the client takes it. A failure half-way
/// is logged and cuts the body short, so the client sees a broken download, never a complete-looking one.
pub(super) fn body<F: Format>(reader: ReportReader, format: F) -> Body {
    let walk = Arc::new((reader, format));
    let call = walk.0.head().call.id;
    let stream = futures::stream::try_unfold(Step::Head, move |step| {
        let walk = Arc::clone(&walk);
        async move { next(&walk, step).await }
    })
    .map_err(move |failure: String| {
        tracing::error!(call, error = %failure, "evaluation report cut short");
        std::io::Error::other(failure)
    });
    Body::from_stream(stream)
}

/// Starts reading the page of pass `index` after `after` (its first page when None).
fn read_ahead<F: Format>(walk: &Walk<F>, index: usize, after: Option<Cursor>) -> ReadAhead {
    let walk = Arc::clone(walk);
    ReadAhead(tokio::spawn(async move {
        let (reader, format) = (&walk.0, &walk.1);
        let page = Page { after: after.as_ref(), offset: 0, limit: PAGE_SIZE };
        let read = match format.passes()[index] {
            Pass::Applications(section) => {
                reader.applications_for(page, format.part(section)).await.map(|rows| Read::Applications(section, rows))
            }
            Pass::Declarations => reader.declarations(page).await.map(|(rows, then)| Read::Declarations(rows, then)),
        };
        read.map_err(|e| e.to_string())
    }))
}

async fn next<F: Format>(walk: &Walk<F>, step: Step) -> Result<Option<(Vec<u8>, Step)>, String> {
    let (reader, format) = (&walk.0, &walk.1);
    let (bytes, then) = match step {
        Step::Done => return Ok(None),
        Step::Head => {
            let first = read_ahead(walk, 0, None);
            (format.head(reader.head())?, Step::Pass { index: 0, start: true, written: 0, page: first })
        }
        Step::Pass { index, start, written, mut page } => {
            let read = (&mut page.0).await.map_err(|e| e.to_string())??;
            let (count, next_after) = match &read {
                Read::Applications(_, rows) => {
                    let full = rows.len() as u64 == PAGE_SIZE;
                    (rows.len(), if full { rows.last().map(Cursor::from) } else { None })
                }
                Read::Declarations(rows, then) => (rows.len(), then.clone()),
            };
            let end = next_after.is_none();
            let then = match next_after {
                Some(cursor) => {
                    let page = read_ahead(walk, index, Some(cursor));
                    Step::Pass { index, start: false, written: written + count, page }
                }
                None if index + 1 < format.passes().len() => {
                    let page = read_ahead(walk, index + 1, None);
                    Step::Pass { index: index + 1, start: true, written: 0, page }
                }
                None => Step::Done,
            };
            let place = Place { start, end, before: written };
            let mut bytes = match &read {
                Read::Applications(section, rows) => format.applications(reader.head(), *section, rows, place)?,
                Read::Declarations(rows, _) => format.declarations(reader.head(), rows, place)?,
            };
            if matches!(then, Step::Done) {
                bytes.extend(format.tail(reader.head())?);
            }
            (bytes, then)
        }
    };
    Ok(Some((bytes, then)))
}
