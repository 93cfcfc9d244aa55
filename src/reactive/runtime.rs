//! The reactive runtime: one arena of nodes per page (the browser runs the
//! app on one thread).
//!
//! A node is a signal, a memo, an effect, an owner or a stored value. Reading
//! a signal or memo while an effect or memo runs subscribes it; setting a
//! signal recomputes the memos that read it at once (a memo tells its own
//! readers only when its value changed) and queues the effects, which run
//! together in a microtask. Every node belongs to the owner, effect or memo
//! that was running when it was made: when that one runs again or is cleaned
//! up, what it made goes, and its cleanups run.
//!
//! No borrow of the arena is held while the app's code runs, so that code
//! may read and write signals freely.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// A node's handle: its slot and the slot's generation, so a handle to a
/// node that is gone finds nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeId {
    index: u32,
    generation: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Signal,
    Memo,
    Effect,
    Owner,
    Stored,
}

/// Recomputes a memo (returning whether its value changed) or runs an effect.
pub type Compute = Rc<RefCell<dyn FnMut() -> bool>>;

struct Node {
    kind: Kind,
    value: Option<Rc<dyn Any>>,
    compute: Option<Compute>,
    parent: Option<NodeId>,
    children: Vec<NodeId>,
    sources: Vec<NodeId>,
    subscribers: Vec<NodeId>,
    cleanups: Vec<Box<dyn FnOnce()>>,
    contexts: Vec<Rc<dyn Any>>,
}

struct Slot {
    generation: u32,
    node: Option<Node>,
}

#[derive(Default)]
struct Runtime {
    slots: RefCell<Vec<Slot>>,
    free: RefCell<Vec<u32>>,
    /// The memo or effect running now: what is read subscribes it.
    observer: Cell<Option<NodeId>>,
    /// What new nodes belong to.
    owner: Cell<Option<NodeId>>,
    pending: RefCell<Vec<NodeId>>,
    scheduled: Cell<bool>,
}

thread_local! {
    static RUNTIME: Runtime = Runtime::default();
}

fn with_node<R>(id: NodeId, f: impl FnOnce(&mut Node) -> R) -> Option<R> {
    RUNTIME.with(|rt| {
        let mut slots = rt.slots.borrow_mut();
        let slot = slots.get_mut(id.index as usize)?;
        if slot.generation != id.generation {
            return None;
        }
        slot.node.as_mut().map(f)
    })
}

/// Makes a node owned by the current owner.
pub fn create(kind: Kind, value: Option<Rc<dyn Any>>, compute: Option<Compute>) -> NodeId {
    RUNTIME.with(|rt| {
        let parent = rt.owner.get();
        let node = Node {
            kind,
            value,
            compute,
            parent,
            children: Vec::new(),
            sources: Vec::new(),
            subscribers: Vec::new(),
            cleanups: Vec::new(),
            contexts: Vec::new(),
        };
        let free = rt.free.borrow_mut().pop();
        let mut slots = rt.slots.borrow_mut();
        let id = match free {
            Some(index) => {
                let slot = &mut slots[index as usize];
                slot.node = Some(node);
                NodeId {
                    index,
                    generation: slot.generation,
                }
            }
            None => {
                let index = u32::try_from(slots.len()).unwrap_or(u32::MAX);
                slots.push(Slot {
                    generation: 0,
                    node: Some(node),
                });
                NodeId {
                    index,
                    generation: 0,
                }
            }
        };
        drop(slots);
        if let Some(parent) = parent {
            with_node(parent, |p| p.children.push(id));
        }
        id
    })
}

/// A node's value, if it is still there.
pub fn value(id: NodeId) -> Option<Rc<dyn Any>> {
    with_node(id, |n| n.value.clone()).flatten()
}

/// Subscribes the running memo or effect to `id`.
pub fn track(id: NodeId) {
    let Some(observer) = RUNTIME.with(|rt| rt.observer.get()) else {
        return;
    };
    if observer == id {
        return;
    }
    let added = with_node(observer, |o| {
        if o.sources.contains(&id) {
            false
        } else {
            o.sources.push(id);
            true
        }
    })
    .unwrap_or(false);
    if added {
        with_node(id, |n| n.subscribers.push(observer));
    }
}

/// Tells what read `id` that it changed.
pub fn notify(id: NodeId) {
    let subscribers = with_node(id, |n| n.subscribers.clone()).unwrap_or_default();
    for s in subscribers {
        match with_node(s, |n| n.kind) {
            Some(Kind::Memo) if run(s) => notify(s),
            Some(Kind::Effect) => queue(s),
            _ => {}
        }
    }
}

/// Queues an effect to run with the others in a microtask.
pub fn queue(effect: NodeId) {
    let schedule = RUNTIME.with(|rt| {
        let mut pending = rt.pending.borrow_mut();
        if !pending.contains(&effect) {
            pending.push(effect);
        }
        !rt.scheduled.replace(true)
    });
    if schedule {
        #[cfg(target_arch = "wasm32")]
        wasm_bindgen_futures::spawn_local(async { flush() });
    }
}

/// Runs the queued effects (and those they queue) now.
pub fn flush() {
    loop {
        let batch = RUNTIME.with(|rt| {
            rt.scheduled.set(false);
            std::mem::take(&mut *rt.pending.borrow_mut())
        });
        if batch.is_empty() {
            return;
        }
        for effect in batch {
            run(effect);
        }
    }
}

/// Runs a memo or effect afresh: what its last run made goes, it is
/// unsubscribed from what it read, and it runs as the observer and owner.
/// Returns what the computation returned (for a memo: whether it changed).
pub fn run(id: NodeId) -> bool {
    let Some(compute) = with_node(id, |n| n.compute.clone()).flatten() else {
        return false;
    };
    // A computation that reaches itself (an effect writing what it reads)
    // is not run again inside itself, and what its run made stays.
    let Ok(mut f) = compute.try_borrow_mut() else {
        return false;
    };
    clean(id);
    let sources = with_node(id, |n| std::mem::take(&mut n.sources)).unwrap_or_default();
    for source in sources {
        with_node(source, |n| n.subscribers.retain(|s| *s != id));
    }
    let (observer, owner) =
        RUNTIME.with(|rt| (rt.observer.replace(Some(id)), rt.owner.replace(Some(id))));
    let result = f();
    RUNTIME.with(|rt| {
        rt.observer.set(observer);
        rt.owner.set(owner);
    });
    result
}

/// Runs `f` with no observer: what it reads subscribes nothing.
pub fn untrack<T>(f: impl FnOnce() -> T) -> T {
    let observer = RUNTIME.with(|rt| rt.observer.replace(None));
    let result = f();
    RUNTIME.with(|rt| rt.observer.set(observer));
    result
}

/// Runs `f` with `owner` owning what it makes.
pub fn with_owner<T>(owner: Option<NodeId>, f: impl FnOnce() -> T) -> T {
    let previous = RUNTIME.with(|rt| rt.owner.replace(owner));
    let result = f();
    RUNTIME.with(|rt| rt.owner.set(previous));
    result
}

pub fn current_owner() -> Option<NodeId> {
    RUNTIME.with(|rt| rt.owner.get())
}

/// Registers `f` to run when the current owner is cleaned up (never, with
/// no owner).
pub fn on_cleanup(f: impl FnOnce() + 'static) {
    if let Some(owner) = current_owner() {
        with_node(owner, |n| n.cleanups.push(Box::new(f)));
    }
}

/// Disposes what `id` made and runs its cleanups; `id` itself stays.
pub fn clean(id: NodeId) {
    let (children, cleanups) = with_node(id, |n| {
        (
            std::mem::take(&mut n.children),
            std::mem::take(&mut n.cleanups),
        )
    })
    .unwrap_or_default();
    for child in children {
        dispose(child);
    }
    for cleanup in cleanups.into_iter().rev() {
        cleanup();
    }
}

/// Removes `id` and everything it made.
pub fn dispose(id: NodeId) {
    clean(id);
    let node = RUNTIME.with(|rt| {
        let mut slots = rt.slots.borrow_mut();
        let slot = slots.get_mut(id.index as usize)?;
        if slot.generation != id.generation {
            return None;
        }
        let node = slot.node.take();
        slot.generation = slot.generation.wrapping_add(1);
        rt.free.borrow_mut().push(id.index);
        node
    });
    let Some(node) = node else {
        return;
    };
    for source in &node.sources {
        with_node(*source, |n| n.subscribers.retain(|s| *s != id));
    }
    RUNTIME.with(|rt| rt.pending.borrow_mut().retain(|p| *p != id));
    // The value (and a computation's captures) are dropped here, with no
    // borrow held: their drops may touch the runtime.
    drop(node);
}

/// Puts a context value on the current owner.
pub fn provide(value: Rc<dyn Any>) {
    if let Some(owner) = current_owner() {
        with_node(owner, |n| n.contexts.push(value));
    }
}

/// The nearest context value of type `T`, from the current owner up.
pub fn context<T: Clone + 'static>() -> Option<T> {
    let mut at = current_owner();
    while let Some(id) = at {
        let (found, parent) = with_node(id, |n| {
            let found = n
                .contexts
                .iter()
                .rev()
                .find_map(|c| c.downcast_ref::<T>().cloned());
            (found, n.parent)
        })?;
        if found.is_some() {
            return found;
        }
        at = parent;
    }
    None
}

/// How many nodes exist (for tests: nothing leaks).
pub fn live_nodes() -> usize {
    RUNTIME.with(|rt| {
        rt.slots
            .borrow()
            .iter()
            .filter(|s| s.node.is_some())
            .count()
    })
}
