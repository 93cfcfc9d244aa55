//! A stable insertion sort for the short lists the console sorts (findings,
//! cut points in a line: dozens at most). The standard library's sorts are
//! built for large inputs and add some 4 KB of code to the app's download
//! for each element type.

/// Sorts `items` by `key`, keeping equal items in their order.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && key(&items[j - 1]) > key(&items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard library's stable sort.
        #[test]
        fn sorts_as_the_standard_stable_sort(items in prop::collection::vec((0u8..6, any::<u16>()), 0..80)) {
            let mut ours = items.clone();
            super::sort_by_key(&mut ours, |(k, _)| *k);
            let mut theirs = items;
            theirs.sort_by_key(|(k, _)| *k);
            prop_assert_eq!(ours, theirs);
        }
    }
}
