//! Address ranges (CIDR) the fetcher may connect to, when the operator
//! restricts them: a name on the allowlist that resolves somewhere else
//! (DNS changed, or was made to point inwards) is refused before connecting.

use std::net::IpAddr;

use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    base: IpAddr,
    prefix: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("'{0}' is not a network: write ADDRESS/PREFIX, e.g. 10.20.0.0/16 or fd00::/8")]
pub struct NetworkError(pub String);

impl Network {
    pub fn parse(text: &str) -> Result<Network, NetworkError> {
        let bad = || NetworkError(text.to_string());
        let (addr, prefix) = text.trim().split_once('/').ok_or_else(bad)?;
        let base: IpAddr = addr.parse().map_err(|_| bad())?;
        let prefix: u8 = prefix.parse().map_err(|_| bad())?;
        let max = if base.is_ipv4() { 32 } else { 128 };
        if prefix > max {
            return Err(bad());
        }
        Ok(Network { base, prefix })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.base, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            // An IPv4 address seen as IPv6 (::ffff:a.b.c.d) is checked as IPv4.
            (IpAddr::V4(_), IpAddr::V6(v6)) => v6
                .to_ipv4_mapped()
                .is_some_and(|v4| self.contains(IpAddr::V4(v4))),
            (IpAddr::V6(_), IpAddr::V4(_)) => false,
        }
    }
}

/// What kind of inward address `ip` is, if it is one: an address that
/// reaches this machine or its own link rather than a server (loopback, the
/// unspecified address, which Linux connects to itself, link-local, where
/// cloud metadata services answer, multicast, broadcast). A name the
/// operator allowed that DNS answers with one of these is refused by
/// default: a wildcard entry, or a changed DNS record, must not turn the
/// proxy on the machine it runs on. Private ranges (10/8, fd00::/8) are
/// where Skype and Exchange live, and are not inward.
pub fn inward_kind(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => {
            if v4.is_loopback() {
                Some("loopback")
            } else if v4.octets()[0] == 0 {
                Some("unspecified (this host)")
            } else if v4.is_link_local() {
                Some("link-local")
            } else if v4.is_multicast() {
                Some("multicast")
            } else if v4.is_broadcast() {
                Some("broadcast")
            } else {
                None
            }
        }
        IpAddr::V6(v6) => {
            // An IPv4 address carried in IPv6 (mapped, IPv4-compatible
            // ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) goes where the
            // IPv4 address does.
            if let Some(v4) = carried_ipv4(v6) {
                return inward_kind(IpAddr::V4(v4));
            }
            if v6 == std::net::Ipv6Addr::new(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0254) {
                // The cloud's instance metadata service (AWS, over IPv6).
                return Some("link-local");
            }
            if v6.is_loopback() {
                Some("loopback")
            } else if v6.is_unspecified() {
                Some("unspecified (this host)")
            } else if v6.segments()[0] & 0xffc0 == 0xfe80 {
                Some("link-local")
            } else if v6.is_multicast() {
                Some("multicast")
            } else {
                None
            }
        }
    }
}

fn carried_ipv4(v6: std::net::Ipv6Addr) -> Option<std::net::Ipv4Addr> {
    let s = v6.segments();
    let v4 = |hi: u16, lo: u16| std::net::Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo));
    if let Some(v4) = v6.to_ipv4_mapped() {
        Some(v4)
    } else if s[..6] == [0; 6] && !v6.is_loopback() && !v6.is_unspecified() {
        // IPv4-compatible (deprecated, but stacks may still route it);
        // `::` and `::1` are IPv6's own and are named as such below.
        Some(v4(s[6], s[7]))
    } else if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        Some(v4(s[6], s[7]))
    } else if s[0] == 0x2002 {
        Some(v4(s[1], s[2]))
    } else {
        None
    }
}

impl std::fmt::Display for Network {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.base, self.prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn inward_addresses() {
        for (addr, kind) in [
            ("127.0.0.1", "loopback"),
            ("127.255.0.9", "loopback"),
            ("::1", "loopback"),
            ("::ffff:127.0.0.1", "loopback"),
            ("::127.0.0.1", "loopback"),
            ("::169.254.169.254", "link-local"),
            ("::0.0.0.2", "unspecified (this host)"),
            ("::224.0.0.1", "multicast"),
            ("0.0.0.0", "unspecified (this host)"),
            ("0.1.2.3", "unspecified (this host)"),
            ("::", "unspecified (this host)"),
            ("169.254.169.254", "link-local"),
            ("::ffff:169.254.169.254", "link-local"),
            ("64:ff9b::a9fe:a9fe", "link-local"),
            ("64:ff9b::7f00:1", "loopback"),
            ("2002:7f00:1::", "loopback"),
            ("fd00:ec2::254", "link-local"),
            ("fe80::1", "link-local"),
            ("febf::1", "link-local"),
            ("224.0.0.1", "multicast"),
            ("ff02::1", "multicast"),
            ("255.255.255.255", "broadcast"),
        ] {
            assert_eq!(inward_kind(ip(addr)), Some(kind), "{addr}");
        }
        for addr in [
            "10.20.0.7",
            "172.16.5.4",
            "192.168.1.1",
            "8.8.8.8",
            "fd00::5",
            "fec0::1",
            "2001:db8::1",
            "::ffff:10.0.0.1",
            "::10.0.0.1",
            "64:ff9b::a14:7",
            "2002:a14:7::1",
            "fd00:ec2::253",
        ] {
            assert_eq!(inward_kind(ip(addr)), None, "{addr}");
        }
    }

    #[test]
    fn membership() {
        let n = Network::parse("10.20.0.0/16").expect("valid");
        assert!(n.contains(ip("10.20.3.4")));
        assert!(!n.contains(ip("10.21.0.1")));
        assert!(!n.contains(ip("127.0.0.1")));
        assert!(n.contains(ip("::ffff:10.20.0.9")));
        let all = Network::parse("0.0.0.0/0").expect("valid");
        assert!(all.contains(ip("8.8.8.8")));
        let v6 = Network::parse("fd00::/8").expect("valid");
        assert!(v6.contains(ip("fd12::1")));
        assert!(!v6.contains(ip("fe80::1")));
        assert!(!v6.contains(ip("10.0.0.1")));
        let host = Network::parse("192.0.2.10/32").expect("valid");
        assert!(host.contains(ip("192.0.2.10")) && !host.contains(ip("192.0.2.11")));
    }

    #[test]
    fn bad_networks_are_named() {
        for bad in ["10.0.0.0", "10.0.0.0/33", "fd00::/129", "ten/8", ""] {
            assert_eq!(
                Network::parse(bad),
                Err(NetworkError(bad.to_string())),
                "{bad}"
            );
        }
    }
}
