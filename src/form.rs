//! Forms as markup bound to a model signal by delegated handlers.
//!
//! Why not a typed Leptos view per field: measured, each field's view cost
//! more download than the whole form as text (see [`crate::html`]). The form
//! is drawn once as markup; one `input`/`change` handler writes the model, and
//! one effect writes back what the model says (values changed elsewhere,
//! errors, `aria-invalid`, a disabled submit button). An error shows once the
//! field was left or holds text, so an empty form does not greet the
//! administrator with red.

use crate::dom;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::html::Html;
use crate::i18n::tr;

/// How a field reads and writes the model.
#[derive(Clone, Copy)]
pub enum Binding<T> {
    Text {
        get: fn(&T) -> String,
        set: fn(&mut T, String),
    },
    Check {
        get: fn(&T) -> bool,
        set: fn(&mut T, bool),
    },
}

/// One labelled field. Label and hint are English; they are translated when
/// the form is drawn.
#[derive(Clone, Copy)]
pub struct Field<T> {
    pub id: &'static str,
    pub label: &'static str,
    pub placeholder: &'static str,
    pub hint: &'static str,
    /// A textarea of this many rows instead of a one-line input.
    pub rows: Option<u8>,
    /// Extra classes of the field's box (`lab-only`).
    pub class: &'static str,
    pub binding: Binding<T>,
}

impl<T> Field<T> {
    /// A one-line text field.
    pub const fn text(
        id: &'static str,
        label: &'static str,
        placeholder: &'static str,
        hint: &'static str,
        get: fn(&T) -> String,
        set: fn(&mut T, String),
    ) -> Field<T> {
        Field {
            id,
            label,
            placeholder,
            hint,
            rows: None,
            class: "",
            binding: Binding::Text { get, set },
        }
    }

    /// A textarea of `rows` rows.
    pub const fn area(self, rows: u8) -> Field<T> {
        Field {
            rows: Some(rows),
            ..self
        }
    }

    /// A checkbox with its label after it.
    pub const fn check(
        id: &'static str,
        label: &'static str,
        class: &'static str,
        get: fn(&T) -> bool,
        set: fn(&mut T, bool),
    ) -> Field<T> {
        Field {
            id,
            label,
            placeholder: "",
            hint: "",
            rows: None,
            class,
            binding: Binding::Check { get, set },
        }
    }

    /// The field's markup, holding `model`'s value.
    pub fn draw(&self, h: &mut Html, model: &T) {
        let id = self.id;
        match self.binding {
            Binding::Check { get, .. } => {
                let class = format!("field checkbox {}", self.class);
                h.open("div", &[("class", class.trim_end())]);
                h.open(
                    "input",
                    &[
                        ("id", id),
                        ("type", "checkbox"),
                        (if get(model) { "checked" } else { "" }, ""),
                    ],
                );
                h.el("label", &[("for", id)], tr(self.label)).close("div");
            }
            Binding::Text { get, .. } => {
                let hint_id = format!("{id}-hint");
                let error_id = format!("{id}-error");
                let described = format!("{hint_id} {error_id}");
                let value = get(model);
                h.open("div", &[("class", "field")]);
                h.el("label", &[("for", id)], tr(self.label));
                // What is typed or pasted (and the examples shown) is the
                // administrator's data, not the console's text.
                let common = [
                    ("id", id),
                    ("translate", "no"),
                    ("spellcheck", "false"),
                    ("placeholder", self.placeholder),
                    ("aria-invalid", "false"),
                    ("aria-describedby", &described),
                ];
                let rows;
                let mut attrs: Vec<(&'static str, &str)> = common.to_vec();
                match self.rows {
                    Some(r) => {
                        rows = r.to_string();
                        attrs.push(("rows", &rows));
                        h.open("textarea", &attrs).text(&value).close("textarea");
                    }
                    None => {
                        attrs.extend([
                            ("type", "text"),
                            ("autocomplete", "off"),
                            ("value", &value),
                        ]);
                        h.open("input", &attrs);
                    }
                }
                h.el(
                    "small",
                    &[("id", &hint_id), ("class", "hint")],
                    tr(self.hint),
                )
                .el(
                    "small",
                    &[
                        ("id", &error_id),
                        ("class", "field-error"),
                        ("role", "alert"),
                    ],
                    "",
                )
                .close("div");
            }
        }
    }
}

/// The usual form: the example button, the first `main` fields under
/// "Servers", the rest folded under `more`.
pub fn draw_form<T>(h: &mut Html, model: &T, fields: &[Field<T>], main: usize, more: &str) {
    h.open("div", &[("class", "form-actions")])
        .el(
            "button",
            &[
                ("type", "button"),
                ("class", "secondary"),
                ("data-action", "example"),
            ],
            tr("Fill in the documentation's example (litwareinc.com)"),
        )
        .close("div")
        .open("fieldset", &[])
        .el("legend", &[], tr("Servers"));
    let (first, rest) = fields.split_at(main.min(fields.len()));
    for f in first {
        f.draw(h, model);
    }
    h.close("fieldset")
        .open("details", &[("class", "advanced")])
        .el("summary", &[], more);
    for f in rest {
        f.draw(h, model);
    }
    h.close("details");
}

/// What a bound form does besides writing its model.
#[derive(Default)]
pub struct FormActions {
    /// Called with the `data-action` of a clicked button.
    pub on_action: Option<Callback<String>>,
    pub on_submit: Option<Callback<()>>,
    /// Enables the submit button.
    pub submit_enabled: Option<Signal<bool>>,
}

/// A form: `markup` (drawn by the page with [`draw_form`] or
/// [`Field::draw`]) bound to `model` through `fields`. `errors` gives each
/// field's problem by field id. The handlers listen in the capture phase, so
/// they see input events that do not bubble too (scripts and assistive tools
/// dispatch such events).
pub fn bound_form<T: Send + Sync + 'static>(
    markup: &str,
    model: RwSignal<T>,
    fields: &'static [Field<T>],
    errors: Signal<Vec<(&'static str, String)>>,
    actions: FormActions,
) -> web_sys::Element {
    let FormActions {
        on_action,
        on_submit,
        submit_enabled,
    } = actions;
    let root = dom::el_html("form", &[("class", "plan-form")], markup);
    let touched = RwSignal::new(Vec::<&'static str>::new());
    let field_of = move |ev: &web_sys::Event| {
        let el = dom::target::<web_sys::Element>(ev)?;
        let id = el.id();
        let field = fields.iter().find(|f| f.id == id)?;
        Some((el, field))
    };
    let on_input = move |ev: web_sys::Event| {
        let Some((el, field)) = field_of(&ev) else {
            return;
        };
        match field.binding {
            Binding::Text { set, .. } => {
                let value = value_of(&el);
                model.update(|m| set(m, value));
            }
            Binding::Check { set, .. } => {
                let checked = el
                    .dyn_into::<web_sys::HtmlInputElement>()
                    .is_ok_and(|i| i.checked());
                model.update(|m| set(m, checked));
            }
        }
    };
    let on_leave = move |ev: web_sys::FocusEvent| {
        if let Some((_, field)) = field_of(&ev) {
            touched.update(|t| {
                if !t.contains(&field.id) {
                    t.push(field.id);
                }
            });
        }
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        let action = crate::static_view::action_of(&ev);
        if let (Some(action), Some(cb)) = (action, on_action) {
            cb.run(action);
        }
    };
    // The model and the errors, written into the form.
    let form = root.clone();
    Effect::new(move |_| {
        let touched = touched.get();
        errors.with(|errors| {
            model.with(|m| {
                for field in fields {
                    let Ok(Some(el)) = form.query_selector(&format!("#{}", field.id)) else {
                        continue;
                    };
                    match field.binding {
                        Binding::Check { get, .. } => {
                            if let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() {
                                input.set_checked(get(m));
                            }
                        }
                        Binding::Text { get, .. } => {
                            let value = get(m);
                            show_value(&el, &value);
                            let error = errors
                                .iter()
                                .find(|(id, _)| *id == field.id)
                                .map(|(_, e)| e.as_str())
                                .filter(|_| {
                                    touched.contains(&field.id) || !value.trim().is_empty()
                                });
                            show_error(&form, &el, field.id, error);
                        }
                    }
                }
            })
        });
        if let (Some(enabled), Ok(Some(submit))) =
            (submit_enabled, form.query_selector("button[type=submit]"))
        {
            if enabled.get() {
                let _ = submit.remove_attribute("disabled");
            } else {
                let _ = submit.set_attribute("disabled", "");
            }
        }
    });
    dom::listen(&root, "input", true, on_input);
    dom::listen(&root, "change", true, on_input);
    dom::listen(&root, "focusout", true, on_leave);
    dom::listen(&root, "click", false, on_click);
    dom::listen(&root, "submit", false, move |ev: web_sys::Event| {
        ev.prevent_default();
        if let Some(cb) = on_submit {
            cb.run(());
        }
    });
    root
}

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

/// Writes a field's error (or its absence) into its error line, its
/// `aria-invalid` and its box's `invalid` class.
fn show_error(form: &web_sys::Element, el: &web_sys::Element, id: &str, error: Option<&str>) {
    let _ = el.set_attribute(
        "aria-invalid",
        if error.is_some() { "true" } else { "false" },
    );
    if let Ok(Some(line)) = form.query_selector(&format!("#{id}-error")) {
        let text = error.unwrap_or_default();
        if line.text_content().as_deref() != Some(text) {
            line.set_text_content(Some(text));
        }
    }
    if let Some(field) = el.parent_element() {
        let _ = field
            .class_list()
            .toggle_with_force("invalid", error.is_some());
    }
}
