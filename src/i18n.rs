//! English and Korean. The UI is written in English; `tr` gives the Korean
//! of a text when Korean is chosen. The choice defaults to the browser's
//! language, is switched in the header and kept in local storage.
//!
//! The shell renders again when the language changes, so `tr` needs no
//! signal of its own: it reads the language the shell is rendering in.
//! Findings come from s2s-core in English and are shown in Korean through
//! its catalogue (`findings::ko`).

use std::cell::Cell;

use crate::browser::local_storage;
use leptos::prelude::*;

const STORAGE_KEY: &str = "s2s.lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Ko,
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The language being rendered.
pub fn lang() -> Lang {
    CURRENT.with(Cell::get)
}

pub fn set_rendering(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", if lang == Lang::Ko { "ko" } else { "en" });
    }
}

/// The Korean of an English UI text (the text itself when English is shown
/// or no translation exists).
pub fn tr(en: &'static str) -> &'static str {
    if lang() == Lang::En {
        return en;
    }
    KO.iter().find(|(e, _)| *e == en).map_or(en, |(_, k)| k)
}

/// [`tr`] for text that is not a literal (a label passed along).
pub fn tr_any(en: &str) -> String {
    if lang() == Lang::En {
        return en.to_string();
    }
    KO.iter()
        .find(|(e, _)| *e == en)
        .map_or_else(|| en.to_string(), |(_, k)| (*k).to_string())
}

/// English or Korean for text built from values.
pub fn pick(en: String, ko: String) -> String {
    if lang() == Lang::Ko { ko } else { en }
}

/// The saved choice, else the browser's language.
pub fn initial() -> Lang {
    let saved = local_storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    let browser = web_sys::window().and_then(|w| w.navigator().language());
    match saved.or(browser) {
        Some(l) if l.to_ascii_lowercase().starts_with("ko") => Lang::Ko,
        _ => Lang::En,
    }
}

#[component]
pub fn LangSwitch(lang: RwSignal<Lang>) -> impl IntoView {
    let on_change = move |ev| {
        let chosen = if event_target_value(&ev) == "ko" {
            Lang::Ko
        } else {
            Lang::En
        };
        if let Some(s) = local_storage() {
            let _ = s.set_item(STORAGE_KEY, if chosen == Lang::Ko { "ko" } else { "en" });
        }
        lang.set(chosen);
    };
    let is_ko = lang.get_untracked() == Lang::Ko;
    view! {
        <label class="lang-switch">
            <span>{tr("Language")}</span>
            <select on:change=on_change>
                <option value="en" selected=!is_ko>"English"</option>
                <option value="ko" lang="ko" selected=is_ko>"한국어"</option>
            </select>
        </label>
    }
}

/// `(English, Korean)` of every UI text. Commands, cmdlets, parameters and
/// product names stay as they are.
const KO: &[(&str, &str)] = &[
    ("Language", "언어"),
    ("Copy Thumbprint", "지문 복사"),
    ("Exchange trust probe", "Exchange 신뢰 검사"),
    (
        "WWW-Authenticate as received",
        "받은 그대로의 WWW-Authenticate",
    ),
    ("Copy x5t", "x5t 복사"),
    ("Skip to content", "본문으로 건너뛰기"),
    (
        "Skype for Business ⇄ Exchange server-to-server trust",
        "Skype for Business ⇄ Exchange 서버 간 신뢰",
    ),
    ("Theme", "테마"),
    ("System", "시스템"),
    ("Light", "밝게"),
    ("Dark", "어둡게"),
    ("Connecting…", "연결 중…"),
    ("Server unreachable", "서버에 연결할 수 없음"),
    ("Server mode", "서버 모드"),
    ("Console pages", "콘솔 페이지"),
    ("Page not found", "페이지를 찾을 수 없습니다"),
    (
        "The console has no page at this address.",
        "이 주소에는 콘솔 페이지가 없습니다.",
    ),
    ("Go to the overview", "개요로 가기"),
    (
        "This page is not built yet in this version of the console.",
        "이 버전의 콘솔에는 아직 이 페이지가 없습니다.",
    ),
    ("Step 1 of 6", "6단계 중 1단계"),
    ("Step 2 of 6", "6단계 중 2단계"),
    ("Step 3 of 6", "6단계 중 3단계"),
    ("Step 4 of 6", "6단계 중 4단계"),
    ("Step 5 of 6", "6단계 중 5단계"),
    ("Step 6 of 6", "6단계 중 6단계"),
    (
        "Skype for Business Server and Exchange Server trust each other through server-to-server OAuth: each publishes an authentication metadata document with its signing certificate, and each is registered as a partner application of the other. Both directions must work.",
        "Skype for Business Server와 Exchange Server는 서버 간 OAuth로 서로를 신뢰합니다. 각자 서명 인증서가 담긴 인증 메타데이터 문서를 게시하고, 서로를 파트너 응용 프로그램으로 등록합니다. 두 방향이 모두 작동해야 합니다.",
    ),
    (
        "Asking the s2s server for its configuration…",
        "s2s 서버에 설정을 묻는 중…",
    ),
    ("Skype trusts Exchange", "Skype가 Exchange를 신뢰"),
    ("Exchange trusts Skype", "Exchange가 Skype를 신뢰"),
    ("Trust diagram", "신뢰 다이어그램"),
    (
        "Not checked yet: name the two servers and fetch both documents.",
        "아직 확인하지 않았습니다: 두 서버를 입력하고 두 문서를 가져오십시오.",
    ),
    ("Start with step 1: Topology", "1단계 토폴로지부터 시작"),
    ("See the fix", "해결 방법 보기"),
    ("See what to do", "할 일 보기"),
    (
        "Confirm with Test-CsExStorageConnectivity",
        "Test-CsExStorageConnectivity로 확인",
    ),
    (
        "Both directions check out: each server publishes a valid signing certificate the other can trust.",
        "두 방향 모두 정상입니다: 각 서버가 상대 서버가 신뢰할 수 있는 유효한 서명 인증서를 게시합니다.",
    ),
    ("Demo environment", "데모 환경"),
    (
        "The two servers are simulated inside s2s with real TLS: ",
        "두 서버는 실제 TLS로 s2s 안에서 시뮬레이션됩니다: ",
    ),
    (
        " (Skype for Business pool) and ",
        " (Skype for Business 풀), ",
    ),
    (
        " (Exchange). Pick what they play.",
        " (Exchange). 어떤 상황을 재현할지 고르십시오.",
    ),
    (
        "Asking the demo for its scenarios…",
        "데모에 시나리오를 묻는 중…",
    ),
    ("Scenario", "시나리오"),
    (
        "Fill in the documentation's example (litwareinc.com)",
        "문서의 예(litwareinc.com)로 채우기",
    ),
    ("Servers", "서버"),
    ("Skype for Business pool FQDN", "Skype for Business 풀 FQDN"),
    (
        "Its metadata is at https://<pool>/metadata/json/1. A pasted URL is fine.",
        "메타데이터 주소는 https://<pool>/metadata/json/1입니다. URL을 붙여 넣어도 됩니다.",
    ),
    (
        "Exchange autodiscover host or metadata URL",
        "Exchange autodiscover 호스트 또는 메타데이터 URL",
    ),
    (
        "Its metadata is at https://<host>/autodiscover/metadata/json/1.",
        "메타데이터 주소는 https://<host>/autodiscover/metadata/json/1입니다.",
    ),
    ("SIP domain", "SIP 도메인"),
    (
        "Skype's OAuth realm is the default SIP domain unless set otherwise.",
        "따로 설정하지 않으면 Skype의 OAuth 영역(realm)은 기본 SIP 도메인입니다.",
    ),
    ("Exchange servers", "Exchange 서버"),
    (
        "Mailbox servers to iisreset after the change, separated by commas.",
        "변경 후 iisreset할 사서함 서버(쉼표로 구분).",
    ),
    (
        "Pasted command output (optional)",
        "붙여 넣은 명령 출력(선택)",
    ),
    (
        "From the Skype for Business Server Management Shell; the thumbprints are picked out.",
        "Skype for Business Server 관리 셸에서 실행한 출력. 지문을 찾아냅니다.",
    ),
    (
        "From the Exchange Management Shell.",
        "Exchange 관리 셸에서 실행한 출력.",
    ),
    (
        "From the Exchange Management Shell; wildcard domains are flagged.",
        "Exchange 관리 셸에서 실행한 출력. 와일드카드 도메인을 표시합니다.",
    ),
    ("Fetch both", "둘 다 가져오기"),
    ("Derived metadata URLs", "만들어진 메타데이터 URL"),
    (
        "Skype for Business metadata",
        "Skype for Business 메타데이터",
    ),
    ("Exchange metadata", "Exchange 메타데이터"),
    ("not known yet", "아직 알 수 없음"),
    ("Copy URL", "URL 복사"),
    ("Fetch results", "가져오기 결과"),
    ("not fetched yet", "아직 가져오지 않음"),
    ("fetching…", "가져오는 중…"),
    ("no answer", "응답 없음"),
    (
        " TLS verification is switched off for this host (insecure_skip_verify in the s2s configuration)",
        " 이 호스트는 TLS 확인이 꺼져 있습니다(s2s 설정의 insecure_skip_verify)",
    ),
    ("Overview", "개요"),
    ("Both documents", "두 문서"),
    ("All findings", "모든 진단 결과"),
    ("Fetch steps", "가져오기 단계"),
    ("Not fetched yet.", "아직 가져오지 않았습니다."),
    ("Fetching…", "가져오는 중…"),
    ("Name the servers on the ", "먼저 "),
    ("Topology", "토폴로지"),
    (" page first.", " 페이지에서 서버를 입력하십시오."),
    ("HTTP status", "HTTP 상태"),
    ("TLS", "TLS"),
    ("Server chain", "서버 체인"),
    ("Service principal", "서비스 주체"),
    ("Realm", "영역(realm)"),
    ("Issuer", "발급자"),
    ("Allowed audiences", "허용된 대상(audience)"),
    ("Endpoints", "끝점"),
    ("Keys", "키"),
    ("Fields the console does not know", "콘솔이 모르는 필드"),
    ("Field problems", "필드 문제"),
    ("Document (pretty)", "문서(정리됨)"),
    ("Body as received", "받은 그대로의 본문"),
    (
        "TLS certificate verification is switched off for this host in the s2s configuration (insecure_skip_verify): use it only in a lab.",
        "s2s 설정에서 이 호스트의 TLS 인증서 확인이 꺼져 있습니다(insecure_skip_verify). 실습 환경에서만 사용하십시오.",
    ),
    (
        "No certificates yet: fetch both documents on the Topology page, or inspect one below.",
        "아직 인증서가 없습니다: 토폴로지 페이지에서 두 문서를 가져오거나 아래에서 인증서를 검사하십시오.",
    ),
    ("Inspect a certificate", "인증서 검사"),
    (
        "Paste PEM or base64, or drop a .cer/.pem file here",
        "PEM 또는 base64를 붙여 넣거나 .cer/.pem 파일을 여기에 놓으십시오",
    ),
    ("Or choose a file", "또는 파일 선택"),
    ("Key", "키"),
    ("Signature", "서명"),
    ("Thumbprint", "지문(Thumbprint)"),
    ("Key usage", "키 사용"),
    ("Extended key usage", "확장 키 사용"),
    ("Subject alternative names", "주체 대체 이름"),
    ("Full details", "자세히"),
    ("Serial number", "일련 번호"),
    ("Signature algorithm OID", "서명 알고리즘 OID"),
    ("Certificate authority", "인증 기관"),
    ("Path length", "경로 길이"),
    ("Self-issued", "자체 발급"),
    ("Size", "크기"),
    ("Unreadable extension", "읽을 수 없는 확장"),
    ("Download .cer", ".cer 다운로드"),
    ("Download .pem", ".pem 다운로드"),
    ("yes", "예"),
    ("no", "아니요"),
    ("no basic constraints", "기본 제약 없음"),
    ("Nothing fetched yet. ", "아직 가져온 것이 없습니다. "),
    (
        "Name the servers and press Fetch both",
        "서버를 입력하고 둘 다 가져오기를 누르십시오",
    ),
    ("Expected", "예상"),
    ("Actual", "실제"),
    ("Evidence", "근거"),
    ("Fix: ", "해결: "),
    ("Skype for Business", "Skype for Business"),
    ("Exchange", "Exchange"),
    ("Both sides", "양쪽"),
    ("Copy command", "명령 복사"),
    ("Copy", "복사"),
    ("Copied", "복사됨"),
    ("Copy failed", "복사 실패"),
    ("Copied to the clipboard", "클립보드에 복사했습니다"),
    (
        " (fill in the topology to see the exact command)",
        " (정확한 명령을 보려면 토폴로지를 입력하십시오)",
    ),
    ("Advanced options", "고급 옵션"),
    (
        "The pool's metadata URL is https://<pool>/metadata/json/1.",
        "풀의 메타데이터 URL은 https://<pool>/metadata/json/1입니다.",
    ),
    ("Exchange autodiscover host", "Exchange autodiscover 호스트"),
    (
        "Exchange's metadata URL is https://<host>/autodiscover/metadata/json/1. A pasted URL is fine.",
        "Exchange의 메타데이터 URL은 https://<host>/autodiscover/metadata/json/1입니다. URL을 붙여 넣어도 됩니다.",
    ),
    ("Exchange servers to iisreset", "iisreset할 Exchange 서버"),
    (
        "Mailbox/Client Access servers, separated by commas.",
        "사서함/클라이언트 액세스 서버(쉼표로 구분).",
    ),
    ("Test user", "테스트 사용자"),
    (
        "A user with an Exchange mailbox, for Test-CsExStorageConnectivity.",
        "Test-CsExStorageConnectivity에 쓸, Exchange 사서함이 있는 사용자.",
    ),
    ("Exchange install path", "Exchange 설치 경로"),
    (
        "Empty for the default; $env:ExchangeInstallPath to use the server's own setting.",
        "비우면 기본값, 서버 자체 설정을 쓰려면 $env:ExchangeInstallPath.",
    ),
    (
        "Partner application identity on Skype",
        "Skype의 파트너 응용 프로그램 ID",
    ),
    (
        "The name Skype gives Exchange's partner application.",
        "Skype가 Exchange의 파트너 응용 프로그램에 붙이는 이름.",
    ),
    ("Trust level", "신뢰 수준"),
    (
        "Full lets Exchange act for itself and any user of the realm (what Exchange needs).",
        "Full은 Exchange가 자신과 영역의 모든 사용자로 동작하게 합니다(Exchange에 필요한 값).",
    ),
    ("Skype OAuth realm", "Skype OAuth 영역(realm)"),
    (
        "Only when the realm must differ from the default SIP domain.",
        "영역이 기본 SIP 도메인과 달라야 할 때만.",
    ),
    (
        "Storage service host (NetTCP test)",
        "스토리지 서비스 호스트(NetTCP 테스트)",
    ),
    (
        "Only to test over NetTCP instead of the default binding.",
        "기본 바인딩 대신 NetTCP로 테스트할 때만.",
    ),
    (
        "New OAuthTokenIssuer certificate (thumbprint)",
        "새 OAuthTokenIssuer 인증서(지문)",
    ),
    (
        "Adds the Set-CsCertificate step that assigns it on Skype. Spaces and colons are fine.",
        "Skype에서 할당하는 Set-CsCertificate 단계를 추가합니다. 공백과 콜론은 괜찮습니다.",
    ),
    ("Roll to it at (optional)", "교체 시각(선택)"),
    (
        "Local time on the Front End, YYYY-MM-DD or YYYY-MM-DD HH:MM; empty assigns at once.",
        "프런트 엔드의 현지 시각, YYYY-MM-DD 또는 YYYY-MM-DD HH:MM. 비우면 바로 할당합니다.",
    ),
    (
        "Exchange Auth certificate (optional)",
        "Exchange Auth 인증서(선택)",
    ),
    (
        "PEM or base64. Adds the alternative: a Skype partner application holding this certificate instead of the metadata URL.",
        "PEM 또는 base64. 메타데이터 URL 대신 이 인증서를 가진 Skype 파트너 응용 프로그램이라는 대안을 추가합니다.",
    ),
    (
        "Realm for the certificate-based application",
        "인증서 기반 응용 프로그램의 영역(realm)",
    ),
    (
        "Needed with a pasted Exchange certificate.",
        "Exchange 인증서를 붙여 넣었을 때 필요합니다.",
    ),
    (
        "A partner application for Exchange may already exist on Skype (create or repair)",
        "Skype에 Exchange용 파트너 응용 프로그램이 이미 있을 수 있음(만들거나 고치기)",
    ),
    (
        "Trust any TLS certificate of the pool (-TrustAnySSLCertificate $true) — lab only",
        "풀의 어떤 TLS 인증서든 신뢰(-TrustAnySSLCertificate $true) — 실습 환경 전용",
    ),
    (
        "What was taken from pasted values",
        "붙여 넣은 값에서 가져온 것",
    ),
    ("Download the plan as .ps1", "계획을 .ps1로 다운로드"),
    (
        "Enter the pool and the Exchange autodiscover host to see the commands.",
        "명령을 보려면 풀과 Exchange autodiscover 호스트를 입력하십시오.",
    ),
    (
        "Copy every command of this section",
        "이 섹션의 모든 명령 복사",
    ),
    ("Before you run it: ", "실행하기 전에: "),
    (
        "What it does, how to verify, how to undo",
        "하는 일, 확인 방법, 되돌리는 방법",
    ),
    ("Verify: ", "확인: "),
    ("Undo: ", "되돌리기: "),
    (
        "Also read: Test-OAuthConnectivity … | Format-List *, the output of Configure-EnterprisePartnerApplication.ps1, LS Storage Service events 32053/32054, Get-AuthConfig, Get-CsCertificate -Type OAuthTokenIssuer, Get-PartnerApplication, Get-CsPartnerApplication and Get-AcceptedDomain. Paste several to read them together; drop .txt files anywhere on the page.",
        "다음도 읽습니다: Test-OAuthConnectivity … | Format-List *, Configure-EnterprisePartnerApplication.ps1의 출력, LS Storage Service 이벤트 32053/32054, Get-AuthConfig, Get-CsCertificate -Type OAuthTokenIssuer, Get-PartnerApplication, Get-CsPartnerApplication, Get-AcceptedDomain. 여러 개를 붙여 넣으면 함께 읽습니다. .txt 파일은 페이지 아무 곳에나 놓으십시오.",
    ),
    ("Add another output", "출력 추가"),
    ("Add .txt files ", ".txt 파일 추가 "),
    (
        "Nothing in the pasted text was recognised.",
        "붙여 넣은 텍스트에서 인식한 것이 없습니다.",
    ),
    ("Passed.", "통과했습니다."),
    (
        "No problem found in what was pasted.",
        "붙여 넣은 내용에서 문제를 찾지 못했습니다.",
    ),
    ("Facts", "사실"),
    ("Recognised", "인식한 명령"),
    ("Outcome", "결과"),
    ("passed", "통과"),
    ("failed", "실패"),
    ("Trusted issuers", "신뢰하는 발급자"),
    ("none listed", "목록 없음"),
    ("Token types", "토큰 형식"),
    ("Autodiscover", "Autodiscover"),
    ("Web proxy", "웹 프록시"),
    ("Partner application", "파트너 응용 프로그램"),
    ("Accepted domain", "허용 도메인"),
    ("Event", "이벤트"),
    ("Steps", "단계"),
    ("Findings", "진단 결과"),
    (
        "Live: the documents through the proxy",
        "실시간: 프록시로 가져온 문서",
    ),
    (
        "Not fetched: press Fetch both on the Topology page.",
        "가져오지 않음: 토폴로지 페이지에서 둘 다 가져오기를 누르십시오.",
    ),
    ("enabled", "활성"),
    ("disabled", "비활성"),
    ("Print or save as PDF", "인쇄 또는 PDF로 저장"),
    ("Close the report", "보고서 닫기"),
    ("Back", "뒤로"),
    (
        "This server is read-only: it fetches nothing. Open a report link an administrator shared, or a report file, to see their findings, certificates, documents and test results.",
        "이 서버는 읽기 전용이며 아무것도 가져오지 않습니다. 관리자가 공유한 보고서 링크나 보고서 파일을 열면 진단 결과, 인증서, 문서, 테스트 결과를 볼 수 있습니다.",
    ),
    (
        "Share what the console shows now",
        "지금 콘솔이 보여 주는 내용 공유",
    ),
    (
        "The report holds the topology, both fetched documents with their certificates, the pasted test output and the findings. A link carries it after the #, which browsers never send to a server.",
        "보고서에는 토폴로지, 가져온 두 문서와 인증서, 붙여 넣은 테스트 출력, 진단 결과가 담깁니다. 링크는 # 뒤에 보고서를 싣는데, 브라우저는 이 부분을 서버로 보내지 않습니다.",
    ),
    ("Copy report link", "보고서 링크 복사"),
    ("Download report", "보고서 다운로드"),
    ("Open a report file", "보고서 파일 열기"),
    ("Read-only report", "읽기 전용 보고서"),
    ("Verdict", "판정"),
    ("Now", "현재"),
    ("When the report was made", "보고서를 만든 시점"),
    ("Certificates", "인증서"),
    ("Documents", "문서"),
    ("Test results", "테스트 결과"),
    ("nothing had been fetched", "가져온 것이 없었음"),
    ("both directions checked out", "두 방향 모두 정상"),
];
