//! With the `chosen-zones` feature: write `$OUT_DIR/chosen_zones.rs`, the compiled
//! TZif bytes of the zones named by `SLOTWISE_ZONES` (comma-separated IANA names,
//! spelled as the database spells them), taken from the same `tzdb_data` release the
//! crate bundles. Without the feature it does nothing. See src/tz/source.rs.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    #[cfg(feature = "chosen-zones")]
    chosen_zones();
}

#[cfg(feature = "chosen-zones")]
fn chosen_zones() {
    use std::fmt::Write as _;

    println!("cargo:rerun-if-env-changed=SLOTWISE_ZONES");
    let list = std::env::var("SLOTWISE_ZONES").unwrap_or_default();
    let mut names: Vec<&str> = list
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty() && *n != "UTC")
        .collect();
    names.sort_unstable();
    names.dedup();
    let mut code = String::from("// Written by build.rs from SLOTWISE_ZONES.\n");
    let mut bytes = String::new();
    for name in &names {
        let known = tzdb_data::TZ_NAMES.contains(name);
        let Some(raw) = tzdb_data::find_raw(name.as_bytes()).filter(|_| known) else {
            panic!(
                "SLOTWISE_ZONES: `{name}` is not a zone of the bundled tz database {} (names are spelled exactly, e.g. Europe/Berlin)",
                tzdb_data::VERSION
            );
        };
        let _ = writeln!(bytes, "    &{raw:?},");
    }
    if names.is_empty() {
        println!("cargo:warning=chosen-zones without SLOTWISE_ZONES: the build knows only UTC");
    }
    let count = names.len() + 1;
    let _ = write!(
        code,
        "const COUNT: usize = {count};\nstatic NAMES: [&str; COUNT] = [\"UTC\", {}];\nstatic TZIF: [&[u8]; COUNT] = [\n    &[],\n{bytes}];\n",
        names.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(", ")
    );
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    if let Err(e) = std::fs::write(out.join("chosen_zones.rs"), code) {
        panic!("cannot write chosen_zones.rs: {e}");
    }
}
