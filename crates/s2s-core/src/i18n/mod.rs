//! The Korean catalogue: every Korean text of the console, kept out of the
//! app's download. It is the JSON file `i18n/ko.json` at the repository
//! root, which the app fetches only when Korean is shown:
//!
//! ```json
//! {"ui": [["Language", "언어"], ["{} days left", "{}일 남음"], ...],
//!  "titles": [...], "fixes": [...], "explanations": [...]}
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
//! they produce has all three texts in Korean.
//!
//! Commands, cmdlet names, parameters and values are never translated.
//!
//! The catalogue is checked when it is read, so a mistake in the file is
//! reported with its table and entry instead of showing as a wrong text.

mod pattern;
#[cfg(test)]
mod tests;

pub use pattern::fill;

use crate::json::{self, FromJson, Json, Object, Path, ReadError};
use thiserror::Error;

use crate::findings::Finding;
use pattern::{Placeholders, captures, has_adjacent_values, placeholders};

/// The Korean of the console's texts; see the module documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    ui: Vec<(String, String)>,
    titles: Vec<(String, String)>,
    fixes: Vec<(String, String)>,
    explanations: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CatalogueError {
    #[error(
        "the Korean catalogue is not one JSON object with the arrays \"ui\", \"titles\", \
         \"fixes\" and \"explanations\" of [English, Korean] pairs: {0}"
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
struct Tables {
    ui: Vec<(String, String)>,
    titles: Vec<(String, String)>,
    fixes: Vec<(String, String)>,
    explanations: Vec<(String, String)>,
}

impl FromJson for Tables {
    fn from_json(value: &Json, path: &Path<'_>) -> Result<Self, ReadError> {
        let o = Object::new(value, path)?;
        o.only(&["ui", "titles", "fixes", "explanations"])?;
        Ok(Tables {
            ui: o.req("ui")?,
            titles: o.req("titles")?,
            fixes: o.req("fixes")?,
            explanations: o.req("explanations")?,
        })
    }
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
        let t: Tables = json::from_str(json).map_err(|e| CatalogueError::Shape(e.to_string()))?;
        // Finding texts are matched by capture, UI patterns only filled: only
        // the former need their values separated by text.
        Ok(Catalogue {
            ui: check("ui", t.ui, false)?,
            titles: check("titles", t.titles, true)?,
            fixes: check("fixes", t.fixes, true)?,
            explanations: check("explanations", t.explanations, true)?,
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

    pub fn finding(&self, f: &Finding) -> Korean {
        Korean {
            title: translate(&self.titles, &f.title),
            fix: f.fix.as_deref().and_then(|fix| translate(&self.fixes, fix)),
            explanation: (!f.explanation.is_empty())
                .then(|| translate(&self.explanations, &f.explanation))
                .flatten(),
        }
    }

    /// Whether every text of `f` has its Korean (empty ones need none).
    pub fn fully_translated(&self, f: &Finding) -> bool {
        let k = self.finding(f);
        k.title.is_some()
            && (f.fix.is_none() || k.fix.is_some())
            && (f.explanation.is_empty() || k.explanation.is_some())
    }
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

fn translate(table: &[(String, String)], text: &str) -> Option<String> {
    table
        .iter()
        .find_map(|(en, ko)| captures(en, text).map(|values| fill(ko, &values)))
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
