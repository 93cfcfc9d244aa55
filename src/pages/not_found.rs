use crate::html::Html;
use crate::i18n::tr;
use crate::static_view::static_view;

pub fn not_found_page() -> web_sys::Element {
    super::set_document_title(tr("Page not found"));
    let mut h = Html::new();
    h.el("h1", &[("id", "page-title")], tr("Page not found"))
        .el(
            "p",
            &[("class", "lead")],
            tr("The console has no page at this address."),
        )
        .open("p", &[])
        .link("/", tr("Go to the overview"))
        .close("p");
    let html = h.finish();
    super::section(&[&static_view(html, "", None)])
}
