//! The plan's inputs as typed or pasted, and their validation: every problem
//! at once, each naming its field, plus notes on what was taken from pastes.

use serde::{Deserialize, Serialize};

use super::{CertificateAlternative, InstallPath, OAuthCertificate, PlanInput, TestBinding};
use crate::inputs::{
    Fqdn, Identity, InputError, LocalDateTime, Problem, SipUri, TrustLevel, WindowsPath,
};
use crate::thumbprint::Sha1Fingerprint;

/// Where Exchange 2013, 2016 and 2019 install by default; the plan uses it
/// only when given (`$env:ExchangeInstallPath` holds the real location).
pub const DEFAULT_INSTALL_PATH: &str = "C:\\Program Files\\Microsoft\\Exchange Server\\V15";

/// A roll must take effect this long before the current certificate
/// expires (DOMAIN.md §9).
const ROLL_LEAD_SECONDS: i64 = 24 * 3600;

/// Text fields as the form or the command line gives them. A report carries
/// them as JSON, so its fixes show the commands the admin saw; reading is
/// lenient like the topology form's: a missing field is empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RawPlanInput {
    pub pool: String,
    pub exchange: String,
    pub exchange_servers: Vec<String>,
    /// Empty or `$env:ExchangeInstallPath`: the server's own variable, set
    /// wherever Exchange is installed; a path (such as
    /// `C:\Program Files\Microsoft\Exchange Server\V15`) only when given.
    pub install_path: String,
    pub test_user: String,
    /// Empty: the default binding; otherwise the storage service host for NetTCP.
    pub storage_service: String,
    /// Empty: `Exchange`.
    pub identity: String,
    pub trust_level: String,
    pub realm: String,
    pub trust_any_ssl: bool,
    pub partner_may_exist: bool,
    /// Skype OAuthTokenIssuer certificate thumbprint to assign.
    pub oauth_thumbprint: String,
    /// When to roll to it (empty: assign at once).
    pub oauth_effective_date: String,
    /// When the current OAuthTokenIssuer certificate expires, as
    /// `Get-CsCertificate` shows NotAfter (the Front End's local time): a
    /// roll must take effect at least 24 hours before.
    pub oauth_current_expiry: String,
    /// Skype publishes no usable OAuthTokenIssuer certificate: assigning one
    /// is the plan's first step.
    pub oauth_certificate_missing: bool,
    /// Exchange's Auth certificate (PEM, base64 or DER as text) for the
    /// certificate-based alternative.
    pub exchange_certificate: String,
    /// The realm for that alternative.
    pub exchange_certificate_realm: String,
}

/// A valid input and what was taken from pasted values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validated {
    pub input: PlanInput,
    pub notes: Vec<String>,
}

impl RawPlanInput {
    /// The example's names and test user in place of these, the options
    /// kept (the example button must not throw away what was chosen).
    pub fn take_example_names(&mut self) {
        let example = RawPlanInput::litware_example();
        self.pool = example.pool;
        self.exchange = example.exchange;
        self.exchange_servers = example.exchange_servers;
        self.test_user = example.test_user;
    }

    /// The deployment Microsoft's documentation uses (litwareinc.com), which
    /// the demo servers also play.
    pub fn litware_example() -> RawPlanInput {
        RawPlanInput {
            pool: "atl-cs-001.litwareinc.com".into(),
            exchange: "autodiscover.litwareinc.com".into(),
            exchange_servers: vec!["atl-exchange-001".into()],
            test_user: "sip:kenmyer@litwareinc.com".into(),
            ..RawPlanInput::default()
        }
    }

    pub fn validate(&self) -> Result<Validated, Vec<InputError>> {
        let mut errors = Vec::new();
        let mut notes = Vec::new();
        // Notes of fields not read through `fqdn` (which holds `notes`).
        let mut later_notes = Vec::new();
        let mut fqdn =
            |field: &'static str, text: &str, errors: &mut Vec<InputError>| match Fqdn::parse(
                field, text,
            ) {
                Ok(p) => {
                    if let Some(n) = p.note {
                        notes.push(format!("{field}: {n}"));
                    }
                    Some(p.value)
                }
                Err(e) => {
                    errors.push(e);
                    None
                }
            };
        let pool = fqdn("pool", &self.pool, &mut errors);
        let exchange = fqdn("Exchange autodiscover host", &self.exchange, &mut errors);
        let servers: Vec<Fqdn> = self
            .exchange_servers
            .iter()
            .filter(|s| !s.trim().is_empty())
            .filter_map(|s| fqdn("Exchange server", s, &mut errors))
            .collect();
        let realm = if self.realm.trim().is_empty() {
            None
        } else {
            fqdn("realm", &self.realm, &mut errors)
        };
        let storage = if self.storage_service.trim().is_empty() {
            None
        } else {
            fqdn("storage service host", &self.storage_service, &mut errors)
        };
        let install_path = match self.install_path.trim() {
            "" => Some(InstallPath::FromEnvironment),
            env if env.eq_ignore_ascii_case("$env:ExchangeInstallPath") => {
                Some(InstallPath::FromEnvironment)
            }
            given => WindowsPath::parse("Exchange install path", given)
                .map(InstallPath::Path)
                .map_err(|e| errors.push(e))
                .ok(),
        };
        let test_user = if self.test_user.trim().is_empty() {
            None
        } else {
            match SipUri::parse("test user SIP URI", &self.test_user) {
                Ok(p) => {
                    if let Some(n) = p.note {
                        later_notes.push(format!("test user SIP URI: {n}"));
                    }
                    Some(p.value)
                }
                Err(e) => {
                    errors.push(e);
                    None
                }
            }
        };
        let identity = if self.identity.trim().is_empty() {
            Identity::parse("partner application identity", "Exchange")
        } else {
            Identity::parse("partner application identity", &self.identity)
        }
        .map_err(|e| errors.push(e))
        .ok();
        let trust_level = TrustLevel::parse("trust level", &self.trust_level)
            .map_err(|e| errors.push(e))
            .ok();
        let oauth_certificate = if self.oauth_thumbprint.trim().is_empty() {
            if self.oauth_certificate_missing {
                errors.push(InputError {
                    field: "OAuthTokenIssuer thumbprint",
                    problem: Problem::Invalid {
                        reason: "Skype publishes no usable OAuthTokenIssuer certificate: give the thumbprint of the certificate to assign first".into(),
                    },
                });
            }
            None
        } else {
            let thumbprint =
                Sha1Fingerprint::from_thumbprint(&self.oauth_thumbprint).map_err(|e| {
                    errors.push(InputError {
                        field: "OAuthTokenIssuer thumbprint",
                        problem: Problem::Invalid {
                            reason: e.to_string(),
                        },
                    })
                });
            let roll_at = if self.oauth_effective_date.trim().is_empty() {
                Ok(None)
            } else {
                LocalDateTime::parse("effective date", &self.oauth_effective_date)
                    .map(Some)
                    .map_err(|e| errors.push(e))
            };
            let expiry = if self.oauth_current_expiry.trim().is_empty() {
                None
            } else {
                LocalDateTime::parse("current certificate expiry", &self.oauth_current_expiry)
                    .map_err(|e| errors.push(e))
                    .ok()
            };
            if let Ok(Some(at)) = &roll_at {
                let problem = if self.oauth_certificate_missing {
                    Some("there is no usable certificate to roll from: leave the date empty to assign the new one at once".to_string())
                } else {
                    expiry
                        .as_ref()
                        .filter(|expiry| at.seconds() > expiry.seconds() - ROLL_LEAD_SECONDS)
                        .map(|expiry| format!(
                            "must be at least 24 hours before the current certificate expires ({}): Skype needs that time to replicate the new certificate to every Front End and Exchange to read it from Skype's metadata",
                            expiry.as_str()
                        ))
                };
                if let Some(reason) = problem {
                    errors.push(InputError {
                        field: "effective date",
                        problem: Problem::Invalid { reason },
                    });
                }
            }
            match (thumbprint, roll_at) {
                (Ok(thumbprint), Ok(roll_at)) => Some(OAuthCertificate {
                    thumbprint,
                    roll_at,
                }),
                _ => None,
            }
        };
        let certificate_alternative = if self.exchange_certificate.trim().is_empty() {
            None
        } else {
            let cert =
                crate::cert::certificates_der(self.exchange_certificate.as_bytes()).map_err(|e| {
                    errors.push(InputError {
                        field: "Exchange certificate",
                        problem: Problem::Invalid {
                            reason: e.to_string(),
                        },
                    })
                });
            let realm = match self.exchange_certificate_realm.trim() {
                "" => {
                    errors.push(InputError {
                        field: "certificate realm",
                        problem: Problem::Empty,
                    });
                    None
                }
                r => fqdn("certificate realm", r, &mut errors),
            };
            match (cert, realm) {
                (Ok(certs), Some(realm)) => certs
                    .into_iter()
                    .next()
                    .map(|der| CertificateAlternative { der, realm }),
                _ => None,
            }
        };
        notes.extend(later_notes);
        match (pool, exchange, install_path, identity, trust_level) {
            (
                Some(pool),
                Some(exchange_autodiscover),
                Some(install_path),
                Some(identity),
                Some(trust_level),
            ) if errors.is_empty() => Ok(Validated {
                input: PlanInput {
                    pool,
                    exchange_autodiscover,
                    exchange_servers: servers,
                    install_path,
                    test_user,
                    test_binding: match storage {
                        Some(storage_service) => TestBinding::NetTcp { storage_service },
                        None => TestBinding::NetNamedPipe,
                    },
                    identity,
                    trust_level,
                    realm,
                    trust_any_ssl: self.trust_any_ssl,
                    partner_may_exist: self.partner_may_exist,
                    oauth_certificate,
                    oauth_certificate_first: self.oauth_certificate_missing,
                    certificate_alternative,
                },
                notes,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode;

    #[test]
    fn json_round_trips_and_missing_fields_read_as_empty() {
        let full = RawPlanInput {
            identity: "ExchangeOnPrem".into(),
            trust_any_ssl: true,
            partner_may_exist: true,
            realm: "litwareinc.com".into(),
            oauth_effective_date: "2026-12-05 06:00".into(),
            ..RawPlanInput::litware_example()
        };
        let text = serde_json::to_string(&full).expect("writes");
        assert_eq!(decode::from_str(&text), Ok(full));
        assert_eq!(
            decode::from_str::<RawPlanInput>(r#"{"pool":"a.b.c"}"#),
            Ok(RawPlanInput {
                pool: "a.b.c".into(),
                ..RawPlanInput::default()
            })
        );
        assert!(decode::from_str::<RawPlanInput>(r#"{"trust_any_ssl":"yes"}"#).is_err());
    }

    #[test]
    fn the_example_replaces_the_names_and_keeps_the_options() {
        let mut raw = RawPlanInput {
            pool: "pool.contoso.com".into(),
            identity: "ExchangeOnPrem".into(),
            oauth_thumbprint: "7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA".into(),
            partner_may_exist: true,
            ..RawPlanInput::default()
        };
        raw.take_example_names();
        assert_eq!(
            raw,
            RawPlanInput {
                identity: "ExchangeOnPrem".into(),
                oauth_thumbprint: "7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA".into(),
                partner_may_exist: true,
                ..RawPlanInput::litware_example()
            }
        );
    }
}
