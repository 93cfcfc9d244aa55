//! Read-only collection of the current state, and the repairs run when a
//! certificate changes.

use super::exchange::skype_partner_applications;
use super::{Group, PlanInput, Shell, Step, literals_of};
use crate::powershell::{Command, pipeline};
use crate::topology::Side;

fn read_only(
    id: &'static str,
    side: Side,
    shell: Shell,
    server: &str,
    title: &str,
    commands: &[Command],
    what: &str,
) -> Step {
    Step {
        id,
        group: Group::Collect,
        side,
        shell,
        server: server.into(),
        title: title.into(),
        literals: literals_of(&commands.iter().collect::<Vec<_>>()),
        command: pipeline(commands),
        what_it_does: what.into(),
        verify: None,
        undo: None,
        warning: None,
        changes_configuration: false,
    }
}

pub(super) fn collect(_input: &PlanInput, steps: &mut Vec<Step>) {
    steps.push(read_only(
        "collect-auth-config",
        Side::Exchange,
        Shell::ExchangeManagementShell,
        "any Exchange server",
        "Exchange's Auth certificate and realm",
        &[Command::cmdlet("Get-AuthConfig"), Command::cmdlet("Format-List")],
        "Shows CurrentCertificateThumbprint, PreviousCertificateThumbprint, NextCertificateThumbprint, ServiceName and Realm: paste it into the console to match the thumbprint with the published key.",
    ));
    steps.push(read_only(
        "collect-partner-applications",
        Side::Exchange,
        Shell::ExchangeManagementShell,
        "any Exchange server",
        "Exchange's partner applications",
        &[
            Command::cmdlet("Get-PartnerApplication"),
            Command::cmdlet("Format-List").bare("*"),
        ],
        "Lists every property of the partner applications: any LyncEnterprise-<guid> already created for Skype, with the metadata URL it reads and the certificate it holds (paste it into the console to compare both with this pool's), and SfBOnline or Exchange Online in a hybrid.",
    ));
    steps.push(read_only(
        "collect-accepted-domains",
        Side::Exchange,
        Shell::ExchangeManagementShell,
        "any Exchange server",
        "Exchange's accepted domains",
        &[
            Command::cmdlet("Get-AcceptedDomain"),
            Command::cmdlet("Format-List").bare("Name,DomainName,DomainType,Default"),
        ],
        "Skype's realm must be one of these, written out (not only as a *.domain wildcard).",
    ));
    steps.push(read_only(
        "collect-oauth-certificate",
        Side::Skype,
        Shell::SkypeManagementShell,
        "each Front End server",
        "Skype's OAuthTokenIssuer certificate",
        &[
            Command::cmdlet("Get-CsCertificate").keyword("Type", "OAuthTokenIssuer"),
            Command::cmdlet("Format-List"),
        ],
        "Empty output means no OAuthTokenIssuer certificate is assigned. It must be the same on every Front End.",
    ));
    steps.push(read_only(
        "collect-cs-partner-applications",
        Side::Skype,
        Shell::SkypeManagementShell,
        "a Front End server",
        "Skype's partner applications",
        &[Command::cmdlet("Get-CsPartnerApplication"), Command::cmdlet("Format-List")],
        "Shows whether Exchange is already a partner application and with which identifier and trust level.",
    ));
}

/// Skype's OAuthTokenIssuer certificate: assigned at once, or rolled to at
/// a date (then the previous one removed). First in the plan when Skype has
/// no usable key, else maintenance.
pub(super) fn oauth_certificate(input: &PlanInput, steps: &mut Vec<Step>) {
    let Some(oauth) = &input.oauth_certificate else {
        return;
    };
    let group = if input.oauth_certificate_first {
        Group::Certificate
    } else {
        Group::Maintenance
    };
    let thumb = oauth.thumbprint.thumbprint();
    let mut cmd = Command::cmdlet("Set-CsCertificate")
        .keyword("Identity", "global")
        .keyword("Type", "OAuthTokenIssuer")
        .literal("Thumbprint", thumb.clone());
    let verify = pipeline(&[
        Command::cmdlet("Get-CsCertificate").keyword("Type", "OAuthTokenIssuer"),
        Command::cmdlet("Format-List"),
    ]);
    let (title, what) = match &oauth.roll_at {
        Some(at) => {
            cmd = cmd.literal("EffectiveDate", at.as_str()).switch("Roll");
            (
                format!(
                    "Roll Skype's OAuthTokenIssuer certificate to {thumb} at {}",
                    at.as_str()
                ),
                "Schedules the new certificate to take over at the effective date (the Front End's local time); Skype signs with the current one until then. The setting is global: run it once, on one Front End; the Central Management Store replicates it to every Front End.",
            )
        }
        None => (
            format!("Assign {thumb} as Skype's OAuthTokenIssuer certificate"),
            "Makes this certificate the one Skype signs its tokens with, at once. It is assigned once, globally: run it on one Front End; the Central Management Store replicates the setting to every Front End. The certificate must be at least 2048 bits (RSA), installed on every Front End, with the SIP domain in its subject (other SIP domains in its alternative names).",
        ),
    };
    steps.push(Step {
        id: "skype-oauth-certificate",
        group,
        side: Side::Skype,
        shell: Shell::SkypeManagementShell,
        server: "a Front End server (the setting is global)".into(),
        title,
        literals: literals_of(&[&cmd]),
        command: cmd.render(),
        what_it_does: what.into(),
        verify: Some(verify.clone()),
        undo: None,
        warning: Some(
            match (oauth.roll_at.is_some(), input.oauth_certificate_first) {
                (true, _) => "The effective date must be at least 24 hours before the current certificate expires. Once the new certificate has taken over, refresh Skype's metadata on Exchange (maintenance section), run iisreset there, then remove the previous certificate: until then Exchange may hold the old one and answer 401.",
                (false, true) => "Without it Skype signs no tokens and publishes no usable key. Then run the rest of the plan: Exchange reads the new key when its partner application is created or refreshed.",
                (false, false) => "Then refresh Skype's metadata on Exchange (maintenance section) and run iisreset there: until then Exchange holds the old certificate and answers 401.",
            }
            .into(),
        ),
        changes_configuration: true,
    });
    if oauth.roll_at.is_some() {
        let remove = Command::cmdlet("Remove-CsCertificate")
            .keyword("Type", "OAuthTokenIssuer")
            .switch("Previous");
        steps.push(Step {
            id: "skype-oauth-remove-previous",
            group: Group::Maintenance,
            side: Side::Skype,
            shell: Shell::SkypeManagementShell,
            server: "a Front End server (the setting is global)".into(),
            title: "After the roll has taken effect: remove Skype's previous OAuthTokenIssuer certificate".into(),
            literals: literals_of(&[&remove]),
            command: remove.render(),
            what_it_does: "Removes the previous OAuthTokenIssuer certificate from Skype's configuration once the new one signs, so only the new one is published.".into(),
            verify: Some(verify),
            undo: None,
            warning: Some("Only after the effective date, and after Exchange has refreshed Skype's metadata: before that, tokens may still be checked against the previous certificate.".into()),
            changes_configuration: true,
        });
    }
}

pub(super) fn repairs(input: &PlanInput, steps: &mut Vec<Step>) {
    if !input.oauth_certificate_first {
        oauth_certificate(input, steps);
    }
    let mut refresh = skype_partner_applications(input);
    refresh.push(Command::cmdlet("Set-PartnerApplication").switch("RefreshAuthMetadata"));
    steps.push(Step {
        id: "exchange-refresh-skype-metadata",
        group: Group::Maintenance,
        side: Side::Exchange,
        shell: Shell::ExchangeManagementShell,
        server: "one Exchange Mailbox server, then iisreset on each".into(),
        title: "After Skype's certificate changed: refresh Skype's metadata on Exchange".into(),
        literals: literals_of(&refresh.iter().collect::<Vec<_>>()),
        command: pipeline(&refresh),
        what_it_does: "Downloads Skype's metadata again for the LyncEnterprise application that reads this pool's metadata URL, so Exchange trusts the new OAuthTokenIssuer certificate; Skype Online's SfBOnline is left alone. Run iisreset on every Exchange server afterwards.".into(),
        verify: Some(pipeline(&skype_partner_applications(input))),
        undo: None,
        warning: None,
        changes_configuration: true,
    });
    auth_certificate(steps);
}

const NEW_AUTH_CERTIFICATE: &str = "$cert = New-ExchangeCertificate -KeySize 2048 -PrivateKeyExportable $true -SubjectName 'cn=Microsoft Exchange Server Auth Certificate' -FriendlyName 'Microsoft Exchange Server Auth Certificate' -DomainName @()";
const HYBRID_AGAIN: &str = " In a hybrid with Exchange Online (the live probe shows a Microsoft 365 issuer, or Get-PartnerApplication an enabled Exchange Online application), run the Hybrid Configuration Wizard again once the new certificate is current.";

/// Whether each Exchange server (Edge aside) holds the certificate with
/// `thumbprint` (an expression): the Auth certificate must be on every one.
fn on_every_server(thumbprint: &str) -> String {
    format!(
        "Get-ExchangeServer | Where-Object {{ $_.ServerRole -notlike '*Edge*' }} | ForEach-Object {{ [pscustomobject]@{{ Server = $_.Name; HasCertificate = [bool](Get-ExchangeCertificate -Server $_.Name -Thumbprint {thumbprint} -ErrorAction SilentlyContinue) }} }}"
    )
}

/// Exchange's Auth certificate (DOMAIN.md §5, §9): staged by default (the
/// new one current in 48 hours, published now, the old one cleared after),
/// and the immediate cutover for one already expired.
fn auth_certificate(steps: &mut Vec<Step>) {
    let staged = [
        NEW_AUTH_CERTIFICATE,
        "Set-AuthConfig -NewCertificateThumbprint $cert.Thumbprint -NewCertificateEffectiveDate (Get-Date).AddHours(48)",
        "Set-AuthConfig -PublishCertificate",
    ];
    steps.push(Step {
        id: "exchange-stage-auth-certificate",
        group: Group::Maintenance,
        side: Side::Exchange,
        shell: Shell::ExchangeManagementShell,
        server: "one Exchange server (the certificate replicates to the others)".into(),
        title: "Renew the Exchange Auth certificate, staged: the new one takes over in 48 hours".into(),
        literals: Vec::new(),
        command: staged.join("\n"),
        what_it_does: "Creates a new self-signed Auth certificate, schedules it to become current in 48 hours and publishes it in the metadata document now, beside the current one, so Skype (and Exchange Online) learn it before it signs. When prompted to overwrite the default SMTP certificate, answer No. The verify command shows, for each Exchange server, whether it holds the new certificate: it must be on every one before the date.".into(),
        verify: Some(on_every_server("(Get-AuthConfig).NextCertificateThumbprint")),
        undo: None,
        warning: Some(format!("Publishing can take up to an hour. Nothing changes for tokens until the date; then clear the previous certificate (next step).{HYBRID_AGAIN}")),
        changes_configuration: true,
    });
    let clear = [
        "Set-AuthConfig -ClearPreviousCertificate",
        "Restart-Service MSExchangeServiceHost",
        "iisreset",
    ];
    steps.push(Step {
        id: "exchange-clear-previous-auth-certificate",
        group: Group::Maintenance,
        side: Side::Exchange,
        shell: Shell::ExchangeManagementShell,
        server: "one Exchange server; the restart and iisreset on each".into(),
        title: "After the new Auth certificate is current: clear the previous one and restart".into(),
        literals: Vec::new(),
        command: clear.join("\n"),
        what_it_does: "Once the effective date has passed, removes the previous certificate from Exchange's configuration and metadata, then restarts the Microsoft Exchange Service Host and recycles IIS so every service signs with the new certificate. Run the last two lines on every Exchange server.".into(),
        verify: Some("Get-AuthConfig | Format-List CurrentCertificateThumbprint,PreviousCertificateThumbprint,NextCertificateThumbprint".into()),
        undo: None,
        warning: Some(format!("Only after the effective date: before it, the previous certificate is still the one that signs.{HYBRID_AGAIN}")),
        changes_configuration: true,
    });
    let now = [
        NEW_AUTH_CERTIFICATE,
        "Set-AuthConfig -NewCertificateThumbprint $cert.Thumbprint -NewCertificateEffectiveDate (Get-Date)",
        "Set-AuthConfig -PublishCertificate",
        "Set-AuthConfig -ClearPreviousCertificate",
        "Restart-Service MSExchangeServiceHost",
        "iisreset",
    ];
    steps.push(Step {
        id: "exchange-renew-auth-certificate",
        group: Group::Maintenance,
        side: Side::Exchange,
        shell: Shell::ExchangeManagementShell,
        server: "one Exchange server (the certificate replicates); restart and iisreset on each".into(),
        title: "Only when the Auth certificate has already expired: renew it at once".into(),
        literals: Vec::new(),
        command: now.join("\n"),
        what_it_does: "Creates a new self-signed Auth certificate, makes it current now, publishes it in the metadata document and drops the old one. When prompted to overwrite the default SMTP certificate, answer No. Skype picks the new key up from the metadata URL. The verify command shows whether each Exchange server holds it.".into(),
        verify: Some(on_every_server("(Get-AuthConfig).CurrentCertificateThumbprint")),
        undo: None,
        warning: Some(format!("Effective immediately: tokens signed with the old certificate stop working, and publishing can take up to an hour. With a certificate still valid, use the staged renewal above instead. If Skype's partner application was created from a certificate instead of the metadata URL, re-create it.{HYBRID_AGAIN}")),
        changes_configuration: true,
    });
}
