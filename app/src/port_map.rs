//! The whole port space: the policy's ranges, every entry outside the
//! blocks, and a scale. Zones and entries have lanes of their own, so no
//! entry hides a zone, and a range too small to see is drawn a few pixels wide.

use leptos::prelude::*;
use portreg_core::overview::{outside_entries, OutsideEntry};
use portreg_core::{PortRange, ReservedKind, MAX_PORT};

use crate::rich_text::shown;
use crate::state::{use_state, AppState};

/// The ports the scale is marked at.
const TICKS: [u32; 8] = [1, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000, MAX_PORT];

/// Position in hundredths of a percent of the bar, in integers: float
/// formatting would add its tables to the download.
fn basis_points(port: u32) -> u32 {
    port * 10_000 / MAX_PORT
}

/// `12.34%`.
fn percent(basis_points: u32) -> String {
    format!("{}.{:02}%", basis_points / 100, basis_points % 100)
}

/// Where `range` is drawn: its start, and a width of at least 0.6% (a few pixels).
fn place(range: PortRange) -> String {
    let left = basis_points(range.start);
    let width = (basis_points(range.end + 1) - left).max(60);
    format!("left: {}; width: {}", percent(left.min(10_000 - width)), percent(width))
}

/// A zone of the map: its ports, its name, its class.
type Zone = (PortRange, String, &'static str);

fn zone_class(kind: ReservedKind) -> &'static str {
    match kind {
        ReservedKind::Supabase => "supabase",
        ReservedKind::LegacyFrontend | ReservedKind::LegacyBackend => "legacy",
        ReservedKind::System => "system",
        ReservedKind::Emergency => "emergency",
    }
}

/// A bar of ports 1–65535 with the policy's ranges, the outside entries and a scale.
#[component]
pub fn PortMap() -> impl IntoView {
    let state = use_state();
    let policy = state.policy.get_value();
    let mut zones: Vec<Zone> = vec![(policy.project_space(), "project blocks".to_owned(), "projects")];
    // The widest first, so a zone inside another (Supabase in emergency) is drawn over it.
    let mut reserved: Vec<Zone> =
        policy.reserved.iter().map(|r| (r.range, r.label.to_owned(), zone_class(r.kind))).collect();
    portreg_core::order::sort_by_key(&mut reserved, |(range, _, _)| u64::MAX - u64::from(range.end - range.start));
    zones.extend(reserved);
    view! {
        <section class="panel" aria-labelledby="map-title">
            <h2 id="map-title">"Port map"</h2>
            <div class="port-map" role="img" aria-label="Ports 1 to 65535 with the policy's ranges and the entries outside the project blocks">
                <div class="lane zones">
                    {zones.iter().map(|(range, label, class)| view! {
                        <span class=format!("zone {class}") data-testid="zone" style=place(*range) title=format!("{range}: {label}")></span>
                    }).collect_view()}
                </div>
                <EntryLane/>
                <Scale/>
            </div>
            <ul class="zone-legend">
                {zones.iter().map(|(range, label, class)| view! {
                    <li><span class=format!("swatch zone {class}")></span>{format!("{range} {label}")}</li>
                }).collect_view()}
                <li><span class="swatch marker-swatch"></span>"an entry outside the project blocks"</li>
            </ul>
            <OutsideList/>
        </section>
    }
}

/// The entries outside the project blocks, from the registry.
fn outside(state: AppState) -> Vec<OutsideEntry> {
    state
        .analysis
        .with(|a| a.registry().map(|r| state.policy.with_value(|p| outside_entries(r, p))).unwrap_or_default())
}

/// The lane of the outside entries, under the zones.
#[component]
fn EntryLane() -> impl IntoView {
    let state = use_state();
    view! {
        <div class="lane entries">
            {move || outside(state).into_iter().map(|e| view! {
                <span class="marker" style=place(e.range) title=shown(&format!("{}: {}", e.project, e.range))></span>
            }).collect_view()}
        </div>
    }
}

/// The scale under the bar: a tick and a label at each of [`TICKS`].
#[component]
fn Scale() -> impl IntoView {
    view! {
        <div class="lane scale" data-testid="port-scale">
            {TICKS.map(|port| {
                let at = basis_points(port);
                let edge = if port == TICKS[0] { " first" } else if port == MAX_PORT { " last" } else { "" };
                view! { <span class=format!("tick{edge}") style=format!("left: {}", percent(at)) data-port=port>{port}</span> }
            }).collect_view()}
        </div>
    }
}

/// The outside entries in words, with the zone each is in.
#[component]
fn OutsideList() -> impl IntoView {
    let state = use_state();
    view! {
        <h3>"Entries outside the project blocks"</h3>
        {move || {
            let list = outside(state);
            if list.is_empty() {
                return view! { <p>"None: every project is inside its block."</p> }.into_any();
            }
            view! {
                <ul class="outside">
                    {list.into_iter().map(|e| {
                        let zone = state.policy.with_value(|p| p.reserved_at(e.range.start).map_or("outside every policy range", |r| r.label));
                        let status = e.status.map_or(String::new(), |s| format!(", {s}"));
                        view! { <li>{shown(&format!("{}: {} ({zone}{status})", e.project, e.range))}</li> }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
