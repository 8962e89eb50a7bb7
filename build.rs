//! Rebuilds the binary when the embedded clause library changes (files added, removed or edited).
fn main() {
    println!("cargo:rerun-if-changed=clause-library");
}
