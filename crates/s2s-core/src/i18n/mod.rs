//! The Korean catalogue: every Korean text of the console, kept out of the
//! app's download. It is the JSON file `i18n/ko.json` at the repository
//! root, which the app fetches only when Korean is shown:
//!
//! ```json
//! {"ui": [["Language", "언어"], ["{} days left", "{}일 남음"], ...],
//!  "titles": [...], "fixes": [...], "explanations": [...], "texts": [...]}
//! ```
//!
//! Each table is a list of `[English, Korean]` pairs; a list keeps the
//! order, and the first English pattern that matches wins. `ui` holds the
//! console's own texts, matched exactly (a text built from values is looked
//! up by its pattern). The other three hold the findings' titles, fixes and
//! explanations: the findings are made in English, each text is matched
//! against the English patterns, and the values its `{}` parts capture (a
//! key, a number, a host) are carried into the Korean pattern, in order or
//! by `{0}`, `{1}` where Korean orders them differently. A text without a
//! Korean pattern stays English; the test suites check that every finding
//! they produce has all three texts in Korean. `texts` holds the other
//! texts made in English from values, matched the same way: the plan's
//! steps (title, where to run it, what it does, the warning), the findings'
//! evidence, and the messages of the fetch and the documents.
//!
//! Commands, cmdlet names, parameters and values are never translated.
//!
//! The catalogue is checked when it is read, so a mistake in the file is
//! reported with its table and entry instead of showing as a wrong text.

mod pattern;
#[cfg(test)]
mod tests;

pub use pattern::fill;

use serde::Deserialize;
use thiserror::Error;

use crate::commands::Step;
use crate::decode;
use crate::findings::Finding;
use pattern::{Placeholders, captures, has_adjacent_values, placeholders};

/// The Korean of the console's texts; see the module documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    ui: Vec<(String, String)>,
    titles: Vec<(String, String)>,
    fixes: Vec<(String, String)>,
    explanations: Vec<(String, String)>,
    texts: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CatalogueError {
    #[error(
        "the Korean catalogue is not one JSON object with the arrays \"ui\", \"titles\", \
         \"fixes\", \"explanations\" and \"texts\" of [English, Korean] pairs: {0}"
    )]
    Shape(String),
    #[error(
        "the Korean catalogue's \"{table}\" entry {index} is not a pair [English, Korean] of two texts"
    )]
    NotAPair { table: &'static str, index: usize },
    #[error("the Korean catalogue's \"{table}\" entry {index} has an empty {which} text")]
    Empty {
        table: &'static str,
        index: usize,
        which: &'static str,
    },
    #[error("the Korean catalogue's \"{table}\" entry {index} ({english:?}): {problem}")]
    Placeholders {
        table: &'static str,
        index: usize,
        english: String,
        problem: PlaceholderProblem,
    },
}

/// How a pair's placeholders disagree.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PlaceholderProblem {
    #[error("the English uses {{{0}}}; English patterns use only {{}}, one per value")]
    IndexInEnglish(usize),
    #[error(
        "the English has two {{}} with no text between them, so the values it captures \
         cannot be told apart"
    )]
    AdjacentInEnglish,
    #[error("the Korean mixes {{}} and {{0}}-style placeholders; use one kind")]
    Mixed,
    #[error("the English has {english} {{}} but the Korean has {korean}")]
    Count { english: usize, korean: usize },
    #[error(
        "the Korean uses {{{index}}} but the English has {english} value(s), numbered from {{0}}"
    )]
    IndexOutOfRange { index: usize, english: usize },
    #[error("the Korean leaves out {{{0}}}, so a value of the English would be lost")]
    Missing(usize),
}

/// The JSON as written; checked before it becomes a [`Catalogue`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Tables {
    ui: Vec<(String, String)>,
    titles: Vec<(String, String)>,
    fixes: Vec<(String, String)>,
    explanations: Vec<(String, String)>,
    texts: Vec<(String, String)>,
}

/// A finding's title, fix and explanation in Korean; `None` for a text with
/// no Korean pattern (shown in English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Korean {
    pub title: Option<String>,
    pub fix: Option<String>,
    pub explanation: Option<String>,
}

impl Catalogue {
    /// Reads and checks the catalogue (the text of `i18n/ko.json`).
    pub fn parse(json: &str) -> Result<Catalogue, CatalogueError> {
        let t: Tables = decode::from_str(json).map_err(|e| CatalogueError::Shape(e.to_string()))?;
        // Finding texts are matched by capture, UI patterns only filled: only
        // the former need their values separated by text.
        Ok(Catalogue {
            ui: check("ui", t.ui, false)?,
            titles: check("titles", t.titles, true)?,
            fixes: check("fixes", t.fixes, true)?,
            explanations: check("explanations", t.explanations, true)?,
            texts: check("texts", t.texts, true)?,
        })
    }

    /// The Korean of a UI text, matched exactly.
    pub fn ui(&self, en: &str) -> Option<&str> {
        self.ui
            .iter()
            .find(|(e, _)| e == en)
            .map(|(_, ko)| ko.as_str())
    }

    /// The Korean of a UI text built from values: `pattern` is its English
    /// with `{}` where the values go.
    pub fn format(&self, pattern: &str, values: &[&str]) -> Option<String> {
        self.ui(pattern).map(|ko| fill(ko, values))
    }

    /// The Korean of a finding's title alone (a report keeps the titles as
    /// they were shown, in English).
    pub fn title(&self, en: &str) -> Option<String> {
        self.with_values(&self.titles, en)
    }

    pub fn finding(&self, f: &Finding) -> Korean {
        Korean {
            title: self.title(&f.title),
            fix: f
                .fix
                .as_deref()
                .and_then(|fix| self.with_values(&self.fixes, fix)),
            explanation: (!f.explanation.is_empty())
                .then(|| self.with_values(&self.explanations, &f.explanation))
                .flatten(),
        }
    }

    /// The first pattern of `table` that `en` matches, filled in Korean; each
    /// captured value that is itself a text of `texts` in Korean too ("Key {}
    /// ({})" naming a certificate).
    fn with_values(&self, table: &[(String, String)], en: &str) -> Option<String> {
        table
            .iter()
            .find_map(|(pattern, ko)| Some(self.fill_looked_up(ko, captures(pattern, en)?, 3)))
    }

    /// `ko` filled with `values`, each looked up in `texts` first (to
    /// `depth` levels of messages inside messages).
    fn fill_looked_up(&self, ko: &str, values: Vec<&str>, depth: u8) -> String {
        let values: Vec<String> = values
            .into_iter()
            .map(|v| {
                depth
                    .checked_sub(1)
                    .filter(|_| !v.is_empty())
                    .and_then(|d| self.text_within(v, d))
                    .unwrap_or_else(|| v.to_string())
            })
            .collect();
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        fill(ko, &values)
    }

    /// The Korean of another text made from values (see the module
    /// documentation); `None` when it has no Korean pattern. A value it
    /// captures is itself looked up, so a message that carries another (an
    /// error and its cause) reads in Korean throughout.
    /// Text longer than [`MAX_MESSAGE_BYTES`] is not looked up: the
    /// console's messages are short, and a long one is a server's or a
    /// paste's text carried along (which a hostile server could make costly
    /// to match).
    pub fn text(&self, en: &str) -> Option<String> {
        if en.len() > MAX_MESSAGE_BYTES {
            return None;
        }
        self.text_within(en, 5)
    }

    fn text_within(&self, en: &str, depth: u8) -> Option<String> {
        // The most specific pattern wins, whatever the order of the table: one
        // that starts with its own text (which names the message, as "not
        // JSON ({})" does, where "{} at line {} column {}" would split a
        // message carried inside), then the one with the most text besides
        // its values ("connected to {}" over "{} to {}"); between equals, the
        // first.
        let (ko, values) = self
            .texts
            .iter()
            .rev()
            .filter_map(|(pattern, ko)| {
                let values = captures(pattern, en)?;
                let specific = (!pattern.starts_with("{}"), pattern.len() - 2 * values.len());
                Some((specific, ko, values))
            })
            .max_by_key(|(specific, _, _)| *specific)
            .map(|(_, ko, values)| (ko, values))?;
        Some(self.fill_looked_up(ko, values, depth))
    }

    /// A finding's expected, actual and evidence texts that read as English
    /// (see [`reads_as_english`]) and have no Korean pattern in `texts`, or
    /// whose Korean still does (a value inside it left in English).
    pub fn values_left_in_english<'f>(&self, f: &'f Finding) -> Vec<&'f str> {
        f.expected
            .iter()
            .chain(&f.actual)
            .chain(&f.evidence)
            .map(String::as_str)
            .filter(|v| reads_as_english(v) && self.text(v).is_none_or(|ko| reads_as_english(&ko)))
            .collect()
    }

    /// A plan step's texts in Korean, each `None` without a Korean pattern.
    pub fn step(&self, s: &Step) -> KoreanStep {
        KoreanStep {
            title: self.text(&s.title),
            server: self.text(&s.server),
            what_it_does: self.text(&s.what_it_does),
            warning: s.warning.as_deref().and_then(|w| self.text(w)),
        }
    }

    /// Whether every text of `s` a person reads has its Korean (its group's
    /// label included; commands are never translated).
    pub fn step_fully_translated(&self, s: &Step) -> bool {
        let k = self.step(s);
        k.title.is_some()
            && k.server.is_some()
            && k.what_it_does.is_some()
            && (s.warning.is_none() || k.warning.is_some())
            && self.ui(s.group.label()).is_some()
    }

    /// Whether every text of `f` has its Korean (empty ones need none), and
    /// no Korean of it still reads as English (a value or a quote left in
    /// English: quotes of English messages go in double quotes).
    pub fn fully_translated(&self, f: &Finding) -> bool {
        let k = self.finding(f);
        let korean = |text: &Option<String>| text.as_deref().is_some_and(|t| !reads_as_english(t));
        korean(&k.title)
            && (f.fix.is_none() || korean(&k.fix))
            && (f.explanation.is_empty() || korean(&k.explanation))
            && self.values_left_in_english(f).is_empty()
    }
}

/// The longest text [`Catalogue::text`] looks up.
pub const MAX_MESSAGE_BYTES: usize = 4096;

/// Product and shell names, which stay English in Korean text (longest
/// first: each is taken out of a text before its words are read). The e2e
/// tests' check of the rendered pages uses these lists too.
pub const NAMES: [&str; 7] = [
    "Skype for Business Server Management Shell",
    "Skype for Business Server",
    "Skype for Business",
    "Exchange Management Shell",
    "Exchange Server",
    "Microsoft Exchange Server Auth Certificate",
    "Outlook on the web",
];

/// Lower-case words that are names (a tool, a service, a unit, JSON's
/// words), not English.
pub const TOOL_WORDS: [&str; 8] = [
    "iisreset",
    "autodiscover",
    "https",
    "http",
    "ms",
    "true",
    "false",
    "null",
];

/// Whether a text reads as English to a Korean reader: it has a word of
/// lower-case ASCII letters only, outside double quotes (which mark text
/// quoted from a server or an output), outside the names of products and
/// shells, and other than a name like `iisreset` or `ms`. Technical tokens (`x5t`,
/// `content-type`, `serviceName`, hosts, URLs, thumbprints) are not words.
pub fn reads_as_english(text: &str) -> bool {
    let mut unquoted = String::with_capacity(text.len());
    for (i, part) in text.split('"').enumerate() {
        if i % 2 == 0 {
            unquoted.push_str(part);
            unquoted.push(' ');
        }
    }
    for name in NAMES {
        unquoted = unquoted.replace(name, " ");
    }
    unquoted.split_whitespace().any(|token| {
        // A leading dot stays: ".cer" is a file type, not a word.
        let word = token
            .trim_start_matches(|c: char| "(['".contains(c))
            .trim_end_matches(|c: char| ",.;:)]'!?".contains(c));
        !word.is_empty()
            && word.bytes().all(|b| b.is_ascii_lowercase())
            && !TOOL_WORDS.contains(&word)
    })
}

/// A plan step's texts in Korean; see [`Catalogue::step`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KoreanStep {
    pub title: Option<String>,
    pub server: Option<String>,
    pub what_it_does: Option<String>,
    pub warning: Option<String>,
}

/// The catalogue in the repository, for the crate's own tests.
#[cfg(test)]
pub(crate) fn bundled() -> &'static Catalogue {
    static BUNDLED: std::sync::LazyLock<Catalogue> = std::sync::LazyLock::new(|| {
        Catalogue::parse(include_str!("../../../../i18n/ko.json"))
            .unwrap_or_else(|e| panic!("i18n/ko.json: {e}"))
    });
    &BUNDLED
}

/// `pairs` if every one is usable.
fn check(
    table: &'static str,
    pairs: Vec<(String, String)>,
    captured: bool,
) -> Result<Vec<(String, String)>, CatalogueError> {
    for (index, (en, ko)) in pairs.iter().enumerate() {
        for (text, which) in [(en, "English"), (ko, "Korean")] {
            if text.trim().is_empty() {
                return Err(CatalogueError::Empty {
                    table,
                    index,
                    which,
                });
            }
        }
        agree(en, ko, captured).map_err(|problem| CatalogueError::Placeholders {
            table,
            index,
            english: en.clone(),
            problem,
        })?;
    }
    Ok(pairs)
}

/// Whether the Korean takes exactly the values the English gives.
fn agree(en: &str, ko: &str, captured: bool) -> Result<(), PlaceholderProblem> {
    let english = placeholders(en);
    if let Some(&i) = english.indices.first() {
        return Err(PlaceholderProblem::IndexInEnglish(i));
    }
    if captured && has_adjacent_values(en) {
        return Err(PlaceholderProblem::AdjacentInEnglish);
    }
    let n = english.next;
    match placeholders(ko) {
        Placeholders { next, indices } if indices.is_empty() => {
            if next != n {
                return Err(PlaceholderProblem::Count {
                    english: n,
                    korean: next,
                });
            }
        }
        Placeholders { next, .. } if next > 0 => return Err(PlaceholderProblem::Mixed),
        Placeholders { indices, .. } => {
            if let Some(&index) = indices.iter().find(|&&i| i >= n) {
                return Err(PlaceholderProblem::IndexOutOfRange { index, english: n });
            }
            if let Some(missing) = (0..n).find(|i| !indices.contains(i)) {
                return Err(PlaceholderProblem::Missing(missing));
            }
        }
    }
    Ok(())
}
