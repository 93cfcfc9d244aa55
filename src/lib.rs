//! S2S Console, the browser app. It renders and wires; every decision about
//! documents, certificates and commands is made in `s2s-core`.

mod api;
mod app;
mod copy;
mod nav;
mod pages;
mod plan_view;
mod router;
mod routes;
mod theme;

pub use app::App;
