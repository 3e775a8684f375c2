//! What a Next.js, Vite, Express or FastAPI developer pastes: the dev command
//! or config lines on the instance's ports, and the URLs an app reads.
//!
//! `next dev` ignores `PORT` in `.env` files (the server starts before they
//! are read), so the port goes on the command line. Vite moves to the next
//! free port when its own is taken, which is the API's (+1), unless
//! `strictPort` is set. Every dev server binds 127.0.0.1, as the compose
//! snippet does. The project's name appears only in comments, escaped.

use super::{visible, InstancePorts};
use crate::policy::Role;

/// The URLs an app reads, as a `.env.local`: the Supabase API under the
/// names supabase-js examples use for Node, Next.js and Vite, the database
/// (the local stack's default credentials) and the API server.
pub fn app_env(ports: &InstancePorts) -> String {
    let port = |role: Role| ports.port(role).unwrap_or(0);
    let credentials = if ports.supabase {
        "The database user, password and name are the local Supabase stack's defaults."
    } else {
        "postgres:postgres@…/postgres stands for your database's own user, password and name."
    };
    let mut out = format!(
        "# URLs of {} for the app's .env.local (Next.js and Vite read it).\n\
         # {credentials}\n\
         API_URL=http://127.0.0.1:{}\n\
         DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:{}/postgres\n",
        visible(&ports.describe()),
        port(Role::Api),
        port(Role::Database),
    );
    if ports.supabase {
        let url = format!("http://127.0.0.1:{}", port(Role::SupabaseApi));
        out.push_str(&format!(
            "SUPABASE_URL={url}\nNEXT_PUBLIC_SUPABASE_URL={url}\nVITE_SUPABASE_URL={url}\n\
             # The anon and service keys: `supabase status -o env` prints them once the stack runs.\n"
        ));
    }
    out
}

/// `package.json` scripts that start Next.js on the frontend port:
/// `FRONTEND_PORT` from the shell first, so one file serves every instance.
pub fn next_scripts(ports: &InstancePorts) -> String {
    let frontend = ports.port(Role::Frontend).unwrap_or(0);
    format!(
        "// Next.js scripts of {}: put them in package.json's \"scripts\".\n\
         // next dev ignores PORT in .env files, so the port is on the command line: FRONTEND_PORT from\n\
         // the shell (eval \"$(scripts/ports.sh --env)\" sets it), else this instance's. sh syntax: on\n\
         // Windows, write the port itself.\n\
         \"dev\": \"next dev --port ${{FRONTEND_PORT:-{frontend}}} --hostname 127.0.0.1\",\n\
         \"start\": \"next start --port ${{FRONTEND_PORT:-{frontend}}} --hostname 127.0.0.1\"\n",
        visible(&ports.describe()),
    )
}

/// A `vite.config.ts` with the dev and preview servers on the frontend port,
/// read from the instance's `.env` (this instance's port when unset),
/// `strictPort` set.
pub fn vite_config(ports: &InstancePorts) -> String {
    let frontend = ports.port(Role::Frontend).unwrap_or(0);
    format!(
        "// vite.config.ts of {}.\n\
         // The port is FRONTEND_PORT from the instance's .env, so one file serves every instance.\n\
         // strictPort: a taken port is an error, not a silent move to the next one (the API's, +1).\n\
         import {{ defineConfig, loadEnv }} from 'vite'\n\n\
         export default defineConfig(({{ mode }}) => {{\n\
         \x20 const env = loadEnv(mode, process.cwd(), '')\n\
         \x20 const port = Number(env.FRONTEND_PORT || {frontend})\n\
         \x20 return {{\n\
         \x20   server: {{ host: '127.0.0.1', port, strictPort: true }},\n\
         \x20   preview: {{ host: '127.0.0.1', port, strictPort: true }},\n\
         \x20 }}\n\
         }})\n",
        visible(&ports.describe()),
    )
}

/// An Express server listening on the API port, `API_PORT` first.
pub fn express_server(ports: &InstancePorts) -> String {
    let api = ports.port(Role::Api).unwrap_or(0);
    format!(
        "// Express server of {}: the API port (+1), API_PORT from the environment first.\n\
         // node --env-file=.env server.js reads the instance's .env (Node 20.6 and later).\n\
         import express from 'express'\n\n\
         const app = express()\n\
         const port = Number(process.env.API_PORT || {api})\n\n\
         app.listen(port, '127.0.0.1', () => {{\n\
         \x20 console.log(`API on http://127.0.0.1:${{port}}`)\n\
         }})\n",
        visible(&ports.describe()),
    )
}

/// The uvicorn command that serves a FastAPI app on the API port.
pub fn fastapi_command(ports: &InstancePorts) -> String {
    let api = ports.port(Role::Api).unwrap_or(0);
    format!(
        "# FastAPI dev server of {}: the API port (+1), API_PORT from the shell first.\n\
         # main:app is the module and the FastAPI object; change them to yours.\n\
         uvicorn main:app --reload --host 127.0.0.1 --port \"${{API_PORT:-{api}}}\"\n",
        visible(&ports.describe()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures::my_project;

    #[test]
    fn each_framework_gets_its_port() {
        let ports = my_project();
        assert!(
            next_scripts(&ports).contains("\"dev\": \"next dev --port ${FRONTEND_PORT:-30510} --hostname 127.0.0.1\"")
        );
        assert!(vite_config(&ports).contains("Number(env.FRONTEND_PORT || 30510)"));
        assert!(express_server(&ports).contains("process.env.API_PORT || 30511"));
        assert!(fastapi_command(&ports).contains("--port \"${API_PORT:-30511}\""));
        let env = app_env(&ports);
        assert!(env.contains("NEXT_PUBLIC_SUPABASE_URL=http://127.0.0.1:30513\n"), "{env}");
        assert!(env.contains("DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:30512/postgres\n"), "{env}");
        assert!(!app_env(&ports.with_supabase(false)).contains("SUPABASE_URL"));
    }

    #[test]
    fn a_name_stays_in_its_comment() {
        let mut ports = my_project();
        ports.project = "x\nrequire('child_process')\u{2028}y".into();
        for text in [
            app_env(&ports),
            next_scripts(&ports),
            vite_config(&ports),
            express_server(&ports),
            fastapi_command(&ports),
        ] {
            assert!(!text.lines().any(|l| l.starts_with("require")), "{text}");
            assert!(!text.contains('\u{2028}'), "{text}");
        }
    }
}
