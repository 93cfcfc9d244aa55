//! Browsers' connections to the real server loop: a client that never
//! finishes its request headers is disconnected, connections beyond the cap
//! are closed at once, and requests still carry the client's address.

use std::time::Duration;

use s2s_proxy::connections::{ConnectionLimits, serve};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

async fn server(limits: ConnectionLimits) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    // Answers with the client's address, as the fetch limit reads it.
    let router = axum::Router::new().route(
        "/",
        axum::routing::get(
            |axum::extract::ConnectInfo(client): axum::extract::ConnectInfo<
                std::net::SocketAddr,
            >| async move { client.ip().to_string() },
        ),
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
    assert_eq!(
        ConnectionLimits::new(None, 32).header_read_timeout,
        Duration::from_secs(10)
    );
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
