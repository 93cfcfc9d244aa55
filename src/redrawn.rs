//! A part of a view drawn again when the signals it read change.
//!
//! Why a helper: Leptos compiles its rendering code once more for every
//! closure type a view holds (measured: over 1 KB of download each); the
//! parts drawn through here share one.

use std::sync::Arc;

use leptos::prelude::*;

/// `draw`'s view, drawn again when a signal it read changes.
pub fn redrawn(draw: impl Fn() -> AnyView + Send + Sync + 'static) -> impl IntoView {
    shared(Arc::new(draw))
}

fn shared(draw: Arc<dyn Fn() -> AnyView + Send + Sync>) -> impl IntoView {
    move || draw()
}
