//! The address guard: which IP addresses a request reached through a
//! wildcard allow-list entry (`*`, `*.example.com`) may connect to.
//!
//! Only public unicast addresses pass. The check runs on the *resolved*
//! address at connect time (through [`GuardedResolver`], reqwest's DNS hook),
//! so a name that resolves to a public address when checked and to a private
//! one when connecting (DNS rebinding) cannot slip through, and it runs again
//! on every redirect hop.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Why an address is refused (e.g. `Some("private")` for 10.1.2.3), or
/// `None` when it is public.
pub(crate) fn non_public(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => non_public_v4(v4),
        IpAddr::V6(v6) => {
            // Addresses that carry an IPv4 address are judged by it.
            if let Some(v4) = v6.to_ipv4_mapped() {
                return non_public_v4(v4).map(|_| "IPv4-mapped non-public");
            }
            let s = v6.segments();
            if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0] {
                let v4 = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
                return non_public_v4(v4).map(|_| "NAT64-embedded non-public");
            }
            if s[0] == 0x2002 {
                let v4 = Ipv4Addr::new((s[1] >> 8) as u8, s[1] as u8, (s[2] >> 8) as u8, s[2] as u8);
                return non_public_v4(v4).map(|_| "6to4-embedded non-public");
            }
            non_public_v6(v6)
        }
    }
}

fn non_public_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, ..] = ip.octets();
    Some(match () {
        _ if ip.is_unspecified() || a == 0 => "unspecified",
        _ if ip.is_loopback() => "loopback",
        _ if ip.is_private() => "private",
        _ if ip.is_link_local() => "link-local (cloud metadata lives here)",
        _ if a == 100 && (64..128).contains(&b) => "shared address space (CGNAT)",
        _ if ip.is_multicast() => "multicast",
        _ if ip.is_broadcast() => "broadcast",
        _ if a == 192 && b == 0 && ip.octets()[2] == 0 => "IETF protocol assignments",
        _ if a == 198 && (18..20).contains(&b) => "benchmarking",
        _ if ip.is_documentation() => "documentation",
        _ if a >= 240 => "reserved",
        _ => return None,
    })
}

fn non_public_v6(ip: Ipv6Addr) -> Option<&'static str> {
    let first = ip.segments()[0];
    Some(match () {
        _ if ip.is_unspecified() => "unspecified",
        _ if ip.is_loopback() => "loopback",
        _ if first & 0xffc0 == 0xfe80 => "link-local",
        _ if first & 0xfe00 == 0xfc00 => "unique-local",
        _ if first & 0xffc0 == 0xfec0 => "site-local",
        _ if ip.is_multicast() => "multicast",
        _ if first == 0x2001 && ip.segments()[1] == 0x0db8 => "documentation",
        _ if ip.segments()[..6] == [0, 0, 0, 0, 0, 0] => "IPv4-compatible (deprecated)",
        _ if first == 0x0100 && ip.segments()[1..4] == [0, 0, 0] => "discard-only",
        _ => return None,
    })
}

/// The error a guarded connection fails with; recognised by the network
/// layer to report `network-denied`.
#[derive(Debug)]
pub(crate) struct AddressDenied(pub(crate) String);

impl std::fmt::Display for AddressDenied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for AddressDenied {}

/// Looks names up; the seam tests use to resolve without DNS.
pub(crate) trait Lookup: Send + Sync + 'static {
    fn lookup(&self, host: String) -> futures_boxed::BoxFuture<std::io::Result<Vec<IpAddr>>>;
}

/// The system resolver (getaddrinfo, through tokio).
pub(crate) struct SystemLookup;

impl Lookup for SystemLookup {
    fn lookup(&self, host: String) -> futures_boxed::BoxFuture<std::io::Result<Vec<IpAddr>>> {
        Box::pin(async move {
            let addrs = tokio::net::lookup_host((host.as_str(), 0)).await?;
            Ok(addrs.map(|a| a.ip()).collect())
        })
    }
}

/// reqwest's DNS hook for wildcard-matched hosts: resolves, then keeps only
/// public addresses; none left fails the connection with [`AddressDenied`].
pub(crate) struct GuardedResolver {
    lookup: Arc<dyn Lookup>,
}

impl GuardedResolver {
    pub(crate) fn new(lookup: Arc<dyn Lookup>) -> Self {
        GuardedResolver { lookup }
    }

    /// The public addresses of `host`, or why there are none.
    pub(crate) async fn resolve_public(lookup: &dyn Lookup, host: &str) -> Result<Vec<IpAddr>, AddressDenied> {
        let ips =
            lookup.lookup(host.to_owned()).await.map_err(|e| AddressDenied(format!("cannot resolve {host}: {e}")))?;
        let mut refused = None;
        let public: Vec<IpAddr> = ips
            .into_iter()
            .filter(|ip| match non_public(*ip) {
                None => true,
                Some(why) => {
                    refused.get_or_insert((*ip, why));
                    false
                }
            })
            .collect();
        match (public.is_empty(), refused) {
            (true, Some((ip, why))) => Err(AddressDenied(format!(
                "{host} resolves to {ip}, a {why} address, which wildcard entries never reach"
            ))),
            (true, None) => Err(AddressDenied(format!("{host} resolves to no address"))),
            (false, _) => Ok(public),
        }
    }
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let lookup = self.lookup.clone();
        Box::pin(async move {
            let ips = GuardedResolver::resolve_public(lookup.as_ref(), name.as_str()).await?;
            let addrs: Addrs = Box::new(ips.into_iter().map(|ip| SocketAddr::new(ip, 0)));
            Ok(addrs)
        })
    }
}

/// A boxed future alias without pulling in the futures crate.
pub(crate) mod futures_boxed {
    pub type BoxFuture<T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send>>;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn every_non_public_class_is_refused() {
        for (addr, class) in [
            ("127.0.0.1", "loopback"),
            ("127.255.255.254", "loopback"),
            ("0.0.0.0", "unspecified"),
            ("0.1.2.3", "unspecified"),
            ("10.0.0.1", "private"),
            ("172.16.0.1", "private"),
            ("172.31.255.255", "private"),
            ("192.168.1.1", "private"),
            ("169.254.169.254", "link-local (cloud metadata lives here)"),
            ("169.254.0.1", "link-local (cloud metadata lives here)"),
            ("100.64.0.1", "shared address space (CGNAT)"),
            ("100.127.255.255", "shared address space (CGNAT)"),
            ("224.0.0.1", "multicast"),
            ("255.255.255.255", "broadcast"),
            ("240.0.0.1", "reserved"),
            ("198.18.0.1", "benchmarking"),
            ("::1", "loopback"),
            ("::", "unspecified"),
            ("fe80::1", "link-local"),
            ("fc00::1", "unique-local"),
            ("fd12:3456::1", "unique-local"),
            ("ff02::1", "multicast"),
            ("::ffff:127.0.0.1", "IPv4-mapped non-public"),
            ("::ffff:169.254.169.254", "IPv4-mapped non-public"),
            ("::ffff:10.0.0.1", "IPv4-mapped non-public"),
            ("64:ff9b::a9fe:a9fe", "NAT64-embedded non-public"),
            ("2002:7f00:1::", "6to4-embedded non-public"),
            ("::127.0.0.1", "IPv4-compatible (deprecated)"),
        ] {
            assert_eq!(non_public(ip(addr)), Some(class), "{addr}");
        }
    }

    #[test]
    fn public_addresses_pass() {
        for addr in
            ["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"]
        {
            assert_eq!(non_public(ip(addr)), None, "{addr}");
        }
    }

    /// Resolves from a fixed table; never touches the network.
    struct FakeLookup(Vec<(&'static str, Vec<&'static str>)>);

    impl Lookup for FakeLookup {
        fn lookup(&self, host: String) -> futures_boxed::BoxFuture<std::io::Result<Vec<IpAddr>>> {
            let found = self.0.iter().find(|(h, _)| *h == host).map(|(_, ips)| ips.iter().map(|i| ip(i)).collect());
            Box::pin(async move { found.ok_or_else(|| std::io::Error::other("no such host")) })
        }
    }

    fn resolve(lookup: &FakeLookup, host: &str) -> Result<Vec<IpAddr>, String> {
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        rt.block_on(GuardedResolver::resolve_public(lookup, host)).map_err(|e| e.0)
    }

    #[test]
    fn names_resolving_to_non_public_addresses_are_refused() {
        let lookup = FakeLookup(vec![
            ("metadata.evil.test", vec!["169.254.169.254"]),
            ("rebind.evil.test", vec!["10.0.0.7"]),
            ("localhost.evil.test", vec!["127.0.0.1", "::1"]),
            ("mapped.evil.test", vec!["::ffff:192.168.0.1"]),
        ]);
        for host in ["metadata.evil.test", "rebind.evil.test", "localhost.evil.test", "mapped.evil.test"] {
            let err = resolve(&lookup, host).unwrap_err();
            assert!(err.contains("which wildcard entries never reach"), "{host}: {err}");
        }
        assert!(resolve(&lookup, "unknown.test").unwrap_err().contains("cannot resolve"));
    }

    #[test]
    fn only_the_public_addresses_of_a_mixed_answer_are_used() {
        let lookup = FakeLookup(vec![("mixed.test", vec!["10.0.0.1", "93.184.216.34", "::1"])]);
        assert_eq!(resolve(&lookup, "mixed.test").unwrap(), vec![ip("93.184.216.34")]);
    }

    #[test]
    fn the_check_happens_at_each_resolution_so_rebinding_fails() {
        // First answer public, second private: each connection resolves again.
        struct Rebinding(std::sync::atomic::AtomicUsize);
        impl Lookup for Rebinding {
            fn lookup(&self, _: String) -> futures_boxed::BoxFuture<std::io::Result<Vec<IpAddr>>> {
                let n = self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                Box::pin(async move { Ok(vec![if n == 0 { ip("93.184.216.34") } else { ip("127.0.0.1") }]) })
            }
        }
        let lookup = Rebinding(Default::default());
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        assert!(rt.block_on(GuardedResolver::resolve_public(&lookup, "flip.test")).is_ok());
        assert!(rt.block_on(GuardedResolver::resolve_public(&lookup, "flip.test")).is_err());
    }
}
