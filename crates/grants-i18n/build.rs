//! The catalogues are compiled in: rebuild when one of them changes.

fn main() {
    println!("cargo:rerun-if-changed=../../templates/i18n");
}
