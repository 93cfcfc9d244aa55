//! Pasted console output as lines a reader can rely on: any line endings,
//! prompt lines and echoed commands set apart, and HTTP header lines that
//! arrived run together (as in real `Test-CsExStorageConnectivity`
//! captures) split apart again.

/// Header names that start a new header line when found mid-line, in lower
/// case: they are matched without regard to case.
const HEADERS: &[&str] = &[
    "x-ms-diagnostics:",
    "www-authenticate:",
    "request-id:",
    "x-powered-by:",
    "x-feserver:",
    "x-wssecurity-enabled:",
    "x-wssecurity-for:",
    "x-oauth-enabled:",
    "content-length:",
    "content-type:",
    "server:",
    "date:",
];

/// One line of the paste, with the prompt (if any) taken off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    /// The line was a prompt with a command (`[PS] C:\>Test-… `).
    pub command: bool,
    /// The line began with white space (a value Format-List wrapped).
    pub indented: bool,
}

/// `PS C:\>`, `[PS] C:\Windows\system32>`: the text after the prompt.
fn after_prompt(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let rest = t.strip_prefix("[PS] ").or_else(|| t.strip_prefix("PS "))?;
    let end = rest.find('>')?;
    // A drive path before the `>` (C:\…) marks a prompt, not prose.
    rest[..end].contains(":\\").then(|| rest[end + 1..].trim())
}

/// Splits `… Server: IIS x-ms-diagnostics: 2000004;… WWW-Authenticate: Bearer …`
/// before each known header name (case-insensitive). Every name ends in a
/// colon, so only the line's colons are looked at: a 2 MiB paste of verbose
/// output is read in a blink, not in seconds.
fn split_headers(line: &str) -> Vec<String> {
    let mut cuts: Vec<usize> = Vec::new();
    for (colon, _) in line.match_indices(':') {
        for h in HEADERS {
            let Some(at) = (colon + 1).checked_sub(h.len()) else {
                continue;
            };
            // Only at a word start, and not at the very start of the line.
            let starts_word = at > 0
                && line
                    .get(..at)
                    .and_then(|before| before.chars().next_back())
                    .is_some_and(|c| c.is_whitespace() || c == ',' || c == ';');
            if starts_word
                && line
                    .get(at..=colon)
                    .is_some_and(|name| name.eq_ignore_ascii_case(h))
            {
                cuts.push(at);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut start = 0;
    for cut in cuts {
        if cut > start {
            out.push(line[start..cut].trim().to_string());
            start = cut;
        }
    }
    out.push(line[start..].trim().to_string());
    out.retain(|l| !l.is_empty());
    out
}

pub fn lines(text: &str) -> Vec<Line> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = Vec::new();
    for raw in text.lines() {
        if let Some(cmd) = after_prompt(raw) {
            if !cmd.is_empty() {
                out.push(Line {
                    text: cmd.to_string(),
                    command: true,
                    indented: false,
                });
            }
            continue;
        }
        let indented = raw.starts_with([' ', '\t']);
        for (i, part) in split_headers(raw.trim_end()).into_iter().enumerate() {
            out.push(Line {
                text: part,
                command: false,
                indented: indented && i == 0,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_line_endings_and_run_together_headers() {
        let text = "[PS] C:\\Windows\\system32>Test-CsExStorageConnectivity -SipUri sip:a@b.c\r\nVERBOSE: one\rHTTP/1.1 401 Unauthorized Server: Microsoft-IIS/10.0 x-ms-diagnostics: 2000004;reason=\"x\" WWW-Authenticate: Bearer client_id=\"1\"\n";
        let l = lines(text);
        let texts: Vec<&str> = l.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "Test-CsExStorageConnectivity -SipUri sip:a@b.c",
                "VERBOSE: one",
                "HTTP/1.1 401 Unauthorized",
                "Server: Microsoft-IIS/10.0",
                "x-ms-diagnostics: 2000004;reason=\"x\"",
                "WWW-Authenticate: Bearer client_id=\"1\"",
            ]
        );
        assert!(l[0].command && !l[1].command);
        assert!(lines("PS is a shell > nothing").iter().all(|l| !l.command));
    }
}
