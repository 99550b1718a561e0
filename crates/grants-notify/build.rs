//! Rebuilds the crate when an email template changes: the templates are compiled into the binary.

fn main() {
    println!("cargo:rerun-if-changed=../../templates/email");
}
