//! Batch scanning: finds a run's inputs (walk rules, `--files-from`, `--glob`, `--shard`), analyses
//! them in parallel and hands the results on in input order through a bounded window, with a progress
//! bar. Knows files and threads, nothing about clauses or report formats.

pub mod discover;
pub mod pipeline;
pub mod progress;
pub mod shard;

pub use discover::{discover, Discovered, Input, SkipCounts, WalkOptions};
pub use pipeline::run_ordered;
pub use progress::Progress;
pub use shard::Shard;

/// The default number of worker threads: all cores.
/// The most worker threads a run uses: the work is bound by the processor, and each thread holds
/// a document in memory, so more threads than this only cost memory and start-up time.
pub const MAX_THREADS: usize = 256;

pub fn default_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}
