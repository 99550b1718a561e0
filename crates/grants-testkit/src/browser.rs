//! A browser without JavaScript for page tests: keeps cookies, never follows redirects, reads CSRF
//! tokens out of forms.

use reqwest::header::{COOKIE, SET_COOKIE};
use reqwest::{Client, StatusCode, redirect};

use crate::TestApp;

/// A browser: keeps cookies by hand, never follows redirects (so each step is visible).
pub struct Browser {
    client: Client,
    base: String,
    /// The cookies it holds, by name.
    pub cookies: std::collections::BTreeMap<String, String>,
}

impl Browser {
    /// A browser with no cookie yet.
    pub fn new(app: &TestApp) -> Browser {
        Browser {
            client: Client::builder().redirect(redirect::Policy::none()).build().unwrap(),
            base: app.address.clone(),
            cookies: std::collections::BTreeMap::new(),
        }
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
        let response =
            self.client.get(format!("{}{path}", self.base)).header(COOKIE, self.cookie_header()).send().await.unwrap();
        self.keep(&response);
        let (status, headers) = (response.status(), response.headers().clone());
        (status, response.text().await.unwrap(), headers)
    }

    /// POSTs `form` (urlencoded) to `path`: status, body, headers.
    pub async fn post(
        &mut self,
        path: &str,
        form: &[(&str, &str)],
    ) -> (StatusCode, String, reqwest::header::HeaderMap) {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .form(form)
            .send()
            .await
            .unwrap();
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

    /// Signs in through the sign-in form.
    pub async fn sign_in(&mut self, email: &str, password: &str) -> (StatusCode, String) {
        let (_, page, _) = self.get("/login").await;
        let csrf = Self::csrf_in(&page);
        let (status, body, _) = self.post("/login", &[("email", email), ("password", password), ("csrf", &csrf)]).await;
        (status, body)
    }
}
