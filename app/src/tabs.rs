//! The sections beside the document, one shown at a time, each with its own
//! address (`#blocks`, `#register`…): a link opens it, Back and Forward
//! move between the sections opened, and the tabs follow the ARIA tablist
//! pattern (arrow keys, Home and End move and open).

use leptos::prelude::*;

use crate::dom;

/// A section of the page beside the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The block grid, a block's detail and the port map.
    Blocks,
    /// Block + instance + service to port, and back.
    Calculator,
    /// Reserve, add an instance, change a status.
    Register,
    /// The registry, snippets, migration plans and the share link.
    Export,
    /// What listens on a machine.
    Usage,
    /// The policy's regular review and emergency ports.
    Review,
}

impl Tab {
    /// Every tab, in the order shown.
    pub const ALL: [Tab; 6] = [Tab::Blocks, Tab::Calculator, Tab::Register, Tab::Export, Tab::Usage, Tab::Review];

    /// The tab's fragment, without `#`.
    pub fn id(self) -> &'static str {
        match self {
            Tab::Blocks => "blocks",
            Tab::Calculator => "calculator",
            Tab::Register => "register",
            Tab::Export => "export",
            Tab::Usage => "usage",
            Tab::Review => "review",
        }
    }

    /// The tab's name.
    pub fn label(self) -> &'static str {
        match self {
            Tab::Blocks => "Blocks",
            Tab::Calculator => "Calculator",
            Tab::Register => "Register",
            Tab::Export => "Export",
            Tab::Usage => "Usage",
            Tab::Review => "Review",
        }
    }

    /// The tab a fragment names; `share` is the Export tab, where the share link is.
    pub fn from_fragment(fragment: &str) -> Option<Tab> {
        if fragment == "share" {
            return Some(Tab::Export);
        }
        Tab::ALL.into_iter().find(|t| t.id() == fragment)
    }

    /// The tab an arrow key (or Home, End) moves to from this one, wrapping around.
    pub fn after_key(self, key: &str) -> Option<Tab> {
        let count = Tab::ALL.len();
        let index = Tab::ALL.iter().position(|t| *t == self)?;
        let next = match key {
            "ArrowRight" => (index + 1) % count,
            "ArrowLeft" => (index + count - 1) % count,
            "Home" => 0,
            "End" => count - 1,
            _ => return None,
        };
        Some(Tab::ALL[next])
    }
}

/// The tab shown, shared through context.
#[derive(Clone, Copy)]
pub struct Tabs {
    /// The tab shown.
    pub selected: RwSignal<Tab>,
}

impl Tabs {
    /// The tabs, showing the one the page's address names (else Blocks).
    pub fn from_address() -> Self {
        Self { selected: RwSignal::new(Tab::from_fragment(&dom::fragment()).unwrap_or(Tab::Blocks)) }
    }

    /// Follows the address after its fragment changed (a link, Back,
    /// Forward): a tab's fragment shows it, an empty one the first tab;
    /// any other fragment (a skip link) changes nothing.
    pub fn follow_address(&self) {
        let fragment = dom::fragment();
        if fragment.is_empty() {
            self.selected.set(Tab::Blocks);
        } else if let Some(tab) = Tab::from_fragment(&fragment) {
            self.selected.set(tab);
        }
    }

    /// Opens `tab` as a new entry of the browser's history (Back returns),
    /// then focuses the first element matching `focus`, once the tab is
    /// shown, and puts `value` there (a project's name; a list takes it only
    /// if it offers it).
    pub fn go(&self, tab: Tab, focus: &'static str, value: Option<String>) {
        self.selected.set(tab);
        dom::push_fragment(tab.id());
        crate::sections::use_sections().focus_when_shown(tab, focus, value);
    }
}

/// The tabs from context.
pub fn use_tabs() -> Tabs {
    expect_context::<Tabs>()
}

/// The row of tabs.
#[component]
pub fn TabList() -> impl IntoView {
    let tabs = use_tabs();
    // Arrows open the next tab and replace the address's fragment in place: only a tab chosen by click or
    // link adds a history entry, so Back does not step through every tab the arrows passed.
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let Some(next) = tabs.selected.get_untracked().after_key(&ev.key()) else { return };
        ev.prevent_default();
        tabs.selected.set(next);
        dom::replace_fragment(next.id());
        dom::focus(&format!("#tab-{}", next.id()));
    };
    view! {
        <nav class="tabs-bar" aria-label="Sections">
            <div class="tabs" role="tablist" aria-label="Sections" on:keydown=on_key>
                {Tab::ALL.map(|tab| view! { <TabLink tab/> }).collect_view()}
            </div>
        </nav>
    }
}

/// One tab: a link to its fragment, so it can be opened in a new page or copied.
#[component]
fn TabLink(tab: Tab) -> impl IntoView {
    let tabs = use_tabs();
    let selected = move || tabs.selected.get() == tab;
    view! {
        <a
            role="tab"
            id=format!("tab-{}", tab.id())
            href=format!("#{}", tab.id())
            aria-controls=format!("panel-{}", tab.id())
            aria-selected=move || selected().to_string()
            tabindex=move || if selected() { "0" } else { "-1" }
            data-testid="tab"
            data-tab=tab.id()
            class="tab"
        >
            {tab.label()}
        </a>
    }
}

/// A tab's content, hidden while another tab is shown. It stays in the
/// page, so what was typed in its forms is still there on return. (A
/// function, not a component with `Children`: boxed children would make
/// each section an `AnyView`, which costs the download more.)
pub fn tab_panel(tab: Tab, content: impl IntoView) -> impl IntoView {
    let tabs = use_tabs();
    view! {
        <div
            class="tabpanel"
            role="tabpanel"
            id=format!("panel-{}", tab.id())
            aria-labelledby=format!("tab-{}", tab.id())
            data-testid=format!("panel-{}", tab.id())
            tabindex="-1"
            hidden=move || tabs.selected.get() != tab
        >
            {content}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_name_tabs_and_arrows_wrap() {
        assert_eq!(Tab::from_fragment("register"), Some(Tab::Register));
        assert_eq!(Tab::from_fragment("share"), Some(Tab::Export));
        assert_eq!(Tab::from_fragment("doc=abc"), None);
        assert_eq!(Tab::Blocks.after_key("ArrowLeft"), Some(Tab::Review));
        assert_eq!(Tab::Review.after_key("ArrowRight"), Some(Tab::Blocks));
        assert_eq!(Tab::Usage.after_key("Home"), Some(Tab::Blocks));
        assert_eq!(Tab::Blocks.after_key("Enter"), None);
    }
}
