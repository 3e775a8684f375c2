//! The whole port space: the policy's ranges and every entry outside the blocks.

use leptos::prelude::*;
use portreg_core::overview::outside_entries;
use portreg_core::{PortRange, MAX_PORT};

use crate::state::use_state;

/// Position in hundredths of a percent of the bar, in integers: float
/// formatting would add its tables to the download.
fn basis_points(port: u32) -> u32 {
    port * 10_000 / MAX_PORT
}

fn place(range: PortRange) -> String {
    let left = basis_points(range.start);
    let width = (basis_points(range.end + 1) - left).max(40);
    format!("left: {}.{:02}%; width: {}.{:02}%", left / 100, left % 100, width / 100, width % 100)
}

/// A bar of ports 1–65535 with the policy's ranges and the outside entries.
#[component]
pub fn PortMap() -> impl IntoView {
    let state = use_state();
    let policy = state.policy.get_value();
    let mut zones: Vec<(PortRange, String, &'static str)> =
        vec![(policy.project_space(), "project blocks".to_owned(), "projects")];
    zones.extend(policy.reserved.iter().map(|r| (r.range, r.label.to_owned(), zone_class(r.kind))));
    let entries = move || {
        state
            .analysis
            .with(|a| a.registry().map(|r| state.policy.with_value(|p| outside_entries(r, p))).unwrap_or_default())
    };
    view! {
        <section class="panel" aria-labelledby="map-title">
            <h2 id="map-title">"Port map"</h2>
            <div class="port-map" role="img" aria-label="Ports 1 to 65535 with the policy's ranges and the entries outside the project blocks">
                {zones.iter().map(|(range, label, class)| view! {
                    <span class=format!("zone {class}") style=place(*range) title=format!("{range}: {label}")></span>
                }).collect_view()}
                {move || entries().into_iter().map(|e| view! {
                    <span class="marker" style=place(e.range) title=format!("{}: {}", e.project, e.range)></span>
                }).collect_view()}
            </div>
            <ul class="zone-legend">
                {zones.iter().map(|(range, label, class)| view! {
                    <li><span class=format!("swatch zone {class}")></span>{format!("{range} {label}")}</li>
                }).collect_view()}
            </ul>
            <h3>"Entries outside the project blocks"</h3>
            {move || {
                let list = entries();
                if list.is_empty() {
                    view! { <p>"None: every project is inside its block."</p> }.into_any()
                } else {
                    view! {
                        <ul class="outside">
                            {list.into_iter().map(|e| {
                                let zone = state.policy.with_value(|p| p.reserved_at(e.range.start).map_or("outside every policy range", |r| r.label));
                                let status = e.status.map_or(String::new(), |s| format!(", {s}"));
                                view! { <li>{format!("{}: {} ({zone}{status})", e.project, e.range)}</li> }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}

fn zone_class(kind: portreg_core::ReservedKind) -> &'static str {
    match kind {
        portreg_core::ReservedKind::Supabase => "supabase",
        portreg_core::ReservedKind::LegacyFrontend | portreg_core::ReservedKind::LegacyBackend => "legacy",
        portreg_core::ReservedKind::System => "system",
        portreg_core::ReservedKind::Emergency => "emergency",
    }
}
