//! The generator's one thread pool: a function mapped over a slice on as many threads as
//! there are cores, results in the slice's order. Docs pages are read this way (thousands of
//! files) and the bindings printed (thousands of items).

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` over every item of `items`, in order. Each thread takes the next item not yet taken,
/// so that uneven items keep every thread busy, with a state of its own from `init`
/// (a printer, say). With fewer than `min_items` items, or one core, it runs on this thread:
/// starting threads would cost more than they save.
pub(crate) fn map_ordered<T, R, S>(
    items: &[T],
    min_items: usize,
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads < 2 || items.len() < min_items {
        let mut state = init();
        return items.iter().map(|item| f(&mut state, item)).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut state = init();
        let mut done = Vec::new();
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(k) else {
                return done;
            };
            done.push((k, f(&mut state, item)));
        }
    };
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    done.sort_unstable_by_key(|(k, _)| *k);
    done.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_with_a_state_per_thread() {
        let items: Vec<u64> = (0..10_000).collect();
        let squares = map_ordered(
            &items,
            2,
            || 0u64,
            |calls, &n| {
                *calls += 1;
                n * n
            },
        );
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        let few = map_ordered(&items[..3], 256, || (), |_, &n| n + 1);
        assert_eq!(few, [1, 2, 3]);
    }
}
