//! `GET /api/v1/probe/exchange-trust?host=HOST`: one fixed, credential-free
//! request to `https://HOST/EWS/Exchange.asmx` with an empty Bearer token, so
//! the browser can read which issuers Exchange trusts from its 401 challenge
//! (DOMAIN.md §6). The client chooses the host only; the path and headers
//! are the proxy's, and the host passes the same guard as a fetch.

use axum::Extension;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::api::{ClientAddr, error_response, guarded_fetch, handshake_for, query_value, refused};
use crate::fetch::Request;
use crate::guard;
use crate::server::AppState;

pub async fn exchange_trust(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    Extension(client): Extension<ClientAddr>,
) -> Response {
    let host = query_value(query.as_deref(), "host");
    let Some(host) = host.filter(|h| !h.trim().is_empty()) else {
        return error_response(
            StatusCode::BAD_REQUEST,
            "missing_host",
            "give the Exchange host to probe: /api/v1/probe/exchange-trust?host=autodiscover.contoso.com".into(),
        );
    };
    let config = state.config();
    match guard::check_probe(&host, config.mode, &config.allowed_hosts) {
        Ok(target) => {
            let handshake = handshake_for(query.as_deref());
            guarded_fetch(&state, client, &target, Request::TrustProbe, handshake).await
        }
        Err(e) => refused(&e),
    }
}
