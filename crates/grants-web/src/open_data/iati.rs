//! One published project as an IATI 2.03 `iati-activity`, written with an XML writer (every text and
//! attribute escaped), in the element order the IATI schema requires. The file's head and tail are
//! written apart so the activities can be streamed between them.

use std::borrow::Cow;
use std::io;

use chrono::{DateTime, Months, NaiveDate, SecondsFormat, Utc};
use grants_domain::open_data::{OpenDataProfile, PublishedOrganisation as Participant, country_shares};
use grants_domain::programme::{Programme, Term};
use grants_domain::{Language, Money};
use grants_store::open_data::PublishedProject;
use grants_workflow::ApplicationState;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

/// The namespace of the few facts IATI has no element for (the grantee's country).
pub const EXTENSION_NAMESPACE: &str = "urn:mmd-grants:open-data";

/// What every activity of one file shares: the publisher's profile, the taxonomy labels, the site's
/// address (for links to the calls) and today's date (to tell planned from actual dates).
pub struct ActivityWriter<'a> {
    /// The publisher and classification.
    pub profile: &'a OpenDataProfile,
    /// The taxonomy, for the tags' labels.
    pub programme: &'a Programme,
    /// The public address of the site, without a trailing slash.
    pub base_url: &'a str,
    /// Today, in UTC.
    pub today: NaiveDate,
    /// The sentence introducing the call in each description, in English and French.
    pub under_call: [&'a str; 2],
}

/// Drops the characters XML 1.0 cannot carry (control characters other than tab and line breaks).
fn clean(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| !c.is_control() || matches!(c, '\t' | '\n' | '\r');
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|c| allowed(*c)).collect())
    }
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The IATI ActivityStatus code of an application state.
fn activity_status(state: ApplicationState) -> &'static str {
    match state {
        ApplicationState::Contracted => "2",
        ApplicationState::Closed => "4",
        ApplicationState::Terminated => "5",
        _ => "1",
    }
}

/// The file's opening: XML declaration and `<iati-activities>`.
pub fn head(generated: DateTime<Utc>) -> io::Result<Vec<u8>> {
    let mut writer = Writer::new(Vec::new());
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    writer.get_mut().push(b'\n');
    let generated = generated.to_rfc3339_opts(SecondsFormat::Secs, true);
    let start = BytesStart::new("iati-activities").with_attributes([
        ("version", "2.03"),
        ("generated-datetime", generated.as_str()),
        ("xmlns:mmd", EXTENSION_NAMESPACE),
    ]);
    writer.write_event(Event::Start(start))?;
    writer.get_mut().push(b'\n');
    Ok(writer.into_inner())
}

/// The file's closing tag.
pub fn tail() -> io::Result<Vec<u8>> {
    let mut writer = Writer::new(Vec::new());
    writer.write_event(Event::End(BytesEnd::new("iati-activities")))?;
    writer.get_mut().push(b'\n');
    Ok(writer.into_inner())
}

fn narrative<W: io::Write>(writer: &mut Writer<W>, text: &str, lang: Option<&str>) -> io::Result<()> {
    let element = writer.create_element("narrative");
    let element = match lang {
        Some(lang) => element.with_attribute(("xml:lang", lang)),
        None => element,
    };
    element.write_text_content(BytesText::new(&clean(text)))?;
    Ok(())
}

fn bilingual<W: io::Write>(writer: &mut Writer<W>, en: &str, fr: &str) -> io::Result<()> {
    narrative(writer, en, Some("en"))?;
    narrative(writer, fr, Some("fr"))
}

fn participant<W: io::Write>(writer: &mut Writer<W>, role: &str, who: &Participant) -> io::Result<()> {
    let mut element = writer.create_element("participating-org").with_attribute(("role", role));
    if !who.reference.is_empty() {
        element = element.with_attribute(("ref", clean(&who.reference).as_ref()));
    }
    element.with_attribute(("type", who.kind.as_str())).write_inner_content(|w| bilingual(w, &who.en, &who.fr))?;
    Ok(())
}

fn dated<W: io::Write>(writer: &mut Writer<W>, name: &str, date: NaiveDate) -> io::Result<()> {
    writer.create_element(name).with_attribute(("iso-date", iso(date).as_str())).write_empty()?;
    Ok(())
}

fn value<W: io::Write>(writer: &mut Writer<W>, currency: &str, amount: Money, on: NaiveDate) -> io::Result<()> {
    writer
        .create_element("value")
        .with_attributes([("currency", currency), ("value-date", iso(on).as_str())])
        .write_text_content(BytesText::new(&amount.to_string()))?;
    Ok(())
}

/// The planned start and end of a project: the agreement's dates once signed; before that, the day of
/// the award and the form's duration from it.
fn planned(project: &PublishedProject) -> (NaiveDate, Option<NaiveDate>) {
    if let Some(agreement) = &project.agreement {
        (agreement.starts_on, Some(agreement.ends_on))
    } else {
        let start = project.updated_at.date_naive();
        (start, project.duration_months.and_then(|months| start.checked_add_months(Months::new(months))))
    }
}

impl ActivityWriter<'_> {
    /// Appends one `<iati-activity>` for `project` to `out`.
    pub fn activity(&self, project: &PublishedProject, out: &mut Vec<u8>) -> io::Result<()> {
        let mut writer = Writer::new(out);
        let updated = project.last_updated().to_rfc3339_opts(SecondsFormat::Secs, true);
        writer
            .create_element("iati-activity")
            .with_attributes([
                ("last-updated-datetime", updated.as_str()),
                ("default-currency", self.profile.currency.as_str()),
            ])
            .write_inner_content(|w| self.content(w, project))?;
        writer.get_mut().push(b'\n');
        Ok(())
    }

    fn content<W: io::Write>(&self, w: &mut Writer<W>, project: &PublishedProject) -> io::Result<()> {
        let profile = self.profile;
        w.create_element("iati-identifier")
            .write_text_content(BytesText::new(&clean(&profile.activity_identifier(&project.reference))))?;
        w.create_element("reporting-org")
            .with_attributes([("ref", profile.reporting_org.reference.as_str()), ("type", &profile.reporting_org.kind)])
            .write_inner_content(|w| bilingual(w, &profile.reporting_org.en, &profile.reporting_org.fr))?;
        w.create_element("title").write_inner_content(|w| narrative(w, &project.title, None))?;
        if !project.summary.trim().is_empty() {
            w.create_element("description")
                .with_attribute(("type", "1"))
                .write_inner_content(|w| narrative(w, &project.summary, None))?;
        }
        let call = &project.call;
        let [under_en, under_fr] = self.under_call;
        w.create_element("description").with_attribute(("type", "4")).write_inner_content(|w| {
            let en = format!("{under_en} {} ({}) — {}", call.title_en, call.reference, self.programme.title_en);
            let fr = format!("{under_fr} {} ({}) — {}", call.title_fr, call.reference, self.programme.title_fr);
            bilingual(w, &en, &fr)
        })?;
        participant(w, "1", &profile.funder)?;
        participant(w, "3", &profile.implementing_agency)?;
        self.grantee(w, project)?;
        w.create_element("activity-status").with_attribute(("code", activity_status(project.state))).write_empty()?;
        self.dates(w, project)?;
        for (country, share) in country_shares(&project.countries, &project.country_percentages) {
            w.create_element("recipient-country")
                .with_attributes([("code", clean(&country).as_ref()), ("percentage", share.to_string().as_str())])
                .write_empty()?;
        }
        w.create_element("sector")
            .with_attributes([("vocabulary", "1"), ("code", profile.sector.as_str()), ("percentage", "100")])
            .write_empty()?;
        self.tags(w, &project.jvap_domains, &profile.jvap_vocabulary_uri, &self.programme.jvap_domains)?;
        self.tags(w, &project.dialogues, &profile.dialogue_vocabulary_uri, &self.programme.dialogues)?;
        self.budget(w, project)?;
        self.transactions(w, project)?;
        let url = format!("{}/calls/{}", self.base_url, call.id);
        w.create_element("document-link")
            .with_attributes([("url", url.as_str()), ("format", "text/html")])
            .write_inner_content(|w| {
                w.create_element("title").write_inner_content(|w| bilingual(w, &call.title_en, &call.title_fr))?;
                w.create_element("category").with_attribute(("code", "A10")).write_empty()?;
                w.create_element("language").with_attribute(("code", "en")).write_empty()?;
                w.create_element("language").with_attribute(("code", "fr")).write_empty()?;
                Ok(())
            })?;
        Ok(())
    }

    fn grantee<W: io::Write>(&self, w: &mut Writer<W>, project: &PublishedProject) -> io::Result<()> {
        let organisation = &project.organisation;
        w.create_element("participating-org")
            .with_attributes([
                ("role", "4"),
                ("type", self.profile.organisation_type(&organisation.org_type)),
                ("mmd:country", clean(&organisation.country).as_ref()),
            ])
            .write_inner_content(|w| narrative(w, &organisation.name, None))?;
        Ok(())
    }

    fn dates<W: io::Write>(&self, w: &mut Writer<W>, project: &PublishedProject) -> io::Result<()> {
        let (start, end) = planned(project);
        let activity_date = |w: &mut Writer<W>, kind: &str, on: NaiveDate| -> io::Result<()> {
            w.create_element("activity-date")
                .with_attributes([("type", kind), ("iso-date", iso(on).as_str())])
                .write_empty()?;
            Ok(())
        };
        activity_date(w, "1", start)?;
        if project.agreement.is_some() && start <= self.today {
            activity_date(w, "2", start)?;
        }
        if let Some(end) = end {
            activity_date(w, "3", end)?;
        }
        if matches!(project.state, ApplicationState::Closed | ApplicationState::Terminated) {
            activity_date(w, "4", project.updated_at.date_naive().min(self.today))?;
        }
        Ok(())
    }

    fn tags<W: io::Write>(&self, w: &mut Writer<W>, codes: &[String], uri: &str, terms: &[Term]) -> io::Result<()> {
        for code in codes {
            let term = terms.iter().find(|t| &t.code == code);
            w.create_element("tag")
                .with_attributes([
                    ("vocabulary", self.profile.tag_vocabulary.as_str()),
                    ("vocabulary-uri", uri),
                    ("code", clean(code).as_ref()),
                ])
                .write_inner_content(|w| match term {
                    Some(term) => bilingual(w, term.label(Language::EN), term.label(Language::FR)),
                    None => Ok(()),
                })?;
        }
        Ok(())
    }

    fn budget<W: io::Write>(&self, w: &mut Writer<W>, project: &PublishedProject) -> io::Result<()> {
        let (start, Some(end)) = planned(project) else { return Ok(()) };
        let (amount, status) = match &project.agreement {
            Some(agreement) => (agreement.amount, "2"),
            None => (project.awarded, "1"),
        };
        w.create_element("budget").with_attributes([("type", "1"), ("status", status)]).write_inner_content(|w| {
            dated(w, "period-start", start)?;
            dated(w, "period-end", end)?;
            value(w, &self.profile.currency, amount, start)
        })?;
        Ok(())
    }

    fn transactions<W: io::Write>(&self, w: &mut Writer<W>, project: &PublishedProject) -> io::Result<()> {
        let Some(agreement) = &project.agreement else { return Ok(()) };
        let signed = agreement.signed_at.date_naive();
        self.transaction(w, project, "2", signed, agreement.amount)?;
        for payment in &project.disbursements {
            self.transaction(w, project, "3", payment.paid_at.date_naive(), payment.amount)?;
        }
        Ok(())
    }

    fn transaction<W: io::Write>(
        &self,
        w: &mut Writer<W>,
        project: &PublishedProject,
        kind: &str,
        on: NaiveDate,
        amount: Money,
    ) -> io::Result<()> {
        let agency = &self.profile.implementing_agency;
        w.create_element("transaction").write_inner_content(|w| {
            w.create_element("transaction-type").with_attribute(("code", kind)).write_empty()?;
            dated(w, "transaction-date", on)?;
            value(w, &self.profile.currency, amount, on)?;
            let mut provider = w.create_element("provider-org").with_attribute(("type", agency.kind.as_str()));
            if !agency.reference.is_empty() {
                provider = provider.with_attribute(("ref", agency.reference.as_str()));
            }
            provider.write_inner_content(|w| bilingual(w, &agency.en, &agency.fr))?;
            w.create_element("receiver-org")
                .with_attribute(("type", self.profile.organisation_type(&project.organisation.org_type)))
                .write_inner_content(|w| narrative(w, &project.organisation.name, None))?;
            Ok(())
        })?;
        Ok(())
    }
}
