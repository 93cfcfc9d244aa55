//! The verdict as markup, for the views not yet written with `view!` (the
//! verdict itself is decided in [`crate::components::verdict`]).

pub use crate::components::verdict::{CanFetch, titled, unchecked_sides};

use super::View;
use crate::html::Html;
use crate::workspace::Diagnosis;

/// The verdict and its next step, its link as `view` has it.
pub fn html(d: &Diagnosis, view: View, can_fetch: CanFetch) -> String {
    let v = crate::components::verdict::verdict(d, view, can_fetch);
    let mut h = Html::new();
    h.open("p", &[("class", v.class), ("role", "status")])
        .text(&v.sentence)
        .close("p");
    if !v.next.is_empty() {
        h.open("p", &[("class", "next-step")])
            .link_as(view, &v.href, v.next)
            .close("p");
    }
    h.finish()
}
