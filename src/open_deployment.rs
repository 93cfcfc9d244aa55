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

/// Why a deployment link did not open, shown at the top of the page.
#[derive(Clone, Copy)]
pub struct DeploymentNotice(pub RwSignal<Option<String>>);

pub fn open_deployment_from_query() {
    let location = use_location();
    let navigate = use_navigate();
    let ws = expect_context::<Workspace>();
    let notice = expect_context::<DeploymentNotice>();
    Effect::new(move |_| {
        let Some(name) = location.query.with(|q| q.get("deployment")) else {
            return;
        };
        let path = location.pathname.get_untracked();
        let navigate = navigate.clone();
        spawn_local(async move {
            let found = match api::deployments().await {
                Ok(watched) => watched.into_iter().find(|d| d.name == name),
                Err(e) => {
                    notice.0.set(Some(trf(
                        "The watched deployments could not be read: {}",
                        &[&tr_text(&e.to_string())],
                    )));
                    return;
                }
            };
            match found {
                Some(d) => {
                    notice.0.set(None);
                    ws.open_watched(&d).await;
                }
                None => notice.0.set(Some(trf(
                    "The s2s server watches no deployment named '{}'.",
                    &[&name],
                ))),
            }
            navigate(
                &path,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        });
    });
}
