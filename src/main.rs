//! The `clauselint` binary: parses arguments and hands over to [`clauselint::cli`].

use clap::Parser;

fn main() {
    let cli = clauselint::cli::Cli::parse();
    std::process::exit(clauselint::cli::run(cli));
}
