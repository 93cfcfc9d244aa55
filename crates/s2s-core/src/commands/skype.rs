//! Skype trusts Exchange: the OAuth realm (before Exchange reads Skype's
//! document), the partner application (plain or create-or-repair, which
//! also sets the service name), and the connectivity test.

use super::{Group, PlanInput, Shell, Step, TestBinding, literals_of};
use crate::inputs::TrustLevel;
use crate::powershell::{Command, pipeline, single_quoted};
use crate::principal::{EXCHANGE, SKYPE};
use crate::topology::Side;

const FRONT_END: &str = "a Front End server of the pool";

fn new_partner(input: &PlanInput) -> Command {
    Command::cmdlet("New-CsPartnerApplication")
        .literal("Identity", input.identity.as_str())
        .keyword("ApplicationTrustLevel", input.trust_level.keyword())
        .literal("MetadataUrl", input.exchange_metadata_url())
}

pub(super) fn steps(input: &PlanInput, steps: &mut Vec<Step>) {
    if let Some(realm) = &input.realm {
        let cmd = Command::cmdlet("Set-CsOAuthConfiguration")
            .keyword("ServiceName", SKYPE.id)
            .literal("Realm", realm.as_str());
        steps.push(Step {
            id: "skype-oauth-configuration",
            group: Group::Skype,
            side: Side::Skype,
            shell: Shell::SkypeManagementShell,
            server: FRONT_END.into(),
            title: "Set Skype's OAuth service name and realm".into(),
            literals: literals_of(&[&cmd]),
            command: cmd.render(),
            what_it_does: "Skype's realm defaults to the default SIP domain; this sets it explicitly. Exchange must have the realm as an accepted domain (not only a wildcard).".into(),
            verify: Some(Command::cmdlet("Get-CsOAuthConfiguration").render()),
            undo: None,
            warning: Some("If Exchange already has a partner application for Skype, it holds the old realm: remove it on Exchange (Remove-PartnerApplication <name>) before the Exchange section below creates it again.".into()),
            changes_configuration: true,
        });
    }
    // How Skype finds Exchange (its storage service asks autodiscover for
    // EWS); Microsoft's planning page says it must be set (DOMAIN.md §9).
    let autodiscover = Command::cmdlet("Set-CsOAuthConfiguration")
        .keyword("Identity", "global")
        .literal("ExchangeAutodiscoverUrl", input.exchange_autodiscover_url());
    steps.push(Step {
        id: "skype-oauth-autodiscover",
        group: Group::Skype,
        side: Side::Skype,
        shell: Shell::SkypeManagementShell,
        server: FRONT_END.into(),
        title: "Tell Skype where Exchange's autodiscover service is".into(),
        literals: literals_of(&[&autodiscover]),
        command: autodiscover.render(),
        what_it_does: "Sets the URL Skype's storage service asks for Exchange Web Services (archiving, the unified contact store, the storage test). Microsoft's planning guide requires it; without it Skype logs LS Storage Service events 32053/32054.".into(),
        verify: Some(pipeline(&[
            Command::cmdlet("Get-CsOAuthConfiguration"),
            Command::cmdlet("Format-List").bare("ExchangeAutodiscoverUrl"),
        ])),
        undo: None,
        warning: Some("It replaces the URL already set, if any: Get-CsOAuthConfiguration shows it first. Exchange must answer at this name: its AutoDiscoverServiceInternalUri and the autodiscover DNS record must point at it.".into()),
        changes_configuration: true,
    });
    let identity = input.identity.as_str();
    let get = Command::cmdlet("Get-CsPartnerApplication").literal("Identity", identity);
    let new = new_partner(input);
    let remove = Command::cmdlet("Remove-CsPartnerApplication").literal("Identity", identity);
    let (command, literals, title, verify) = if input.partner_may_exist {
        let (text, literals, verify) = create_or_repair(input, &new, &remove);
        (
            text,
            literals,
            "Create or repair the Exchange partner application on Skype",
            verify,
        )
    } else {
        (
            new.render(),
            literals_of(&[&new]),
            "Register Exchange as a partner application of Skype for Business",
            get.render(),
        )
    };
    steps.push(Step {
        id: "skype-partner-application",
        group: Group::Skype,
        side: Side::Skype,
        shell: Shell::SkypeManagementShell,
        server: FRONT_END.into(),
        title: title.into(),
        command,
        literals,
        what_it_does: match input.trust_level {
            TrustLevel::Full => "Downloads Exchange's metadata document and trusts its signing certificate, with trust level Full (Exchange may act as itself and for any user of the realm).".to_string(),
            level => format!(
                "Downloads Exchange's metadata document and trusts its signing certificate, with trust level {}. Exchange needs Full, to act as itself and for any user of the realm.",
                level.keyword()
            ),
        },
        verify: Some(verify),
        // A repair changes an application that may have worked before:
        // removing it is no undo.
        undo: (!input.partner_may_exist).then(|| remove.render()),
        warning: if input.partner_may_exist {
            Some("Repairs Exchange's application whatever its identity (metadata URL, trust level, enabled). Stops without a change when it trusts Exchange Online through the OAuth server (a Skype hybrid), or when several carry Exchange's identifier. Removes an application of another identifier only when it holds this identity. There is no undo: the application may have existed before.".into())
        } else {
            Some(format!("Fails if a partner application '{identity}' already exists: use the create-or-repair form then."))
        },
        changes_configuration: true,
    });
    // Microsoft's create-or-repair script ends by setting the service name
    // (with a realm given, the first step already did).
    if input.partner_may_exist && input.realm.is_none() {
        let cmd = Command::cmdlet("Set-CsOAuthConfiguration").keyword("ServiceName", SKYPE.id);
        steps.push(Step {
            id: "skype-oauth-service-name",
            group: Group::Skype,
            side: Side::Skype,
            shell: Shell::SkypeManagementShell,
            server: FRONT_END.into(),
            title: "Set Skype's OAuth service name".into(),
            literals: literals_of(&[&cmd]),
            command: cmd.render(),
            what_it_does: "Makes Skype sign its tokens as 00000004-0000-0ff1-ce00-000000000000, the service name Exchange knows it by. The realm stays the default SIP domain.".into(),
            verify: Some(Command::cmdlet("Get-CsOAuthConfiguration").render()),
            undo: None,
            warning: None,
            changes_configuration: true,
        });
    }
}

/// Why the repair stops instead of changing anything (thrown, so a pasted
/// block ends there).
const STOP_SEVERAL: &str = "Several Skype partner applications carry Exchange's identifier: keep one (Remove-CsPartnerApplication -Identity <name>) and run this again. Nothing was changed.";
const STOP_HYBRID: &str = "Skype trusts Exchange Online through the OAuth server (New-CsPartnerApplication -UseOAuthServer, a Skype hybrid): replacing that application would break the hybrid. Nothing was changed.";
/// How `AuthToken` shows an application made with `-UseOAuthServer`
/// (inferred from published listings).
const OAUTH_SERVER_TOKEN: &str = "*UseOAuthServer*";

/// Microsoft's idempotent form (DOMAIN.md §5), made safe for a hybrid
/// (§9): Exchange's application is found by its identifier whatever its
/// identity; repaired with the metadata URL, trust level and enabled; left
/// alone, with the reason, when it trusts Exchange Online through the
/// OAuth server or when it is not one.
fn create_or_repair(
    input: &PlanInput,
    new: &Command,
    remove: &Command,
) -> (String, Vec<String>, String) {
    let identity = input.identity.as_str();
    let find = [
        Command::cmdlet("Get-CsPartnerApplication"),
        Command::cmdlet("Where-Object")
            .bare("ApplicationIdentifier")
            .literal("eq", EXCHANGE.id),
    ];
    let other = Command::cmdlet("Get-CsPartnerApplication")
        .literal("Identity", identity)
        .keyword("ErrorAction", "SilentlyContinue");
    let set = Command::cmdlet("Set-CsPartnerApplication")
        .keyword("Identity", "$app[0].Identity")
        .keyword("ApplicationTrustLevel", input.trust_level.keyword())
        .literal("MetadataUrl", input.exchange_metadata_url())
        .keyword("Enabled", "$true");
    let text = format!(
        "$app = @({find})\n\
         if ($app.Count -gt 1) {{\n    throw {several}\n\
         }} elseif ($app.Count -eq 1 -and $app[0].AuthToken -like {token}) {{\n    throw {hybrid}\n\
         }} elseif ($app.Count -eq 1) {{\n    {set}\n\
         }} else {{\n    \
         if ($null -ne ({other})) {{\n        \
         # The identity belongs to another application: make room for Exchange's.\n        \
         {remove}\n    }}\n    {new}\n}}",
        find = pipeline(&find),
        several = single_quoted(STOP_SEVERAL),
        token = single_quoted(OAUTH_SERVER_TOKEN),
        hybrid = single_quoted(STOP_HYBRID),
        set = set.render(),
        other = other.render(),
        remove = remove.render(),
        new = new.render(),
    );
    let mut literals = vec![
        STOP_SEVERAL.to_string(),
        OAUTH_SERVER_TOKEN.to_string(),
        STOP_HYBRID.to_string(),
    ];
    literals.extend(literals_of(&[
        &find[0], &find[1], &set, &other, remove, new,
    ]));
    (text, literals, pipeline(&find))
}

pub(super) fn test(input: &PlanInput, steps: &mut Vec<Step>) {
    let Some(user) = &input.test_user else {
        return;
    };
    let mut cmd = Command::cmdlet("Test-CsExStorageConnectivity").literal("SipUri", user.as_str());
    if let TestBinding::NetTcp { storage_service } = &input.test_binding {
        cmd = cmd
            .keyword("Binding", "NetTCP")
            .literal("HostNameStorageService", storage_service.as_str());
    }
    let cmd = cmd.switch("DeleteItem").switch("Verbose");
    steps.push(Step {
        id: "skype-test-storage",
        group: Group::Test,
        side: Side::Both,
        shell: Shell::SkypeManagementShell,
        server: FRONT_END.into(),
        title: format!("Test Skype → Exchange storage with {}", user.as_str()),
        literals: literals_of(&[&cmd]),
        command: cmd.render(),
        what_it_does: "Writes a test item to the user's Conversation History folder through EWS and deletes it again (-DeleteItem). -Verbose shows each step: paste the output into the console's Test results page.".into(),
        verify: None,
        undo: None,
        warning: Some("Run it as a member of RTCUniversalUserAdmins (or RTC Local User Administrators); otherwise it answers Access Denied.".into()),
        changes_configuration: false,
    });
}

/// What Microsoft's integration guide lists once the trust works (DOMAIN.md
/// §5): Exchange archiving and the unified contact store, each optional.
pub(super) fn next_steps(steps: &mut Vec<Step>) {
    let archiving = Command::cmdlet("Set-CsArchivingConfiguration")
        .keyword("Identity", "global")
        .keyword("EnableExchangeArchiving", "$true");
    steps.push(Step {
        id: "skype-exchange-archiving",
        group: Group::NextSteps,
        side: Side::Skype,
        shell: Shell::SkypeManagementShell,
        server: FRONT_END.into(),
        title: "Optional: archive Skype conversations in Exchange".into(),
        literals: literals_of(&[&archiving]),
        command: archiving.render(),
        what_it_does: "Keeps the instant messages and meeting content Skype archives in the users' Exchange mailboxes instead of Skype's own archiving database. Test-CsExStorageConnectivity -Folder Dumpster then reaches a user's archive.".into(),
        verify: Some(pipeline(&[
            Command::cmdlet("Get-CsArchivingConfiguration").keyword("Identity", "global"),
            Command::cmdlet("Format-List").bare("EnableArchiving,EnableExchangeArchiving"),
        ])),
        undo: Some(
            Command::cmdlet("Set-CsArchivingConfiguration")
                .keyword("Identity", "global")
                .keyword("EnableExchangeArchiving", "$false")
                .render(),
        ),
        warning: Some("Skype archives only what its archiving configuration and policies turn on (EnableArchiving), and Exchange keeps the items only for mailboxes on In-Place Hold or Litigation Hold.".into()),
        changes_configuration: true,
    });
    let contacts = Command::cmdlet("Set-CsUserServicesPolicy")
        .keyword("Identity", "global")
        .keyword("UcsAllowed", "$true");
    steps.push(Step {
        id: "skype-unified-contact-store",
        group: Group::NextSteps,
        side: Side::Skype,
        shell: Shell::SkypeManagementShell,
        server: FRONT_END.into(),
        title: "Optional: keep users' contacts in Exchange (unified contact store)".into(),
        literals: literals_of(&[&contacts]),
        command: contacts.render(),
        what_it_does: "Moves each user's Skype contacts into their Exchange mailbox at their next sign-in, where Outlook and Outlook on the web show the same list. The global policy covers every user without a policy of their own.".into(),
        verify: Some(pipeline(&[
            Command::cmdlet("Get-CsUserServicesPolicy").keyword("Identity", "global"),
            Command::cmdlet("Format-List").bare("UcsAllowed"),
        ])),
        undo: Some(
            Command::cmdlet("Set-CsUserServicesPolicy")
                .keyword("Identity", "global")
                .keyword("UcsAllowed", "$false")
                .render(),
        ),
        warning: Some("Turning it off moves no contacts back: a user already moved goes back with Invoke-CsUcsRollback.".into()),
        changes_configuration: true,
    });
}

/// Instead of the metadata URL: a partner application holding Exchange's
/// certificate itself. It does not follow certificate renewals.
pub(super) fn certificate_alternative(input: &PlanInput, steps: &mut Vec<Step>) {
    let Some(alt) = &input.certificate_alternative else {
        return;
    };
    let raw = crate::encoding::standard(&alt.der);
    let cmd = Command::cmdlet("New-CsPartnerApplication")
        .literal("Identity", input.identity.as_str())
        .keyword("ApplicationIdentifier", EXCHANGE.id)
        .keyword("ApplicationTrustLevel", input.trust_level.keyword())
        .literal("Realm", alt.realm.as_str())
        .literal("CertificateRawData", raw);
    steps.push(Step {
        id: "skype-partner-application-certificate",
        group: Group::Alternative,
        side: Side::Skype,
        shell: Shell::SkypeManagementShell,
        server: FRONT_END.into(),
        title: "Register Exchange on Skype from its certificate".into(),
        literals: literals_of(&[&cmd]),
        command: cmd.render(),
        what_it_does: format!(
            "Trusts the certificate with thumbprint {} directly, for when Skype cannot download Exchange's metadata document. Use it instead of the metadata-URL step, not in addition.",
            crate::thumbprint::Sha1Fingerprint::of(&alt.der).thumbprint()
        ),
        verify: Some(Command::cmdlet("Get-CsPartnerApplication").literal("Identity", input.identity.as_str()).render()),
        undo: Some(Command::cmdlet("Remove-CsPartnerApplication").literal("Identity", input.identity.as_str()).render()),
        warning: Some("This application keeps this certificate: after Exchange renews its Auth certificate, remove and re-create it (or switch to the metadata URL).".into()),
        changes_configuration: true,
    });
}
