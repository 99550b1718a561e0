//! Editing a list on a page without JavaScript: each row's buttons post `op` as `<verb>_<list>-<index>`
//! (`up_section-2`, `remove_criterion-0-3`), and the page applies the change to what was typed.

/// What a row's button asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Swap with the row above.
    Up,
    /// Swap with the row below.
    Down,
    /// Drop the row.
    Remove,
}

/// Applies `change` to row `index` of `list`; an index out of the list changes nothing.
pub fn apply<T>(list: &mut Vec<T>, index: usize, change: Change) {
    match change {
        Change::Up if index > 0 && index < list.len() => list.swap(index - 1, index),
        Change::Down if index + 1 < list.len() => list.swap(index, index + 1),
        Change::Remove if index < list.len() => {
            list.remove(index);
        }
        _ => {}
    }
}

/// An `op` such as `up_criterion-0-3` read for list `list`: the change and the indexes after the name.
pub fn parse(op: &str, list: &str) -> Option<(Change, Vec<usize>)> {
    let (verb, rest) = op.split_once('_')?;
    let change = match verb {
        "up" => Change::Up,
        "down" => Change::Down,
        "remove" => Change::Remove,
        _ => return None,
    };
    let mut parts = rest.split('-');
    if parts.next()? != list {
        return None;
    }
    let indexes: Option<Vec<usize>> = parts.map(|p| p.parse().ok()).collect();
    Some((change, indexes?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_move_and_go_within_the_list() {
        let mut list = vec!['a', 'b', 'c'];
        apply(&mut list, 0, Change::Up);
        apply(&mut list, 2, Change::Down);
        apply(&mut list, 7, Change::Remove);
        assert_eq!(list, ['a', 'b', 'c'], "nothing moves past an end");
        apply(&mut list, 1, Change::Up);
        assert_eq!(list, ['b', 'a', 'c']);
        apply(&mut list, 1, Change::Down);
        apply(&mut list, 0, Change::Remove);
        assert_eq!(list, ['c', 'a']);
        assert_eq!(parse("up_criterion-0-3", "criterion"), Some((Change::Up, vec![0, 3])));
        assert_eq!(parse("remove_section-2", "section"), Some((Change::Remove, vec![2])));
        assert_eq!(parse("remove_section-x", "section"), None);
        assert_eq!(parse("add_section", "section"), None);
        assert_eq!(parse("up_section-1", "criterion"), None);
    }
}
