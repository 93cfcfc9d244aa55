//! One labelled form field bound to a field of a model signal, with its hint
//! and its error. The error shows once the field was left or holds text, so
//! an empty form does not greet the administrator with red.

use leptos::prelude::*;

/// What the field shows.
#[derive(Clone, Copy)]
pub struct FieldSpec {
    pub id: &'static str,
    pub label: &'static str,
    pub placeholder: &'static str,
    pub hint: &'static str,
    /// A textarea of this many rows instead of a one-line input.
    pub rows: Option<u8>,
}

pub fn text_field<T: Send + Sync + 'static>(
    spec: FieldSpec,
    model: RwSignal<T>,
    get: fn(&T) -> String,
    set: fn(&mut T, String),
    error: Signal<Option<String>>,
) -> impl IntoView {
    let touched = RwSignal::new(false);
    let value = Signal::derive(move || model.with(get));
    let shown = Signal::derive(move || {
        if touched.get() || !value.with(|v| v.trim().is_empty()) {
            error.get()
        } else {
            None
        }
    });
    let hint_id = format!("{}-hint", spec.id);
    let error_id = format!("{}-error", spec.id);
    let described = format!("{hint_id} {error_id}");
    let on_input = move |ev| model.update(|m| set(m, event_target_value(&ev)));
    let on_blur = move |_| touched.set(true);
    let invalid = move || shown.with(Option::is_some).to_string();
    let control = match spec.rows {
        Some(rows) => view! {
            <textarea id=spec.id rows=rows spellcheck="false" placeholder=spec.placeholder
                aria-invalid=invalid aria-describedby=described
                prop:value=move || value.get() on:input=on_input on:blur=on_blur></textarea>
        }
        .into_any(),
        None => view! {
            <input id=spec.id type="text" spellcheck="false" autocomplete="off"
                placeholder=spec.placeholder aria-invalid=invalid aria-describedby=described
                prop:value=move || value.get() on:input=on_input on:blur=on_blur/>
        }
        .into_any(),
    };
    view! {
        <div class="field" class:invalid=move || shown.with(Option::is_some)>
            <label for=spec.id>{spec.label}</label>
            {control}
            <small id=hint_id class="hint">{spec.hint}</small>
            <small id=error_id class="field-error" role="alert">{move || shown.get()}</small>
        </div>
    }
}
