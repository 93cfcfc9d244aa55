//! The reactive system (`src/reactive/`) in headless Chromium: effects run
//! after the current work and again on change, memos tell their readers only
//! of a different value, what an owner or a re-run effect made goes with it
//! (its cleanups run, nothing is left behind), contexts are found from below,
//! and a signal whose owner is gone takes writes harmlessly.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use s2s_console::testing::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn effects_run_after_the_current_work_and_again_on_change() {
    let owner = Owner::new();
    let runs = Rc::new(Cell::new(0));
    let seen = Rc::new(Cell::new(0));
    let count = owner.with(|| RwSignal::new(1));
    let (r, s) = (runs.clone(), seen.clone());
    owner.with(|| {
        Effect::new(move |_| {
            r.set(r.get() + 1);
            s.set(count.get());
        })
    });
    assert_eq!(runs.get(), 0, "an effect runs after the current work");
    flush();
    assert_eq!((runs.get(), seen.get()), (1, 1));
    count.set(5);
    count.set(7);
    flush();
    assert_eq!((runs.get(), seen.get()), (2, 7), "two writes, one run");
    owner.cleanup();
    count.set(9);
    flush();
    assert_eq!(runs.get(), 2, "the effect outlived its owner");
}

#[wasm_bindgen_test]
fn memos_tell_only_of_a_different_value() {
    let owner = Owner::new();
    let runs = Rc::new(Cell::new(0));
    let n = owner.with(|| RwSignal::new(2));
    let even = owner.with(|| Memo::new(move |_| n.get() % 2 == 0));
    let r = runs.clone();
    owner.with(|| {
        Effect::new(move |_| {
            even.track();
            r.set(r.get() + 1);
        })
    });
    flush();
    assert_eq!(runs.get(), 1);
    n.set(4);
    flush();
    assert_eq!(runs.get(), 1, "the memo's value did not change");
    n.set(5);
    flush();
    assert_eq!(runs.get(), 2);
    assert!(!even.get_untracked());
    owner.cleanup();
}

#[wasm_bindgen_test]
fn what_an_effect_made_goes_when_it_runs_again() {
    let baseline = live_nodes();
    let owner = Owner::new();
    let cleanups = Rc::new(Cell::new(0));
    let key = owner.with(|| RwSignal::new(0));
    let c = cleanups.clone();
    owner.with(|| {
        Effect::new(move |_| {
            key.track();
            // Made by this run: a signal, a memo, a derived signal, a stored
            // value and a cleanup.
            let inner = RwSignal::new(1);
            let _ = Memo::new(move |_| inner.get() + 1);
            let _ = Signal::derive(move || inner.get());
            let _ = StoredValue::new(inner);
            let c = c.clone();
            Owner::on_cleanup(move || c.set(c.get() + 1));
        })
    });
    flush();
    let after_first = live_nodes();
    for i in 1..=20 {
        key.set(i);
        flush();
    }
    assert_eq!(cleanups.get(), 20);
    assert_eq!(live_nodes(), after_first, "re-runs leave nodes behind");
    owner.cleanup();
    assert_eq!(cleanups.get(), 21);
    // The owner itself stays until its own owner goes; nothing else does.
    assert_eq!(live_nodes(), baseline + 1);
}

#[wasm_bindgen_test]
fn contexts_are_found_from_below_and_dead_signals_take_writes() {
    let outer = Owner::new();
    outer.with(|| provide_context(42u32));
    let inner = outer.with(Owner::new);
    assert_eq!(inner.with(use_context::<u32>), Some(42));
    assert_eq!(inner.with(use_context::<u64>), None);
    let dead = inner.with(|| RwSignal::new(String::from("x")));
    outer.cleanup();
    dead.set("after".into());
    dead.update(|s| s.push('!'));
    assert_eq!(
        outer.with(use_context::<u32>),
        Some(42),
        "contexts stay with their owner"
    );
}

#[wasm_bindgen_test]
fn an_effect_writing_what_it_reads_runs_again_after_itself() {
    let owner = Owner::new();
    let n = owner.with(|| RwSignal::new(0));
    let runs = Rc::new(Cell::new(0));
    let r = runs.clone();
    owner.with(|| {
        Effect::new(move |_| {
            r.set(r.get() + 1);
            let v = n.get();
            if v < 3 {
                n.set(v + 1);
            }
        })
    });
    flush();
    assert_eq!((n.get_untracked(), runs.get()), (3, 4));
    owner.cleanup();
}
