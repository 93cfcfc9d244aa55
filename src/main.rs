fn main() {
    leptos::mount::mount_to_body(s2s_console::App);
}
