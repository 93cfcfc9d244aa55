//! The `s2s` binary's library: the HTTP server that hosts S2S Console and its
//! API, and the command line around it. Domain logic stays in `s2s-core`; this
//! crate only serves, fetches and reports.

pub mod accept_encoding;
pub mod allowed_host;
pub mod api;
pub mod assets;
pub mod check;
pub mod cli;
pub mod clock;
pub mod config;
pub mod config_file;
pub mod connections;
pub mod demo;
pub mod deployment;
pub mod dns;
pub mod fetch;
pub mod guard;
pub mod https;
pub mod metrics;
pub mod networks;
pub mod output;
pub mod output_file;
pub mod pool;
pub mod probe;
pub mod rate;
pub mod security;
pub mod served_names;
pub mod server;
pub mod terminal;
pub mod tls;
pub mod tls_sessions;
pub mod watch;
