//! Korean text of the findings (titles, fixes, explanations), for the
//! console's Korean UI. The findings are made in English; here each text is
//! matched against its English pattern, whose `{}` parts (a key, a number,
//! a host) are carried into the Korean pattern. A text without a Korean
//! pattern stays English: `tests` check that every finding the test suites
//! produce has all three in Korean.
//!
//! Commands, cmdlet names, parameters and values are never translated.

use super::Finding;

/// `(English pattern, Korean pattern)` of titles. `{}` captures a value;
/// `{0}`, `{1}` in the Korean pattern place captures out of order.
const TITLES: &[(&str, &str)] = &[
    // Documents
    (
        "The metadata document could not be fetched",
        "메타데이터 문서를 가져오지 못했습니다",
    ),
    (
        "The metadata URL answered HTTP {}",
        "메타데이터 URL이 HTTP {}로 응답했습니다",
    ),
    (
        "The answer is JSON but not a metadata document",
        "응답이 JSON이지만 메타데이터 문서가 아닙니다",
    ),
    (
        "The answer is an HTML page, not the metadata document",
        "응답이 메타데이터 문서가 아니라 HTML 페이지입니다",
    ),
    (
        "The answer is not a readable JSON document",
        "응답을 JSON 문서로 읽을 수 없습니다",
    ),
    (
        "The JSON has none of the fields of a metadata document",
        "JSON에 메타데이터 문서의 필드가 하나도 없습니다",
    ),
    (
        "The metadata document was read",
        "메타데이터 문서를 읽었습니다",
    ),
    (
        "Some fields have an unexpected type and were ignored",
        "일부 필드의 형식이 예상과 달라 무시했습니다",
    ),
    (
        "The document names no service principal",
        "문서에 서비스 주체가 없습니다",
    ),
    ("The document is {}'s", "{}의 문서입니다"),
    (
        "This is not {}'s metadata document",
        "{}의 메타데이터 문서가 아닙니다",
    ),
    (
        "The document has no issuer",
        "문서에 발급자(issuer)가 없습니다",
    ),
    (
        "The issuer is <serviceName>@<realm>",
        "발급자가 <serviceName>@<realm> 형식입니다",
    ),
    (
        "The issuer does not match the service name and realm",
        "발급자가 서비스 이름 및 영역(realm)과 맞지 않습니다",
    ),
    (
        "Skype's OAuth realm is the SIP domain",
        "Skype의 OAuth 영역(realm)이 SIP 도메인과 같습니다",
    ),
    (
        "Skype's OAuth realm is not the SIP domain given",
        "Skype의 OAuth 영역(realm)이 입력한 SIP 도메인과 다릅니다",
    ),
    // Keys and certificates
    (
        "The document publishes no usable signing certificate",
        "문서에 사용할 수 있는 서명 인증서가 없습니다",
    ),
    (
        "Key {} has no readable certificate",
        "키 {}의 인증서를 읽을 수 없습니다",
    ),
    (
        "Key {}: the published x5t matches the certificate",
        "키 {}: 게시된 x5t가 인증서와 일치합니다",
    ),
    (
        "Key {}: the published x5t is not the certificate's",
        "키 {}: 게시된 x5t가 인증서의 것이 아닙니다",
    ),
    (
        "Key {} publishes no x5t; it was computed",
        "키 {}에 x5t가 없어 계산했습니다",
    ),
    (
        "{} certificates are published",
        "인증서 {}개가 게시되어 있습니다",
    ),
    (
        "{}: the certificate has expired",
        "{}: 인증서가 만료되었습니다",
    ),
    (
        "{}: the certificate is not valid yet",
        "{}: 인증서가 아직 유효하지 않습니다",
    ),
    (
        "{}: the certificate expires in {} days",
        "{}: 인증서가 {}일 후 만료됩니다",
    ),
    (
        "{}: the certificate is valid for {} more days",
        "{}: 인증서가 {}일 더 유효합니다",
    ),
    ("{}: RSA {}-bit key", "{}: RSA {}비트 키"),
    ("{}: signed with {}", "{}: {}(으)로 서명됨"),
    // Both servers
    (
        "The metadata URL is not https",
        "메타데이터 URL이 https가 아닙니다",
    ),
    (
        "Exchange's metadata URL lacks /autodiscover",
        "Exchange 메타데이터 URL에 /autodiscover가 빠져 있습니다",
    ),
    (
        "The metadata URL has the expected form",
        "메타데이터 URL 형식이 올바릅니다",
    ),
    (
        "Each server signs with its own certificate",
        "각 서버가 자신의 인증서로 서명합니다",
    ),
    (
        "Both servers publish the same certificate",
        "두 서버가 같은 인증서를 게시합니다",
    ),
    (
        "The servers' clocks differ by {} seconds",
        "두 서버의 시계가 {}초 차이 납니다",
    ),
    ("The servers' clocks agree", "두 서버의 시계가 맞습니다"),
    (
        "The certificate in use is the one published",
        "사용 중인 인증서가 게시된 인증서입니다",
    ),
    (
        "The certificate in use is not in the published document",
        "사용 중인 인증서가 게시된 문서에 없습니다",
    ),
    // Pasted test and command output
    (
        "Exchange rejects Skype's realm (2000004 invalid_tenant): it is not one of Exchange's accepted domains",
        "Exchange가 Skype의 영역(realm)을 거부합니다(2000004 invalid_tenant): Exchange의 허용 도메인이 아닙니다",
    ),
    (
        "Exchange rejects the token's audience (2000003 invalid_resource)",
        "Exchange가 토큰의 대상(audience)을 거부합니다(2000003 invalid_resource)",
    ),
    (
        "Exchange cannot tell which mailbox the token is for (2000005 invalid_user)",
        "Exchange가 토큰이 어느 사서함의 것인지 알 수 없습니다(2000005 invalid_user)",
    ),
    (
        "Exchange does not accept OAuth for this request (4000000 oauth_not_available)",
        "Exchange가 이 요청에 OAuth를 받지 않습니다(4000000 oauth_not_available)",
    ),
    (
        "Exchange reported diagnostic code {}",
        "Exchange가 진단 코드 {}를 보고했습니다",
    ),
    (
        "Exchange trusts Skype's issuer",
        "Exchange가 Skype의 발급자를 신뢰합니다",
    ),
    (
        "Exchange trusts Skype under another realm than Skype's document names",
        "Exchange가 Skype 문서와 다른 영역(realm)으로 Skype를 신뢰합니다",
    ),
    (
        "Exchange does not trust Skype's issuer: Skype is not in trusted_issuers",
        "Exchange가 Skype의 발급자를 신뢰하지 않습니다: trusted_issuers에 Skype가 없습니다",
    ),
    (
        "Exchange has {} LyncEnterprise partner applications",
        "Exchange에 LyncEnterprise 파트너 응용 프로그램이 {}개 있습니다",
    ),
    (
        "Partner application {} is disabled",
        "파트너 응용 프로그램 {}이(가) 비활성화되어 있습니다",
    ),
    (
        "Exchange's request went through an outbound web proxy, which refused it",
        "Exchange의 요청이 외부 웹 프록시를 거쳤고 프록시가 거부했습니다",
    ),
    (
        "Access denied: the account running the test may not run it",
        "액세스 거부: 테스트를 실행한 계정에 권한이 없습니다",
    ),
    (
        "Exchange Web Services answered with an empty response (error 574)",
        "Exchange 웹 서비스가 빈 응답을 보냈습니다(오류 574)",
    ),
    (
        "Skype's storage service could not find Exchange Web Services through autodiscover",
        "Skype 스토리지 서비스가 자동 검색(autodiscover)으로 Exchange 웹 서비스를 찾지 못했습니다",
    ),
    (
        "Accepted domain {} is a wildcard",
        "허용 도메인 {}은(는) 와일드카드입니다",
    ),
    (
        "Configure-EnterprisePartnerApplication.ps1 succeeded",
        "Configure-EnterprisePartnerApplication.ps1이 성공했습니다",
    ),
    ("{} passed", "{} 통과"),
    ("{} failed", "{} 실패"),
    (
        "The pasted text was not recognised",
        "붙여 넣은 텍스트를 인식하지 못했습니다",
    ),
    // The live trust probe
    (
        "The live trust probe got no answer from Exchange's EWS",
        "실시간 신뢰 검사가 Exchange EWS에서 응답을 받지 못했습니다",
    ),
    (
        "Exchange's Bearer challenge names no trusted issuers",
        "Exchange의 Bearer 챌린지에 신뢰하는 발급자가 없습니다",
    ),
    (
        "Exchange also trusts a hybrid (Microsoft 365) issuer",
        "Exchange가 하이브리드(Microsoft 365) 발급자도 신뢰합니다",
    ),
    (
        "Exchange sent a Bearer challenge but will not accept OAuth on EWS (4000000 oauth_not_available)",
        "Exchange가 Bearer 챌린지를 보냈지만 EWS에서 OAuth를 받지 않습니다(4000000 oauth_not_available)",
    ),
    (
        "Exchange's EWS does not offer OAuth: no Bearer challenge (inferred)",
        "Exchange EWS가 OAuth를 제공하지 않습니다: Bearer 챌린지 없음(추정)",
    ),
    (
        "EWS answered HTTP {} without a Bearer challenge: Exchange's trust could not be read",
        "EWS가 Bearer 챌린지 없이 HTTP {}로 응답해 Exchange의 신뢰를 읽을 수 없습니다",
    ),
];

const FIXES: &[(&str, &str)] = &[
    (
        "Run Configure-EnterprisePartnerApplication.ps1 with Skype's metadata URL on Exchange and iisreset.",
        "Exchange에서 Skype의 메타데이터 URL로 Configure-EnterprisePartnerApplication.ps1을 실행하고 iisreset을 실행하십시오.",
    ),
    (
        "Check Get-WebServicesVirtualDirectory | Format-List *OAuth*; if OAuthAuthentication is False: {}, then iisreset (inferred).",
        "Get-WebServicesVirtualDirectory | Format-List *OAuth*를 확인하십시오. OAuthAuthentication이 False이면 {}를 실행한 뒤 iisreset(추정).",
    ),
    (
        "Check on Exchange: Get-WebServicesVirtualDirectory | Format-List *OAuth*; if OAuthAuthentication is False: {}, then iisreset.",
        "Exchange에서 확인하십시오: Get-WebServicesVirtualDirectory | Format-List *OAuth*. OAuthAuthentication이 False이면 {}를 실행한 뒤 iisreset.",
    ),
    (
        "Check the host name, that it resolves, and that port 443 is reachable from this machine and from the other server; correct the URL if it is wrong.",
        "호스트 이름과 이름 확인(DNS), 이 컴퓨터와 상대 서버에서 443 포트에 접속할 수 있는지 확인하고, URL이 틀렸으면 고치십시오.",
    ),
    (
        "The metadata endpoint must allow anonymous access: check authentication on the virtual directory (Autodiscover on Exchange) and any reverse proxy in front of it.",
        "메타데이터 끝점은 익명 액세스를 허용해야 합니다: 가상 디렉터리(Exchange에서는 Autodiscover)와 그 앞의 역방향 프록시의 인증 설정을 확인하십시오.",
    ),
    (
        "The path is wrong: Skype publishes /metadata/json/1 on the pool, Exchange /autodiscover/metadata/json/1 on the autodiscover host.",
        "경로가 틀렸습니다: Skype는 풀에서 /metadata/json/1을, Exchange는 autodiscover 호스트에서 /autodiscover/metadata/json/1을 게시합니다.",
    ),
    (
        "Check the web server and any load balancer or proxy in front of it; the document must be served with status 200.",
        "웹 서버와 그 앞의 부하 분산 장치나 프록시를 확인하십시오. 문서는 상태 200으로 제공되어야 합니다.",
    ),
    (
        "Open the URL in a browser on the other server: an HTML page usually means a login page or a proxy's error page is served instead; make the URL reachable anonymously.",
        "상대 서버의 브라우저에서 URL을 열어 보십시오. HTML 페이지는 대개 로그인 페이지나 프록시 오류 페이지가 대신 제공된다는 뜻입니다. URL에 익명으로 접근할 수 있게 하십시오.",
    ),
    (
        "Check that the URL points at the metadata endpoint (…/metadata/json/1).",
        "URL이 메타데이터 끝점(…/metadata/json/1)을 가리키는지 확인하십시오.",
    ),
    (
        "Usually harmless if the other checks pass; a hand-edited or proxied document may be damaged.",
        "다른 검사가 통과하면 대개 문제없습니다. 손으로 고쳤거나 프록시를 거친 문서는 손상되었을 수 있습니다.",
    ),
    (
        "Check that the URL is the metadata endpoint of the right server.",
        "URL이 올바른 서버의 메타데이터 끝점인지 확인하십시오.",
    ),
    (
        "The two metadata URLs look swapped: the pool's URL must be given for Skype and the autodiscover URL for Exchange.",
        "두 메타데이터 URL이 바뀐 것 같습니다: Skype에는 풀의 URL을, Exchange에는 autodiscover URL을 입력해야 합니다.",
    ),
    (
        "Point the URL at the right server: the Skype pool (https://<pool FQDN>/metadata/json/1) or Exchange autodiscover (https://<host>/autodiscover/metadata/json/1).",
        "URL이 올바른 서버를 가리키게 하십시오: Skype 풀(https://<pool FQDN>/metadata/json/1) 또는 Exchange autodiscover(https://<host>/autodiscover/metadata/json/1).",
    ),
    (
        "Skype and Exchange always publish an issuer; check that this is the server's own document and not a copy.",
        "Skype와 Exchange는 항상 발급자를 게시합니다. 복사본이 아니라 서버 자신의 문서인지 확인하십시오.",
    ),
    (
        "On Skype, set the realm with Set-CsOAuthConfiguration -Realm; on Exchange, check Get-AuthConfig (ServiceName, Realm).",
        "Skype에서는 Set-CsOAuthConfiguration -Realm으로 영역을 설정하고, Exchange에서는 Get-AuthConfig(ServiceName, Realm)를 확인하십시오.",
    ),
    (
        "If the realm was changed on purpose, make sure it is an accepted domain in Exchange (Get-AcceptedDomain); otherwise restore it with Set-CsOAuthConfiguration -Realm <SIP domain> and re-create the partner application on Exchange.",
        "영역을 일부러 바꿨다면 Exchange의 허용 도메인인지 확인하십시오(Get-AcceptedDomain). 그렇지 않으면 Set-CsOAuthConfiguration -Realm <SIP domain>으로 되돌리고 Exchange에서 파트너 응용 프로그램을 다시 만드십시오.",
    ),
    (
        "Assign a valid OAuthTokenIssuer certificate (at least 2048 bits, the same on every Front End) with Set-CsCertificate -Identity global -Type OAuthTokenIssuer -Thumbprint <thumbprint>, then refresh the partner application on Exchange (Set-PartnerApplication <name> -RefreshAuthMetadata).",
        "유효한 OAuthTokenIssuer 인증서(2048비트 이상, 모든 프런트 엔드에 같은 인증서)를 Set-CsCertificate -Identity global -Type OAuthTokenIssuer -Thumbprint <thumbprint>로 할당한 다음, Exchange에서 파트너 응용 프로그램을 새로 고치십시오(Set-PartnerApplication <name> -RefreshAuthMetadata).",
    ),
    (
        "Renew the Exchange Auth certificate: New-ExchangeCertificate -KeySize 2048 -PrivateKeyExportable $true -SubjectName 'cn=Microsoft Exchange Server Auth Certificate' -FriendlyName 'Microsoft Exchange Server Auth Certificate' -DomainName @(), then Set-AuthConfig -NewCertificateThumbprint <thumbprint> -NewCertificateEffectiveDate (Get-Date), Set-AuthConfig -PublishCertificate, Set-AuthConfig -ClearPreviousCertificate, restart MSExchangeServiceHost and run iisreset.",
        "Exchange 인증(Auth) 인증서를 갱신하십시오: New-ExchangeCertificate -KeySize 2048 -PrivateKeyExportable $true -SubjectName 'cn=Microsoft Exchange Server Auth Certificate' -FriendlyName 'Microsoft Exchange Server Auth Certificate' -DomainName @() 다음에 Set-AuthConfig -NewCertificateThumbprint <thumbprint> -NewCertificateEffectiveDate (Get-Date), Set-AuthConfig -PublishCertificate, Set-AuthConfig -ClearPreviousCertificate를 실행하고 MSExchangeServiceHost를 다시 시작한 뒤 iisreset을 실행하십시오.",
    ),
    (
        "Fetch the document from the server itself: a copied or hand-edited document may be cut short. If the server publishes it so, re-publish its certificate.",
        "서버에서 직접 문서를 가져오십시오. 복사했거나 손으로 고친 문서는 잘렸을 수 있습니다. 서버가 그렇게 게시한다면 인증서를 다시 게시하십시오.",
    ),
    (
        "The document is inconsistent: restart the service that publishes it (Exchange: MSExchangeServiceHost and iisreset; Skype: the Front End) and fetch it again.",
        "문서가 일관되지 않습니다: 문서를 게시하는 서비스를 다시 시작하고(Exchange: MSExchangeServiceHost와 iisreset, Skype: 프런트 엔드) 다시 가져오십시오.",
    ),
    (
        "Normal around a certificate rollover; once the new certificate is in use, clear the old one (Exchange: Set-AuthConfig -ClearPreviousCertificate).",
        "인증서 교체 중에는 정상입니다. 새 인증서를 사용하기 시작하면 이전 인증서를 지우십시오(Exchange: Set-AuthConfig -ClearPreviousCertificate).",
    ),
    (
        "Check the clocks of the servers; if the certificate was created for a future rollover, it is published too early.",
        "서버 시계를 확인하십시오. 나중의 교체를 위해 만든 인증서라면 너무 일찍 게시된 것입니다.",
    ),
    (
        "Use https:// — both servers publish the document over TLS and refuse to register a partner from plain http.",
        "https://를 사용하십시오. 두 서버 모두 TLS로 문서를 게시하며 일반 http로는 파트너를 등록하지 않습니다.",
    ),
    (
        "Use https://{}/autodiscover/metadata/json/1 in New-CsPartnerApplication -MetadataUrl.",
        "New-CsPartnerApplication -MetadataUrl에 https://{}/autodiscover/metadata/json/1을 사용하십시오.",
    ),
    (
        "Give each server its own certificate: Skype its OAuthTokenIssuer certificate (Set-CsCertificate -Type OAuthTokenIssuer), Exchange its Auth certificate (Set-AuthConfig).",
        "각 서버에 자신의 인증서를 주십시오: Skype에는 OAuthTokenIssuer 인증서(Set-CsCertificate -Type OAuthTokenIssuer)를, Exchange에는 Auth 인증서(Set-AuthConfig)를.",
    ),
    (
        "Synchronise both servers with the domain's time source (w32tm /resync; check w32tm /query /status).",
        "두 서버를 도메인의 시간 원본과 동기화하십시오(w32tm /resync, w32tm /query /status로 확인).",
    ),
    (
        "Skype publishes its OAuthTokenIssuer certificate: check Get-CsCertificate -Type OAuthTokenIssuer on every Front End; after a change, refresh the partner application on Exchange (Set-PartnerApplication <name> -RefreshAuthMetadata) and run iisreset.",
        "Skype는 OAuthTokenIssuer 인증서를 게시합니다: 모든 프런트 엔드에서 Get-CsCertificate -Type OAuthTokenIssuer를 확인하십시오. 바꾼 뒤에는 Exchange에서 파트너 응용 프로그램을 새로 고치고(Set-PartnerApplication <name> -RefreshAuthMetadata) iisreset을 실행하십시오.",
    ),
    (
        "Publish the current Auth certificate: Set-AuthConfig -PublishCertificate (and restart MSExchangeServiceHost, iisreset); then re-create Skype's partner application if it was created from a certificate rather than the metadata URL.",
        "현재 Auth 인증서를 게시하십시오: Set-AuthConfig -PublishCertificate(그리고 MSExchangeServiceHost 다시 시작, iisreset). Skype의 파트너 응용 프로그램을 메타데이터 URL이 아니라 인증서로 만들었다면 다시 만드십시오.",
    ),
    // Pasted test and command output
    (
        "Add {} to Exchange as an accepted domain of its own (wildcard accepted domains do not count), or make Skype's realm an existing accepted domain with Set-CsOAuthConfiguration -Realm; then re-create Exchange's partner application for Skype and run iisreset.",
        "{}을(를) Exchange에 별도의 허용 도메인으로 추가하거나(와일드카드 허용 도메인은 해당하지 않습니다) Set-CsOAuthConfiguration -Realm으로 Skype의 영역을 기존 허용 도메인으로 바꾸십시오. 그다음 Exchange에서 Skype용 파트너 응용 프로그램을 다시 만들고 iisreset을 실행하십시오.",
    ),
    (
        "Make autodiscover return an EWS URL whose host is one of Exchange's own names (the EWS virtual directory's internal or external URL), or add that name to Exchange's certificate and URLs.",
        "autodiscover가 Exchange 자신의 이름(EWS 가상 디렉터리의 내부 또는 외부 URL)을 호스트로 하는 EWS URL을 돌려주게 하거나, 그 이름을 Exchange의 인증서와 URL에 추가하십시오.",
    ),
    (
        "Find the objects that share the user's UPN, primary SMTP address or SIP address (Get-Recipient -Filter …) and make the address unique.",
        "사용자의 UPN, 기본 SMTP 주소 또는 SIP 주소를 함께 쓰는 개체를 찾아(Get-Recipient -Filter …) 주소가 하나뿐이게 하십시오.",
    ),
    (
        "Check that the EWS and Autodiscover virtual directories accept OAuth: Get-WebServicesVirtualDirectory | Format-List *OAuth*; if not, Set-WebServicesVirtualDirectory <identity> -OAuthAuthentication $true and iisreset (inferred).",
        "EWS와 Autodiscover 가상 디렉터리가 OAuth를 받는지 확인하십시오: Get-WebServicesVirtualDirectory | Format-List *OAuth*. 받지 않으면 Set-WebServicesVirtualDirectory <identity> -OAuthAuthentication $true 후 iisreset(추정).",
    ),
    (
        "Look the code up in Exchange's OAuth documentation; the reason text says what Exchange disliked.",
        "Exchange OAuth 문서에서 코드를 찾아보십시오. reason 텍스트가 Exchange가 거부한 이유를 알려 줍니다.",
    ),
    (
        "Re-create Exchange's partner application from Skype's current metadata URL (Configure-EnterprisePartnerApplication.ps1) and run iisreset; if Skype's realm changed on purpose, make it an accepted domain first.",
        "Skype의 현재 메타데이터 URL로 Exchange의 파트너 응용 프로그램을 다시 만들고(Configure-EnterprisePartnerApplication.ps1) iisreset을 실행하십시오. Skype의 영역을 일부러 바꿨다면 먼저 허용 도메인으로 추가하십시오.",
    ),
    (
        "Run Configure-EnterprisePartnerApplication.ps1 with Skype's metadata URL on Exchange and iisreset; if the partner application exists, enable it: Set-PartnerApplication <name> -Enabled $true.",
        "Exchange에서 Skype의 메타데이터 URL로 Configure-EnterprisePartnerApplication.ps1을 실행하고 iisreset을 실행하십시오. 파트너 응용 프로그램이 이미 있으면 활성화하십시오: Set-PartnerApplication <name> -Enabled $true.",
    ),
    (
        "Keep the one whose AuthMetadataUrl is the pool's and remove the others: Remove-PartnerApplication <name>.",
        "AuthMetadataUrl이 풀의 URL인 것 하나만 남기고 나머지는 제거하십시오: Remove-PartnerApplication <name>.",
    ),
    (
        "Enable it: Set-PartnerApplication '{}' -Enabled $true (Exchange) or Set-CsPartnerApplication -Identity '{}' -Enabled $true (Skype).",
        "활성화하십시오: Set-PartnerApplication '{}' -Enabled $true(Exchange) 또는 Set-CsPartnerApplication -Identity '{}' -Enabled $true(Skype).",
    ),
    (
        "Let Exchange reach internal names directly: add them to the bypass list of Exchange's InternetWebProxy (Set-ExchangeServer <server> -InternetWebProxyBypassList …, where available) or to the proxy's exceptions.",
        "Exchange가 내부 이름에 직접 접근하게 하십시오: Exchange InternetWebProxy의 우회 목록(가능한 버전에서는 Set-ExchangeServer <server> -InternetWebProxyBypassList …)이나 프록시의 예외에 추가하십시오.",
    ),
    (
        "Run the test as a member of RTC Local User Administrators or RTCUniversalUserAdmins (or add the account), then open a new Skype for Business Server Management Shell.",
        "RTC Local User Administrators 또는 RTCUniversalUserAdmins 구성원으로 테스트를 실행하고(또는 계정을 추가하고) Skype for Business Server 관리 셸을 새로 여십시오.",
    ),
    (
        "Check the EWS URL autodiscover returns and that EWS itself answers (the EWS application pool, a load balancer or proxy in front of it); re-run the test with -Verbose to see the HTTP status.",
        "autodiscover가 돌려주는 EWS URL과 EWS 자체가 응답하는지(EWS 응용 프로그램 풀, 그 앞의 부하 분산 장치나 프록시) 확인하십시오. -Verbose로 테스트를 다시 실행하면 HTTP 상태를 볼 수 있습니다.",
    ),
    (
        "From the Front End, check that the autodiscover name resolves and that its certificate is trusted (open the URI in a browser on the server); then check the inner HTTP error the event shows.",
        "프런트 엔드에서 autodiscover 이름이 확인되고 그 인증서를 신뢰하는지 확인하십시오(서버의 브라우저에서 URI 열기). 그다음 이벤트에 나온 내부 HTTP 오류를 확인하십시오.",
    ),
    (
        "If Skype's realm falls under it, add that domain as an accepted domain of its own.",
        "Skype의 영역이 여기에 해당하면 그 도메인을 별도의 허용 도메인으로 추가하십시오.",
    ),
    (
        "Run iisreset on each Exchange server; do not run the script again (each run adds another partner application).",
        "각 Exchange 서버에서 iisreset을 실행하십시오. 스크립트를 다시 실행하지 마십시오(실행할 때마다 파트너 응용 프로그램이 하나씩 늘어납니다).",
    ),
    (
        "Run it again with -Verbose and paste the whole output, with Get-PartnerApplication (Exchange) and Get-CsPartnerApplication (Skype): the console reads the cause from the headers.",
        "-Verbose로 다시 실행하고 전체 출력을 Get-PartnerApplication(Exchange), Get-CsPartnerApplication(Skype) 출력과 함께 붙여 넣으십시오. 콘솔이 헤더에서 원인을 읽습니다.",
    ),
    (
        "Paste the whole output of Test-CsExStorageConnectivity -Verbose, Test-OAuthConnectivity … | Format-List *, Configure-EnterprisePartnerApplication.ps1, the LS Storage Service events 32053/32054, or Get-AuthConfig, Get-CsCertificate -Type OAuthTokenIssuer, Get-PartnerApplication, Get-CsPartnerApplication, Get-AcceptedDomain.",
        "Test-CsExStorageConnectivity -Verbose, Test-OAuthConnectivity … | Format-List *, Configure-EnterprisePartnerApplication.ps1, LS Storage Service 이벤트 32053/32054, 또는 Get-AuthConfig, Get-CsCertificate -Type OAuthTokenIssuer, Get-PartnerApplication, Get-CsPartnerApplication, Get-AcceptedDomain의 전체 출력을 붙여 넣으십시오.",
    ),
];

const EXPLANATIONS: &[(&str, &str)] = &[
    (
        "Without an answer the issuers Exchange trusts cannot be read live; paste Test-CsExStorageConnectivity output instead.",
        "응답이 없으면 Exchange가 신뢰하는 발급자를 실시간으로 읽을 수 없습니다. 대신 Test-CsExStorageConnectivity 출력을 붙여 넣으십시오.",
    ),
    (
        "Exchange lists the issuers it trusts in its challenge; none listed means no partner application is active.",
        "Exchange는 챌린지에 신뢰하는 발급자를 나열합니다. 목록이 없으면 활성 파트너 응용 프로그램이 없다는 뜻입니다.",
    ),
    (
        "The ACS principal (00000001-…) or an issuer for any realm (*) is a hybrid or default Exchange configuration; it does not affect the trust with Skype.",
        "ACS 주체(00000001-…)나 모든 영역(*)의 발급자는 하이브리드 또는 기본 Exchange 구성이며, Skype와의 신뢰에는 영향이 없습니다.",
    ),
    (
        "x-ms-diagnostics 4000000 means Exchange refuses OAuth for that endpoint even though its OAuth module answered.",
        "x-ms-diagnostics 4000000은 OAuth 모듈이 응답했는데도 Exchange가 그 끝점에서 OAuth를 거부한다는 뜻입니다.",
    ),
    (
        "Exchange's OAuth module answers an empty Bearer token with a Bearer challenge; without one, EWS most likely has OAuth authentication switched off (inferred: a device in front of Exchange can also strip it), and Skype's tokens are refused.",
        "Exchange의 OAuth 모듈은 빈 Bearer 토큰에 Bearer 챌린지로 응답합니다. 챌린지가 없으면 EWS의 OAuth 인증이 꺼져 있을 가능성이 높고(추정: Exchange 앞의 장치가 제거했을 수도 있음) Skype의 토큰이 거부됩니다.",
    ),
    (
        "The probe reads the issuers Exchange trusts from its 401 challenge; check that the host is an Exchange server (or load balancer) serving /EWS/Exchange.asmx.",
        "검사는 401 챌린지에서 Exchange가 신뢰하는 발급자를 읽습니다. 호스트가 /EWS/Exchange.asmx를 제공하는 Exchange 서버(또는 부하 분산 장치)인지 확인하십시오.",
    ),
    (
        "The other server downloads this document to trust this one; New-CsPartnerApplication and Configure-EnterprisePartnerApplication.ps1 fail with 'could not be downloaded' when it cannot.",
        "상대 서버는 이 문서를 내려받아 이 서버를 신뢰합니다. 내려받지 못하면 New-CsPartnerApplication과 Configure-EnterprisePartnerApplication.ps1이 'could not be downloaded'로 실패합니다.",
    ),
    (
        "Only a 200 answer carries the document the other server needs.",
        "상대 서버에 필요한 문서는 200 응답에만 담깁니다.",
    ),
    (
        "The other server must be able to parse this document to register the partner application.",
        "상대 서버가 파트너 응용 프로그램을 등록하려면 이 문서를 해석할 수 있어야 합니다.",
    ),
    (
        "Without these fields there is nothing to trust.",
        "이 필드가 없으면 신뢰할 대상이 없습니다.",
    ),
    (
        "The console read the rest of the document; the server reading it may be stricter.",
        "콘솔은 문서의 나머지를 읽었지만, 문서를 읽는 서버는 더 엄격할 수 있습니다.",
    ),
    (
        "The partner application is registered under the service principal the document names.",
        "파트너 응용 프로그램은 문서에 적힌 서비스 주체로 등록됩니다.",
    ),
    (
        "Each server must be registered from the other's own document; another service's document creates a partner application for the wrong service.",
        "각 서버는 상대 서버 자신의 문서로 등록해야 합니다. 다른 서비스의 문서로는 엉뚱한 서비스의 파트너 응용 프로그램이 만들어집니다.",
    ),
    (
        "Tokens are checked against the issuer <serviceName>@<realm>.",
        "토큰은 발급자 <serviceName>@<realm>과 대조됩니다.",
    ),
    (
        "Tokens name this issuer; if it disagrees with serviceName and realm the other server rejects them.",
        "토큰에는 이 발급자가 적히므로, serviceName 및 realm과 맞지 않으면 상대 서버가 거부합니다.",
    ),
    (
        "Skype's realm defaults to the default SIP domain, and Exchange accepts Skype's tokens only when that realm is one of its accepted domains (401 invalid_tenant otherwise).",
        "Skype의 영역은 기본적으로 기본 SIP 도메인이며, Exchange는 그 영역이 자신의 허용 도메인일 때만 Skype의 토큰을 받습니다(아니면 401 invalid_tenant).",
    ),
    (
        "The other server verifies this server's tokens with the published certificate; without one every token is rejected.",
        "상대 서버는 게시된 인증서로 이 서버의 토큰을 검증합니다. 인증서가 없으면 모든 토큰이 거부됩니다.",
    ),
    (
        "An unreadable key cannot verify any token.",
        "읽을 수 없는 키로는 어떤 토큰도 검증할 수 없습니다.",
    ),
    (
        "Token headers name the signing certificate by x5t; a wrong x5t makes the other server look for a certificate that is not there.",
        "토큰 헤더는 서명 인증서를 x5t로 가리킵니다. x5t가 틀리면 상대 서버가 없는 인증서를 찾게 됩니다.",
    ),
    (
        "Both are trusted until the old one is removed from the document.",
        "이전 인증서가 문서에서 제거될 때까지 둘 다 신뢰됩니다.",
    ),
    (
        "Tokens signed with an expired certificate are rejected; an expired Exchange Auth certificate also breaks OWA/ECP sign-in and EWS.",
        "만료된 인증서로 서명한 토큰은 거부됩니다. Exchange Auth 인증서가 만료되면 OWA/ECP 로그인과 EWS도 작동하지 않습니다.",
    ),
    (
        "A certificate is rejected before its NotBefore time.",
        "인증서는 NotBefore 시각 전에는 거부됩니다.",
    ),
    (
        "Renewal and publication take time; with under three weeks left it is urgent.",
        "갱신과 게시에는 시간이 걸립니다. 3주도 남지 않았다면 긴급합니다.",
    ),
    (
        "Plan the renewal now: the new certificate must be published and picked up by the other server before the old one expires.",
        "지금 갱신을 계획하십시오. 이전 인증서가 만료되기 전에 새 인증서가 게시되고 상대 서버가 가져가야 합니다.",
    ),
    (
        "Skype requires an OAuthTokenIssuer key of at least 2048 bits, and shorter keys are no longer considered safe.",
        "Skype는 2048비트 이상의 OAuthTokenIssuer 키를 요구하며, 더 짧은 키는 더 이상 안전하지 않습니다.",
    ),
    (
        "SHA-1 and MD5 signatures are deprecated; replace the certificate at its next renewal at the latest.",
        "SHA-1과 MD5 서명은 더 이상 권장되지 않습니다. 늦어도 다음 갱신 때 인증서를 바꾸십시오.",
    ),
    (
        "The document carries the certificate the other server will trust; it must come over an authenticated channel.",
        "이 문서에는 상대 서버가 신뢰할 인증서가 담기므로, 인증된 채널로 전달되어야 합니다.",
    ),
    (
        "Exchange publishes its document under the Autodiscover virtual directory; some documentation prints the URL without it.",
        "Exchange는 Autodiscover 가상 디렉터리 아래에 문서를 게시합니다. 일부 문서에는 이 부분이 빠진 URL이 나옵니다.",
    ),
    (
        "Sharing a private key between the two products means either can impersonate the other, and renewing one breaks both.",
        "두 제품이 개인 키를 공유하면 서로를 가장할 수 있고, 하나를 갱신하면 둘 다 작동하지 않습니다.",
    ),
    (
        "Tokens carry validity times; a large clock difference makes fresh tokens look expired or not yet valid. (Inferred from the Date headers of the two answers, fetched moments apart.)",
        "토큰에는 유효 시간이 담겨 있어, 시계 차이가 크면 새 토큰이 만료되었거나 아직 유효하지 않은 것처럼 보입니다. (잠깐 사이에 가져온 두 응답의 Date 헤더로 추정)",
    ),
    (
        "The other server trusts only the published certificates; tokens signed with another one are rejected (a typical 401 after a certificate change).",
        "상대 서버는 게시된 인증서만 신뢰하므로, 다른 인증서로 서명한 토큰은 거부됩니다(인증서를 바꾼 뒤 흔히 보는 401).",
    ),
    (
        "Exchange accepts Skype's tokens only for a realm that is one of its accepted domains; a domain covered only by a wildcard (*.contoso.com) is not matched.",
        "Exchange는 자신의 허용 도메인인 영역에 대해서만 Skype의 토큰을 받습니다. 와일드카드(*.contoso.com)로만 포함되는 도메인은 해당하지 않습니다.",
    ),
    (
        "The token names the host it is for; Exchange refuses tokens for hosts it does not consider its own.",
        "토큰에는 대상 호스트가 적혀 있으며, Exchange는 자신의 것이 아닌 호스트의 토큰을 거부합니다.",
    ),
    (
        "Exchange maps the token to one mailbox by the user's addresses; two objects with the same address make it refuse.",
        "Exchange는 사용자의 주소로 토큰을 사서함 하나에 연결합니다. 같은 주소를 가진 개체가 둘이면 거부합니다.",
    ),
    (
        "Exchange answered with a Bearer challenge but will not take OAuth on that endpoint.",
        "Exchange가 Bearer 챌린지로 응답했지만 그 끝점에서는 OAuth를 받지 않습니다.",
    ),
    (
        "x-ms-diagnostics is Exchange's own explanation of a refused request.",
        "x-ms-diagnostics는 요청을 거부한 이유에 대한 Exchange 자신의 설명입니다.",
    ),
    (
        "trusted_issuers lists the issuers Exchange accepts right now.",
        "trusted_issuers는 Exchange가 지금 받아들이는 발급자 목록입니다.",
    ),
    (
        "Exchange compares the realm in Skype's tokens with the realm it registered; they must be equal.",
        "Exchange는 Skype 토큰의 영역을 등록된 영역과 비교하며, 둘은 같아야 합니다.",
    ),
    (
        "Without Skype in trusted_issuers Exchange answers every Skype token with 401.",
        "trusted_issuers에 Skype가 없으면 Exchange는 모든 Skype 토큰에 401로 응답합니다.",
    ),
    (
        "Every run of Configure-EnterprisePartnerApplication.ps1 creates another application; extras with old keys confuse troubleshooting.",
        "Configure-EnterprisePartnerApplication.ps1은 실행할 때마다 응용 프로그램을 하나 더 만듭니다. 이전 키를 가진 여분의 응용 프로그램은 문제 해결을 어렵게 합니다.",
    ),
    (
        "A disabled partner application is ignored: its tokens are refused.",
        "비활성화된 파트너 응용 프로그램은 무시되어 그 토큰이 거부됩니다.",
    ),
    (
        "Exchange sends server-to-server calls through its configured InternetWebProxy; a proxy that refuses (403) or wants credentials (407) stops them.",
        "Exchange는 서버 간 호출을 설정된 InternetWebProxy로 보냅니다. 프록시가 거부하거나(403) 자격 증명을 요구하면(407) 호출이 막힙니다.",
    ),
    (
        "Test-CsExStorageConnectivity needs those group memberships; without them it stops before reaching Exchange.",
        "Test-CsExStorageConnectivity에는 이 그룹 구성원 자격이 필요하며, 없으면 Exchange에 닿기 전에 멈춥니다.",
    ),
    (
        "A response without content type usually comes from something in front of EWS, or from EWS failing before it can answer.",
        "콘텐츠 형식이 없는 응답은 대개 EWS 앞의 장치가 보냈거나, EWS가 응답하기 전에 실패했다는 뜻입니다.",
    ),
    (
        "Skype finds EWS through autodiscover before any OAuth; if that fails nothing else is tried.",
        "Skype는 OAuth보다 먼저 autodiscover로 EWS를 찾습니다. 이것이 실패하면 그다음은 시도하지 않습니다.",
    ),
    (
        "Exchange does not match Skype's realm against wildcard accepted domains (2000004 invalid_tenant).",
        "Exchange는 Skype의 영역을 와일드카드 허용 도메인과 맞춰 보지 않습니다(2000004 invalid_tenant).",
    ),
    (
        "The script created the partner application and its account.",
        "스크립트가 파트너 응용 프로그램과 그 계정을 만들었습니다.",
    ),
    (
        "The test reached Exchange and its request was accepted.",
        "테스트가 Exchange에 닿았고 요청이 받아들여졌습니다.",
    ),
    (
        "The output says the test failed but not why.",
        "출력에는 테스트가 실패했다는 것만 있고 이유는 없습니다.",
    ),
    (
        "Only the output of these commands is read; nothing was taken from this text.",
        "이 명령들의 출력만 읽으며, 이 텍스트에서는 아무것도 가져오지 않았습니다.",
    ),
];

/// The values `pattern`'s `{}` parts take in `text`, if `text` has its form.
fn captures<'a>(pattern: &str, text: &'a str) -> Option<Vec<&'a str>> {
    let parts: Vec<&str> = pattern.split("{}").collect();
    if parts.len() == 1 {
        return (pattern == text).then(Vec::new);
    }
    let mut rest = text.strip_prefix(parts[0])?;
    let mut values = Vec::new();
    let last = parts.len() - 1;
    for (i, literal) in parts.iter().enumerate().skip(1) {
        if i == last {
            let value = rest.strip_suffix(literal)?;
            values.push(value);
            rest = "";
        } else {
            let at = rest.find(literal)?;
            values.push(&rest[..at]);
            rest = &rest[at + literal.len()..];
        }
    }
    rest.is_empty().then_some(values)
}

/// Fills the Korean pattern: `{}` in order, or `{0}`, `{1}` by index.
fn fill(pattern: &str, values: &[&str]) -> String {
    let mut out = pattern.to_string();
    if (0..values.len()).any(|i| out.contains(&format!("{{{i}}}"))) {
        for (i, v) in values.iter().enumerate() {
            out = out.replace(&format!("{{{i}}}"), v);
        }
        return out;
    }
    for v in values {
        out = out.replacen("{}", v, 1);
    }
    out
}

fn translate(table: &[(&str, &str)], text: &str) -> Option<String> {
    table
        .iter()
        .find_map(|(en, ko)| captures(en, text).map(|values| fill(ko, &values)))
}

/// A finding's title, fix and explanation in Korean; `None` for a text with
/// no Korean pattern (shown in English).
pub struct Korean {
    pub title: Option<String>,
    pub fix: Option<String>,
    pub explanation: Option<String>,
}

pub fn korean(f: &Finding) -> Korean {
    Korean {
        title: translate(TITLES, &f.title),
        fix: f.fix.as_deref().and_then(|fix| translate(FIXES, fix)),
        explanation: (!f.explanation.is_empty())
            .then(|| translate(EXPLANATIONS, &f.explanation))
            .flatten(),
    }
}

/// Whether every text of `f` has its Korean (empty ones need none).
pub fn fully_translated(f: &Finding) -> bool {
    let k = korean(f);
    k.title.is_some()
        && (f.fix.is_none() || k.fix.is_some())
        && (f.explanation.is_empty() || k.explanation.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_carry_their_values() {
        assert_eq!(
            translate(
                TITLES,
                "Key $.keys[0] (CN=x): the certificate expires in 10 days"
            )
            .as_deref(),
            Some("Key $.keys[0] (CN=x): 인증서가 10일 후 만료됩니다")
        );
        assert_eq!(
            translate(TITLES, "The metadata URL answered HTTP 404").as_deref(),
            Some("메타데이터 URL이 HTTP 404로 응답했습니다")
        );
        assert_eq!(translate(TITLES, "something else"), None);
        assert_eq!(fill("{1} / {0}", &["a", "b"]), "b / a");
        assert_eq!(
            captures("{}: RSA {}-bit key", "K: RSA 1024-bit key"),
            Some(vec!["K", "1024"])
        );
        assert_eq!(captures("Exact", "Exact!"), None);
    }
}
