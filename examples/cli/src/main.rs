fn main() {
    println!("slotwise {}", slotwise::version());
}
