//! The console's pages, in the order an administrator works through them.

/// One page of the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageInfo {
    pub path: &'static str,
    pub title: &'static str,
    /// The step number in the setup flow; `None` for Overview and Report.
    pub step: Option<u8>,
    /// What the page is for, in one or two sentences.
    pub purpose: &'static str,
}

impl PageInfo {
    /// The title in the language being shown.
    pub fn title(&self) -> &'static str {
        crate::i18n::tr(self.title)
    }

    pub fn purpose(&self) -> &'static str {
        crate::i18n::tr(self.purpose)
    }
}

pub const OVERVIEW: PageInfo = PageInfo {
    path: "/",
    title: "Overview",
    step: None,
    purpose: "Both directions of the trust at a glance, and the next step to take.",
};

pub const TOPOLOGY: PageInfo = PageInfo {
    path: "/topology",
    title: "Topology",
    step: Some(1),
    purpose: "Name the Skype for Business pool, the Exchange autodiscover host and the SIP domain. \
              The console derives both metadata URLs from them.",
};

pub const METADATA: PageInfo = PageInfo {
    path: "/metadata",
    title: "Metadata",
    step: Some(2),
    purpose: "Fetch both authentication metadata documents through the s2s proxy and read them side \
              by side, with every step of each fetch and its timing.",
};

pub const CERTIFICATES: PageInfo = PageInfo {
    path: "/certificates",
    title: "Certificates",
    step: Some(3),
    purpose: "Every signing certificate both documents publish, and the TLS chains of both servers: \
              validity, key, signature, thumbprint and x5t.",
};

pub const FINDINGS: PageInfo = PageInfo {
    path: "/findings",
    title: "Findings",
    step: Some(4),
    purpose: "What is wrong and what was verified, each with the expected and the actual value and \
              the fix.",
};

pub const COMMANDS: PageInfo = PageInfo {
    path: "/commands",
    title: "Commands",
    step: Some(5),
    purpose: "The exact commands for the Exchange Management Shell and the Skype for Business Server \
              Management Shell, in order, each with how to verify and how to undo it.",
};

pub const TEST_RESULTS: PageInfo = PageInfo {
    path: "/test-results",
    title: "Test results",
    step: Some(6),
    purpose: "Paste the output of Test-CsExStorageConnectivity and related commands to get a verdict \
              and the fix.",
};

pub const REPORT: PageInfo = PageInfo {
    path: "/report",
    title: "Report",
    step: None,
    purpose: "A read-only snapshot for the helpdesk: the same findings, certificates and test verdict, \
              with nothing to edit and nothing fetched.",
};

/// The navigation, top to bottom.
pub const ALL: [PageInfo; 8] = [
    OVERVIEW,
    TOPOLOGY,
    METADATA,
    CERTIFICATES,
    FINDINGS,
    COMMANDS,
    TEST_RESULTS,
    REPORT,
];
