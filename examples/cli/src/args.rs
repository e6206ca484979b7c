//! A small flag reader: `--name value` pairs and bare `--switch`es.

/// Parsed command-line flags of one subcommand.
pub struct Args {
    pairs: Vec<(String, Option<String>)>,
    positional: Vec<String>,
}

impl Args {
    /// Read `args`; `switches` name the flags that take no value.
    pub fn parse(args: &[String], switches: &[&str]) -> Result<Args, String> {
        let mut pairs = Vec::new();
        let mut positional = Vec::new();
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            if let Some(name) = arg.strip_prefix("--") {
                if switches.contains(&name) {
                    pairs.push((name.to_owned(), None));
                } else {
                    let value = iter
                        .next()
                        .ok_or_else(|| format!("--{name} needs a value"))?;
                    pairs.push((name.to_owned(), Some(value.clone())));
                }
            } else if arg == "-o" {
                let value = iter.next().ok_or("-o needs a value")?;
                pairs.push(("output".to_owned(), Some(value.clone())));
            } else {
                positional.push(arg.clone());
            }
        }
        Ok(Args { pairs, positional })
    }

    /// Whether a switch was given.
    pub fn has(&self, name: &str) -> bool {
        self.pairs.iter().any(|(n, _)| n == name)
    }

    /// The value of a flag.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }

    /// The value of a flag that must be there.
    pub fn required(&self, name: &str) -> Result<&str, String> {
        self.value(name)
            .ok_or_else(|| format!("--{name} is required"))
    }

    /// Arguments that are not flags.
    pub fn positional(&self) -> &[String] {
        &self.positional
    }

    /// Reject flags outside `known`.
    pub fn only(&self, known: &[&str]) -> Result<(), String> {
        match self
            .pairs
            .iter()
            .find(|(n, _)| !known.contains(&n.as_str()))
        {
            Some((name, _)) => Err(format!("unknown flag --{name}")),
            None => Ok(()),
        }
    }
}
