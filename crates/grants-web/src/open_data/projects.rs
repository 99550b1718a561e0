//! The JVAP-ready projects export: one row per funded project of the publishing calls, as JSON objects
//! and CSV lines with the same fields (documented in `docs/open-data.md`). Lists are JSON arrays, and
//! `;`-separated codes in CSV.

use std::io;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use grants_domain::Money;
use grants_domain::open_data::OpenDataProfile;
use grants_store::open_data::PublishedProject;
use serde::Serialize;

/// The CSV header, in the order of [`ProjectRow`]'s fields.
pub const CSV_HEADER: [&str; 21] = [
    "reference",
    "iati_identifier",
    "call_reference",
    "call_title_en",
    "call_title_fr",
    "title",
    "organisation",
    "organisation_type",
    "organisation_country",
    "countries",
    "jvap_domains",
    "dialogues",
    "status",
    "currency",
    "amount_awarded",
    "amount_committed",
    "amount_paid",
    "start_date",
    "end_date",
    "signed_on",
    "last_updated",
];

/// One project as the export publishes it.
#[derive(Debug, Serialize)]
pub struct ProjectRow<'a> {
    reference: &'a str,
    iati_identifier: Option<String>,
    call_reference: &'a str,
    call_title_en: &'a str,
    call_title_fr: &'a str,
    title: &'a str,
    organisation: &'a str,
    organisation_type: &'a str,
    organisation_country: &'a str,
    countries: &'a [String],
    jvap_domains: &'a [String],
    dialogues: &'a [String],
    status: String,
    currency: &'a str,
    amount_awarded: Money,
    amount_committed: Option<Money>,
    amount_paid: Money,
    start_date: Option<NaiveDate>,
    end_date: Option<NaiveDate>,
    signed_on: Option<NaiveDate>,
    last_updated: String,
}

impl<'a> ProjectRow<'a> {
    /// The row of `project`; the IATI identifier only when the programme publishes IATI.
    pub fn new(project: &'a PublishedProject, profile: Option<&'a OpenDataProfile>) -> ProjectRow<'a> {
        let agreement = project.agreement.as_ref();
        ProjectRow {
            reference: &project.reference,
            iati_identifier: profile.map(|p| p.activity_identifier(&project.reference)),
            call_reference: &project.call.reference,
            call_title_en: &project.call.title_en,
            call_title_fr: &project.call.title_fr,
            title: &project.title,
            organisation: &project.organisation.name,
            organisation_type: &project.organisation.org_type,
            organisation_country: &project.organisation.country,
            countries: &project.countries,
            jvap_domains: &project.jvap_domains,
            dialogues: &project.dialogues,
            status: project.state.to_string(),
            currency: profile.map_or("EUR", |p| p.currency.as_str()),
            amount_awarded: project.awarded,
            amount_committed: agreement.map(|a| a.amount),
            amount_paid: project.paid(),
            start_date: agreement.map(|a| a.starts_on),
            end_date: agreement.map(|a| a.ends_on),
            signed_on: agreement.map(|a| a.signed_at.date_naive()),
            last_updated: project.last_updated().to_rfc3339_opts(SecondsFormat::Secs, true),
        }
    }

    /// The row as CSV fields, in [`CSV_HEADER`] order.
    fn fields(&self) -> [String; 21] {
        let text = |value: Option<String>| value.unwrap_or_default();
        [
            self.reference.to_owned(),
            text(self.iati_identifier.clone()),
            self.call_reference.to_owned(),
            self.call_title_en.to_owned(),
            self.call_title_fr.to_owned(),
            self.title.to_owned(),
            self.organisation.to_owned(),
            self.organisation_type.to_owned(),
            self.organisation_country.to_owned(),
            self.countries.join(";"),
            self.jvap_domains.join(";"),
            self.dialogues.join(";"),
            self.status.clone(),
            self.currency.to_owned(),
            self.amount_awarded.to_string(),
            text(self.amount_committed.map(|m| m.to_string())),
            self.amount_paid.to_string(),
            text(self.start_date.map(|d| d.to_string())),
            text(self.end_date.map(|d| d.to_string())),
            text(self.signed_on.map(|d| d.to_string())),
            self.last_updated.clone(),
        ]
    }
}

fn csv_error(err: csv::Error) -> io::Error {
    io::Error::other(err)
}

/// The CSV file's first line.
pub fn csv_head() -> io::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_HEADER).map_err(csv_error)?;
    writer.into_inner().map_err(|e| io::Error::other(e.to_string()))
}

/// Appends the CSV lines of `projects`.
pub fn csv_rows(projects: &[PublishedProject], profile: Option<&OpenDataProfile>) -> io::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for project in projects {
        writer.write_record(ProjectRow::new(project, profile).fields()).map_err(csv_error)?;
    }
    writer.into_inner().map_err(|e| io::Error::other(e.to_string()))
}

/// The JSON file's opening, up to the `projects` array.
pub fn json_head(generated: DateTime<Utc>, currency: &str) -> io::Result<Vec<u8>> {
    let generated = serde_json::to_string(&generated.to_rfc3339_opts(SecondsFormat::Secs, true))?;
    let currency = serde_json::to_string(currency)?;
    Ok(format!("{{\"generated_at\":{generated},\"currency\":{currency},\"projects\":[").into_bytes())
}

/// Appends `projects` as array items; `first` says no item precedes them.
pub fn json_rows(
    projects: &[PublishedProject],
    profile: Option<&OpenDataProfile>,
    mut first: bool,
) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    for project in projects {
        if !first {
            out.push(b',');
        }
        first = false;
        out.push(b'\n');
        serde_json::to_writer(&mut out, &ProjectRow::new(project, profile))?;
    }
    Ok(out)
}

/// The JSON file's closing.
pub const JSON_TAIL: &[u8] = b"\n]}\n";
