//! The `clauselint` binary: parses arguments and hands over to [`clauselint::cli`].

use clap::Parser;

/// mimalloc instead of the system allocator: the analysis allocates many small, short-lived
/// vectors per clause, and glibc's malloc took about 15 % of a batch run (docs/design.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = clauselint::cli::Cli::parse();
    std::process::exit(clauselint::cli::run(cli));
}
