//! Many names kept in little memory.

/// A list of names, each written as how many bytes it shares with the name before it and
/// then the rest. The paths of a walk come sorted and share most of their length with
/// their neighbours, so a million of them take about twelve bytes each instead of the
/// seventy or more of a `String` a name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NameList {
    bytes: Vec<u8>,
    /// Where every [`MARK_EVERY`]th name starts; it shares nothing with the one before, so
    /// that any name is found by decoding at most that many.
    marks: Vec<usize>,
    len: usize,
    /// The last name pushed, to compare the next with.
    last: String,
}

const MARK_EVERY: usize = 32;

impl NameList {
    pub(crate) fn push(&mut self, name: &str) {
        let shared = if self.len.is_multiple_of(MARK_EVERY) {
            self.marks.push(self.bytes.len());
            0
        } else {
            let mut shared = self
                .last
                .bytes()
                .zip(name.bytes())
                .take_while(|(a, b)| a == b)
                .count();
            // The rest must be text on its own.
            while !name.is_char_boundary(shared) {
                shared -= 1;
            }
            shared
        };
        let rest = &name[shared..];
        write_number(&mut self.bytes, shared);
        write_number(&mut self.bytes, rest.len());
        self.bytes.extend_from_slice(rest.as_bytes());
        self.last.clear();
        self.last.push_str(name);
        self.len += 1;
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The names from the `first`th on.
    pub(crate) fn iter_from(&self, first: usize) -> Names<'_> {
        let mark = first / MARK_EVERY;
        let mut names = Names {
            bytes: self
                .bytes
                .get(self.marks.get(mark).copied().unwrap_or(usize::MAX)..),
            current: String::new(),
            left: self.len.saturating_sub(mark * MARK_EVERY),
        };
        for _ in mark * MARK_EVERY..first {
            names.advance();
        }
        names
    }

    pub(crate) fn get(&self, index: usize) -> Option<String> {
        self.iter_from(index).next()
    }
}

/// The names of a [`NameList`], in order.
#[derive(Debug)]
pub(crate) struct Names<'a> {
    bytes: Option<&'a [u8]>,
    current: String,
    left: usize,
}

impl Names<'_> {
    /// Decodes the next name into `current`; false at the end.
    fn advance(&mut self) -> bool {
        let Some(mut bytes) = self.bytes.filter(|_| self.left > 0) else {
            return false;
        };
        let (Some(shared), Some(length)) = (read_number(&mut bytes), read_number(&mut bytes))
        else {
            return false;
        };
        let Some((rest, after)) = bytes.split_at_checked(length) else {
            return false;
        };
        // Only text was written, split at a character's boundary.
        let Ok(rest) = std::str::from_utf8(rest) else {
            return false;
        };
        self.current.truncate(shared);
        self.current.push_str(rest);
        self.bytes = Some(after);
        self.left -= 1;
        true
    }
}

impl Iterator for Names<'_> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        self.advance().then(|| self.current.clone())
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for Names<'_> {}

/// Seven bits a byte, the high bit set on every byte but the last (LEB128).
pub(super) fn write_number(bytes: &mut Vec<u8>, mut number: usize) {
    while number >= 0x80 {
        bytes.push((number as u8 & 0x7f) | 0x80);
        number >>= 7;
    }
    bytes.push(number as u8);
}

pub(super) fn read_number(bytes: &mut &[u8]) -> Option<usize> {
    let mut number = 0usize;
    for shift in (0..usize::BITS).step_by(7) {
        let (&byte, rest) = bytes.split_first()?;
        *bytes = rest;
        number |= usize::from(byte & 0x7f).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return Some(number);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::NameList;

    #[test]
    fn every_name_comes_back_in_order_and_by_index() {
        let mut names: Vec<String> = (0..200)
            .map(|n| format!("data/{:03}/case-{n:05}.json", n / 7))
            .collect();
        // Names that share part of a character, an empty name and a long one.
        names.extend(
            [
                "caf\u{e9}.json",
                "caf\u{e8}.json",
                "",
                "\u{1f600}",
                "\u{1f601}",
            ]
            .map(String::from),
        );
        names.push("x".repeat(5000));
        names.push("x".repeat(4999) + "y");
        let mut list = NameList::default();
        for name in &names {
            list.push(name);
        }
        assert_eq!(list.len(), names.len());
        assert_eq!(list.iter_from(0).collect::<Vec<_>>(), names);
        for (index, name) in names.iter().enumerate() {
            assert_eq!(list.get(index).as_ref(), Some(name), "name {index}");
            assert_eq!(list.iter_from(index).len(), names.len() - index);
        }
        assert_eq!(list.get(names.len()), None);
        assert_eq!(list.iter_from(names.len() + 40).next(), None);
        assert!(list.bytes.len() < names.iter().map(String::len).sum::<usize>() / 2);
    }
}
