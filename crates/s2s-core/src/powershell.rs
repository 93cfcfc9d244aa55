//! The only place a value becomes PowerShell text.
//!
//! User values are emitted only as single-quoted literals, in which nothing
//! expands; the single quote and the four characters PowerShell also takes
//! for one (U+2018–U+201B) are doubled. Everything else in a command is a
//! constant of this crate ([`Arg::Keyword`]), never user text.

/// Characters PowerShell treats as a single quote.
pub const SINGLE_QUOTES: [char; 5] = ['\'', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}'];

/// `value` as a single-quoted PowerShell literal.
pub fn single_quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        if SINGLE_QUOTES.contains(&c) {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// One argument of a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// A value from the user (or a document): always a quoted literal.
    Literal(String),
    /// A constant of this crate: `Full`, `Lync`, `$true`, a GUID.
    Keyword(&'static str),
    /// A constant bound to its parameter with a colon (`-Name:$true`): the
    /// form that holds whether the parameter is a switch or a `[bool]`.
    Bound(&'static str),
}

impl Arg {
    fn render(&self) -> String {
        match self {
            Arg::Literal(v) => single_quoted(v),
            Arg::Keyword(k) | Arg::Bound(k) => (*k).to_string(),
        }
    }
}

/// A command line: a cmdlet (or the call operator with a quoted path) and
/// its parameters in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    head: Head,
    parts: Vec<(Option<&'static str>, Option<Arg>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Head {
    Cmdlet(&'static str),
    /// `& '<path>'`: the way to run a script whose path may contain spaces
    /// (wrapping the whole call in double quotes runs nothing).
    CallScript(String),
    /// `& (Join-Path $env:ExchangeInstallPath '<relative>')`.
    CallUnderExchangeInstallPath(&'static str),
}

impl Command {
    pub fn cmdlet(name: &'static str) -> Self {
        Command {
            head: Head::Cmdlet(name),
            parts: Vec::new(),
        }
    }

    /// Runs a script below `$env:ExchangeInstallPath` (set on every Exchange
    /// server), so the install location need not be known.
    pub fn call_under_exchange_install_path(relative: &'static str) -> Self {
        Command {
            head: Head::CallUnderExchangeInstallPath(relative),
            parts: Vec::new(),
        }
    }

    pub fn call_script(path: impl Into<String>) -> Self {
        Command {
            head: Head::CallScript(path.into()),
            parts: Vec::new(),
        }
    }

    /// `-Name 'value'`.
    pub fn literal(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.parts
            .push((Some(name), Some(Arg::Literal(value.into()))));
        self
    }

    /// `-Name Keyword`.
    pub fn keyword(mut self, name: &'static str, value: &'static str) -> Self {
        self.parts.push((Some(name), Some(Arg::Keyword(value))));
        self
    }

    /// `-Name:$true`.
    pub fn bound(mut self, name: &'static str, value: &'static str) -> Self {
        self.parts.push((Some(name), Some(Arg::Bound(value))));
        self
    }

    /// `-Switch`.
    pub fn switch(mut self, name: &'static str) -> Self {
        self.parts.push((Some(name), None));
        self
    }

    /// A positional constant: `Where-Object ApplicationIdentifier …`.
    pub fn bare(mut self, word: &'static str) -> Self {
        self.parts.push((None, Some(Arg::Keyword(word))));
        self
    }

    /// A positional value: `iisreset 'atl-exchange-001'`.
    pub fn positional(mut self, value: impl Into<String>) -> Self {
        self.parts.push((None, Some(Arg::Literal(value.into()))));
        self
    }

    /// The values from the user, in order (tests check each is one literal).
    pub fn literals(&self) -> Vec<&str> {
        let mut out = Vec::new();
        if let Head::CallScript(p) = &self.head {
            out.push(p.as_str());
        }
        for (_, arg) in &self.parts {
            if let Some(Arg::Literal(v)) = arg {
                out.push(v.as_str());
            }
        }
        out
    }

    pub fn render(&self) -> String {
        let mut out = match &self.head {
            Head::Cmdlet(name) => (*name).to_string(),
            Head::CallScript(path) => format!("& {}", single_quoted(path)),
            Head::CallUnderExchangeInstallPath(rel) => {
                format!(
                    "& (Join-Path $env:ExchangeInstallPath {})",
                    single_quoted(rel)
                )
            }
        };
        for (name, arg) in &self.parts {
            if let Some(name) = name {
                out.push_str(" -");
                out.push_str(name);
            }
            match arg {
                Some(arg @ Arg::Bound(_)) => {
                    out.push(':');
                    out.push_str(&arg.render());
                }
                Some(arg) => {
                    out.push(' ');
                    out.push_str(&arg.render());
                }
                None => {}
            }
        }
        out
    }
}

/// Commands joined by `|`.
pub fn pipeline(commands: &[Command]) -> String {
    commands
        .iter()
        .map(Command::render)
        .collect::<Vec<_>>()
        .join(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_their_look_alikes_are_doubled() {
        assert_eq!(single_quoted("plain"), "'plain'");
        assert_eq!(single_quoted("O'Brien"), "'O''Brien'");
        assert_eq!(single_quoted("a\u{2019}b"), "'a\u{2019}\u{2019}b'");
        assert_eq!(
            single_quoted("\u{2018}\u{201A}\u{201B}"),
            "'\u{2018}\u{2018}\u{201A}\u{201A}\u{201B}\u{201B}'"
        );
        // Nothing expands inside single quotes: these stay as they are.
        assert_eq!(
            single_quoted("$(Remove-Item C:\\) `n \"x\""),
            "'$(Remove-Item C:\\) `n \"x\"'"
        );
        assert_eq!(single_quoted(""), "''");
    }

    #[test]
    fn commands_render_in_order() {
        let c = Command::cmdlet("New-CsPartnerApplication")
            .literal("Identity", "Exchange")
            .keyword("ApplicationTrustLevel", "Full")
            .literal(
                "MetadataUrl",
                "https://autodiscover.litwareinc.com/autodiscover/metadata/json/1",
            );
        assert_eq!(
            c.render(),
            "New-CsPartnerApplication -Identity 'Exchange' -ApplicationTrustLevel Full -MetadataUrl 'https://autodiscover.litwareinc.com/autodiscover/metadata/json/1'"
        );
        let s = Command::call_script("C:\\Program Files\\x.ps1")
            .literal("A", "b")
            .switch("Verbose");
        assert_eq!(s.render(), "& 'C:\\Program Files\\x.ps1' -A 'b' -Verbose");
        assert_eq!(
            Command::cmdlet("X").bound("Flag", "$true").render(),
            "X -Flag:$true"
        );
        assert_eq!(s.literals(), ["C:\\Program Files\\x.ps1", "b"]);
    }
}
