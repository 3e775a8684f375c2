//! The updated registry, config snippets for an instance, and migration plans.

use leptos::prelude::*;
use portreg_core::export::{self, instance_ports, migration_plan};
use portreg_core::overview::legacy_projects;

use crate::copy_button::CopyButton;
use crate::dom;
use crate::registration::{chosen_or_first, ProjectSelect};
use crate::rich_text::{shown, RichText};
use crate::state::{use_state, AppState};

/// Largest document mirrored into the export box; larger ones are only copied or downloaded.
const PREVIEW_BYTES: usize = 256 * 1024;

/// Export of the registry, snippets and migration plans.
#[component]
pub fn Export() -> impl IntoView {
    let state = use_state();
    view! {
        <section class="panel" aria-labelledby="export-title">
            <h2 id="export-title">"Export"</h2>
            <h3>"Updated registry"</h3>
            <label class="field-label" for="export-markdown">"ports.md as it is now"</label>
            <textarea id="export-markdown" readonly data-testid="export-markdown" class="export"
                prop:value=move || state.text.with(|t| if t.len() <= PREVIEW_BYTES { t.clone() } else {
                    format!("The document is {} KB: copy or download it instead.", t.len() / 1024)
                })></textarea>
            <div class="toolbar">
                <CopyButton testid="copy-markdown" text=Box::new(move || state.text.get_untracked())/>
                <button type="button" data-testid="download-markdown" on:click=move |_| dom::download("ports.md", &state.text.get_untracked(), "text/markdown")>"Download ports.md"</button>
            </div>
            <Snippets/>
            <Migration/>
        </section>
    }
}

/// A snippet: its title, test id, download name, and how it is made.
type SnippetFile = (&'static str, &'static str, &'static str, fn(&export::InstancePorts) -> String);

/// The snippets for one project and instance, one file shown at a time.
#[component]
fn Snippets() -> impl IntoView {
    let state = use_state();
    let choice = SnippetChoice::default();
    let ports = Memo::new(move |_| {
        let name = choice.project_name(state);
        let chosen_block = choice.block.get().parse().ok().filter(|b| choice.blocks(state).contains(b));
        state.analysis.with(|a| {
            let registry = a.registry()?;
            let ports = state
                .policy
                .with_value(|p| instance_ports(registry, p, &name, Some(choice.instance.get()), chosen_block));
            Some(ports.map(|p| p.with_supabase(choice.supabase.get())))
        })
    });
    let file = move || SNIPPET_FILES.into_iter().find(|f| f.1 == choice.file.get()).unwrap_or(SNIPPET_FILES[0]);
    view! {
        <h3>"Config snippets"</h3>
        <SnippetControls choice/>
        <p class="hint">{move || ports.get().and_then(Result::ok).map(|p| shown(&p.describe())).unwrap_or_default()}</p>
        {move || view! { <SnippetCard file=file() ports/> }}
    }
}

/// What the snippets are made for, and the file shown.
#[derive(Clone, Copy)]
struct SnippetChoice {
    /// The project; empty: the first registered one.
    project: RwSignal<String>,
    /// The instance.
    instance: RwSignal<u32>,
    /// Whether the instance runs a local Supabase stack: then +9 is its shadow database.
    supabase: RwSignal<bool>,
    /// The block of a project with more than one; empty: its first.
    block: RwSignal<String>,
    /// The test id of the file shown.
    file: RwSignal<String>,
}

impl SnippetChoice {
    /// The chosen project, or the first registered one.
    fn project_name(&self, state: AppState) -> String {
        chosen_or_first(state, self.project)
    }

    /// The blocks of the chosen project.
    fn blocks(&self, state: AppState) -> Vec<u32> {
        let name = self.project_name(state);
        state
            .analysis
            .with(|a| a.registry().map(|r| state.policy.with_value(|p| r.blocks_of(&name, p))).unwrap_or_default())
    }
}

impl Default for SnippetChoice {
    fn default() -> Self {
        Self {
            project: RwSignal::new(String::new()),
            instance: RwSignal::new(1),
            supabase: RwSignal::new(true),
            block: RwSignal::new(String::new()),
            file: RwSignal::new(SNIPPET_FILES[0].1.to_owned()),
        }
    }
}

/// The project, block, Supabase stack, instance and file of the snippet.
#[component]
fn SnippetControls(choice: SnippetChoice) -> impl IntoView {
    let state = use_state();
    let blocks = move || choice.blocks(state);
    view! {
        <div class="form-row">
            <label>"Project "
                <ProjectSelect testid="snippet-project" choice=choice.project/>
            </label>
            {move || (blocks().len() > 1).then(|| view! {
                <label>"Block "
                    <select data-testid="snippet-block" on:change=move |ev| choice.block.set(event_target_value(&ev))>
                        {blocks().into_iter().map(|b| view! { <option value=b>{format!("block {b}")}</option> }).collect_view()}
                    </select>
                </label>
            })}
            <label>"Instance "
                <select data-testid="snippet-instance" on:change=move |ev| choice.instance.set(event_target_value(&ev).parse().unwrap_or(1))>
                    {state.policy.with_value(|p| (1..=p.instances_per_block()).map(|n| view! { <option value=n>{n}</option> }).collect_view())}
                </select>
            </label>
            <label>"File "
                <select data-testid="snippet-file" on:change=move |ev| choice.file.set(event_target_value(&ev))>
                    {SNIPPET_FILES.map(|(title, testid, _, _)| view! { <option value=testid>{title}</option> }).collect_view()}
                </select>
            </label>
            <label class="check">
                <input type="checkbox" data-testid="snippet-supabase" prop:checked=move || choice.supabase.get()
                    on:change=move |ev| choice.supabase.set(event_target_checked(&ev))/>
                " Runs a local Supabase stack (+9 is its shadow database)"
            </label>
        </div>
    }
}

/// Every snippet the Export section offers, in page order.
const SNIPPET_FILES: [SnippetFile; 12] = [
    (".env", "snippet-env", ".env", export::env_file),
    (".env.example", "snippet-env-example", ".env.example", export::env_example),
    ("supabase/config.toml", "snippet-toml", "config.toml", export::supabase_config),
    ("docker compose ports", "snippet-compose", "docker-compose.ports.yml", export::compose_ports),
    ("scripts/ports.sh", "snippet-ports-sh", "ports.sh", export::ports_script),
    ("scripts/check-ports.sh", "snippet-check-ports-sh", "check-ports.sh", export::check_ports_script),
    ("scripts/next-instance.sh", "snippet-next-instance-sh", "next-instance.sh", next_instance),
    ("App URLs (.env.local)", "snippet-app-env", ".env.local", export::app_env),
    ("Next.js package.json scripts", "snippet-next", "next-scripts.json", export::next_scripts),
    ("vite.config.ts", "snippet-vite", "vite.config.ts", export::vite_config),
    ("Express server", "snippet-express", "server.js", export::express_server),
    ("FastAPI (uvicorn)", "snippet-fastapi", "uvicorn.sh", export::fastapi_command),
];

/// The instance a snippet is made for, or why there is none.
type ChosenPorts = Memo<Option<Result<export::InstancePorts, export::ExportError>>>;

/// One snippet with its copy and download buttons. A refusal (a name no
/// export may write, no block yet) is shown as itself.
#[component]
fn SnippetCard(file: SnippetFile, ports: ChosenPorts) -> impl IntoView {
    let (title, testid, name, make) = file;
    let text = move || match ports.get() {
        Some(Ok(p)) => make(&p),
        Some(Err(error)) => format!("No snippet: {error}."),
        None => "No registry has been read.".to_owned(),
    };
    view! {
        <div class="snippet">
            <div class="snippet-head">
                <h4>{title}</h4>
                <CopyButton text=Box::new(text)/>
                <button type="button" on:click=move |_| dom::download(&download_name(name, ports.get_untracked()), &text(), "application/octet-stream")>"Download"</button>
            </div>
            <pre data-testid=testid tabindex="0">{text}</pre>
        </div>
    }
}

/// `scripts/next-instance.sh` under the policy the app checks against.
fn next_instance(ports: &export::InstancePorts) -> String {
    export::next_instance_script(ports, &portreg_core::Policy::default())
}

/// The name a snippet downloads under. Browsers drop the leading dot of
/// `.env` (and add `.txt`), so dotfiles get the project and instance in front:
/// `api-1.env`, to be saved as `.env`.
fn download_name(file: &str, ports: Option<Result<export::InstancePorts, export::ExportError>>) -> String {
    match ports {
        Some(Ok(ports)) if file.starts_with('.') => format!("{}-{}{file}", ports.slug(), ports.instance),
        _ => file.trim_start_matches('.').to_owned(),
    }
}

/// The migration plan of a project holding ports outside the blocks.
#[component]
fn Migration() -> impl IntoView {
    let state = use_state();
    let project = RwSignal::new(String::new());
    let legacy = move || {
        state
            .analysis
            .with(|a| a.registry().map(|r| state.policy.with_value(|p| legacy_projects(r, p))).unwrap_or_default())
    };
    // The project picked while it holds legacy ports, else the first that does: what the list shows and the plan is of.
    let chosen = move || project.with(|picked| crate::registration::picked(&legacy(), picked).cloned());
    let plan = move || {
        let name = chosen()?;
        state.text.with(|text| {
            state.analysis.with(|a| {
                let registry = a.registry()?;
                Some(state.policy.with_value(|p| migration_plan(text, registry, p, &name, None, state.today)))
            })
        })
    };
    view! {
        <h3 id="migration-title" tabindex="-1">"Migration plan"</h3>
        {move || if legacy().is_empty() {
            view! { <p>"No project holds ports outside the project blocks."</p> }.into_any()
        } else {
            view! {
                <label>"Legacy project "
                    <select data-testid="migration-project" on:change=move |ev| project.set(crate::registration::picked_in_list(&ev))>
                        {move || {
                            let shown_pick = chosen().unwrap_or_default();
                            legacy()
                                .into_iter()
                                .map(|n| {
                                    let selected = n == shown_pick;
                                    view! { <option value=n.clone() prop:selected=selected>{shown(&n)}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
                {move || plan().map(|plan| match plan {
                    Err(error) => view! { <p class="refused" data-testid="migration-refused"><RichText text=shown(&format!("No plan: {error}."))/></p> }.into_any(),
                    Ok(plan) => view! { <PlanView plan/> }.into_any(),
                })}
            }.into_any()
        }}
    }
}

/// A plan with its Apply and Download buttons.
#[component]
fn PlanView(plan: export::MigrationPlan) -> impl IntoView {
    let state = use_state();
    let edits = plan.change.edits.clone();
    let markdown = plan.markdown.clone();
    view! {
        <div class="toolbar">
            <button type="button" data-testid="migration-apply" on:click=move |_| {
                state.apply(&edits);
                dom::focus("#migration-title");
            }>"Apply the registry edits"</button>
            <button type="button" on:click=move |_| dom::download("migration-plan.md", &markdown, "text/markdown")>"Download plan"</button>
        </div>
        <pre data-testid="migration-plan" tabindex="0">{plan.markdown}</pre>
    }
}
