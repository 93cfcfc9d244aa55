//! Browsers' connections to the real server loop: a client that never
//! finishes its request headers, or never reads its response, is
//! disconnected, so are idle and old connections, connections beyond the
//! cap are closed at once, and requests still carry the client's address.

use std::time::Duration;

use s2s_proxy::connections::{ConnectionLimits, serve};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The size of `/big`'s answer.
const BIG_BODY: usize = 32 * 1024 * 1024;

async fn server(limits: ConnectionLimits) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    // Answers with the client's address, as the fetch limit reads it.
    let router = axum::Router::new()
        .route(
            "/",
            axum::routing::get(
                |axum::extract::ConnectInfo(client): axum::extract::ConnectInfo<
                    std::net::SocketAddr,
                >| async move { client.ip().to_string() },
            ),
        )
        .route("/healthz", axum::routing::get(|| async { "ok\n" }))
        // As large as the app's WASM and more: far beyond socket buffers.
        .route(
            "/big",
            axum::routing::get(|| async { vec![b'w'; BIG_BODY] }),
        );
    tokio::spawn(serve(listener, router, limits, std::future::pending()));
    addr
}

/// Reads until the server closes the connection (or `wait` passes).
async fn read_to_close(stream: &mut TcpStream, wait: Duration) -> Option<String> {
    let mut got = Vec::new();
    match tokio::time::timeout(wait, stream.read_to_end(&mut got)).await {
        Ok(_) => Some(String::from_utf8_lossy(&got).into_owned()),
        Err(_) => None,
    }
}

/// Sends a whole request (asking for the connection to close after it) and
/// reads what comes back until the server closes: "" when it closed
/// without answering, `None` when it kept the connection open for `wait`.
async fn ask(stream: &mut TcpStream, wait: Duration) -> Option<String> {
    // A connection closed at once may refuse the write; the read says so.
    let _ = stream
        .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .await;
    read_to_close(stream, wait).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_whose_headers_never_end_is_cut_off() {
    let addr = server(ConnectionLimits {
        header_read_timeout: Duration::from_millis(300),
        max_connections: 8,
        ..ConnectionLimits::new(None, 32)
    })
    .await;
    let mut slow = TcpStream::connect(addr).await.expect("connect");
    slow.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .await
        .expect("write");
    // Closed by the server well before this test would give up.
    let answer = read_to_close(&mut slow, Duration::from_secs(5)).await;
    assert!(answer.is_some(), "the slow connection is still open");

    // A whole request is answered, with the client's address.
    let mut ok = TcpStream::connect(addr).await.expect("connect");
    let answer = ask(&mut ok, Duration::from_secs(5))
        .await
        .expect("answered");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with("127.0.0.1"), "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_beyond_the_cap_are_closed_at_once() {
    let addr = server(ConnectionLimits {
        header_read_timeout: Duration::from_secs(30),
        max_connections: 2,
        ..ConnectionLimits::new(None, 32)
    })
    .await;
    // Two idle connections hold both slots.
    let _a = TcpStream::connect(addr).await.expect("connect");
    let _b = TcpStream::connect(addr).await.expect("connect");
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut third = TcpStream::connect(addr).await.expect("connect");
    let answer = ask(&mut third, Duration::from_secs(2)).await;
    assert_eq!(
        answer.as_deref(),
        Some(""),
        "the third connection was served"
    );
}

/// The cap follows the fetches allowed at once unless it is configured.
#[test]
fn the_cap_leaves_room_for_every_fetch() {
    assert_eq!(ConnectionLimits::new(None, 32).max_connections, 1024);
    assert_eq!(ConnectionLimits::new(None, 1000).max_connections, 2000);
    assert_eq!(ConnectionLimits::new(Some(64), 1000).max_connections, 64);
    let limits = ConnectionLimits::new(None, 32);
    assert_eq!(limits.header_read_timeout, Duration::from_secs(10));
    assert_eq!(
        limits.header_read_timeout,
        s2s_proxy::connections::HEADER_READ_TIMEOUT
    );
    assert_eq!(
        limits.write_stall_timeout,
        s2s_proxy::connections::WRITE_STALL_TIMEOUT
    );
    assert_eq!(limits.max_age, s2s_proxy::connections::MAX_CONNECTION_AGE);
}

/// A connection from `from` (any 127.0.0.0/8 address is this machine).
async fn connect_from(from: [u8; 4], to: std::net::SocketAddr) -> TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket
        .bind(std::net::SocketAddr::from((from, 0)))
        .expect("bind");
    socket.connect(to).await.expect("connect")
}

/// One client cannot take every slot: its connections beyond its share are
/// closed at once, and another client still gets in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_client_cannot_hold_every_connection() {
    let limits = ConnectionLimits {
        header_read_timeout: Duration::from_secs(30),
        max_connections: 4,
        ..ConnectionLimits::new(None, 32)
    };
    assert_eq!(limits.per_client(), 3);
    // Small caps keep a share for others too (one connection at the least).
    for (cap, share) in [(1, 1), (2, 1), (3, 2), (1024, 768)] {
        let small = ConnectionLimits {
            max_connections: cap,
            ..limits
        };
        assert_eq!(small.per_client(), share, "{cap}");
    }
    let addr = server(limits).await;
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(connect_from([127, 0, 0, 1], addr).await);
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut fourth = connect_from([127, 0, 0, 1], addr).await;
    assert_eq!(
        ask(&mut fourth, Duration::from_secs(2)).await.as_deref(),
        Some(""),
        "a fourth connection from the same client was served"
    );
    let mut other = connect_from([127, 0, 0, 2], addr).await;
    let answer = ask(&mut other, Duration::from_secs(5))
        .await
        .expect("answered");
    assert!(answer.ends_with("127.0.0.2"), "{answer}");
}

/// A request head larger than a browser's is refused as soon as it passes
/// the limit, not held until the header timer runs out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_request_head_is_refused_at_once() {
    let addr = server(ConnectionLimits {
        header_read_timeout: Duration::from_secs(30),
        max_connections: 8,
        ..ConnectionLimits::new(None, 32)
    })
    .await;
    let mut big = TcpStream::connect(addr).await.expect("connect");
    let mut head = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".to_vec();
    // Twenty long headers: few enough for hyper's header count, 80 KB in all.
    for n in 0..20 {
        head.extend(format!("X-Pad-{n}: {}\r\n", "x".repeat(4000)).bytes());
    }
    let _ = big.write_all(&head).await;
    let answer = read_to_close(&mut big, Duration::from_secs(5)).await;
    let answer = answer.expect("still open after 5 s");
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 431"),
        "{answer}"
    );
}

/// A connection from `from` with a small receive window, so a response it
/// does not read fills the buffers quickly.
async fn small_window_from(from: [u8; 4], to: std::net::SocketAddr) -> TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket.set_recv_buffer_size(4096).expect("buffer size");
    socket
        .bind(std::net::SocketAddr::from((from, 0)))
        .expect("bind");
    socket.connect(to).await.expect("connect")
}

/// Asks for `/healthz` from `from` until answered, for at most `wait`.
async fn healthz_within(from: [u8; 4], to: std::net::SocketAddr, wait: Duration) -> bool {
    let until = tokio::time::Instant::now() + wait;
    while tokio::time::Instant::now() < until {
        let mut stream = connect_from(from, to).await;
        let _ = stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            .await;
        if let Some(answer) = read_to_close(&mut stream, Duration::from_secs(2)).await
            && answer.starts_with("HTTP/1.1 200")
        {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

/// Two clients ask for a large body and never read it, holding both slots;
/// they are cut off once their responses stall, and `/healthz` answers
/// another client again. What they got stops short of the body.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_that_never_read_are_dropped() {
    let stall = Duration::from_millis(500);
    let addr = server(ConnectionLimits {
        max_connections: 2,
        write_stall_timeout: stall,
        ..ConnectionLimits::new(None, 32)
    })
    .await;
    let mut readers = Vec::new();
    for from in [[127, 0, 0, 1], [127, 0, 0, 2]] {
        let mut stream = small_window_from(from, addr).await;
        stream
            .write_all(b"GET /big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .await
            .expect("write");
        readers.push(stream);
    }
    // While they hold the slots, nobody else is served.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut refused = connect_from([127, 0, 0, 3], addr).await;
    assert_eq!(
        ask(&mut refused, Duration::from_secs(2)).await.as_deref(),
        Some(""),
        "served beyond the cap"
    );
    // Stalled for `stall`, both are dropped and their slots freed.
    assert!(
        healthz_within([127, 0, 0, 3], addr, Duration::from_secs(10)).await,
        "the slow readers still hold every connection"
    );
    for mut reader in readers {
        let mut got = Vec::new();
        let _ = tokio::time::timeout(Duration::from_secs(20), reader.read_to_end(&mut got)).await;
        assert!(
            got.starts_with(b"HTTP/1.1 200") && got.len() < BIG_BODY,
            "{} bytes",
            got.len()
        );
    }
}

/// A connection kept alive and left idle is closed after the header
/// timeout, as one that never sends a request is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_kept_alive_connection_is_closed() {
    let addr = server(ConnectionLimits {
        header_read_timeout: Duration::from_millis(300),
        ..ConnectionLimits::new(None, 32)
    })
    .await;
    let mut idle = TcpStream::connect(addr).await.expect("connect");
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .await
        .expect("write");
    let answer = read_to_close(&mut idle, Duration::from_secs(5))
        .await
        .expect("closed once idle");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with("ok\n"), "{answer}");
}

/// A client that keeps its connection busy, asking without pause, still
/// loses it at the maximum age: the request under way is answered, then the
/// connection closes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_are_closed_at_their_maximum_age() {
    let limits = ConnectionLimits {
        max_age: Duration::from_millis(500),
        write_stall_timeout: Duration::from_secs(1),
        ..ConnectionLimits::new(None, 32)
    };
    let addr = server(limits).await;
    let mut busy = TcpStream::connect(addr).await.expect("connect");
    let started = tokio::time::Instant::now();
    let mut answered = 0;
    let closed = loop {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "still open after 10 s"
        );
        if busy
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .await
            .is_err()
        {
            break true;
        }
        let mut buf = [0u8; 1024];
        match tokio::time::timeout(Duration::from_secs(5), busy.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break true,
            Ok(Ok(_)) => answered += 1,
            Err(_) => break false,
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(closed && answered > 1, "answered {answered}");
}
