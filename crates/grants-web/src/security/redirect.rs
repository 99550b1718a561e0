//! Where a `next` or `back` parameter may send a browser: only to a path of this site. Anything a browser
//! could read as another host (`//host`, `/\host`, a scheme, control characters, encoded slashes) is
//! refused, and the caller falls back to a page of its own.

/// `target` when it is a plain local path (with an optional query), `None` otherwise.
pub fn local_path(target: &str) -> Option<&str> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let safe_chars = target.chars().all(|c| c.is_ascii_graphic() && c != '\\');
    let lowered = path.to_ascii_lowercase();
    let ok = target.starts_with('/')
        && !target.starts_with("//")
        && safe_chars
        && !lowered.contains("%2f")
        && !lowered.contains("%5c")
        && !lowered.contains("%09")
        && !lowered.contains("%0a")
        && !lowered.contains("%0d")
        && !path.contains("/..")
        && target.len() <= 2048;
    ok.then_some(target)
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_paths_of_this_site_pass() {
        for good in ["/", "/calls", "/calls/7/ranking", "/applications?page=2&state=draft"] {
            assert_eq!(local_path(good), Some(good), "{good}");
        }
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/%2F%2Fevil.example",
            "https://evil.example",
            "evil.example",
            "/\tevil",
            "/calls/../../x",
            "",
            " /calls",
        ] {
            assert_eq!(local_path(bad), None, "{bad}");
        }
    }
}
