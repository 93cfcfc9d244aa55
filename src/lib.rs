//! S2S Console, the browser app. It renders and wires; every decision about
//! documents, certificates and commands is made in `s2s-core`.

mod api;
mod app;
mod nav;
mod pages;
mod router;
mod routes;
mod theme;

pub use app::App;
