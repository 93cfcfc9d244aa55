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

pub fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Pass => "sev-pass",
        Severity::Info => "sev-info",
        Severity::Warn => "sev-warn",
        Severity::Fail => "sev-fail",
    }
}
