//! `--shard K/N`: a stable share of the inputs, decided by a fixed hash (64-bit FNV-1a) of each
//! path relative to its directory argument, so hosts with different mount points agree.

use std::path::{Component, Path};

/// Shard K of N (1-based K).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub k: u64,
    pub n: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("expected K/N (e.g. 3/8), got {s:?}"))?;
        let k: u64 = k
            .trim()
            .parse()
            .map_err(|_| format!("K in K/N is not a number: {s:?}"))?;
        let n: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("N in K/N is not a number: {s:?}"))?;
        if n == 0 || k == 0 || k > n {
            return Err(format!("need 1 <= K <= N, got {k}/{n}"));
        }
        Ok(Shard { k, n })
    }
}

impl Shard {
    /// Whether this shard takes the input with this key.
    pub fn owns(&self, key: &str) -> bool {
        fnv1a64(key.as_bytes()) % self.n == self.k - 1
    }
}

/// The shard key of a path: its normal components joined with '/', whatever the platform.
pub fn shard_key(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::ParentDir => parts.push("..".into()),
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
    parts.join("/")
}

/// 64-bit FNV-1a: fixed forever, so that shard membership never changes between versions.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!("2/5".parse::<Shard>(), Ok(Shard { k: 2, n: 5 }));
        assert!("0/5".parse::<Shard>().is_err());
        assert!("6/5".parse::<Shard>().is_err());
        assert!("1/0".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
    }

    #[test]
    fn fnv_reference_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn every_key_in_exactly_one_shard() {
        for i in 0..500 {
            let key = format!("suppliers/{i}/contract.md");
            let owners = (1..=7).filter(|k| Shard { k: *k, n: 7 }.owns(&key)).count();
            assert_eq!(owners, 1);
        }
    }

    #[test]
    fn key_ignores_mount_point_and_separators() {
        assert_eq!(shard_key(Path::new("./a/b.md")), "a/b.md");
    }
}
