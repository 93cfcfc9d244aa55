//! A report: a versioned snapshot of what the console showed, for the
//! helpdesk (opened read-only, nothing fetched) and for handing a result
//! over without screenshots. JSON for files; for links the app compresses
//! the JSON (the browser's own deflate) and this module wraps it in
//! base64url behind a version prefix, so a link is self-describing.
//!
//! Decoding is strict: an unknown version, unknown fields, damaged or
//! oversized input each get a message that says which.

use crate::encoding::{self, Variant};
use thiserror::Error;

use crate::api::FetchReport;
use crate::commands::RawPlanInput;
use crate::decode;
use crate::findings::{Finding, Severity};
use crate::time::UnixTime;
use crate::topology::Side;
use crate::topology_form::TopologyForm;

/// The format written. Version 2 added `plan` (the Commands page's
/// options); a console that reads only version 1 says the report is from a
/// newer console, rather than calling the member it does not know damage.
pub const REPORT_VERSION: u32 = 2;
/// The oldest format still read (a version 1 report has no `plan`).
pub const OLDEST_READ_VERSION: u32 = 1;
/// Two documents, their chains and some pasted output are well under this.
pub const MAX_REPORT_BYTES: usize = 2 * 1024 * 1024;
/// What every report link's fragment starts with, before its version.
const LINK_FAMILY: &str = "s2s-report-v";
/// What a link fragment starts with: the format and its version.
pub const LINK_PREFIX: &str = "s2s-report-v2.";
/// The prefixes of the versions read.
const READ_PREFIXES: [&str; 2] = [LINK_PREFIX, "s2s-report-v1."];

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReportError {
    #[error("the report is empty")]
    Empty,
    #[error("the report is {size} bytes; reports over {max} bytes are refused")]
    TooLarge { size: usize, max: usize },
    /// A link whose payload inflates past the cap (a decompression bomb):
    /// inflating stopped there.
    #[error(
        "the link's report is over {max} bytes once unpacked; reports over {max} bytes are refused"
    )]
    InflatesTooLarge { max: usize },
    #[error("this is not an S2S Console report: {detail}")]
    NotAReport { detail: String },
    #[error(
        "this report was written by a newer or older console (format version {found}); this console reads versions {OLDEST_READ_VERSION} to {REPORT_VERSION}"
    )]
    UnknownVersion { found: u64 },
    #[error("the report is damaged: {detail}")]
    Damaged { detail: String },
}

// Reports are read strictly: a member this console does not know means the
// file is damaged or from elsewhere.

/// One side's fetch as it was seen: `{"report": …}` or `{"error": "…"}`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum RecordedFetch {
    /// The proxy's report (an upstream 401 or HTML page is a report too).
    Report(Box<FetchReport>),
    /// The proxy refused or could not be reached; its message.
    Error(String),
}

/// A finding as it was shown (ids and text, so the report reads the same
/// even if a later console words a finding differently).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedFinding {
    pub id: String,
    pub severity: Severity,
    pub side: Side,
    pub title: String,
    pub expected: Option<String>,
    pub actual: Option<String>,
    pub evidence: Vec<String>,
    pub fix: Option<String>,
    pub fix_steps: Vec<String>,
    pub explanation: String,
}

impl From<&Finding> for RecordedFinding {
    fn from(f: &Finding) -> Self {
        RecordedFinding {
            id: f.id.to_string(),
            severity: f.severity,
            side: f.side,
            title: f.title.clone(),
            expected: f.expected.clone(),
            actual: f.actual.clone(),
            evidence: f.evidence.clone(),
            fix: f.fix.clone(),
            fix_steps: f.fix_steps.iter().map(|s| s.to_string()).collect(),
            explanation: f.explanation.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub version: u32,
    /// When the admin made it.
    pub generated_at: UnixTime,
    /// The console that made it (`s2s` version).
    pub console_version: String,
    pub topology: TopologyForm,
    pub skype: Option<RecordedFetch>,
    pub exchange: Option<RecordedFetch>,
    /// The live trust probe of Exchange's EWS (absent in reports made
    /// before the console had it).
    pub probe: Option<RecordedFetch>,
    /// Pasted test and command output.
    pub pastes: Vec<String>,
    /// The Commands page's options, so the fixes show the commands the
    /// admin saw (absent in reports made before the console kept them).
    /// Left out when absent, so a report made before plans were kept writes
    /// back to the same bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<RawPlanInput>,
    /// The findings at `generated_at`.
    pub findings: Vec<RecordedFinding>,
}

impl Snapshot {
    pub fn to_json(&self) -> String {
        // Serialising plain data cannot fail; an empty string would be
        // refused on the way back in, never silently accepted.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a report file's JSON.
    pub fn from_json(text: &str) -> Result<Snapshot, ReportError> {
        let trimmed = text.trim_start_matches('\u{feff}').trim();
        if trimmed.is_empty() {
            return Err(ReportError::Empty);
        }
        if trimmed.len() > MAX_REPORT_BYTES {
            return Err(ReportError::TooLarge {
                size: trimmed.len(),
                max: MAX_REPORT_BYTES,
            });
        }
        let tree: serde_json::Value =
            serde_json::from_str(trimmed).map_err(|e| ReportError::NotAReport {
                detail: format!("not JSON ({e})"),
            })?;
        // The version first, so a report from another console says so
        // rather than failing on a field it does not know.
        match tree.get("version") {
            None => {
                return Err(ReportError::NotAReport {
                    detail: "it has no \"version\" field".into(),
                });
            }
            Some(v)
                if !v.as_u64().is_some_and(|v| {
                    (u64::from(OLDEST_READ_VERSION)..=u64::from(REPORT_VERSION)).contains(&v)
                }) =>
            {
                return Err(ReportError::UnknownVersion {
                    found: v.as_u64().unwrap_or(0),
                });
            }
            Some(_) => {}
        }
        // Read again from the text, so an error has its line and column
        // and a member given twice is refused.
        decode::from_str(trimmed).map_err(|e| ReportError::Damaged {
            detail: e.to_string(),
        })
    }

    /// The fragment of a report link for compressed JSON bytes.
    pub fn link_fragment(compressed: &[u8]) -> String {
        format!("{LINK_PREFIX}{}", encoding::url_safe(compressed))
    }

    /// Whether a link fragment (with or without `#`) is meant to carry a
    /// report, of any version (a wrong one still gets its message).
    pub fn is_link_fragment(fragment: &str) -> bool {
        fragment.trim_start_matches('#').starts_with(LINK_FAMILY)
    }

    /// The compressed JSON bytes of a link fragment (with or without `#`).
    pub fn from_link_fragment(fragment: &str) -> Result<Vec<u8>, ReportError> {
        let f = fragment.trim().trim_start_matches('#');
        if f.is_empty() {
            return Err(ReportError::Empty);
        }
        let Some(body) = READ_PREFIXES.iter().find_map(|p| f.strip_prefix(p)) else {
            return Err(match f.strip_prefix(LINK_FAMILY) {
                Some(rest) => ReportError::UnknownVersion {
                    found: rest
                        .split('.')
                        .next()
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0),
                },
                None => ReportError::NotAReport {
                    detail: "the link does not carry a report (its part after # does not start with s2s-report-v)".into(),
                },
            });
        };
        if body.len() > MAX_REPORT_BYTES {
            return Err(ReportError::TooLarge {
                size: body.len(),
                max: MAX_REPORT_BYTES,
            });
        }
        encoding::decode(body, Variant::UrlSafe).map_err(|e| ReportError::Damaged {
            detail: format!("the link was cut or changed ({e})"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Snapshot {
        Snapshot {
            version: REPORT_VERSION,
            generated_at: UnixTime(1_795_737_600),
            console_version: "0.1.0".into(),
            topology: TopologyForm::litware_example(),
            skype: Some(RecordedFetch::Error("host not allowed".into())),
            exchange: None,
            probe: None,
            pastes: vec!["Test passed.".into()],
            plan: None,
            findings: Vec::new(),
        }
    }

    #[test]
    fn json_round_trips_and_versions_are_checked() {
        let s = sample();
        assert_eq!(Snapshot::from_json(&s.to_json()), Ok(s.clone()));
        let newer = s.to_json().replace("\"version\":2", "\"version\":3");
        assert_eq!(
            Snapshot::from_json(&newer),
            Err(ReportError::UnknownVersion { found: 3 })
        );
        // Version 1 (no plan) still reads, as it was written.
        let v1 = s.to_json().replace("\"version\":2", "\"version\":1");
        assert_eq!(
            Snapshot::from_json(&v1).map(|r| (r.version, r.plan)),
            Ok((1, None))
        );
        let older = s.to_json().replace("\"version\":2", "\"version\":0");
        assert_eq!(
            Snapshot::from_json(&older),
            Err(ReportError::UnknownVersion { found: 0 })
        );
        let extra = s.to_json().replacen('{', "{\"admin_password\":\"x\",", 1);
        assert!(matches!(
            Snapshot::from_json(&extra),
            Err(ReportError::Damaged { .. })
        ));
        assert!(matches!(
            Snapshot::from_json("{\"hello\":1}"),
            Err(ReportError::NotAReport { .. })
        ));
        assert_eq!(Snapshot::from_json("  "), Err(ReportError::Empty));
        let cut = &s.to_json()[..40];
        assert!(Snapshot::from_json(cut).is_err());
    }

    #[test]
    fn link_fragments() {
        let f = Snapshot::link_fragment(&[0, 1, 2, 250, 251]);
        assert!(f.starts_with(LINK_PREFIX));
        assert!(!f.contains(['+', '/', '=']));
        assert_eq!(
            Snapshot::from_link_fragment(&format!("#{f}")),
            Ok(vec![0, 1, 2, 250, 251])
        );
        assert_eq!(
            Snapshot::from_link_fragment("#s2s-report-v7.AAAA"),
            Err(ReportError::UnknownVersion { found: 7 })
        );
        // Links of version 1 still open.
        assert_eq!(
            Snapshot::from_link_fragment("#s2s-report-v1.AAEC"),
            Ok(vec![0, 1, 2])
        );
        assert!(matches!(
            Snapshot::from_link_fragment("#findings"),
            Err(ReportError::NotAReport { .. })
        ));
        assert!(matches!(
            Snapshot::from_link_fragment("#s2s-report-v1.a*b"),
            Err(ReportError::Damaged { .. })
        ));
    }
}
