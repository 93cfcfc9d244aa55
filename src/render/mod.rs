//! The read-only views as markup (see [`crate::html`] for why and how).

pub mod certificates;
pub mod findings;
pub mod metadata;
pub mod plan;
pub mod report_view;
pub mod test_results;
pub mod trust_diagram;
pub mod verdict;

use s2s_core::findings::Severity;

/// A finding's title, fix and explanation in the language being shown.
pub fn finding_text(f: &s2s_core::findings::Finding) -> (String, Option<String>, String) {
    if let Some(catalogue) = crate::i18n::korean() {
        let k = catalogue.finding(f);
        (
            k.title.unwrap_or_else(|| f.title.clone()),
            k.fix.or_else(|| f.fix.clone()),
            k.explanation.unwrap_or_else(|| f.explanation.clone()),
        )
    } else {
        (f.title.clone(), f.fix.clone(), f.explanation.clone())
    }
}

/// A severity's word in the language being shown.
pub fn severity_word(s: Severity) -> &'static str {
    crate::i18n::tr(s.label())
}

pub fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Pass => "sev-pass",
        Severity::Info => "sev-info",
        Severity::Warn => "sev-warn",
        Severity::Fail => "sev-fail",
    }
}
