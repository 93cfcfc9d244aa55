//! The plan's inputs as JSON, so a report carries the options the admin
//! gave on the Commands page and its fixes show the same commands. Reading
//! is lenient like the topology's: a missing field is empty.

use super::RawPlanInput;
use crate::json::{self, FromJson, Json, Object, Path, ReadError, ToJson};

impl FromJson for RawPlanInput {
    fn from_json(value: &Json, path: &Path<'_>) -> Result<Self, ReadError> {
        let o = Object::new(value, path)?;
        Ok(RawPlanInput {
            pool: o.or_default("pool")?,
            exchange: o.or_default("exchange")?,
            exchange_servers: o.or_default("exchange_servers")?,
            install_path: o.or_default("install_path")?,
            test_user: o.or_default("test_user")?,
            storage_service: o.or_default("storage_service")?,
            identity: o.or_default("identity")?,
            trust_level: o.or_default("trust_level")?,
            realm: o.or_default("realm")?,
            trust_any_ssl: o.or_default("trust_any_ssl")?,
            partner_may_exist: o.or_default("partner_may_exist")?,
            oauth_thumbprint: o.or_default("oauth_thumbprint")?,
            oauth_effective_date: o.or_default("oauth_effective_date")?,
            exchange_certificate: o.or_default("exchange_certificate")?,
            exchange_certificate_realm: o.or_default("exchange_certificate_realm")?,
        })
    }
}

impl ToJson for RawPlanInput {
    fn to_json(&self) -> Json {
        json::object(vec![
            ("pool", self.pool.to_json()),
            ("exchange", self.exchange.to_json()),
            ("exchange_servers", self.exchange_servers.to_json()),
            ("install_path", self.install_path.to_json()),
            ("test_user", self.test_user.to_json()),
            ("storage_service", self.storage_service.to_json()),
            ("identity", self.identity.to_json()),
            ("trust_level", self.trust_level.to_json()),
            ("realm", self.realm.to_json()),
            ("trust_any_ssl", self.trust_any_ssl.to_json()),
            ("partner_may_exist", self.partner_may_exist.to_json()),
            ("oauth_thumbprint", self.oauth_thumbprint.to_json()),
            ("oauth_effective_date", self.oauth_effective_date.to_json()),
            ("exchange_certificate", self.exchange_certificate.to_json()),
            (
                "exchange_certificate_realm",
                self.exchange_certificate_realm.to_json(),
            ),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_reads_missing_fields_as_empty() {
        let full = RawPlanInput {
            identity: "ExchangeOnPrem".into(),
            trust_any_ssl: true,
            partner_may_exist: true,
            realm: "litwareinc.com".into(),
            oauth_effective_date: "2026-12-05 06:00".into(),
            ..RawPlanInput::litware_example()
        };
        assert_eq!(json::from_str(&full.to_json().to_compact()), Ok(full));
        assert_eq!(
            json::from_str::<RawPlanInput>(r#"{"pool":"a.b.c"}"#),
            Ok(RawPlanInput {
                pool: "a.b.c".into(),
                ..RawPlanInput::default()
            })
        );
        assert!(json::from_str::<RawPlanInput>(r#"{"trust_any_ssl":"yes"}"#).is_err());
    }
}
