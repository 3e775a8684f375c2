//! The portreg web app: the registry calculator a team hosts on its wiki.
//! Everything runs in the browser; nothing is sent anywhere.

mod analysis;
mod app;
mod block_detail;
mod calculator;
mod check_worker;
mod checker;
mod copy_button;
mod diagnostics;
mod dom;
mod editor;
mod export;
mod grid;
mod history;
mod listening;
mod port_map;
mod registration;
mod remote;
mod review;
mod rich_text;
mod share;
mod state;
mod storage;
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
