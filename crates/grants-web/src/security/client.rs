//! The client address of a request: the connection's peer, or — behind a configured reverse proxy — the
//! address that proxy recorded in its header. Any other header is ignored, so clients cannot pick the
//! address their limits are counted against.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::{AppError, AppState};

/// Where a request comes from, as rate limits and sign-in throttling count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

impl ClientAddress {
    /// The client address of a request described by `parts`.
    pub fn of(parts: &Parts, state: &AppState) -> ClientAddress {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |ConnectInfo(address)| address.ip());
        let security = &state.web.security;
        let forwarded = security.client_ip_header.as_ref().and_then(|name| {
            let joined: Vec<&str> = parts
                .headers
                .get_all(name)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .collect();
            let index = joined.len().checked_sub(security.trusted_proxy_hops.max(1))?;
            parse_address(joined[index])
        });
        ClientAddress(forwarded.unwrap_or(peer))
    }
}

/// An address as proxies write it: `203.0.113.7`, `203.0.113.7:4711`, `2001:db8::1`, `[2001:db8::1]:80`.
fn parse_address(text: &str) -> Option<IpAddr> {
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(ip);
    }
    text.parse::<SocketAddr>().ok().map(|s| s.ip())
}

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        Ok(ClientAddress::of(parts, state))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn proxy_notations_are_read() {
        assert_eq!(super::parse_address("203.0.113.7:4711").unwrap().to_string(), "203.0.113.7");
        assert_eq!(super::parse_address("[2001:db8::1]:80").unwrap().to_string(), "2001:db8::1");
        assert!(super::parse_address("unknown").is_none());
    }
}
