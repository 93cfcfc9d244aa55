//! The well-known service principals that appear in authentication metadata
//! documents (`serviceName`) and in issuers (`<id>@<realm>`).

use serde::Serialize;

/// A service principal id that Microsoft products publish, with the product name
/// an administrator recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Principal {
    pub id: &'static str,
    pub product: &'static str,
}

/// Skype for Business Server / Lync Server.
pub const SKYPE: Principal = Principal {
    id: "00000004-0000-0ff1-ce00-000000000000",
    product: "Skype for Business Server",
};

/// Exchange Server (on-premises and Online).
pub const EXCHANGE: Principal = Principal {
    id: "00000002-0000-0ff1-ce00-000000000000",
    product: "Exchange Server",
};

/// Every principal the console names, in the order of their ids.
pub const WELL_KNOWN: &[Principal] = &[
    Principal {
        id: "00000001-0000-0000-c000-000000000000",
        product: "Azure ACS / Microsoft 365 authorization server",
    },
    EXCHANGE,
    Principal {
        id: "00000003-0000-0ff1-ce00-000000000000",
        product: "SharePoint Server",
    },
    SKYPE,
    Principal {
        id: "00000003-0000-0000-c000-000000000000",
        product: "Microsoft Graph",
    },
];

/// Looks a principal up by id. Ids are GUIDs, so the comparison ignores case.
pub fn lookup(id: &str) -> Option<&'static Principal> {
    let id = id.trim();
    WELL_KNOWN.iter().find(|p| p.id.eq_ignore_ascii_case(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_well_known_id_in_any_case() {
        for p in WELL_KNOWN {
            assert_eq!(lookup(p.id), Some(p));
            assert_eq!(lookup(&p.id.to_ascii_uppercase()), Some(p));
        }
    }

    #[test]
    fn sharepoint_and_graph_are_distinct() {
        // They differ only in the fourth group: a loose match would confuse them.
        let sp = lookup("00000003-0000-0ff1-ce00-000000000000").map(|p| p.product);
        let graph = lookup("00000003-0000-0000-c000-000000000000").map(|p| p.product);
        assert_eq!(sp, Some("SharePoint Server"));
        assert_eq!(graph, Some("Microsoft Graph"));
    }

    #[test]
    fn unknown_ids_are_not_guessed() {
        assert_eq!(lookup("00000005-0000-0ff1-ce00-000000000000"), None);
        assert_eq!(lookup(""), None);
        assert_eq!(
            lookup("00000004-0000-0ff1-ce00-000000000000@litwareinc.com"),
            None
        );
    }

    #[test]
    fn ids_are_unique() {
        for (i, a) in WELL_KNOWN.iter().enumerate() {
            for b in &WELL_KNOWN[i + 1..] {
                assert_ne!(a.id, b.id);
            }
        }
    }
}
