fn main() {
    println!("kts");
}
