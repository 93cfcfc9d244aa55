//! What is left of the forms drawn as markup: putting a value in a field
//! without disturbing one being typed in. The forms themselves are in
//! [`crate::components::field`]; this goes with the last page using it.

use crate::dom;
use wasm_bindgen::JsCast;

fn value_of(el: &web_sys::Element) -> String {
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        input.value()
    } else if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.value()
    } else {
        String::new()
    }
}

/// Puts `value` in a text field, unless it holds it already or is being
/// typed in: the field being typed in keeps what was typed (a list's
/// trailing separator, say).
pub fn show_value(el: &web_sys::Element, value: &str) {
    if dom::focused().as_ref() == Some(el) || value_of(el) == value {
        return;
    }
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(value);
    }
}
