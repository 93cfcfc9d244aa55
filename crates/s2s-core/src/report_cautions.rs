//! A report's commands are made from values the report carries (its
//! topology and the Commands page's options), which whoever made the link
//! chose: a crafted link could show, under "Read-only report", a copyable
//! command that runs a script from someone's share or trusts any server.
//! So the report view says where the values come from and flags the ones
//! that should never be run unchecked.

use crate::report::Snapshot;

/// A value of the report that its commands use and that needs a look
/// before anyone runs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caution {
    /// The Exchange install path is a network path (`\\server\share`): the
    /// setup script would run from someone's share, not from Exchange.
    NetworkInstallPath(String),
    /// The commands trust any TLS certificate (`-TrustAnySSLCertificate`).
    TrustsAnyCertificate,
    /// The certificate-based alternative carries its own certificate,
    /// which Skype would trust.
    CarriesCertificate,
}

impl Caution {
    /// The English text, shown with the value (Korean: the catalogue).
    pub fn text(&self) -> &'static str {
        match self {
            Caution::NetworkInstallPath(_) => {
                "The Exchange install path is a network path: the setup script would run from that share, not from Exchange."
            }
            Caution::TrustsAnyCertificate => {
                "The commands trust any TLS certificate (-TrustAnySSLCertificate), which is for labs only."
            }
            Caution::CarriesCertificate => {
                "The certificate-based alternative uses a certificate the report carries: Skype would trust whoever holds its key."
            }
        }
    }

    /// The value it is about, when it has one.
    pub fn value(&self) -> Option<&str> {
        match self {
            Caution::NetworkInstallPath(path) => Some(path),
            _ => None,
        }
    }
}

/// The report's values that its commands use: name and value, in the
/// order the Topology and Commands pages show them, named by those pages'
/// labels (empty ones left out).
pub fn command_values(s: &Snapshot) -> Vec<(&'static str, String)> {
    let t = &s.topology;
    let mut values = vec![
        ("Skype for Business pool FQDN", t.pool.trim().to_string()),
        ("Exchange autodiscover host", t.exchange.trim().to_string()),
        ("SIP domain", t.sip_domain.trim().to_string()),
        ("Exchange servers", t.exchange_servers.trim().to_string()),
    ];
    if let Some(p) = &s.plan {
        values.extend([
            ("Exchange install path", p.install_path.trim().to_string()),
            (
                "Partner application identity on Skype",
                p.identity.trim().to_string(),
            ),
            ("Test user", p.test_user.trim().to_string()),
            (
                "Storage service host (NetTCP test)",
                p.storage_service.trim().to_string(),
            ),
        ]);
    }
    values.retain(|(_, v)| !v.is_empty());
    values
}

/// What a report's commands would do that should never be run unchecked.
pub fn cautions(s: &Snapshot) -> Vec<Caution> {
    let Some(p) = &s.plan else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let path = p.install_path.trim();
    // `\\server\share` and its forms (`\\?\UNC\…`, `//server/share`).
    if path.starts_with("\\\\") || path.starts_with("//") {
        found.push(Caution::NetworkInstallPath(path.to_string()));
    }
    if p.trust_any_ssl {
        found.push(Caution::TrustsAnyCertificate);
    }
    if !p.exchange_certificate.trim().is_empty() {
        found.push(Caution::CarriesCertificate);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::RawPlanInput;
    use crate::report::REPORT_VERSION;
    use crate::time::UnixTime;
    use crate::topology_form::TopologyForm;

    fn snapshot(plan: Option<RawPlanInput>) -> Snapshot {
        Snapshot {
            version: REPORT_VERSION,
            generated_at: UnixTime(1_795_737_600),
            console_version: "0.1.0".into(),
            topology: TopologyForm::litware_example(),
            skype: None,
            exchange: None,
            probe: None,
            pastes: Vec::new(),
            plan,
            findings: Vec::new(),
        }
    }

    #[test]
    fn a_crafted_plan_is_flagged() {
        let plan = RawPlanInput {
            install_path: "\\\\someone\\share\\Exchange".into(),
            trust_any_ssl: true,
            exchange_certificate: "-----BEGIN CERTIFICATE-----".into(),
            ..RawPlanInput::litware_example()
        };
        let s = snapshot(Some(plan));
        assert_eq!(
            cautions(&s),
            [
                Caution::NetworkInstallPath("\\\\someone\\share\\Exchange".into()),
                Caution::TrustsAnyCertificate,
                Caution::CarriesCertificate,
            ]
        );
        let values = command_values(&s);
        assert!(values.contains(&(
            "Exchange install path",
            "\\\\someone\\share\\Exchange".into()
        )));
        assert!(values.contains(&(
            "Skype for Business pool FQDN",
            "atl-cs-001.litwareinc.com".into()
        )));
    }

    #[test]
    fn local_paths_and_defaults_are_not_flagged() {
        for path in ["", "$env:ExchangeInstallPath", "D:\\Exchange Server\\V15"] {
            let plan = RawPlanInput {
                install_path: path.into(),
                ..RawPlanInput::litware_example()
            };
            assert_eq!(cautions(&snapshot(Some(plan))), [], "{path}");
        }
        assert_eq!(cautions(&snapshot(None)), []);
        // A report without options still says where its names come from.
        assert!(!command_values(&snapshot(None)).is_empty());
    }
}
