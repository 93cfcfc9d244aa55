//! Signals, memos, derived signals, effects, stored values, owners, contexts
//! and callbacks: the reactive system the console runs on, with Leptos'
//! model and API. (The console ran on Leptos' own, `reactive_graph`, with its
//! executor, channels and maps; this, what the console needs of it, is 17 KB
//! gzip less to download.)
//!
//! Every handle is a `Copy` id into the page's arena (see [`runtime`]). A
//! handle whose node is gone reads as a bug (a panic naming it) and writes
//! to nothing, so a fetch finishing after its page was left is harmless.

mod runtime;

use std::cell::RefCell;
use std::marker::PhantomData;
use std::rc::Rc;

use runtime::{Kind, NodeId};

pub use runtime::untrack;

/// A node that is gone was read: a bug in the console, not in its input.
#[cold]
fn gone(what: &str) -> ! {
    panic!("a {what} was read after its owner was cleaned up")
}

fn cell<T: 'static>(id: NodeId) -> Option<Rc<RefCell<T>>> {
    runtime::value(id)?.downcast::<RefCell<T>>().ok()
}

macro_rules! handle {
    ($name:ident) => {
        impl<T> Clone for $name<T> {
            fn clone(&self) -> Self {
                *self
            }
        }
        impl<T> Copy for $name<T> {}
    };
}

/// Reading a signal or memo: tracked (subscribing the running effect or
/// memo) or not.
pub trait Read<T> {
    #[doc(hidden)]
    fn id(&self) -> NodeId;

    fn with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> R;

    fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        runtime::track(self.id());
        self.with_untracked(f)
    }

    fn get(&self) -> T
    where
        T: Clone,
    {
        self.with(T::clone)
    }

    fn get_untracked(&self) -> T
    where
        T: Clone,
    {
        self.with_untracked(T::clone)
    }

    fn track(&self) {
        runtime::track(self.id());
    }
}

/// A value that can be read (subscribing the running effect or memo) and
/// written (telling those that read it).
pub struct RwSignal<T> {
    id: NodeId,
    _t: PhantomData<fn() -> T>,
}
handle!(RwSignal);

impl<T: 'static> Read<T> for RwSignal<T> {
    fn id(&self) -> NodeId {
        self.id
    }

    fn with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        match cell::<T>(self.id) {
            Some(c) => f(&c.borrow()),
            None => gone("signal"),
        }
    }
}

impl<T: 'static> RwSignal<T> {
    pub fn new(value: T) -> RwSignal<T> {
        RwSignal {
            id: runtime::create(Kind::Signal, Some(Rc::new(RefCell::new(value))), None),
            _t: PhantomData,
        }
    }

    pub fn set(&self, value: T) {
        self.update(|v| *v = value);
    }

    pub fn update(&self, f: impl FnOnce(&mut T)) {
        if let Some(c) = cell::<T>(self.id) {
            f(&mut c.borrow_mut());
            runtime::notify(self.id);
        }
    }
}

/// A value computed from signals, computed again when they change; those
/// that read it hear of it only when the value is different.
pub struct Memo<T> {
    id: NodeId,
    _t: PhantomData<fn() -> T>,
}
handle!(Memo);

impl<T: PartialEq + 'static> Memo<T> {
    pub fn new(mut f: impl FnMut(Option<&T>) -> T + 'static) -> Memo<T> {
        let value: Rc<RefCell<Option<T>>> = Rc::new(RefCell::new(None));
        let held = Rc::clone(&value);
        let compute: runtime::Compute = Rc::new(RefCell::new(move || {
            let next = f(held.borrow().as_ref());
            let changed = held.borrow().as_ref() != Some(&next);
            if changed {
                *held.borrow_mut() = Some(next);
            }
            changed
        }));
        let id = runtime::create(Kind::Memo, Some(value), Some(compute));
        runtime::run(id);
        Memo {
            id,
            _t: PhantomData,
        }
    }
}

impl<T: PartialEq + 'static> Read<T> for Memo<T> {
    fn id(&self) -> NodeId {
        self.id
    }

    fn with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        match cell::<Option<T>>(self.id) {
            Some(c) => match &*c.borrow() {
                Some(v) => f(v),
                None => gone("memo"),
            },
            None => gone("memo"),
        }
    }
}

struct Derived<T>(Box<dyn Fn() -> T>);

/// A value read through a function of other signals (computed on each read).
pub struct Signal<T> {
    id: NodeId,
    _t: PhantomData<fn() -> T>,
}
handle!(Signal);

impl<T: 'static> Signal<T> {
    pub fn derive(f: impl Fn() -> T + 'static) -> Signal<T> {
        Signal {
            id: runtime::create(Kind::Stored, Some(Rc::new(Derived(Box::new(f)))), None),
            _t: PhantomData,
        }
    }

    fn compute(&self) -> T {
        match runtime::value(self.id).and_then(|v| v.downcast::<Derived<T>>().ok()) {
            Some(d) => (d.0)(),
            None => gone("derived signal"),
        }
    }

    pub fn get(&self) -> T {
        self.compute()
    }

    pub fn get_untracked(&self) -> T {
        untrack(|| self.compute())
    }

    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.compute())
    }
}

impl<T: Clone + 'static> From<RwSignal<T>> for Signal<T> {
    fn from(s: RwSignal<T>) -> Signal<T> {
        Signal::derive(move || s.get())
    }
}

impl From<String> for Signal<String> {
    fn from(s: String) -> Signal<String> {
        Signal::derive(move || s.clone())
    }
}

/// Runs a function after the current work (in a microtask), and again
/// whenever what it read changes; it gets what it returned last time.
pub struct Effect;

impl Effect {
    pub fn new<T: 'static>(mut f: impl FnMut(Option<T>) -> T + 'static) -> Effect {
        let last: RefCell<Option<T>> = RefCell::new(None);
        let compute: runtime::Compute = Rc::new(RefCell::new(move || {
            let previous = last.borrow_mut().take();
            let next = f(previous);
            *last.borrow_mut() = Some(next);
            false
        }));
        let id = runtime::create(Kind::Effect, None, Some(compute));
        runtime::queue(id);
        Effect
    }
}

/// A value kept with its owner, read and written without any tracking.
pub struct StoredValue<T> {
    id: NodeId,
    _t: PhantomData<fn() -> T>,
}
handle!(StoredValue);

impl<T: 'static> StoredValue<T> {
    pub fn new(value: T) -> StoredValue<T> {
        StoredValue {
            id: runtime::create(Kind::Stored, Some(Rc::new(RefCell::new(value))), None),
            _t: PhantomData,
        }
    }

    /// [`StoredValue::new`] (every value is local here: one thread).
    pub fn new_local(value: T) -> StoredValue<T> {
        StoredValue::new(value)
    }

    pub fn with_value<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        match cell::<T>(self.id) {
            Some(c) => f(&c.borrow()),
            None => gone("stored value"),
        }
    }

    pub fn update_value(&self, f: impl FnOnce(&mut T)) {
        if let Some(c) = cell::<T>(self.id) {
            f(&mut c.borrow_mut());
        }
    }

    pub fn set_value(&self, value: T) {
        self.update_value(|v| *v = value);
    }
}

struct Call<T>(Box<dyn Fn(T)>);

/// A function kept with its owner, to hand to views.
pub struct Callback<T> {
    id: NodeId,
    _t: PhantomData<fn(T)>,
}
handle!(Callback);

impl<T: 'static> Callback<T> {
    pub fn new(f: impl Fn(T) + 'static) -> Callback<T> {
        Callback {
            id: runtime::create(Kind::Stored, Some(Rc::new(Call(Box::new(f)))), None),
            _t: PhantomData,
        }
    }

    /// Calls the function (nothing, once its owner is gone).
    pub fn run(&self, input: T) {
        if let Some(call) = runtime::value(self.id).and_then(|v| v.downcast::<Call<T>>().ok()) {
            (call.0)(input);
        }
    }
}

/// What owns the nodes made under it: cleaning it up disposes them and runs
/// its cleanups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owner(NodeId);

impl Owner {
    /// A new owner, itself owned by the current one (if any).
    #[allow(clippy::new_without_default)]
    pub fn new() -> Owner {
        Owner(runtime::create(Kind::Owner, None, None))
    }

    pub fn current() -> Option<Owner> {
        runtime::current_owner().map(Owner)
    }

    /// Runs `f` with this owner owning what it makes.
    pub fn with<R>(&self, f: impl FnOnce() -> R) -> R {
        runtime::with_owner(Some(self.0), f)
    }

    /// Disposes what this owner made and runs its cleanups.
    pub fn cleanup(&self) {
        runtime::clean(self.0);
    }

    /// Runs `f` when the current owner is cleaned up.
    pub fn on_cleanup(f: impl FnOnce() + 'static) {
        runtime::on_cleanup(f);
    }
}

/// Puts `value` where the current owner and everything under it find it.
pub fn provide_context<T: Clone + 'static>(value: T) {
    runtime::provide(Rc::new(value));
}

/// The nearest value of type `T` put with [`provide_context`].
pub fn use_context<T: Clone + 'static>() -> Option<T> {
    runtime::context::<T>()
}

/// [`use_context`] for what the shell always provides.
pub fn expect_context<T: Clone + 'static>() -> T {
    match use_context::<T>() {
        Some(v) => v,
        None => panic!("{} is not provided", std::any::type_name::<T>()),
    }
}

/// Runs the effects that are due now (the page does this in a microtask;
/// tests call it through their waiting helper).
pub fn flush() {
    runtime::flush();
}

/// How many reactive nodes exist (tests check nothing leaks).
pub fn live_nodes() -> usize {
    runtime::live_nodes()
}

/// Runs a future on the page's event loop.
pub fn spawn_local(future: impl std::future::Future<Output = ()> + 'static) {
    wasm_bindgen_futures::spawn_local(future);
}

/// Calls `f` after `delay`.
pub fn set_timeout(f: impl FnOnce() + 'static, delay: std::time::Duration) {
    let closure = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            wasm_bindgen::JsCast::unchecked_ref(&closure),
            i32::try_from(delay.as_millis()).unwrap_or(i32::MAX),
        );
    }
}

/// Calls `f` before the next repaint.
pub fn request_animation_frame(f: impl FnOnce() + 'static) {
    let closure = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(wasm_bindgen::JsCast::unchecked_ref(&closure));
    }
}
