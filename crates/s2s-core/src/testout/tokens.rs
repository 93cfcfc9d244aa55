//! Tolerant tokens: the facts' invariant shapes found wherever a paste puts
//! them — header names after any glue (none, `;`, a quote, Postman's `→`,
//! `Name=value` dumps, IIS logs' `+`), HTTP statuses next to a status word
//! or a reason phrase in any of the corpus' languages, event ids after an
//! event word, Bearer challenges wrapped over several lines, and localised
//! Format-List outcomes. A number alone is never a fact.

use super::facts::Outcome;

/// ASCII case-insensitive `starts_with` over bytes (non-ASCII compared
/// exactly: no Unicode case tables).
fn starts_ci(hay: &str, needle: &str) -> bool {
    hay.len() >= needle.len()
        && hay.as_bytes()[..needle.len()].eq_ignore_ascii_case(needle.as_bytes())
}

fn ends_ci(hay: &str, needle: &str) -> bool {
    hay.len() >= needle.len()
        && hay.as_bytes()[hay.len() - needle.len()..].eq_ignore_ascii_case(needle.as_bytes())
}

/// Byte offsets of `needle` (ASCII, lower case) in `hay`, ignoring ASCII case.
fn find_all_ci<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let n = needle.len();
    let bytes = hay.as_bytes();
    (0..bytes.len().saturating_sub(n - 1))
        .filter(move |&i| bytes[i..i + n].eq_ignore_ascii_case(needle.as_bytes()))
}

/// The value of header `name` (lower case) wherever it is in `line`: the
/// name after any glue, then optional quotes and spaces, then `:`, `=` or
/// `→` (spaces either side). `None` when the name is not followed by one.
pub(crate) fn header_value<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    find_all_ci(line, name).find_map(|at| {
        let rest = line[at + name.len()..].trim_start_matches(['"', '\'', '_', ' ', '\t']);
        let rest = rest
            .strip_prefix(':')
            .or_else(|| rest.strip_prefix('='))
            .or_else(|| rest.strip_prefix('→'))
            .or_else(|| rest.strip_prefix('：'))?;
        let value = rest.trim_start_matches([' ', '\t', '+']);
        // A JSON dump's value (`"www-authenticate": "Bearer …",`) ends at
        // its closing quote; elsewhere a quote before the value is glue.
        match value.strip_prefix('"') {
            Some(quoted) if line[..at].trim_end().ends_with('"') => {
                let end = quoted
                    .match_indices('"')
                    .find(|(i, _)| !quoted[..*i].ends_with('\\'))
                    .map_or(quoted.len(), |(i, _)| i);
                Some(&quoted[..end])
            }
            Some(unquoted) => Some(unquoted),
            None => Some(value),
        }
    })
}

/// Offsets of x-ms-diagnostics values in `line`, however the header is
/// named (`x-ms-diagnostics: `, `diagnostics: ` in an exception message, an
/// IIS log's bare value): a 7-digit code, then `;reason=` (spaces allowed).
/// The code must start a token: no digit or letter just before it.
pub(crate) fn diagnostic_values(line: &str) -> Vec<usize> {
    numbers(line, 7)
        .filter(|&(_, end)| {
            line[end..]
                .trim_start_matches(' ')
                .strip_prefix(';')
                .is_some_and(|rest| starts_ci(rest.trim_start_matches(' '), "reason"))
        })
        .map(|(start, _)| start)
        .collect()
}

/// The runs of exactly `digits` ASCII digits in `line` that start a token
/// (no letter or digit just before), as (start, end) byte offsets.
fn numbers(line: &str, digits: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = line.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            if !bytes[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == digits && (start == 0 || !bytes[start - 1].is_ascii_alphanumeric()) {
                return Some((start, i));
            }
        }
        None
    })
}

/// Whether `line`, once continued, still has a quoted value open or ends in
/// a separator: a wrapped header value goes on on the next line.
pub(crate) fn continues(text: &str) -> bool {
    let t = text.trim_end();
    text.matches('"').count() % 2 == 1 || t.ends_with([',', ';', '=']) || ends_ci(t, "bearer")
}

/// Joins `first` with the lines after it while the value is open (at most
/// `MAX_CONTINUATION` of them): inside quotes with a space, as a wrapped
/// `token_types` list reads.
pub(crate) fn continued(first: &str, next: &[&str]) -> String {
    const MAX_CONTINUATION: usize = 8;
    let mut out = first.trim_end().to_string();
    for line in next.iter().take(MAX_CONTINUATION) {
        if !continues(&out) {
            break;
        }
        let line = line.trim();
        if line.is_empty() {
            break;
        }
        out.push(' ');
        out.push_str(line);
    }
    out
}

/// Where a Bearer challenge starts in `line`: the word `Bearer` (any case,
/// starting a word) followed by spaces or IIS's `+` and a parameter
/// (`name=`), or ending the line (a challenge wrapped after its scheme).
pub(crate) fn bearer_at(line: &str, next: Option<&str>) -> Option<usize> {
    find_all_ci(line, "bearer").find(|&at| {
        let word_start = at == 0 || !line.as_bytes()[at - 1].is_ascii_alphanumeric();
        let after = &line[at + 6..];
        let params = after.trim_start_matches([' ', '+', '\t']);
        let spaced = params.len() < after.len();
        let param = || {
            let name_len = params
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            name_len > 0 && params[name_len..].trim_start().starts_with('=')
        };
        let wrapped = after.trim().is_empty()
            && next.is_some_and(|n| {
                let n = n.trim_start();
                let name_len = n
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                    .count();
                name_len > 0 && n[name_len..].trim_start().starts_with('=')
            });
        word_start && ((spaced && param()) || wrapped)
    })
}

/// A challenge as an IIS log writes it, `+` for every space, made readable.
pub(crate) fn unplus(challenge: &str) -> String {
    if starts_ci(challenge, "bearer+") {
        challenge.replace('+', " ")
    } else {
        challenge.to_string()
    }
}

/// HTTP reason phrases, per status and language, in ASCII lower case.
const REASONS: &[(u16, &str)] = &[
    // en: RFC 9110 §15 reason phrases.
    (400, "bad request"),
    (401, "unauthorized"),
    (403, "forbidden"),
    (404, "not found"),
    (405, "method not allowed"),
    (407, "proxy authentication required"),
    (500, "internal server error"),
    (502, "bad gateway"),
    (503, "service unavailable"),
    (504, "gateway timeout"),
    // en: KB 3090197, "401 Access denied" (Test-OAuthConnectivity).
    (401, "access denied"),
    // de: KB 2003033/de and KB 3212785 de-DE, "(401) Nicht autorisiert" ↔
    // "(401) Unauthorized" (sidecars de-crm-…, de-d365-…).
    (401, "nicht autorisiert"),
    // fr: Exchange 2007 bb430776 fr-fr, "401 | Non autorisé" ↔ "401 |
    // Unauthorized"; KB 3090197 fr-fr, "Accès refusé 401" ↔ "401 Access
    // denied" (sidecars fr-crm-…, fr-test-oauthconnectivity-…).
    (401, "non autorisé"),
    (401, "accès refusé"),
    // es: Lync Server 2013 doc es-ES and Exchange 2013 SiteMailbox es-es,
    // "(401) No autorizado" ↔ "(401) Unauthorized" (sidecars es-…).
    (401, "no autorizado"),
    // ja: Lync Server 2013 doc ja-JP, "(401) 承認されていません。" ↔ "(401)
    // Unauthorized."; KB 3090197 ja-jp, "401 アクセスは拒否されました" and
    // Learn ja-jp "401 アクセスが拒否されました" ↔ "401 Access denied".
    (401, "承認されていません"),
    (401, "アクセスは拒否されました"),
    (401, "アクセスが拒否されました"),
    // zh-CN: KB 3212785 zh-cn, "401 未授权" ↔ "401 Unauthorized"; Lync
    // Server 2013 doc zh-CN, "（401）未经授权。" ↔ "(401) Unauthorized.".
    (401, "未授权"),
    (401, "未经授权"),
    // zh-TW: KB 3090197 zh-tw, "401 拒絕存取" ↔ "401 Access denied".
    (401, "拒絕存取"),
    // ko: Lync Server 2013 doc ko-KR, "(401) 권한이 없습니다." ↔ "(401)
    // Unauthorized.".
    (401, "권한이 없습니다"),
];

/// Words that name the number after them a status (ASCII lower case), each
/// at a word start: `HTTP/1.1 401`, `HTTP status 401`, `HTTP Client error
/// 401`, `status code 403`, `StatusCode: 401`, `HTTP 401`, a header
/// list's `status : 401`, and prose's `error 401`.
const STATUS_WORDS: &[&str] = &[
    "http/1.1",
    "http/1.0",
    "http/2",
    "http status",
    "http client error",
    "status code",
    "statuscode",
    "status",
    "error",
    "http",
];

fn reason_after(rest: &str, status: u16) -> bool {
    let rest = rest.trim_start_matches([' ', ':', '(', ')', '（', '）', '-', '–', '"', '\'']);
    REASONS
        .iter()
        .any(|&(s, phrase)| s == status && starts_ci(rest, phrase))
}

fn reason_before(before: &str, status: u16) -> bool {
    let before = before.trim_end_matches([' ', ':', '(', '"', '\'', ',']);
    REASONS
        .iter()
        .any(|&(s, phrase)| s == status && ends_ci(before, phrase))
}

fn word_before(before: &str) -> bool {
    let before = before.trim_end_matches([' ', ':', '=', '#', '(']);
    STATUS_WORDS.iter().any(|w| {
        ends_ci(before, w)
            && before[..before.len() - w.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// HTTP statuses in `line`: a 3-digit number from 100 to 599 in
/// parentheses (ASCII or full-width), after a status word, or next to a
/// reason phrase of that very status (before or after it).
pub(crate) fn statuses(line: &str, out: &mut Vec<u16>) {
    for (start, i) in numbers(line, 3) {
        let Some(status) = line[start..i]
            .parse::<u16>()
            .ok()
            .filter(|s| (100..600).contains(s))
        else {
            continue;
        };
        let (before, after) = (&line[..start], &line[i..]);
        let in_parens = (before.ends_with('(') && after.starts_with(')'))
            || (before.ends_with('（') && after.starts_with('）'));
        let word_ends = after
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric() || c == '（');
        let found = in_parens
            || (word_ends && word_before(before))
            || reason_after(after, status)
            || reason_before(before, status);
        if found && !out.contains(&status) {
            out.push(status);
        }
    }
}

/// Event ids (at most 65535, as Windows' are) after an event word: `Event ID: 32054`, `Event ID – 32053`,
/// `event 32054`, `EventID=32054`, with curly quotes or dashes between.
pub(crate) fn event_ids(line: &str, out: &mut Vec<u32>) {
    for at in find_all_ci(line, "event") {
        if at > 0 && line.as_bytes()[at - 1].is_ascii_alphanumeric() {
            continue;
        }
        let mut rest = &line[at + 5..];
        if starts_ci(rest.trim_start(), "id") {
            rest = &rest.trim_start()[2..];
        }
        let rest = rest.trim_start_matches([
            ' ', '\t', ':', '=', '#', '-', '–', '—', '"', '\'', '“', '”', '‘', '’',
        ]);
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let ends = rest[digits..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if (1..=5).contains(&digits)
            && ends
            // Windows event ids are 16-bit.
            && let Ok(id) = rest[..digits].parse::<u16>().map(u32::from)
            && !out.contains(&id)
        {
            out.push(id);
        }
    }
}

/// The field a test's verdict is under, and its values, per language.
struct Verdicts {
    fields: &'static [&'static str],
    failed: &'static [&'static str],
    passed: &'static [&'static str],
}

const VERDICTS: &[Verdicts] = &[
    // en: Lync Server 2013 test cmdlets ("Result : Failure"),
    // Test-OrganizationRelationship ("RESULT: Error."), the Dynamics CRM
    // E-mail Router ("Incoming Status: Failure", KB 2003033).
    Verdicts {
        fields: &["result"],
        failed: &["failure", "failed", "error"],
        passed: &["success", "passed"],
    },
    // de: KB 2003033/de, "Eingehender Status: Fehler" ↔ "Incoming Status:
    // Failure" (sidecar de-crm-…).
    Verdicts {
        fields: &["status"],
        failed: &["fehler"],
        passed: &[],
    },
    // fr: KB 2003033/fr, "État entrant : Échec" ↔ "Incoming Status:
    // Failure" (sidecar fr-crm-…).
    Verdicts {
        // Non-ASCII letters compare exactly: both capitalisations listed.
        fields: &["état", "État"],
        failed: &["échec", "Échec"],
        passed: &[],
    },
    // es: Lync Server 2013 doc es-ES, "Resultado: error" ↔ "Result :
    // Failure", "Resultado: correcto" ↔ "Result : Success".
    Verdicts {
        fields: &["resultado"],
        failed: &["error"],
        passed: &["correcto"],
    },
    // ja: Lync Server 2013 doc ja-JP (sxs-lookup pairs), "結果: エラー" ↔
    // "Result : Failure".
    Verdicts {
        fields: &["結果"],
        failed: &["エラー"],
        passed: &[],
    },
    // zh-CN: Lync Server 2013 doc zh-CN, "结果：失败" ↔ "Result : Failure".
    Verdicts {
        fields: &["结果"],
        failed: &["失败"],
        passed: &[],
    },
    // ko: Lync Server 2013 doc ko-KR, "결과: 실패" ↔ "Result : Failure".
    Verdicts {
        fields: &["결과"],
        failed: &["실패"],
        passed: &[],
    },
];

/// Prose that says the test failed, per language.
/// In ASCII lower case: the reader looks for them once in the whole paste.
pub(crate) const FAILED_PROSE: &[&str] = &[
    // en: KB 3090197, "the operation fails, and you receive a message".
    "the operation fails",
    // en: a Test-CsExStorageConnectivity report, "I get a failure with
    // error code 574" (docs issue OfficeDocs-SkypeForBusiness#702).
    "a failure with error code",
    // en: KB 3212785, "Email Server Error Code: Http server returned …".
    "email server error code:",
    // de: KB 3212785 de-DE, "Email Serverfehlercode:" ↔ "Email Server Error
    // Code:".
    "email serverfehlercode:",
    // zh-CN: KB 3212785 zh-cn, "电子邮件服务器错误代码:" ↔ "Email Server Error
    // Code:".
    "电子邮件服务器错误代码",
    // fr: KB 3090197 fr-fr, "l'opération échoue" ↔ "the operation fails".
    "l'opération échoue",
    // ja: KB 3090197 ja-jp, "この操作に失敗し"; Learn ja-jp "操作が失敗し" ↔
    // "the operation fails".
    "この操作に失敗し",
    "操作が失敗し",
    // zh-TW: KB 3090197 zh-tw, "作業會失敗" ↔ "the operation fails".
    "作業會失敗",
];

/// A verdict in `line`: a localised `Result: Failure` (a field of at most
/// four words, `:` or `：`, then the value's first word), a connectivity
/// analyzer's `Testing … failed.`, or prose that says the operation failed.
/// `prose` is whether the paste has any of [`FAILED_PROSE`] at all.
pub(crate) fn outcome(line: &str, prose: bool) -> Option<Outcome> {
    let t = line.trim();
    if starts_ci(t, "testing ") && ends_ci(t, " failed.") {
        return Some(Outcome::Failed);
    }
    if prose
        && FAILED_PROSE
            .iter()
            .any(|p| find_all_ci(t, p).next().is_some())
    {
        return Some(Outcome::Failed);
    }
    // A field is short: only the line's first bytes are looked at (a long
    // log's lines are mostly `VERBOSE: …` and need not be decoded).
    const MAX_FIELD: usize = 64;
    let sep = t.as_bytes()[..t.len().min(MAX_FIELD)]
        .iter()
        .enumerate()
        .find(|&(i, &b)| b == b':' || (b == 0xEF && t[i..].starts_with('：')))?
        .0;
    let field = t[..sep].trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '«' | '»' | '“' | '„')
    });
    let words = field.split_whitespace();
    // Most fields are none of the verdicts': decided before the value is read.
    let mut verdicts = VERDICTS
        .iter()
        .filter(|v| {
            words
                .clone()
                .any(|w| v.fields.iter().any(|f| f.eq_ignore_ascii_case(w)))
        })
        .peekable();
    if verdicts.peek().is_none() || field.split_whitespace().count() > 4 {
        return None;
    }
    let rest = &t[sep..];
    let rest = rest[rest.chars().next()?.len_utf8()..].trim_start();
    let value = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | '：' | '.' | '。' | ','))
        .next()?;
    let is = |list: &[&str]| list.iter().any(|v| v.eq_ignore_ascii_case(value));
    verdicts.find_map(|v| {
        if is(v.failed) {
            Some(Outcome::Failed)
        } else if is(v.passed) {
            Some(Outcome::Passed)
        } else {
            None
        }
    })
}

/// The tokens of one line of a paste, as [`scan`] finds them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineTokens {
    pub statuses: Vec<u16>,
    pub event_ids: Vec<u32>,
    /// Byte offsets of x-ms-diagnostics values.
    pub diagnostics: Vec<usize>,
    /// A `WWW-Authenticate` value or a bare Bearer challenge, continued over
    /// the lines it wraps onto.
    pub challenge: Option<String>,
    pub outcome: Option<Outcome>,
}

/// Every line's tokens (what the fuzz target runs; the reader calls the
/// pieces itself).
pub fn scan(text: &str) -> Vec<LineTokens> {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .iter()
        .enumerate()
        .map(|(n, &line)| {
            let next = &lines[n + 1..lines.len().min(n + 9)];
            let mut t = LineTokens::default();
            statuses(line, &mut t.statuses);
            event_ids(line, &mut t.event_ids);
            t.diagnostics = diagnostic_values(line);
            t.challenge = header_value(line, "www-authenticate")
                .or_else(|| bearer_at(line, next.first().copied()).map(|at| &line[at..]))
                .map(|v| unplus(&continued(v, next)));
            t.outcome = outcome(line, true);
            t
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(line: &str) -> Vec<u16> {
        let mut out = Vec::new();
        statuses(line, &mut out);
        out
    }

    #[test]
    fn statuses_next_to_words_and_phrases_only() {
        for (line, want) in [
            ("(401) Unauthorized", vec![401]),
            ("error: (401)Unauthorized", vec![401]),
            ("I get a 401 Unauthorized instead", vec![401]),
            ("HTTP Client error 401: Unauthorized", vec![401]),
            ("results to a status code 403 Forbidden.", vec![403]),
            ("Response : StatusCode: 401, ReasonPhrase", vec![401]),
            ("success: 401 (Unauthorized)", vec![401]),
            ("（401）未经授权。", vec![401]),
            ("Accès refusé 401", vec![401]),
            ("Ausnahme \"401 Nicht autorisiert\"", vec![401]),
            ("(401) No autorizado.", vec![401]),
            ("Http 服务器返回 401 未授权异常。", vec![401]),
            ("401 拒絕存取", vec![401]),
            ("Error: HTTP 401: Unauthorized", vec![401]),
            ("error code 574 - stating", vec![]),
            ("status : 401", vec![401]),
            ("I got an error 401 when", vec![401]),
            ("Status : Ошибка 3 times", vec![]),
            ("port 443 and 401 users", vec![]),
            ("401 Forbidden", vec![]),
            ("Latency 200 ms", vec![]),
        ] {
            assert_eq!(st(line), want, "{line}");
        }
    }

    #[test]
    fn event_ids_after_an_event_word_only() {
        let ids = |line: &str| {
            let mut out = Vec::new();
            event_ids(line, &mut out);
            out
        };
        assert_eq!(ids("Event ID – 32053 from the LS Storage Service"), [32053]);
        assert_eq!(ids("Event ID:      32054"), [32054]);
        assert_eq!(ids("see event “32054” again"), [32054]);
        assert_eq!(ids("prevent 32054 and 2000000 events"), Vec::<u32>::new());
        assert_eq!(ids("event 2000000"), Vec::<u32>::new());
    }

    #[test]
    fn headers_after_any_glue() {
        assert_eq!(
            header_value("e113x-ms-diagnostics: 2000004;reason", "x-ms-diagnostics"),
            Some("2000004;reason")
        );
        assert_eq!(
            header_value("WWW-Authenticate →Bearer a=\"b\"", "www-authenticate"),
            Some("Bearer a=\"b\"")
        );
        assert_eq!(
            header_value(
                r#"  "www-authenticate": "Bearer x=\"y\"","#,
                "www-authenticate"
            ),
            Some(r#"Bearer x=\"y\""#)
        );
        assert_eq!(
            header_value("x-ms-diagnostics = \"2000004;reason", "x-ms-diagnostics"),
            Some("2000004;reason")
        );
        assert_eq!(
            header_value("the _WWW-Authenticate_ header", "www-authenticate"),
            None
        );
        assert_eq!(
            diagnostic_values("Boolean reloadConfig, diagnostics: 2000000; reason=\"x\""),
            [35]
        );
        assert!(diagnostic_values("code 2000000 and 12000000;reason=").is_empty());
        let iis = super::super::facts::diagnostic(
            "2000008;reason=\"The+token+should+have+valid+permissions\";error_category=\"invalid_grant\"",
        );
        assert_eq!(
            iis.and_then(|d| d.reason).as_deref(),
            Some("The token should have valid permissions")
        );
    }

    #[test]
    fn localised_verdicts() {
        for line in [
            "결과: 실패",
            "Resultado: error",
            "結果: エラー",
            "结果：失败",
            "RESULT: Error.",
            "\"Eingehender Status: Fehler: Der Microsoft",
            "« État entrant : Échec : le serveur",
            "Testing Outlook Mobile Hybrid Modern Authentication (HMA) failed.",
        ] {
            assert_eq!(outcome(line, true), Some(Outcome::Failed), "{line}");
        }
        assert_eq!(outcome("Resultado: correcto", true), Some(Outcome::Passed));
        assert_eq!(outcome("Error: the result was a failure", true), None);
        assert_eq!(outcome("Status : Ошибка", true), None);
    }
}
