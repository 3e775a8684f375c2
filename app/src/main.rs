//! The portreg web app: the registry calculator a team hosts on its wiki.
//! Everything runs in the browser; nothing is sent anywhere.

mod analysis;
mod app;
mod block_detail;
mod calculator;
mod check_worker;
mod checker;
mod compression;
mod copy_button;
mod diagnostics;
mod dom;
mod editor;
mod export;
mod finding;
mod grid;
mod history;
mod line_numbers;
mod listening;
mod pointers;
mod port_map;
mod registration;
mod remote;
mod review;
mod rich_text;
mod sections;
mod share;
mod state;
mod storage;
mod tabs;
mod usage;
mod wire;

fn main() {
    console_error_panic_hook::set_once();
    if check_worker::in_worker() {
        check_worker::serve();
        return;
    }
    leptos::mount::mount_to_body(app::App);
}
