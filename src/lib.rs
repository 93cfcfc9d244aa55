//! S2S Console, the browser app. It renders and wires; every decision about
//! documents, certificates and commands is made in `s2s-core`.

mod api;
mod app;
mod copy;
mod demo_picker;
mod form;
mod html;
mod nav;
mod pages;
mod plan_view;
mod render;
mod router;
mod routes;
mod static_view;
mod theme;
mod workspace;

pub use app::App;
