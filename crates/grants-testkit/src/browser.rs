//! A browser without JavaScript for page tests: keeps cookies, never follows redirects, reads CSRF
//! tokens out of forms, and signs in the whole way — with a phone's authenticator code when the account
//! has two-step sign-in, setting one up through the pages when the account's role requires it.

use std::net::IpAddr;
use std::sync::Arc;

use reqwest::header::{COOKIE, SET_COOKIE};
use reqwest::{Client, StatusCode, redirect};

use crate::{Authenticators, TestApp};

/// A browser: keeps cookies by hand, never follows redirects (so each step is visible).
pub struct Browser {
    client: Client,
    base: String,
    /// The cookies it holds, by name.
    pub cookies: std::collections::BTreeMap<String, String>,
    /// The last page opened, sent as the `Referer` of the next form as a browser does.
    last_page: Option<String>,
    authenticators: Authenticators,
    clock: Arc<grants_web::ManualClock>,
}

impl Browser {
    /// A browser with no cookie yet.
    pub fn new(app: &TestApp) -> Browser {
        Browser::from_address(app, IpAddr::from([127, 0, 0, 1]))
    }

    /// A browser on another machine: its connections come from `address` (any of 127.0.0.0/8 works on
    /// the loopback interface), so the app counts its requests apart.
    pub fn from_address(app: &TestApp, address: IpAddr) -> Browser {
        Browser::on_instance(app, &app.address, address)
    }

    /// A browser talking to the instance at `base` (see [`TestApp::second_instance`]) from `address`.
    pub fn on_instance(app: &TestApp, base: &str, address: IpAddr) -> Browser {
        Browser {
            client: Client::builder().redirect(redirect::Policy::none()).local_address(address).build().unwrap(),
            base: base.to_owned(),
            cookies: std::collections::BTreeMap::new(),
            last_page: None,
            authenticators: app.authenticators.clone(),
            clock: app.clock.clone(),
        }
    }

    /// Whether the browser holds a session cookie (signed in the whole way).
    pub fn is_signed_in(&self) -> bool {
        self.cookies.keys().any(|name| name.ends_with("mmdg_session"))
    }

    /// A request carrying this browser's cookies, for what forms cannot express (uploads, downloads).
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.client.request(method, format!("{}{path}", self.base)).header(COOKIE, self.cookie_header())
    }

    fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    fn keep(&mut self, response: &reqwest::Response) {
        for value in response.headers().get_all(SET_COOKIE) {
            let text = value.to_str().unwrap();
            let pair = text.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            if value.is_empty() {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
    }

    /// GETs `path`: status, body, headers.
    pub async fn get(&mut self, path: &str) -> (StatusCode, String, reqwest::header::HeaderMap) {
        let url = format!("{}{path}", self.base);
        let response = self.client.get(&url).header(COOKIE, self.cookie_header()).send().await.unwrap();
        self.keep(&response);
        self.last_page = Some(url);
        let (status, headers) = (response.status(), response.headers().clone());
        (status, response.text().await.unwrap(), headers)
    }

    /// POSTs `form` (urlencoded) to `path`: status, body, headers.
    pub async fn post(
        &mut self,
        path: &str,
        form: &[(&str, &str)],
    ) -> (StatusCode, String, reqwest::header::HeaderMap) {
        let mut request = self.client.post(format!("{}{path}", self.base)).header(COOKIE, self.cookie_header());
        if let Some(page) = &self.last_page {
            request = request.header(reqwest::header::REFERER, page);
        }
        let response = request.form(form).send().await.unwrap();
        self.keep(&response);
        let (status, headers) = (response.status(), response.headers().clone());
        (status, response.text().await.unwrap(), headers)
    }

    /// The CSRF token of the first form on `page`.
    pub fn csrf_in(page: &str) -> String {
        let marker = "name=\"csrf\" value=\"";
        let start = page.find(marker).expect("a CSRF field") + marker.len();
        page[start..].split('"').next().unwrap().to_owned()
    }

    /// What a browser would send for the form posting to `action` on `page`, untouched: text inputs,
    /// hidden inputs, textareas, the selected option of each select, checked boxes. Tests change a few
    /// values and post the rest as the page gave them.
    pub fn form_values(page: &str, action: &str) -> Vec<(String, String)> {
        let document = scraper::Html::parse_document(page);
        let selector = scraper::Selector::parse(&format!("form[action=\"{action}\"]")).expect("a form selector");
        let form = document.select(&selector).next().unwrap_or_else(|| panic!("a form posting to {action}"));
        let controls = scraper::Selector::parse("input, textarea, select").expect("a control selector");
        let selected = scraper::Selector::parse("option[selected]").expect("an option selector");
        let first = scraper::Selector::parse("option").expect("an option selector");
        let mut values = Vec::new();
        for control in form.select(&controls) {
            let element = control.value();
            let Some(name) = element.attr("name") else { continue };
            let value = match element.name() {
                "textarea" => control.text().collect::<String>(),
                "select" => control
                    .select(&selected)
                    .next()
                    .or_else(|| control.select(&first).next())
                    .and_then(|o| o.value().attr("value"))
                    .unwrap_or_default()
                    .to_owned(),
                _ => {
                    let kind = element.attr("type").unwrap_or("text");
                    if matches!(kind, "checkbox" | "radio") && element.attr("checked").is_none() {
                        continue;
                    }
                    if matches!(kind, "submit" | "file") {
                        continue;
                    }
                    element.attr("value").unwrap_or(if kind == "checkbox" { "on" } else { "" }).to_owned()
                }
            };
            values.push((name.to_owned(), value));
        }
        values
    }

    /// Replaces (or adds) the value of `name` in `values`.
    pub fn set(values: &mut Vec<(String, String)>, name: &str, value: &str) {
        values.retain(|(n, _)| n != name);
        values.push((name.to_owned(), value.to_owned()));
    }

    /// POSTs pairs as a browser would, repeated names included.
    pub async fn submit(
        &mut self,
        path: &str,
        values: &[(String, String)],
    ) -> (StatusCode, String, reqwest::header::HeaderMap) {
        let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        self.post(path, &pairs).await
    }

    /// A browser signed in as `user` (given `password` first), for page tests that start logged in.
    pub async fn signed_in(app: &TestApp, user: &crate::TestUser, email: &str, password: &str) -> Browser {
        app.store().set_password(user.id, password).await.expect("setting a password");
        let mut browser = Browser::new(app);
        let (status, page) = browser.sign_in(email, password).await;
        assert!(browser.is_signed_in(), "{email} signs in ({status}): {page}");
        browser
    }

    /// Signs in through the sign-in form, then through the second step the app asks for: the code of the
    /// account's authenticator, or setting one up. Returns the status and body of the last step.
    pub async fn sign_in(&mut self, email: &str, password: &str) -> (StatusCode, String) {
        let (_, page, _) = self.get("/login").await;
        let csrf = Self::csrf_in(&page);
        let (status, body, headers) =
            self.post("/login", &[("email", email), ("password", password), ("csrf", &csrf)]).await;
        match headers.get("location").and_then(|l| l.to_str().ok()) {
            Some("/login/code") if status == StatusCode::SEE_OTHER => self.second_step(email).await,
            Some("/account/second-factor") if status == StatusCode::SEE_OTHER => self.set_up_authenticator(email).await,
            _ => (status, body),
        }
    }

    /// Types the code of `email`'s authenticator on the second-step page.
    pub async fn second_step(&mut self, email: &str) -> (StatusCode, String) {
        let (_, page, _) = self.get("/login/code").await;
        let csrf = Self::csrf_in(&page);
        let authenticator = self.authenticators.get(email).unwrap_or_else(|| panic!("{email} has no authenticator"));
        let (code, _) = self.authenticators.code(email, &authenticator.secret, &self.clock);
        let (status, body, _) = self.post("/login/code", &[("csrf", &csrf), ("code", &code)]).await;
        (status, body)
    }

    /// Sets up an authenticator on the set-up page as a person would: reads the key off the page, types
    /// the code the app then shows, and keeps the recovery codes the page gives.
    pub async fn set_up_authenticator(&mut self, email: &str) -> (StatusCode, String) {
        let (status, page, _) = self.get("/account/second-factor").await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let csrf = Self::csrf_in(&page);
        let marker = "id=\"totp-secret\">";
        let start = page.find(marker).expect("the key on the set-up page") + marker.len();
        let secret = page[start..].split('<').next().unwrap().to_owned();
        self.authenticators.enrolled(email, &secret, Vec::new(), i64::MIN);
        let (code, step) = self.authenticators.code(email, &secret, &self.clock);
        let (status, body, _) = self.post("/account/second-factor", &[("csrf", &csrf), ("code", &code)]).await;
        let codes: Vec<String> =
            body.split("<li><code>").skip(1).filter_map(|rest| rest.split('<').next()).map(ToOwned::to_owned).collect();
        if status == StatusCode::OK && !codes.is_empty() {
            self.authenticators.enrolled(email, &secret, codes, step);
        }
        (status, body)
    }
}
