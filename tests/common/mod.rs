//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The `shared` folder beside the checkout, or `None` (after saying so) when it is absent. With
/// `CLAUSELINT_REQUIRE_SHARED=1` (CI) its absence fails the test instead.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.join("corpus").is_dir() {
        return Some(dir);
    }
    if std::env::var("CLAUSELINT_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!(
            "../shared is required (CLAUSELINT_REQUIRE_SHARED=1) but not found at {}",
            dir.display()
        );
    }
    println!("skipped: ../shared not found at {}", dir.display());
    None
}
