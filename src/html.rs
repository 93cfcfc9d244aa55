//! Read-only views (documents, certificates, findings, the trust diagram) are
//! rendered as HTML text and set as one `innerHTML`: measured, a typed Leptos
//! view per field costs several times the download of building the same
//! markup as a string, and these views have nothing reactive inside.
//!
//! Safety rests on this one module: tag and attribute names are `'static`
//! (written here, never from input) and every value goes through [`escape`].
//! Documents come from servers the console is diagnosing, so their text is
//! treated as hostile; the page's CSP forbids inline script besides.

/// Escapes text for HTML content and double- or single-quoted attributes.
pub fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The attribute `translate="no"` when `as_is` (what a server, a certificate
/// or the administrator wrote, not the console's text), else none (an empty
/// name is skipped).
pub fn not_translated(as_is: bool) -> (&'static str, &'static str) {
    if as_is { ("translate", "no") } else { ("", "") }
}

/// Markup under construction.
#[derive(Default)]
pub struct Html(String);

impl Html {
    pub fn new() -> Html {
        Html(String::with_capacity(4096))
    }

    /// `<tag a="v" …>`; attributes with an empty name are skipped (so a
    /// conditional attribute can be written inline).
    pub fn open(&mut self, tag: &'static str, attrs: &[(&'static str, &str)]) -> &mut Html {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attrs.iter().filter(|(n, _)| !n.is_empty()) {
            self.0.push(' ');
            self.0.push_str(name);
            self.0.push_str("=\"");
            escape(value, &mut self.0);
            self.0.push('"');
        }
        self.0.push('>');
        self
    }

    pub fn close(&mut self, tag: &'static str) -> &mut Html {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    pub fn text(&mut self, text: &str) -> &mut Html {
        escape(text, &mut self.0);
        self
    }

    /// An element holding only text.
    pub fn el(
        &mut self,
        tag: &'static str,
        attrs: &[(&'static str, &str)],
        text: &str,
    ) -> &mut Html {
        self.open(tag, attrs).text(text).close(tag)
    }

    /// A link to a page of the console, followed by [`crate::static_view`]
    /// without reloading.
    pub fn link(&mut self, href: &str, text: &str) -> &mut Html {
        self.el("a", &[("href", href), ("data-nav", "")], text)
    }

    /// A link to the console's `href` as `view` has it: a link to a page, a
    /// jump to a report's section (`data-jump`: the report's own link in the
    /// address bar stays), or the text alone when there is nowhere to go.
    pub fn link_as(&mut self, view: crate::render::View, href: &str, text: &str) -> &mut Html {
        match view.target(href) {
            Some((href, false)) => self.link(&href, text),
            Some((href, true)) => self.el("a", &[("href", &href), ("data-jump", "")], text),
            None => self.text(text),
        }
    }

    /// A `<dt>`/`<dd>` pair; nothing when the value is absent.
    pub fn pair(&mut self, term: &str, value: Option<&str>) -> &mut Html {
        self.pair_marked(term, false, value, false)
    }

    /// A `<dt>`/`<dd>` pair of a name and a value as the server sent them
    /// (a header, a field of the document): `translate="no"`, neither is the
    /// console's text. Nothing when the value is absent.
    pub fn pair_as_is(&mut self, term: &str, value: Option<&str>) -> &mut Html {
        self.pair_marked(term, true, value, true)
    }

    /// A `<dt>`/`<dd>` pair whose value is quoted from a certificate or a
    /// document (a name, an issuer): `translate="no"` on the value only.
    pub fn pair_quoted(&mut self, term: &str, value: Option<&str>) -> &mut Html {
        self.pair_marked(term, false, value, true)
    }

    /// A pair with `translate="no"` on the term and the value as asked.
    fn pair_marked(
        &mut self,
        term: &str,
        term_as_is: bool,
        value: Option<&str>,
        value_as_is: bool,
    ) -> &mut Html {
        if let Some(v) = value {
            self.el("dt", &[not_translated(term_as_is)], term)
                .open("dd", &[not_translated(value_as_is)])
                .el("code", &[], v)
                .close("dd");
        }
        self
    }

    /// A copy button: the delegated handler of [`crate::static_view`] copies
    /// `data-copy` (the same text, so what is shown is what is copied).
    pub fn copy_button(&mut self, label: &str, text: &str) -> &mut Html {
        // The accessible name must contain the visible word ("Copy", or its
        // Korean), whatever the label says (WCAG 2.5.3).
        let copy = crate::i18n::tr("Copy");
        let named = match crate::i18n::lang() {
            crate::i18n::Lang::En => label.to_string(),
            crate::i18n::Lang::Ko => crate::i18n::tr_any(label),
        };
        let name = if named.contains(copy) {
            named
        } else {
            format!("{copy} ({named})")
        };
        self.open(
            "button",
            &[
                ("type", "button"),
                ("class", "copy"),
                ("aria-label", &name),
                ("data-copy", text),
            ],
        )
        .text(crate::i18n::tr("Copy"))
        .close("button")
    }

    /// Markup written in this crate (static text only).
    pub fn trusted(&mut self, markup: &'static str) -> &mut Html {
        self.0.push_str(markup);
        self
    }

    /// Markup this module built (another view's finished `Html`).
    pub fn trusted_markup(&mut self, markup: &str) -> &mut Html {
        self.0.push_str(markup);
        self
    }

    pub fn finish(self) -> String {
        self.0
    }
}
