//! Text tables written as they go: a header of column names, cells padded to each
//! column's width (known before the first row: the header's, or more where the
//! caller knows its cells are wider), text aligned left and numbers right.

/// A column: its name and whether its cells are numbers (aligned right).
pub struct Column {
    pub name: &'static str,
    pub number: bool,
}

/// A text column.
pub const fn text(name: &'static str) -> Column {
    Column {
        name,
        number: false,
    }
}

/// A number column.
pub const fn number(name: &'static str) -> Column {
    Column { name, number: true }
}

/// The columns and their widths.
pub struct Layout<'c> {
    columns: &'c [Column],
    widths: Vec<usize>,
}

impl<'c> Layout<'c> {
    /// Each column as wide as its name or `least[i]`, whichever is wider. A cell
    /// wider than its column pushes the rest of its line to the right.
    pub fn new(columns: &'c [Column], least: &[usize]) -> Self {
        let widths = columns
            .iter()
            .enumerate()
            .map(|(i, c)| c.name.len().max(least.get(i).copied().unwrap_or(0)))
            .collect();
        Layout { columns, widths }
    }

    /// The header line.
    pub fn header(&self) -> String {
        let names: Vec<&str> = self.columns.iter().map(|c| c.name).collect();
        self.line(&names)
    }

    /// One line of cells, ending in a newline.
    pub fn line(&self, cells: &[&str]) -> String {
        let mut text = String::new();
        for ((cell, w), column) in cells.iter().zip(&self.widths).zip(self.columns) {
            let pad = " ".repeat(w.saturating_sub(cell.chars().count()));
            if column.number {
                text.push_str(&pad);
                text.push_str(cell);
            } else {
                text.push_str(cell);
                text.push_str(&pad);
            }
            text.push_str("  ");
        }
        text.truncate(text.trim_end().len());
        text.push('\n');
        text
    }
}

/// `s` when `n` is not one.
pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
