//! Form fields bound to a part of a model signal: a labelled text field
//! (one line, or a textarea) with its hint and error line, and a checkbox.
//!
//! A text field writes what is typed into the model, and writes into the
//! element only what the model got from elsewhere (the example button,
//! another page): echoing every keystroke back would copy a pasted 2 MiB
//! output through the DOM at each key, and would undo a list's trailing
//! separator while it is typed. An error shows once the field was left or
//! holds text, so an empty form does not greet the administrator with red.

use leptos::html;
use leptos::prelude::*;

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
/// the field is drawn.
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
}

/// The usual form's fields: the example button, the first `main` fields
/// under "Servers", the rest folded under `more`. `errors` gives each
/// field's problem by field id.
pub fn form_fields<T: Send + Sync + 'static>(
    model: RwSignal<T>,
    fields: &'static [Field<T>],
    main: usize,
    more: &'static str,
    errors: Memo<Vec<(&'static str, String)>>,
    on_example: Callback<()>,
) -> impl IntoView {
    let (first, rest) = fields.split_at(main.min(fields.len()));
    let draw = move |fields: &'static [Field<T>]| {
        fields
            .iter()
            .map(|f| field_view(f, model, errors))
            .collect_view()
    };
    view! {
        <div class="form-actions">
            <button
                type="button"
                class="secondary"
                data-action="example"
                on:click=move |_| on_example.run(())
            >
                {tr("Fill in the documentation's example (litwareinc.com)")}
            </button>
        </div>
        <fieldset>
            <legend>{tr("Servers")}</legend>
            {draw(first)}
        </fieldset>
        <details class="advanced">
            <summary>{more}</summary>
            {draw(rest)}
        </details>
    }
}

/// `field` bound to `model`.
fn field_view<T: Send + Sync + 'static>(
    field: &'static Field<T>,
    model: RwSignal<T>,
    errors: Memo<Vec<(&'static str, String)>>,
) -> AnyView {
    let id = field.id;
    match field.binding {
        Binding::Text { get, set } => {
            let value = Memo::new(move |_| model.with(get));
            let error = Signal::derive(move || {
                errors.with(|e| e.iter().find(|(f, _)| *f == id).map(|(_, p)| p.clone()))
            });
            view! {
                <TextField
                    id
                    label=field.label
                    placeholder=field.placeholder
                    hint=field.hint
                    rows=field.rows
                    value
                    set=Callback::new(move |v| model.update(|m| set(m, v)))
                    error
                />
            }
            .into_any()
        }
        Binding::Check { get, set } => view! {
            <CheckField
                id
                label=field.label
                class=field.class
                checked=Signal::derive(move || model.with(get))
                set=Callback::new(move |v| model.update(|m| set(m, v)))
            />
        }
        .into_any(),
    }
}

/// A labelled text field (a textarea when `rows` is given) holding `value`,
/// writing what is typed through `set`; `error` is the value's problem.
#[component]
pub fn TextField(
    id: &'static str,
    /// English, as the hint: translated here.
    label: &'static str,
    placeholder: &'static str,
    hint: &'static str,
    rows: Option<u8>,
    #[prop(into)] value: Signal<String>,
    set: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let left = RwSignal::new(false);
    let shown = Memo::new(move |_| {
        if left.get() || value.with(|v| !v.trim().is_empty()) {
            error.get()
        } else {
            None
        }
    });
    // Signals, not closures, in the view: see `crate::redrawn`.
    let invalid = Signal::derive(move || shown.with(Option::is_some));
    let line = NodeRef::<html::Input>::new();
    let area = NodeRef::<html::Textarea>::new();
    // The model's value as the element last got it (typed, or written here).
    let in_element = StoredValue::new(value.get_untracked());
    Effect::new(move |_| {
        value.with(|v| {
            if in_element.with_value(|was| was != v) {
                if let Some(el) = line.get_untracked() {
                    el.set_value(v);
                }
                if let Some(el) = area.get_untracked() {
                    el.set_value(v);
                }
                in_element.set_value(v.clone());
            }
        })
    });
    let on_input = move |ev: leptos::ev::Event| {
        set.run(event_target_value(&ev));
        in_element.set_value(value.get_untracked());
    };
    let on_leave = move |_| {
        if !left.get_untracked() {
            left.set(true);
        }
    };
    let hint_id = [id, "-hint"].concat();
    let error_id = [id, "-error"].concat();
    let described = [hint_id.as_str(), " ", error_id.as_str()].concat();
    let aria_invalid = Signal::derive(move || if invalid.get() { "true" } else { "false" });
    let error_text = Signal::derive(move || shown.get().unwrap_or_default());
    // The first value as markup (a field's default): Leptos sets the
    // `value` property a frame later, after a value given meanwhile.
    let initial = in_element.get_value();
    // What is typed or pasted (and the examples shown) is the
    // administrator's data, not the console's text: translate="no".
    let control = match rows {
        Some(rows) => view! {
            <textarea
                node_ref=area
                id=id
                translate="no"
                spellcheck="false"
                placeholder=placeholder
                aria-invalid=aria_invalid
                aria-describedby=described
                rows=rows
                on:input=on_input
                on:focusout=on_leave
            >
                {initial}
            </textarea>
        }
        .into_any(),
        None => view! {
            <input
                node_ref=line
                id=id
                translate="no"
                spellcheck="false"
                placeholder=placeholder
                aria-invalid=aria_invalid
                aria-describedby=described
                type="text"
                autocomplete="off"
                value=initial
                on:input=on_input
                on:focusout=on_leave
            />
        }
        .into_any(),
    };
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id>{tr(label)}</label>
            {control}
            <small id=hint_id class="hint">{tr(hint)}</small>
            <small id=error_id class="field-error" role="alert">
                {error_text}
            </small>
        </div>
    }
}

/// A checkbox with its label after it; `class` adds to the box's classes.
#[component]
pub fn CheckField(
    id: &'static str,
    /// English: translated here.
    label: &'static str,
    class: &'static str,
    #[prop(into)] checked: Signal<bool>,
    set: Callback<bool>,
) -> impl IntoView {
    let class = if class.is_empty() {
        String::from("field checkbox")
    } else {
        ["field checkbox ", class].concat()
    };
    view! {
        <div class=class>
            <input
                id=id
                type="checkbox"
                prop:checked=checked
                on:change=move |ev| set.run(event_target_checked(&ev))
            />
            <label for=id>{tr(label)}</label>
        </div>
    }
}
