//! `s2s commands`: the documented litwareinc.com example, the formats, and
//! exit code 3 with every validation message.

use std::process::{Command, Output};

fn s2s(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_s2s"))
        .args(args)
        .output()
        .expect("s2s runs")
}

const LITWARE: &[&str] = &[
    "commands",
    "--pool",
    "atl-cs-001.litwareinc.com",
    "--exchange",
    "autodiscover.litwareinc.com",
    "--exchange-server",
    "atl-exchange-001",
    "--sip-uri",
    "sip:kenmyer@litwareinc.com",
];

#[test]
fn litwareinc_example_prints_the_exact_commands() {
    let out = s2s(LITWARE);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for line in [
        "& (Join-Path $env:ExchangeInstallPath 'Scripts\\Configure-EnterprisePartnerApplication.ps1') -AuthMetadataUrl 'https://atl-cs-001.litwareinc.com/metadata/json/1' -ApplicationType Lync",
        "iisreset 'atl-exchange-001'",
        "New-CsPartnerApplication -Identity 'Exchange' -ApplicationTrustLevel Full -MetadataUrl 'https://autodiscover.litwareinc.com/autodiscover/metadata/json/1'",
        "Test-CsExStorageConnectivity -SipUri 'sip:kenmyer@litwareinc.com' -DeleteItem -Verbose",
    ] {
        assert!(
            text.lines().any(|l| l.trim() == line),
            "missing line {line}\n{text}"
        );
    }
}

#[test]
fn ps1_and_json_formats() {
    let mut args = LITWARE.to_vec();
    args.extend(["--format", "ps1"]);
    let ps1 = String::from_utf8_lossy(&s2s(&args).stdout).into_owned();
    assert!(ps1.starts_with("# S2S Console"), "{ps1}");
    assert!(ps1.contains("\niisreset 'atl-exchange-001'\n"));

    let mut args = LITWARE.to_vec();
    args.extend(["--format", "json"]);
    let out = s2s(&args);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let steps = v["plan"]["steps"].as_array().expect("steps");
    assert!(
        steps
            .iter()
            .any(|s| s["id"] == "exchange-partner-application"
                && s["shell"] == "exchange-management-shell")
    );
    assert!(
        steps
            .iter()
            .all(|s| s["command"].is_string() && s["title"].is_string())
    );
}

#[test]
fn bad_input_exits_3_with_every_message() {
    let out = s2s(&[
        "commands",
        "--pool",
        "atl cs",
        "--exchange",
        "http://",
        "--sip-uri",
        "kenmyer",
        "--trust-level",
        "Admin",
    ]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("pool: character 4 ' '"), "{err}");
    assert!(err.contains("Exchange autodiscover host"), "{err}");
    assert!(
        err.contains("test user SIP URI: must look like sip:user@domain"),
        "{err}"
    );
    assert!(
        err.contains("trust level: 'Admin' is not one of: Full, Application, User"),
        "{err}"
    );
    assert!(
        out.stdout.is_empty(),
        "nothing is printed to paste when the input is bad"
    );
}

#[test]
fn oauth_certificate_and_certificate_alternative_flags() {
    let cert = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/generated/exchange-auth.pem"
    );
    let mut args = LITWARE.to_vec();
    args.extend([
        "--oauth-thumbprint",
        "7a:78:7d:04:9a:d5:3d:4e:62:8d:5d:6a:8d:98:d5:f9:f2:f6:6d:ca",
        "--oauth-effective-date",
        "2026-12-01",
        "--exchange-certificate",
        cert,
        "--certificate-realm",
        "litwareinc.com",
    ]);
    let out = s2s(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Set-CsCertificate -Identity global -Type OAuthTokenIssuer -Thumbprint '7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA' -EffectiveDate '2026-12-01' -Roll"), "{text}");
    assert!(text.contains("-ApplicationIdentifier 00000002-0000-0ff1-ce00-000000000000 -ApplicationTrustLevel Full -Realm 'litwareinc.com' -CertificateRawData 'MII"), "{text}");
    // A date without a certificate to roll to is a usage error.
    let mut args = LITWARE.to_vec();
    args.extend(["--oauth-effective-date", "2026-12-01"]);
    assert_eq!(s2s(&args).status.code(), Some(3));
}

/// Skype without a usable key: the certificate comes first (`--format
/// json` shows it); a roll less than 24 hours before the current
/// certificate expires is refused with the reason, exit 3; a roll is
/// followed by removing the previous certificate.
#[test]
fn skype_certificate_first_and_roll_rules() {
    let mut args = LITWARE.to_vec();
    args.extend([
        "--oauth-certificate-missing",
        "--oauth-thumbprint",
        "7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA",
        "--format",
        "json",
    ]);
    let out = s2s(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["plan"]["steps"][0]["id"], "skype-oauth-certificate");
    assert_eq!(v["plan"]["steps"][0]["group"], "certificate");

    let mut args = LITWARE.to_vec();
    args.extend([
        "--oauth-thumbprint",
        "7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA",
        "--oauth-effective-date",
        "2026-12-01 12:00",
        "--oauth-current-expiry",
        "2026-12-02 06:00",
    ]);
    let out = s2s(&args);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "effective date: must be at least 24 hours before the current certificate expires"
        ),
        "{err}"
    );

    let mut args = LITWARE.to_vec();
    args.extend([
        "--oauth-thumbprint",
        "7A787D049AD53D4E628D5D6A8D98D5F9F2F66DCA",
        "--oauth-effective-date",
        "2026-12-01 06:00",
        "--oauth-current-expiry",
        "2026-12-02 06:00",
    ]);
    let text = String::from_utf8_lossy(&s2s(&args).stdout).into_owned();
    assert!(
        text.contains("Remove-CsCertificate -Type OAuthTokenIssuer -Previous"),
        "{text}"
    );
}
