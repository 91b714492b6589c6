//! Text split into words at white space, over bytes.
//!
//! The docs are read and written by build scripts, which Cargo compiles unoptimized: there a
//! `chars()` step is several calls per character, while a byte loop is a few instructions.
//! White space is what `char::is_whitespace` says; every character but ASCII is decoded.

/// The words of `text` (runs of characters that are not white space, nor `»` when `arrow`
/// is set: the link arrow of the docs pages, dropped like a space), with the byte offset
/// each starts at. Like `str::split_whitespace`, never an empty word.
pub(crate) fn words(text: &str, arrow: bool) -> Words<'_> {
    Words { text, at: 0, arrow }
}

/// The iterator of [`words`].
pub(crate) struct Words<'a> {
    text: &'a str,
    at: usize,
    arrow: bool,
}

impl Words<'_> {
    /// The length of the character at `i` (a character boundary), and whether it separates
    /// words.
    fn separator_at(&self, i: usize) -> (usize, bool) {
        let b = self.text.as_bytes()[i];
        if b < 0x80 {
            // `char::is_whitespace` of the ASCII range.
            (1, matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'))
        } else {
            let c = self.text[i..].chars().next().unwrap_or_default();
            (
                c.len_utf8(),
                c.is_whitespace() || (self.arrow && c == '\u{00BB}'),
            )
        }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let len = self.text.len();
        while self.at < len {
            let (step, separator) = self.separator_at(self.at);
            if !separator {
                break;
            }
            self.at += step;
        }
        if self.at == len {
            return None;
        }
        let start = self.at;
        while self.at < len {
            let (step, separator) = self.separator_at(self.at);
            if separator {
                break;
            }
            self.at += step;
        }
        Some((start, &self.text[start..self.at]))
    }
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn words_are_those_of_split_whitespace() {
        let texts = [
            "",
            " ",
            "a",
            " a b  c ",
            "\t\na\u{0B}b\u{0C}c\r",
            "x\u{00A0}y\u{2003}z\u{0085}w\u{2028}v\u{3000}",
            "caf\u{00E9} \u{00E0} la \u{1F600}",
            "a\u{00BB}b \u{00BB} c",
        ];
        for text in texts {
            let got: Vec<&str> = words(text, false).map(|(_, w)| w).collect();
            let want: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(got, want, "{text:?}");
            for (at, word) in words(text, false) {
                assert_eq!(&text[at..at + word.len()], word);
            }
        }
        let arrows: Vec<&str> = words("a\u{00BB}b \u{00BB} c\u{00BB}", true)
            .map(|(_, w)| w)
            .collect();
        assert_eq!(arrows, ["a", "b", "c"]);
    }
}
