//! The console's pages, in the order an administrator works through them.

/// One page of the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageInfo {
    pub path: &'static str,
    pub title: &'static str,
    /// The step number in the setup flow; `None` for Overview and Report.
    pub step: Option<u8>,
    /// What the page is for, in one or two sentences.
    pub purpose: &'static str,
    pub title_ko: &'static str,
    pub purpose_ko: &'static str,
}

impl PageInfo {
    /// The title in the language being shown.
    pub fn title(&self) -> &'static str {
        if crate::i18n::lang() == crate::i18n::Lang::Ko {
            self.title_ko
        } else {
            self.title
        }
    }

    pub fn purpose(&self) -> &'static str {
        if crate::i18n::lang() == crate::i18n::Lang::Ko {
            self.purpose_ko
        } else {
            self.purpose
        }
    }
}

pub const OVERVIEW: PageInfo = PageInfo {
    path: "/",
    title: "Overview",
    step: None,
    purpose: "Both directions of the trust at a glance, and the next step to take.",
    title_ko: "개요",
    purpose_ko: "신뢰의 두 방향을 한눈에 보고, 다음에 할 일을 확인합니다.",
};

pub const TOPOLOGY: PageInfo = PageInfo {
    path: "/topology",
    title: "Topology",
    step: Some(1),
    purpose: "Name the Skype for Business pool, the Exchange autodiscover host and the SIP domain. \
              The console derives both metadata URLs from them.",
    title_ko: "토폴로지",
    purpose_ko: "Skype for Business 풀, Exchange autodiscover 호스트, SIP 도메인을 입력하십시오. 콘솔이 두 메타데이터 URL을 만들어 냅니다.",
};

pub const METADATA: PageInfo = PageInfo {
    path: "/metadata",
    title: "Metadata",
    step: Some(2),
    purpose: "Fetch both authentication metadata documents through the s2s proxy and read them side \
              by side, with every step of each fetch and its timing.",
    title_ko: "메타데이터",
    purpose_ko: "s2s 프록시를 통해 두 인증 메타데이터 문서를 가져와, 각 단계와 소요 시간과 함께 나란히 봅니다.",
};

pub const CERTIFICATES: PageInfo = PageInfo {
    path: "/certificates",
    title: "Certificates",
    step: Some(3),
    purpose: "Every signing certificate both documents publish, and the TLS chains of both servers: \
              validity, key, signature, thumbprint and x5t.",
    title_ko: "인증서",
    purpose_ko: "두 문서가 게시한 모든 서명 인증서와 두 서버의 TLS 체인: 유효 기간, 키, 서명, 지문(thumbprint), x5t.",
};

pub const FINDINGS: PageInfo = PageInfo {
    path: "/findings",
    title: "Findings",
    step: Some(4),
    purpose: "What is wrong and what was verified, each with the expected and the actual value and \
              the fix.",
    title_ko: "진단 결과",
    purpose_ko: "무엇이 잘못되었고 무엇을 확인했는지, 예상값과 실제값, 그리고 해결 방법.",
};

pub const COMMANDS: PageInfo = PageInfo {
    path: "/commands",
    title: "Commands",
    step: Some(5),
    purpose: "The exact commands for the Exchange Management Shell and the Skype for Business Server \
              Management Shell, in order, each with how to verify and how to undo it.",
    title_ko: "명령",
    purpose_ko: "Exchange 관리 셸과 Skype for Business Server 관리 셸에서 실행할 정확한 명령을 순서대로, 확인 방법과 되돌리는 방법과 함께 보여 줍니다.",
};

pub const TEST_RESULTS: PageInfo = PageInfo {
    path: "/test-results",
    title: "Test results",
    step: Some(6),
    purpose: "Paste the output of Test-CsExStorageConnectivity and related commands to get a verdict \
              and the fix.",
    title_ko: "테스트 결과",
    purpose_ko: "Test-CsExStorageConnectivity와 관련 명령의 출력을 붙여 넣으면 판정과 해결 방법을 알려 줍니다.",
};

pub const REPORT: PageInfo = PageInfo {
    path: "/report",
    title: "Report",
    step: None,
    purpose: "A read-only snapshot for the helpdesk: the same findings, certificates and test verdict, \
              with nothing to edit and nothing fetched.",
    title_ko: "보고서",
    purpose_ko: "헬프데스크용 읽기 전용 스냅숏: 같은 진단 결과, 인증서, 테스트 판정을 보여 주며 편집도 가져오기도 없습니다.",
};

/// The navigation, top to bottom.
pub const ALL: [PageInfo; 8] = [
    OVERVIEW,
    TOPOLOGY,
    METADATA,
    CERTIFICATES,
    FINDINGS,
    COMMANDS,
    TEST_RESULTS,
    REPORT,
];
