//! Text tables: a header of column names, rows of cells padded to each column's
//! widest cell, text columns aligned left and number columns right, and blank lines
//! between groups of rows.

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

/// Rows to print under `columns`.
pub struct Table<'c> {
    columns: &'c [Column],
    rows: Vec<Option<Vec<String>>>,
}

impl<'c> Table<'c> {
    pub fn new(columns: &'c [Column]) -> Self {
        Table {
            columns,
            rows: Vec::new(),
        }
    }

    /// Add a row, one cell per column.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(Some(cells));
    }

    /// A blank line before the next row (none at the top).
    pub fn gap(&mut self) {
        if self.rows.last().is_some_and(Option::is_some) {
            self.rows.push(None);
        }
    }

    /// The header and the rows, each line ending in a newline.
    pub fn render(&self) -> String {
        let mut widths: Vec<usize> = self.columns.iter().map(|c| c.name.len()).collect();
        for row in self.rows.iter().flatten() {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |cells: &mut dyn Iterator<Item = &str>| {
            let mut text = String::new();
            for ((cell, w), column) in cells.zip(&widths).zip(self.columns) {
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
        };
        let mut out = line(&mut self.columns.iter().map(|c| c.name));
        for row in &self.rows {
            match row {
                Some(cells) => out.push_str(&line(&mut cells.iter().map(String::as_str))),
                None => out.push('\n'),
            }
        }
        out
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
