//! Domain logic of S2S Console.
//!
//! Everything here is pure: no web, no network, no clock of its own. It compiles
//! unchanged into the browser app (wasm32) and the native `s2s` binary, so the
//! same code diagnoses a trust in the page and from a monitoring probe.

pub mod analysis;
pub mod api;
pub mod cert;
pub mod commands;
pub mod decode;
pub mod encoding;
pub mod exchange_trust;
pub mod findings;
pub mod i18n;
pub mod inputs;
pub mod inspect;
pub mod keyvalue;
pub mod metadata;
pub mod names;
pub mod powershell;
pub mod principal;
pub mod report;
pub mod report_cautions;
pub mod testout;
pub mod thumbprint;
pub mod time;
pub mod topology;
pub mod topology_form;
pub mod trust_direction;
pub mod trust_status;
