//! Name lookups through the system resolver, with a bound on the threads
//! they take. `getaddrinfo` blocks and cannot be cancelled: a lookup that
//! times out keeps its thread until the resolver gives up (tens of seconds
//! when DNS servers do not answer). Each lookup holds a permit until its
//! thread is done, so slow DNS costs at most [`MAX_LOOKUPS`] threads, and
//! further fetches wait for one within their own time limit instead of
//! piling up threads.
//!
//! Names are looked up fully qualified (with a dot at the end), so the
//! resolver's search domains are never appended: a name allowed as
//! `ex01.litwareinc.com` that does not resolve must not become
//! `ex01.litwareinc.com.corp.example`, an address nobody allowed.

use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

/// Lookups in progress at once, timed out or not. Well above the fetches
/// allowed at once by default, so it binds only when DNS hangs.
pub const MAX_LOOKUPS: usize = 64;

#[derive(Debug)]
pub enum LookupError {
    /// No answer within the time given (or no thread free for the lookup).
    TimedOut,
    Failed(std::io::Error),
}

/// The lookups of one server, sharing [`MAX_LOOKUPS`] threads.
#[derive(Debug, Clone)]
pub struct Lookups {
    permits: Arc<Semaphore>,
}

impl Default for Lookups {
    fn default() -> Self {
        Lookups::new(MAX_LOOKUPS)
    }
}

impl Lookups {
    pub fn new(at_once: usize) -> Self {
        Lookups {
            permits: Arc::new(Semaphore::new(at_once)),
        }
    }

    /// The addresses of `host` (looked up as [`absolute`]), from the system
    /// resolver, within `within`.
    pub async fn lookup(
        &self,
        host: &str,
        port: u16,
        within: Duration,
    ) -> Result<Vec<SocketAddr>, LookupError> {
        let host = absolute(host);
        self.run(within, move || {
            (host.as_str(), port)
                .to_socket_addrs()
                .map(Iterator::collect)
        })
        .await
    }

    /// Runs a blocking lookup on its own thread, holding a permit until that
    /// thread is done, whether or not anyone still waits for the answer.
    async fn run<F>(&self, within: Duration, blocking: F) -> Result<Vec<SocketAddr>, LookupError>
    where
        F: FnOnce() -> std::io::Result<Vec<SocketAddr>> + Send + 'static,
    {
        let deadline = tokio::time::Instant::now() + within;
        let permit =
            match tokio::time::timeout_at(deadline, self.permits.clone().acquire_owned()).await {
                Ok(Ok(permit)) => permit,
                // Never closed; a closed one would mean no lookups at all.
                Ok(Err(_)) | Err(_) => return Err(LookupError::TimedOut),
            };
        let thread = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            blocking()
        });
        match tokio::time::timeout_at(deadline, thread).await {
            Err(_) => Err(LookupError::TimedOut),
            Ok(Err(e)) => Err(LookupError::Failed(std::io::Error::other(e))),
            Ok(Ok(answer)) => answer.map_err(LookupError::Failed),
        }
    }
}

/// `host` as the resolver is asked for it: fully qualified, with one dot at
/// the end, so no search domain is tried. `localhost` names stay as they
/// are: they are answered from the hosts file, which does not match a name
/// ending in a dot.
pub fn absolute(host: &str) -> String {
    let lower = host.to_ascii_lowercase();
    if host.ends_with('.') || lower == "localhost" || lower.ends_with(".localhost") {
        host.to_string()
    } else {
        format!("{host}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A resolver that hangs: the timed-out lookups keep their threads, and
    /// no more than the bound run at once; a lookup finds a thread again
    /// once they are done.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn hung_lookups_take_no_more_than_the_bound() {
        let lookups = Lookups::new(2);
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let hung = |running: Arc<AtomicUsize>, most: Arc<AtomicUsize>| {
            move || {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(400));
                running.fetch_sub(1, Ordering::SeqCst);
                Ok(Vec::new())
            }
        };
        let mut waiting = Vec::new();
        for _ in 0..5 {
            let lookups = lookups.clone();
            let job = hung(running.clone(), most.clone());
            waiting.push(tokio::spawn(async move {
                lookups.run(Duration::from_millis(100), job).await
            }));
        }
        for w in waiting {
            let outcome = w.await.expect("joined");
            assert!(matches!(outcome, Err(LookupError::TimedOut)), "{outcome:?}");
        }
        assert_eq!(most.load(Ordering::SeqCst), 2, "threads beyond the bound");
        assert_eq!(
            running.load(Ordering::SeqCst),
            2,
            "the timed-out lookups still run"
        );

        tokio::time::sleep(Duration::from_millis(500)).await;
        let quick = lookups
            .run(Duration::from_millis(100), || {
                Ok(vec![SocketAddr::from(([10, 0, 0, 5], 443))])
            })
            .await;
        assert_eq!(
            quick.ok(),
            Some(vec![SocketAddr::from(([10, 0, 0, 5], 443))])
        );
    }

    #[test]
    fn names_are_asked_for_fully_qualified() {
        for (host, asked) in [
            (
                "autodiscover.litwareinc.com",
                "autodiscover.litwareinc.com.",
            ),
            (
                "autodiscover.litwareinc.com.",
                "autodiscover.litwareinc.com.",
            ),
            // A single label is not completed from the search list either.
            ("ex01", "ex01."),
            ("localhost", "localhost"),
            ("LocalHost", "LocalHost"),
            ("app.localhost", "app.localhost"),
        ] {
            assert_eq!(absolute(host), asked, "{host}");
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_system_resolver_answers_and_fails_in_words() {
        let lookups = Lookups::default();
        let found = lookups
            .lookup("localhost", 443, Duration::from_secs(5))
            .await
            .expect("localhost resolves");
        assert!(
            found
                .iter()
                .all(|a| a.ip().is_loopback() && a.port() == 443),
            "{found:?}"
        );
        for missing in ["no-such-host.invalid", "no-such-host.invalid."] {
            let missing = lookups.lookup(missing, 443, Duration::from_secs(5)).await;
            assert!(matches!(
                missing,
                Err(LookupError::Failed(_)) | Err(LookupError::TimedOut)
            ));
        }
    }
}
