fn main() {
    s2s_console::start();
}
