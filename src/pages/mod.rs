//! One module per page.

mod certificates;
mod commands;
mod findings;
mod metadata;
mod not_found;
mod overview;
mod report;
mod test_results;
mod topology;

pub use certificates::CertificatesPage;
pub use commands::{CommandsPage, field_for as plan_field};
pub use findings::FindingsPage;
pub use metadata::MetadataPage;
pub use not_found::NotFoundPage;
pub use overview::OverviewPage;
pub use report::report_page;
pub use test_results::test_results_page;
pub use topology::TopologyPage;

/// Sets the browser tab's title for the page being shown.
fn set_document_title(page_title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&format!("{page_title} · S2S Console"));
    }
}

/// The page's step, title and purpose.
fn header(h: &mut crate::html::Html, page: &crate::routes::PageInfo) {
    if let Some(n) = page.step {
        h.el(
            "p",
            &[("class", "eyebrow")],
            &crate::i18n::trf("Step {} of 6", &[&n.to_string()]),
        );
    }
    h.el("h1", &[("id", "page-title")], page.title())
        .el("p", &[("class", "lead")], page.purpose());
}

/// A page's `<section>`, labelled by its title, holding `children`.
fn section(children: &[&web_sys::Element]) -> web_sys::Element {
    let section = crate::dom::el(
        "section",
        &[("class", "page"), ("aria-labelledby", "page-title")],
    );
    crate::dom::append(&section, children);
    section
}
