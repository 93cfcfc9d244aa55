//! The DOM layer (`src/dom.rs`) in headless Chromium: listeners go with the
//! owner that added them, and a switch builds afresh for each key, cleaning
//! up what it built before (its listeners and effects).
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use s2s_console::testing::*;
use wasm_bindgen_test::*;

mod support;

use support::{document, until};

wasm_bindgen_test_configure!(run_in_browser);

fn click(el: &web_sys::Element) {
    el.dispatch_event(&web_sys::Event::new("click").expect("event"))
        .expect("dispatch");
}

#[wasm_bindgen_test]
async fn listeners_go_with_their_owner() {
    start_executor();
    let clicks = Rc::new(Cell::new(0));
    let counted = clicks.clone();
    let button = el("button", &[]);
    let owner = Owner::new();
    owner.with(|| {
        listen(&button, "click", false, move |_: web_sys::Event| {
            counted.set(counted.get() + 1)
        })
    });
    click(&button);
    assert_eq!(clicks.get(), 1);
    owner.cleanup();
    click(&button);
    assert_eq!(clicks.get(), 1, "the listener outlived its owner");
}

#[wasm_bindgen_test]
async fn a_switch_builds_afresh_and_cleans_up() {
    start_executor();
    let root = el("div", &[]);
    document()
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let key = RwSignal::new(1);
    // Each build adds a listener counting into its own cell and an effect
    // following `echo`; both must stop when the key changes.
    let echo = RwSignal::new(0);
    let cells: Rc<std::cell::RefCell<Vec<Rc<Cell<u32>>>>> = Rc::default();
    let effect_runs = Rc::new(Cell::new(0));
    let owner = {
        let cells = cells.clone();
        let effect_runs = effect_runs.clone();
        mount_to(&root, move || {
            let holder = el("div", &[]);
            switch(
                &holder,
                move || key.get(),
                move |k| {
                    let button = el("button", &[("data-key", &k.to_string())]);
                    let count = Rc::new(Cell::new(0));
                    cells.borrow_mut().push(count.clone());
                    listen(&button, "click", false, move |_: web_sys::Event| {
                        count.set(count.get() + 1)
                    });
                    let runs = effect_runs.clone();
                    Effect::new(move |_| {
                        echo.track();
                        runs.set(runs.get() + 1);
                    });
                    button.into()
                },
            );
            element_view(holder)
        })
    };
    let button = || {
        root.query_selector("button")
            .ok()
            .flatten()
            .expect("button")
    };
    assert!(until(|| root.query_selector("button").ok().flatten().is_some()).await);
    let first = button();
    assert_eq!(first.get_attribute("data-key").as_deref(), Some("1"));
    click(&first);
    assert!(until(|| effect_runs.get() == 1).await);

    key.set(2);
    assert!(until(|| button().get_attribute("data-key").as_deref() == Some("2")).await);
    assert!(
        !first.is_connected(),
        "the first build is still in the page"
    );
    click(&first);
    click(&button());
    let counts: Vec<u32> = cells.borrow().iter().map(|c| c.get()).collect();
    assert_eq!(counts, [1, 1], "the first build's listener still counts");

    // Only the second build's effect follows `echo` now.
    assert!(until(|| effect_runs.get() == 2).await);
    echo.set(1);
    assert!(until(|| effect_runs.get() == 3).await);
    tick().await;
    assert_eq!(effect_runs.get(), 3, "the first build's effect still runs");

    owner.cleanup();
    root.remove();
}
