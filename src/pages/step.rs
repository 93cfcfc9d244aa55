//! A step of the setup flow: its title and what it is for. The step's own
//! content is added by the issue that builds it.

use crate::html::Html;
use crate::i18n::tr;
use crate::routes::PageInfo;
use crate::static_view::static_view;

pub fn step_page(page: PageInfo) -> web_sys::Element {
    super::set_document_title(page.title());
    let mut h = Html::new();
    super::header(&mut h, &page);
    h.el(
        "p",
        &[("class", "notice")],
        tr("This page is not built yet in this version of the console."),
    );
    let html = h.finish();
    super::section(&[&static_view(html, "", None)])
}
