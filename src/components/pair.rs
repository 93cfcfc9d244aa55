//! A term and its value in a `<dl>`: the documents, fetches and
//! certificates all show their facts this way.

use leptos::prelude::*;

/// A `<dt>`/`<dd>` pair; nothing when the value is absent.
pub fn pair(term: &str, value: Option<&str>) -> impl IntoView + use<> {
    marked(term, false, value, false)
}

/// A pair of a name and a value as the server sent them (a header, a field
/// of the document): `translate="no"`, neither is the console's text.
pub fn pair_as_is(term: &str, value: Option<&str>) -> impl IntoView + use<> {
    marked(term, true, value, true)
}

/// A pair whose value is quoted from a certificate or a document (a name,
/// an issuer): `translate="no"` on the value only.
pub fn pair_quoted(term: &str, value: Option<&str>) -> impl IntoView + use<> {
    marked(term, false, value, true)
}

fn marked(
    term: &str,
    term_as_is: bool,
    value: Option<&str>,
    value_as_is: bool,
) -> Option<impl IntoView + use<>> {
    let value = value?.to_string();
    Some(view! {
        <dt translate=not_translated(term_as_is)>{term.to_string()}</dt>
        <dd translate=not_translated(value_as_is)>
            <code>{value}</code>
        </dd>
    })
}

/// `translate="no"` when `as_is` (what a server, a certificate or the
/// administrator wrote, not the console's text), else no attribute.
pub fn not_translated(as_is: bool) -> Option<&'static str> {
    as_is.then_some("no")
}
