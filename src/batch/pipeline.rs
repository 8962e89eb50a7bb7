//! The parallel, ordered pipeline: `threads` workers analyse inputs while the calling thread receives
//! results and hands them on in input order. A window bounds how far workers may run ahead of the
//! oldest result not yet handed on, so memory stays flat however many inputs.

use crate::analysis::RuleParallelism;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{mpsc, Condvar, Mutex};

/// The most threads the rules of the few documents of a small run are spread over.
const RULE_POOL_MAX: usize = 16;

/// How many results may wait for an earlier one, per worker thread.
pub const WINDOW_PER_THREAD: usize = 16;

/// How many results a worker hands over at once. The receiving thread is woken once per hand-over
/// (a futex call and two thread switches), not once per document. A worker hands over early
/// whenever it would otherwise wait for the window, so the window always moves, and once the work
/// on what it holds has taken [`HAND_OVER_AFTER`], so a slow document still shows on the progress
/// bar and in the streamed output as soon as it completes.
const HAND_OVER: usize = 8;
const HAND_OVER_AFTER: std::time::Duration = std::time::Duration::from_millis(50);

struct Claims {
    next: usize,
    emitted: usize,
    cancelled: bool,
    /// Workers waiting for the window to move.
    waiting: usize,
}

/// Runs `work` over `items` on `threads` threads. `on_complete` sees each result as it completes (in
/// completion order, e.g. for progress); `emit` receives every result in input order. A panic in `work`
/// becomes `on_panic(index)`'s result, so one bad input never stops the run. The first error of `emit`
/// stops the workers and is returned.
///
/// `work` is told how the rules of one item may run. With at least as many items as threads, every
/// thread has its own item: each worker runs its items start to finish on its own thread, rules in
/// sequence (no hand-over between threads per item). With fewer items than threads, each item runs
/// on a rayon pool of `threads` threads so its rules can use the idle ones.
pub fn run_ordered<I, T, W, P, C, E>(
    items: &[I],
    threads: usize,
    work: W,
    on_panic: P,
    mut on_complete: C,
    mut emit: E,
) -> std::io::Result<()>
where
    I: Sync,
    T: Send,
    W: Fn(usize, &I, RuleParallelism) -> T + Sync,
    P: Fn(usize) -> T + Sync,
    C: FnMut(&T),
    E: FnMut(T) -> std::io::Result<()>,
{
    let threads = threads.max(1);
    let window = threads * WINDOW_PER_THREAD;
    let pool = if items.len() < threads {
        Some(
            rayon::ThreadPoolBuilder::new()
                // The rules of one document split into a few parts (analysis::analyze_with).
                .num_threads(threads.min(RULE_POOL_MAX))
                .thread_name(|i| format!("clauselint-worker-{i}"))
                .build()
                .map_err(std::io::Error::other)?,
        )
    } else {
        None
    };
    let claims = Mutex::new(Claims {
        next: 0,
        emitted: 0,
        cancelled: false,
        waiting: 0,
    });
    let turn = Condvar::new();
    let (tx, rx) = mpsc::channel::<Vec<(usize, T)>>();

    // The next item to work on, or `None` when there is none left. `hand_over` runs (without the
    // lock) before the worker would wait for the window: the results it holds may be the ones the
    // window waits for.
    let claim = |hand_over: &mut dyn FnMut()| -> Option<usize> {
        let mut c = claims.lock().ok()?;
        let mut handed_over = false;
        loop {
            if c.cancelled || c.next >= items.len() {
                return None;
            }
            if c.next < c.emitted + window {
                let i = c.next;
                c.next += 1;
                return Some(i);
            }
            if !handed_over {
                drop(c);
                hand_over();
                handed_over = true;
                c = claims.lock().ok()?;
                continue;
            }
            c.waiting += 1;
            c = turn.wait(c).ok()?;
            c.waiting -= 1;
        }
    };
    // Wakes waiting workers, if there are any (a notification is a system call).
    let release = |update: &dyn Fn(&mut Claims)| {
        if let Ok(mut c) = claims.lock() {
            update(&mut c);
            if c.waiting > 0 {
                drop(c);
                turn.notify_all();
            }
        }
    };
    let run_one = |i: usize| -> T {
        let guarded = |rules| {
            catch_unwind(AssertUnwindSafe(|| work(i, &items[i], rules)))
                .unwrap_or_else(|_| on_panic(i))
        };
        match &pool {
            Some(pool) => pool.install(|| guarded(RuleParallelism::Parallel)),
            None => guarded(RuleParallelism::Sequential),
        }
    };

    let mut result = Ok(());
    std::thread::scope(|s| {
        for w in 0..threads.min(items.len()) {
            let tx = tx.clone();
            let (claim, run_one) = (&claim, &run_one);
            std::thread::Builder::new()
                .name(format!("clauselint-work-{w}"))
                .spawn_scoped(s, move || {
                    // Whether the receiving side still listens.
                    let open = std::cell::Cell::new(true);
                    let hand_over = |done: &mut Vec<(usize, T)>| {
                        if !done.is_empty() && tx.send(std::mem::take(done)).is_err() {
                            open.set(false);
                        }
                    };
                    let mut done = Vec::with_capacity(HAND_OVER);
                    // When the work on the results held now began.
                    let mut since = std::time::Instant::now();
                    while let Some(i) = claim(&mut || hand_over(&mut done)) {
                        if done.is_empty() {
                            since = std::time::Instant::now();
                        }
                        done.push((i, run_one(i)));
                        if done.len() >= HAND_OVER || since.elapsed() >= HAND_OVER_AFTER {
                            hand_over(&mut done);
                        }
                        if !open.get() {
                            break;
                        }
                    }
                    hand_over(&mut done);
                })
                .map_err(|e| result = Err(e))
                .ok();
        }
        drop(tx);

        let mut pending: BTreeMap<usize, T> = BTreeMap::new();
        let mut next_out = 0usize;
        for (i, out) in rx.iter().flatten() {
            on_complete(&out);
            pending.insert(i, out);
            let mut advanced = false;
            while let Some(out) = pending.remove(&next_out) {
                if let Err(e) = emit(out) {
                    result = Err(e);
                    break;
                }
                next_out += 1;
                advanced = true;
            }
            if result.is_err() {
                break;
            }
            if advanced {
                release(&|c| c.emitted = next_out);
            }
        }
        if result.is_err() {
            release(&|c| c.cancelled = true);
        }
        drop(rx);
    });
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_input_order_whatever_the_threads() {
        let items: Vec<u64> = (0..500).collect();
        for threads in [1, 2, 3] {
            let mut seen = Vec::new();
            let mut completed = 0;
            run_ordered(
                &items,
                threads,
                |_, x, _| {
                    // Uneven work so completion order differs from input order.
                    let mut h = *x;
                    for _ in 0..((x * 7919) % 2000) {
                        h = h.wrapping_mul(6364136223846793005).wrapping_add(1);
                    }
                    (*x, h)
                },
                |i| (i as u64, 0),
                |_| completed += 1,
                |(x, _)| {
                    seen.push(x);
                    Ok(())
                },
            )
            .expect("run");
            assert_eq!(seen, items);
            assert_eq!(completed, items.len());
        }
    }

    /// A slow first item: the other worker runs ahead only as far as the window, hands over what
    /// it holds before it waits, and nothing waits forever.
    #[test]
    fn a_slow_first_item_keeps_the_window() {
        let items: Vec<u64> = (0..400).collect();
        for threads in [2, 3] {
            let window = threads * WINDOW_PER_THREAD;
            let (mut emitted, mut most_waiting) = (0usize, 0usize);
            let received = std::cell::Cell::new(0usize);
            run_ordered(
                &items,
                threads,
                |_, x, _| {
                    let rounds = if *x % 97 == 0 { 3_000_000 } else { 1_000 };
                    let mut h = *x;
                    for _ in 0..rounds {
                        h = std::hint::black_box(
                            h.wrapping_mul(6364136223846793005).wrapping_add(1),
                        );
                    }
                    *x
                },
                |i| i as u64,
                |_| received.set(received.get() + 1),
                |x| {
                    assert_eq!(x as usize, emitted);
                    emitted += 1;
                    most_waiting = most_waiting.max(received.get() - emitted);
                    Ok(())
                },
            )
            .expect("run");
            assert_eq!(emitted, items.len());
            assert!(most_waiting <= window, "{most_waiting} > {window}");
        }
    }

    /// A slow document is handed over as soon as it completes, not held for seven more.
    #[test]
    fn a_slow_document_is_handed_over_at_once() {
        let items: Vec<u64> = (0..3).collect();
        let started = std::time::Instant::now();
        let mut completed_at = Vec::new();
        run_ordered(
            &items,
            1,
            |_, x, _| {
                std::thread::sleep(HAND_OVER_AFTER * 2 * (*x as u32 + 1));
                *x
            },
            |i| i as u64,
            |_| completed_at.push(started.elapsed()),
            |_| Ok(()),
        )
        .expect("run");
        // The first result arrives when its own work ends, after 2 units of HAND_OVER_AFTER; held
        // for the others, it would arrive with them after 2 + 4 + 6 = 12.
        let unit = HAND_OVER_AFTER.as_secs_f64();
        let arrived: Vec<f64> = completed_at
            .iter()
            .map(|d| d.as_secs_f64() / unit)
            .collect();
        assert_eq!(arrived.len(), 3);
        assert!(arrived[0] < 8.0, "{arrived:?}");
    }

    #[test]
    fn a_panic_becomes_a_result() {
        let items: Vec<u32> = (0..20).collect();
        let mut seen = Vec::new();
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let r = run_ordered(
            &items,
            2,
            |_, x, _| {
                if *x == 7 {
                    panic!("boom");
                }
                Ok(*x)
            },
            Err,
            |_| {},
            |r| {
                seen.push(r);
                Ok(())
            },
        );
        std::panic::set_hook(prev);
        r.expect("run");
        assert_eq!(seen.len(), 20);
        assert_eq!(seen[7], Err(7));
    }

    #[test]
    fn an_emit_error_stops_the_run() {
        let items: Vec<u32> = (0..10_000).collect();
        let mut n = 0;
        let r = run_ordered(
            &items,
            2,
            |_, x, _| *x,
            |_| 0,
            |_| {},
            |_| {
                n += 1;
                if n == 5 {
                    Err(std::io::Error::other("closed"))
                } else {
                    Ok(())
                }
            },
        );
        assert!(r.is_err());
    }
}
