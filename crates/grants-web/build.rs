//! Rebuilds the crate when a page template, a translation or the stylesheet changes: they are
//! compiled into the binary.

fn main() {
    println!("cargo:rerun-if-changed=../../templates/pages");
    println!("cargo:rerun-if-changed=../../templates/i18n");
    println!("cargo:rerun-if-changed=../../templates/static");
}
