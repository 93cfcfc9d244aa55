//! Exchange trusts Skype: the partner-application script, then iisreset
//! (on each server named; without names the script's step says to).

use super::{Group, InstallPath, PlanInput, Shell, Step, literals_of};
use crate::powershell::{Command, pipeline};
use crate::topology::Side;

const SCRIPT: &str = "Scripts\\Configure-EnterprisePartnerApplication.ps1";

/// The name Exchange's script gives the applications it makes.
pub(crate) const ON_PREMISES_SKYPE_NAMES: &str = "LyncEnterprise-*";

/// This pool's applications on Exchange: `LyncEnterprise-*` reading this
/// pool's metadata URL. Never by Skype's identifier alone: Skype Online's
/// `SfBOnline` carries the same one (DOMAIN.md §9), and must not be touched.
pub(super) fn skype_partner_applications(input: &PlanInput) -> Vec<Command> {
    vec![
        Command::cmdlet("Get-PartnerApplication"),
        Command::cmdlet("Where-Object")
            .bare("Name")
            .literal("like", ON_PREMISES_SKYPE_NAMES),
        Command::cmdlet("Where-Object")
            .bare("AuthMetadataUrl")
            .literal("eq", input.skype_metadata_url()),
    ]
}

pub(super) fn steps(input: &PlanInput, steps: &mut Vec<Step>) {
    let script = match &input.install_path {
        InstallPath::FromEnvironment => Command::call_under_exchange_install_path(SCRIPT),
        InstallPath::Path(p) => Command::call_script(format!("{}\\{SCRIPT}", p.as_str())),
    };
    let mut script = script
        .literal("AuthMetadataUrl", input.skype_metadata_url())
        .keyword("ApplicationType", "Lync");
    if input.trust_any_ssl {
        script = script.bound("TrustAnySSLCertificate", "$true");
    }
    let mut verify = skype_partner_applications(input);
    verify.push(
        Command::cmdlet("Format-List")
            .bare("Name,Enabled,ApplicationIdentifier,AuthMetadataUrl,Realm"),
    );
    let mut undo = skype_partner_applications(input);
    undo.push(Command::cmdlet("Remove-PartnerApplication"));
    let mut warning = String::from(
        "Every run creates another LyncEnterprise-<guid> partner application. If Get-PartnerApplication already lists a LyncEnterprise application with this pool's metadata URL, do not run this again: refresh it instead (maintenance section), or remove the extras with Remove-PartnerApplication <name>. Leave SfBOnline alone: it is Skype Online's application, with the same identifier.",
    );
    if input.exchange_servers.is_empty() {
        warning.push_str(" Then run iisreset on every Exchange Mailbox/Client Access server: name them in “Exchange servers to iisreset” to get the commands.");
    }
    if input.trust_any_ssl {
        warning.push_str(" -TrustAnySSLCertificate:$true skips checking the pool's web certificate: for a lab only; in production trust the issuing CA on the Exchange servers.");
    }
    steps.push(Step {
        id: "exchange-partner-application",
        group: Group::Exchange,
        side: Side::Exchange,
        shell: Shell::ExchangeManagementShell,
        server: "one Exchange Mailbox server".into(),
        title: "Register Skype for Business as a partner application of Exchange".into(),
        literals: literals_of(&[&script]),
        command: script.render(),
        what_it_does: "Creates the partner application LyncEnterprise-<guid> from Skype's metadata URL, the hidden mail user LyncEnterprise-ApplicationAccount and its roles (UserApplication, ArchiveApplication, MeetingGraphApplication). Success ends with THE CONFIGURATION HAS SUCCEEDED. Undoing it removes the LyncEnterprise applications that read this pool's metadata URL, also any made before, and never Skype Online's SfBOnline; the mail user and its roles stay.".into(),
        verify: Some(pipeline(&verify)),
        // Only the command: the undo line is pasted as it is.
        undo: Some(pipeline(&undo)),
        warning: Some(warning),
        changes_configuration: true,
    });
    for server in &input.exchange_servers {
        let cmd = Command::cmdlet("iisreset").positional(server.as_str());
        steps.push(Step {
            id: "exchange-iisreset",
            group: Group::Exchange,
            side: Side::Exchange,
            shell: Shell::ExchangeManagementShell,
            server: format!("any Exchange server, or an elevated prompt that reaches {}", server.as_str()),
            title: format!("Restart IIS on {}", server.as_str()),
            literals: literals_of(&[&cmd]),
            command: cmd.render(),
            what_it_does: "Makes the server's web services load the new partner application. Users of that server see a short interruption.".into(),
            verify: None,
            undo: None,
            warning: Some("Interrupts Outlook on the web, EWS and ActiveSync on this server for a moment: choose a quiet time.".into()),
            changes_configuration: false,
        });
    }
}
