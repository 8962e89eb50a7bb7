//! The progress bar of a batch run (indicatif, on stderr): files done / total, rate, ETA and errors so
//! far. Drawn only when stderr is a terminal and the run is not quiet; otherwise it does nothing.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

pub struct Progress {
    bar: Option<ProgressBar>,
    errors: std::cell::Cell<u64>,
}

/// Files per second as a whole number ("1966 files/s"; indicatif's own shows four decimals).
fn write_rate(state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write) {
    let _ = write!(w, "{} files/s", rate_text(state.per_sec()));
}

/// The rate rounded to a whole number (one decimal below 10).
fn rate_text(per_sec: f64) -> String {
    if !per_sec.is_finite() || per_sec < 0.0 {
        "-".to_string()
    } else if per_sec < 10.0 {
        format!("{per_sec:.1}")
    } else {
        format!("{per_sec:.0}")
    }
}

impl Progress {
    /// A bar for `total` files, shown if `wanted` and stderr is a terminal.
    pub fn new(total: u64, wanted: bool) -> Progress {
        if !wanted || !std::io::stderr().is_terminal() {
            return Progress {
                bar: None,
                errors: std::cell::Cell::new(0),
            };
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr_with_hz(8));
        let style = ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} files  {rate}  ETA {eta}  {msg}",
        )
        .map(|style| style.with_key("rate", write_rate))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_message("0 errors");
        Progress {
            bar: Some(bar),
            errors: std::cell::Cell::new(0),
        }
    }

    /// One file done.
    pub fn inc(&self, errored: bool) {
        if let Some(bar) = &self.bar {
            if errored {
                let n = self.errors.get() + 1;
                self.errors.set(n);
                bar.set_message(format!("{n} error{}", if n == 1 { "" } else { "s" }));
            }
            bar.inc(1);
        }
    }

    /// Runs `f` (which prints to stderr) with the bar hidden.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn rates_read_as_whole_files_per_second() {
        assert_eq!(super::rate_text(1966.4729), "1966");
        assert_eq!(super::rate_text(3.25), "3.2");
        assert_eq!(super::rate_text(f64::NAN), "-");
    }
}
