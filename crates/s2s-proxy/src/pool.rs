//! Open TLS connections to upstreams, kept for the next fetch of the same
//! server, as any HTTP client and nginx's `keepalive` do.
//!
//! A reused connection presents no certificate, so it follows the rule of
//! resumed TLS sessions ([`crate::tls_sessions`]): it is handed out only
//! while the chain verified when it was opened is younger than the window,
//! only for the same name at the same address (resolved and checked by this
//! fetch) under the same verification setting, and never to a fetch that
//! asks for a fresh look. The report says the connection was reused and how
//! old its chain is.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http_body_util::Empty;
use hyper::body::Bytes;
use hyper::client::conn::http1::SendRequest;
use s2s_core::api::TlsSession;

/// Idle connections kept per server, and in all. An idle connection holds
/// its TLS and HTTP buffers (tens of KB), so the total is kept small.
const IDLE_PER_SERVER: usize = 32;
const IDLE_IN_ALL: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PoolKey {
    pub host: String,
    pub addr: SocketAddr,
    pub insecure: bool,
}

/// A new connection that may be kept once its answer is read: where it
/// goes, and the times its report will need.
#[derive(Debug)]
pub struct Keep {
    pub key: PoolKey,
    pub chain_verified_at: Instant,
    pub opened_at: Instant,
}

#[derive(Debug)]
pub struct Reusable {
    pub sender: SendRequest<Empty<Bytes>>,
    /// What the connection showed when it was opened.
    pub tls: TlsSession,
    /// When its chain was verified (before it was opened, if its TLS
    /// session was resumed).
    pub chain_verified_at: Instant,
    pub opened_at: Instant,
}

#[derive(Debug, Default)]
pub struct ConnectionPool {
    idle: Mutex<HashMap<PoolKey, Vec<Reusable>>>,
    /// A sweep is scheduled (set and cleared under the `idle` lock).
    sweeping: AtomicBool,
}

/// Whether a kept connection may still be handed out.
fn usable(conn: &Reusable, window: Duration) -> bool {
    conn.chain_verified_at.elapsed() < window && !conn.sender.is_closed()
}

impl ConnectionPool {
    /// The most recently used open connection to this server whose chain
    /// is younger than `window`; stale and closed ones are dropped. The
    /// caller waits for it to be ready (`SendRequest::ready`).
    pub fn checkout(&self, key: &PoolKey, window: Duration) -> Option<Reusable> {
        let mut idle = self.idle.lock().ok()?;
        let list = idle.get_mut(key)?;
        let found = loop {
            let Some(conn) = list.pop() else {
                break None;
            };
            // Not yet ready is fine: the connection's task may still be
            // finishing the last answer; the fetch waits for it.
            if usable(&conn, window) {
                break Some(conn);
            }
        };
        if list.is_empty() {
            idle.remove(key);
        }
        found
    }

    /// Keeps a connection whose last answer was read in full, if there is
    /// room; first lets go of every connection whose chain is too old.
    pub fn checkin(self: &Arc<Self>, key: PoolKey, conn: Reusable, window: Duration) {
        let Ok(mut idle) = self.idle.lock() else {
            return;
        };
        drop_unusable(&mut idle, window);
        let total: usize = idle.values().map(Vec::len).sum();
        // One already past its window (or closed) is not kept at all: the
        // sweep may be asleep until a later connection is due.
        if total >= IDLE_IN_ALL || !usable(&conn, window) {
            return;
        }
        let list = idle.entry(key).or_default();
        if list.len() < IDLE_PER_SERVER {
            list.push(conn);
            if !self.sweeping.swap(true, Ordering::SeqCst) {
                self.sweep_when_due(window);
            }
        }
    }

    /// Closes each kept connection once its window has passed, even when no
    /// fetch comes along to do it (an idle connection holds a socket and
    /// tens of KB): one task, while any are kept, waking when the oldest is
    /// due. It holds the pool weakly, so a dropped pool ends it.
    fn sweep_when_due(self: &Arc<Self>, window: Duration) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            self.sweeping.store(false, Ordering::SeqCst);
            return;
        };
        let pool = Arc::downgrade(self);
        runtime.spawn(async move {
            loop {
                let due = {
                    let Some(pool) = pool.upgrade() else { return };
                    let Ok(mut idle) = pool.idle.lock() else {
                        return;
                    };
                    drop_unusable(&mut idle, window);
                    let oldest = idle.values().flatten().map(|c| c.chain_verified_at).min();
                    match oldest {
                        Some(at) => at + window,
                        None => {
                            // Cleared under the lock: a checkin after this
                            // schedules a new sweep.
                            pool.sweeping.store(false, Ordering::SeqCst);
                            return;
                        }
                    }
                };
                tokio::time::sleep_until(due.into()).await;
            }
        });
    }
}

fn drop_unusable(idle: &mut HashMap<PoolKey, Vec<Reusable>>, window: Duration) {
    idle.retain(|_, list| {
        list.retain(|c| usable(c, window));
        !list.is_empty()
    });
}
