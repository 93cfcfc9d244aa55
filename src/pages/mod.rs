//! One module per page.

mod commands;
mod not_found;
mod overview;
mod step;

pub use commands::CommandsPage;
pub use not_found::NotFound;
pub use overview::Overview;
pub use step::StepPage;

/// Sets the browser tab's title for the page being shown.
fn set_document_title(page_title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&format!("{page_title} · S2S Console"));
    }
}
