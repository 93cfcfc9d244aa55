//! `?deployment=NAME` on any page (the Overview's table of watched
//! deployments, the links of the shipped Prometheus alerts): that watched
//! deployment's names go into the topology and both documents are fetched;
//! the page is left without the query, so a reload does not undo later edits.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};

use crate::api;
use crate::i18n::{tr_text, trf};
use crate::workspace::Workspace;

/// Why a deployment link did not open, shown at the top of the page until
/// the next navigation.
#[derive(Clone, Copy)]
pub struct DeploymentNotice(pub RwSignal<Option<String>>);

pub fn open_deployment_from_query() {
    let location = use_location();
    let navigate = use_navigate();
    let ws = expect_context::<Workspace>();
    let notice = expect_context::<DeploymentNotice>();
    Effect::new(move |_| {
        let Some(name) = location.query.with(|q| q.get("deployment")) else {
            if notice.0.with_untracked(Option::is_some) {
                notice.0.set(None);
            }
            return;
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            // The reader may have gone elsewhere while the answer came.
            let still_asked = || {
                location
                    .query
                    .with_untracked(|q| q.get("deployment"))
                    .as_deref()
                    == Some(&name)
            };
            let said = match api::deployments().await {
                Ok(watched) => match watched.into_iter().find(|d| d.name == name) {
                    Some(d) if still_asked() => {
                        ws.open_watched(&d).await;
                        if still_asked() {
                            navigate(
                                &location.pathname.get_untracked(),
                                NavigateOptions {
                                    replace: true,
                                    ..Default::default()
                                },
                            );
                        }
                        return;
                    }
                    Some(_) => return,
                    None => trf("The s2s server watches no deployment named '{}'.", &[&name]),
                },
                Err(e) => trf(
                    "The watched deployments could not be read: {}",
                    &[&tr_text(&e.to_string())],
                ),
            };
            if still_asked() {
                notice.0.set(Some(said));
            }
        });
    });
}
