//! The configuration plan: every command, in order, for each shell, with how
//! to verify and how to undo it. Values reach PowerShell only through
//! [`crate::powershell`].

mod exchange;
mod maintenance;
mod raw;
mod skype;

pub use raw::{DEFAULT_INSTALL_PATH, RawPlanInput, Validated};

use serde::Serialize;

use crate::inputs::{Fqdn, Identity, LocalDateTime, SipUri, TrustLevel, WindowsPath};
use crate::powershell::Command;
use crate::thumbprint::Sha1Fingerprint;
use crate::topology::Side;

/// Where Exchange is installed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstallPath {
    /// `$env:ExchangeInstallPath`, set on every Exchange server (the default).
    FromEnvironment,
    Path(WindowsPath),
}

/// `Test-CsExStorageConnectivity -Binding`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TestBinding {
    /// The default (local named pipe to the storage service).
    NetNamedPipe,
    /// Needs the storage service's host name.
    NetTcp { storage_service: Fqdn },
}

/// Everything the plan needs, already validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanInput {
    pub pool: Fqdn,
    pub exchange_autodiscover: Fqdn,
    /// Exchange Mailbox/Client Access servers to `iisreset`.
    pub exchange_servers: Vec<Fqdn>,
    pub install_path: InstallPath,
    pub test_user: Option<SipUri>,
    pub test_binding: TestBinding,
    /// Skype partner application identity (`Exchange` by default).
    pub identity: Identity,
    pub trust_level: TrustLevel,
    /// Skype's OAuth realm when it must differ from the default SIP domain.
    pub realm: Option<Fqdn>,
    /// `-TrustAnySSLCertificate:$true` (lab only).
    pub trust_any_ssl: bool,
    /// A partner application may already exist on Skype: use the idempotent form.
    pub partner_may_exist: bool,
    /// Assign (and optionally roll to) this OAuthTokenIssuer certificate.
    pub oauth_certificate: Option<OAuthCertificate>,
    /// Skype publishes no usable key: assigning the certificate is the
    /// plan's first step, not maintenance.
    pub oauth_certificate_first: bool,
    /// Trust Exchange from a certificate instead of its metadata URL.
    pub certificate_alternative: Option<CertificateAlternative>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthCertificate {
    pub thumbprint: Sha1Fingerprint,
    /// `-EffectiveDate … -Roll` instead of assigning at once.
    pub roll_at: Option<LocalDateTime>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateAlternative {
    /// Exchange's Auth certificate, DER.
    pub der: Vec<u8>,
    pub realm: Fqdn,
}

impl PlanInput {
    pub fn skype_metadata_url(&self) -> String {
        format!("https://{}/metadata/json/1", self.pool.as_str())
    }

    /// Where Skype's storage service asks for Exchange Web Services.
    pub fn exchange_autodiscover_url(&self) -> String {
        format!(
            "https://{}/autodiscover/autodiscover.svc",
            self.exchange_autodiscover.as_str()
        )
    }

    pub fn exchange_metadata_url(&self) -> String {
        format!(
            "https://{}/autodiscover/metadata/json/1",
            self.exchange_autodiscover.as_str()
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shell {
    ExchangeManagementShell,
    SkypeManagementShell,
}

impl Shell {
    pub fn label(self) -> &'static str {
        match self {
            Shell::ExchangeManagementShell => "Exchange Management Shell",
            Shell::SkypeManagementShell => "Skype for Business Server Management Shell",
        }
    }
}

/// Sections of the plan, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    /// Skype's OAuthTokenIssuer certificate, when Skype has no usable one.
    Certificate,
    /// Collect the current state (read-only).
    Collect,
    /// Skype trusts Exchange (and its realm, which Exchange then reads).
    Skype,
    /// Exchange trusts Skype.
    Exchange,
    /// Test the trust.
    Test,
    /// The optional features that use the trust, once the test passes.
    NextSteps,
    /// Skype trusts Exchange from a certificate (no metadata URL).
    Alternative,
    /// Certificate changes and repairs, run when needed.
    Maintenance,
}

impl Group {
    /// For element ids and anchors.
    pub fn slug(self) -> &'static str {
        match self {
            Group::Certificate => "certificate",
            Group::Collect => "collect",
            Group::Exchange => "exchange",
            Group::Skype => "skype",
            Group::Test => "test",
            Group::NextSteps => "next-steps",
            Group::Alternative => "alternative",
            Group::Maintenance => "maintenance",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Group::Certificate => "First: Skype for Business's OAuthTokenIssuer certificate",
            Group::Collect => "Collect the current state (read-only)",
            Group::Exchange => "Exchange: trust Skype for Business",
            Group::Skype => "Skype for Business: trust Exchange",
            Group::Test => "Test the trust",
            Group::NextSteps => "Optional, once the test passes: features that use the trust",
            Group::Alternative => "Alternative: Skype trusts Exchange from a certificate",
            Group::Maintenance => "Maintenance: when certificates change",
        }
    }
}

/// One step of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// Stable, for links from findings (`exchange-partner-application`).
    pub id: &'static str,
    pub group: Group,
    pub side: Side,
    pub shell: Shell,
    /// Where to run it.
    pub server: String,
    pub title: String,
    /// The command text to paste (one or more lines).
    pub command: String,
    pub what_it_does: String,
    pub verify: Option<String>,
    pub undo: Option<String>,
    /// Something to know before running it.
    pub warning: Option<String>,
    /// It changes or removes configuration (the .ps1 says so).
    pub changes_configuration: bool,
    /// The values from the input, each emitted as one literal (for tests).
    #[serde(skip)]
    pub literals: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub skype_metadata_url: String,
    pub exchange_metadata_url: String,
    pub steps: Vec<Step>,
}

/// Collects the literals of the commands a step is made of.
pub(crate) fn literals_of(commands: &[&Command]) -> Vec<String> {
    commands
        .iter()
        .flat_map(|c| c.literals())
        .map(str::to_string)
        .collect()
}

pub fn plan(input: &PlanInput) -> Plan {
    let mut steps = Vec::new();
    // Without a usable key nothing else can work: its certificate first.
    if input.oauth_certificate_first {
        maintenance::oauth_certificate(input, &mut steps);
    }
    maintenance::collect(input, &mut steps);
    // Skype first: a realm set there must be in Skype's document before
    // Exchange's script reads it (a re-run of the script leaves duplicates).
    skype::steps(input, &mut steps);
    exchange::steps(input, &mut steps);
    skype::test(input, &mut steps);
    skype::next_steps(&mut steps);
    skype::certificate_alternative(input, &mut steps);
    maintenance::repairs(input, &mut steps);
    Plan {
        skype_metadata_url: input.skype_metadata_url(),
        exchange_metadata_url: input.exchange_metadata_url(),
        steps,
    }
}

/// The steps that are in the plan only when an optional input is given, and
/// that input, named as validation errors name their field (so a form can
/// point at it). Every other step is in every plan.
pub const STEPS_WITH_INPUT: &[(&str, &str)] = &[
    ("skype-oauth-configuration", "realm"),
    ("skype-oauth-service-name", "partner application may exist"),
    ("exchange-iisreset", "Exchange server"),
    ("skype-test-storage", "test user SIP URI"),
    ("skype-oauth-certificate", "OAuthTokenIssuer thumbprint"),
    ("skype-oauth-remove-previous", "effective date"),
    (
        "skype-partner-application-certificate",
        "Exchange certificate",
    ),
];

/// The input `step_id` needs (see [`STEPS_WITH_INPUT`]); `None`: the step is
/// in every plan.
pub fn needed_input(step_id: &str) -> Option<&'static str> {
    STEPS_WITH_INPUT
        .iter()
        .find(|(id, _)| *id == step_id)
        .map(|(_, input)| *input)
}

/// The plan as a commented script, safe to read top to bottom: the two
/// shells' parts are separate and labelled, and every step that changes
/// configuration says so. Maintenance steps are commented out.
pub fn to_ps1(plan: &Plan) -> String {
    let mut out = String::new();
    out.push_str("# S2S Console: server-to-server OAuth between Skype for Business Server and Exchange Server\n");
    out.push_str(&format!(
        "# Skype metadata:    {}\n",
        plan.skype_metadata_url
    ));
    out.push_str(&format!(
        "# Exchange metadata: {}\n",
        plan.exchange_metadata_url
    ));
    out.push_str("#\n# Do not run this file as a whole: each section names the shell and server to paste it into.\n");
    let mut group = None;
    for step in &plan.steps {
        if group != Some(step.group) {
            group = Some(step.group);
            out.push_str(&format!("\n# ==== {} ====\n", step.group.label()));
        }
        out.push_str(&format!("\n# --- {} ---\n", step.title));
        out.push_str(&format!(
            "# Shell: {}; run on: {}\n",
            step.shell.label(),
            step.server
        ));
        for line in step.what_it_does.lines() {
            out.push_str(&format!("# {line}\n"));
        }
        if step.changes_configuration {
            out.push_str("# CHANGES CONFIGURATION.\n");
        }
        if let Some(w) = &step.warning {
            out.push_str(&format!("# WARNING: {w}\n"));
        }
        let comment_out = matches!(
            step.group,
            Group::Maintenance | Group::Alternative | Group::NextSteps
        );
        if comment_out {
            out.push_str("# Only when needed: remove the leading '# ' to run.\n");
        }
        for line in step.command.lines() {
            if comment_out {
                out.push_str("# ");
            }
            out.push_str(line);
            out.push('\n');
        }
        if let Some(v) = &step.verify {
            out.push_str(&format!("# Verify: {v}\n"));
        }
        if let Some(u) = &step.undo {
            out.push_str(&format!("# Undo:   {u}\n"));
        }
    }
    out
}
