//! The port policy as data.
//!
//! Everything the tool knows about the team's policy lives in [`Policy`], whose
//! [`Default`] is the policy document the project was created from. A team with
//! another base port or other reserved ranges changes it here, in one place.
//!
//! Two readings of the policy text are fixed here once:
//! - Blocks are numbered from zero: block 0 is 30000–30099 ("Project 1").
//! - The policy's formula `ProjectBasePort + (InstanceID × 10)` uses a zero-based
//!   id, while its list numbers instances 1…10 with instance 1 at `+00`. This
//!   crate numbers instances 1…10 everywhere a person reads them, so instance
//!   `k` starts at `block start + (k − 1) × 10`.

use crate::ports::PortRange;

/// What a service is for, whatever the team calls it: exports find a port by
/// its role, never by a name that could be misspelt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The frontend dev server (Next.js, Vite…).
    Frontend,
    /// The API or backend server (Express, FastAPI…).
    Api,
    /// The database; the Supabase stack's Postgres when one runs.
    Database,
    /// The Supabase API gateway (Kong).
    SupabaseApi,
    /// Supabase Studio.
    SupabaseStudio,
    /// The Supabase email testing server's web interface (Mailpit, formerly Inbucket).
    SupabaseMail,
    /// Analytics and monitoring; the Supabase stack's Logflare when one runs.
    Analytics,
    /// A vector database or search service.
    Vector,
    /// The connection pooler; the Supabase stack's Supavisor when one runs.
    Pooler,
    /// Free for the project's own use; the Supabase shadow database when a stack runs.
    Auxiliary,
}

/// One service of an instance: the port at a fixed offset inside its 10 ports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Service {
    /// Offset from the instance's first port.
    pub offset: u32,
    /// What the service is for.
    pub role: Role,
    /// Short name, used in tables and lookups (`frontend`).
    pub key: &'static str,
    /// Name as the policy writes it (`Frontend Dev Server`).
    pub name: &'static str,
    /// Environment variable that carries the port in exports (`FRONTEND_PORT`).
    pub env_var: &'static str,
    /// The port the service usually listens on inside a container, for compose
    /// snippets; `None` to map the host port to itself.
    pub container_port: Option<u32>,
}

/// What a reserved range outside the project blocks is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReservedKind {
    /// Default ports of local Supabase installations (54320–54999).
    Supabase,
    /// Legacy frontend ports (3000–3999), to be migrated.
    LegacyFrontend,
    /// Legacy backend ports (8000–8999), to be migrated.
    LegacyBackend,
    /// System utilities: Docker, proxies, monitoring (9000–9999).
    System,
    /// Emergency and temporary assignments (40000 and up).
    Emergency,
}

/// A range of ports the policy sets aside for something other than project blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReservedRange {
    /// The ports, inclusive.
    pub range: PortRange,
    /// What the range is for.
    pub kind: ReservedKind,
    /// Name as the policy writes it.
    pub label: &'static str,
}

/// The team's port policy. [`Policy::default`] is the policy document's numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// First port of block 0.
    pub base_port: u32,
    /// Ports per project block.
    pub block_size: u32,
    /// Number of project blocks.
    pub block_count: u32,
    /// Ports per instance; `block_size / instance_size` instances per block.
    pub instance_size: u32,
    /// Services by offset inside an instance, `instance_size` of them.
    pub services: Vec<Service>,
    /// Purpose of each instance, instance 1 first.
    pub purposes: Vec<&'static str>,
    /// Ranges set aside outside the project blocks. Supabase comes before
    /// Emergency so that a lookup names the narrower range first.
    pub reserved: Vec<ReservedRange>,
    /// Below this port, binding needs privileges.
    pub first_unprivileged_port: u32,
    /// Linux's default ephemeral port range (`net.ipv4.ip_local_port_range`).
    pub ephemeral: PortRange,
    /// A reserved or inactive entry older than this many days is stale.
    pub stale_after_days: i64,
    /// From this many used blocks on, capacity is reported.
    pub capacity_notice_at: u32,
}

/// The services of the policy document, by offset.
pub const DEFAULT_SERVICES: [Service; 10] = [
    service(0, Role::Frontend, "frontend", "Frontend Dev Server", "FRONTEND_PORT", Some(3000)),
    service(1, Role::Api, "api", "API/Backend Server", "API_PORT", Some(8000)),
    service(2, Role::Database, "database", "Database", "DB_PORT", Some(5432)),
    service(3, Role::SupabaseApi, "supabase-api", "Supabase API", "SUPABASE_API_PORT", Some(8000)),
    service(4, Role::SupabaseStudio, "supabase-studio", "Supabase Studio", "SUPABASE_STUDIO_PORT", Some(3000)),
    service(5, Role::SupabaseMail, "supabase-inbucket", "Supabase Inbucket", "SUPABASE_INBUCKET_PORT", Some(8025)),
    service(6, Role::Analytics, "analytics", "Analytics/Monitoring", "ANALYTICS_PORT", Some(4000)),
    service(7, Role::Vector, "vector", "Vector/Search", "VECTOR_PORT", Some(6333)),
    service(8, Role::Pooler, "pooler", "Connection Pooler", "POOLER_PORT", Some(6543)),
    service(9, Role::Auxiliary, "aux", "Reserved/Auxiliary", "AUX_PORT", None),
];

/// The instance purposes of the policy document, instance 1 first.
pub const DEFAULT_PURPOSES: [&str; 10] = [
    "Development/Main",
    "Test/CI",
    "Feature Branch 1",
    "Feature Branch 2",
    "Staging",
    "Performance Testing",
    "Integration Testing",
    "Preview/Demo",
    "Backup/Failover",
    "Experimental/Research",
];

const fn service(
    offset: u32,
    role: Role,
    key: &'static str,
    name: &'static str,
    env_var: &'static str,
    container_port: Option<u32>,
) -> Service {
    Service { offset, role, key, name, env_var, container_port }
}

const fn reserved(start: u32, end: u32, kind: ReservedKind, label: &'static str) -> ReservedRange {
    ReservedRange { range: PortRange { start, end }, kind, label }
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            base_port: 30000,
            block_size: 100,
            block_count: 100,
            instance_size: 10,
            services: DEFAULT_SERVICES.to_vec(),
            purposes: DEFAULT_PURPOSES.to_vec(),
            reserved: vec![
                reserved(54320, 54999, ReservedKind::Supabase, "Supabase defaults"),
                reserved(3000, 3999, ReservedKind::LegacyFrontend, "legacy frontend"),
                reserved(8000, 8999, ReservedKind::LegacyBackend, "legacy backend"),
                reserved(9000, 9999, ReservedKind::System, "system utilities"),
                reserved(40000, 65535, ReservedKind::Emergency, "emergency/temporary"),
            ],
            first_unprivileged_port: 1024,
            ephemeral: PortRange { start: 32768, end: 60999 },
            stale_after_days: 30,
            capacity_notice_at: 90,
        }
    }
}

/// Where one port sits inside the project blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// Block number, zero-based.
    pub block: u32,
    /// Instance number, 1-based.
    pub instance: u32,
    /// Offset of the port inside its instance.
    pub offset: u32,
}

impl Policy {
    /// Instances per block.
    pub fn instances_per_block(&self) -> u32 {
        self.block_size / self.instance_size
    }

    /// All ports of all project blocks.
    pub fn project_space(&self) -> PortRange {
        PortRange::new(self.base_port, self.base_port + self.block_size * self.block_count - 1)
    }

    /// The ports of block `block` (zero-based), if the policy has that block.
    pub fn block_range(&self, block: u32) -> Option<PortRange> {
        (block < self.block_count).then(|| {
            let start = self.base_port + block * self.block_size;
            PortRange::new(start, start + self.block_size - 1)
        })
    }

    /// The ports of instance `instance` (1-based) of block `block`.
    pub fn instance_range(&self, block: u32, instance: u32) -> Option<PortRange> {
        if instance == 0 || instance > self.instances_per_block() {
            return None;
        }
        let block_start = self.block_range(block)?.start;
        let start = block_start + (instance - 1) * self.instance_size;
        Some(PortRange::new(start, start + self.instance_size - 1))
    }

    /// The block that holds `port`, if it is a project port.
    pub fn block_of(&self, port: u32) -> Option<u32> {
        self.project_space().contains(port).then(|| (port - self.base_port) / self.block_size)
    }

    /// Block, instance and service offset of a project port.
    pub fn slot_of(&self, port: u32) -> Option<Slot> {
        let block = self.block_of(port)?;
        let inside = port - self.base_port - block * self.block_size;
        Some(Slot { block, instance: inside / self.instance_size + 1, offset: inside % self.instance_size })
    }

    /// The block number when `range` is exactly one aligned project block.
    pub fn aligned_block(&self, range: PortRange) -> Option<u32> {
        let block = self.block_of(range.start)?;
        (self.block_range(block) == Some(range)).then_some(block)
    }

    /// Block and instance when `range` is exactly one aligned instance slot.
    pub fn aligned_instance(&self, range: PortRange) -> Option<(u32, u32)> {
        let slot = self.slot_of(range.start)?;
        (self.instance_range(slot.block, slot.instance) == Some(range)).then_some((slot.block, slot.instance))
    }

    /// Every block that `range` touches, in order.
    pub fn blocks_touched(&self, range: PortRange) -> impl Iterator<Item = u32> {
        let clipped = range.intersection(self.project_space());
        let blocks = clipped.map(|r| {
            let first = self.block_of(r.start).unwrap_or(0);
            let last = self.block_of(r.end).unwrap_or(0);
            first..=last
        });
        blocks.into_iter().flatten()
    }

    /// The service at `offset` inside an instance.
    pub fn service(&self, offset: u32) -> Option<&Service> {
        self.services.iter().find(|s| s.offset == offset)
    }

    /// The service that plays `role`, when the policy has one.
    pub fn service_for(&self, role: Role) -> Option<&Service> {
        self.services.iter().find(|s| s.role == role)
    }

    /// The purpose of instance `instance` (1-based).
    pub fn purpose(&self, instance: u32) -> Option<&'static str> {
        let index = usize::try_from(instance.checked_sub(1)?).ok()?;
        self.purposes.get(index).copied()
    }

    /// The first reserved range of `kind`.
    pub fn reserved_range(&self, kind: ReservedKind) -> Option<PortRange> {
        self.reserved.iter().find(|r| r.kind == kind).map(|r| r.range)
    }

    /// The reserved range that holds `port`, the narrowest first.
    pub fn reserved_at(&self, port: u32) -> Option<&ReservedRange> {
        self.reserved.iter().find(|r| r.range.contains(port))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_follow_the_policy_formula() {
        let policy = Policy::default();
        assert_eq!(policy.block_range(0), Some(PortRange::new(30000, 30099)));
        assert_eq!(policy.block_range(5), Some(PortRange::new(30500, 30599)));
        assert_eq!(policy.block_range(99), Some(PortRange::new(39900, 39999)));
        assert_eq!(policy.block_range(100), None);
    }

    #[test]
    fn instances_are_numbered_from_one() {
        let policy = Policy::default();
        assert_eq!(policy.instance_range(2, 1), Some(PortRange::new(30200, 30209)));
        assert_eq!(policy.instance_range(2, 10), Some(PortRange::new(30290, 30299)));
        assert_eq!(policy.instance_range(2, 0), None);
        assert_eq!(policy.instance_range(2, 11), None);
        let slot = policy.slot_of(30213).unwrap();
        assert_eq!((slot.block, slot.instance, slot.offset), (2, 2, 3));
    }

    #[test]
    fn alignment_is_exact() {
        let policy = Policy::default();
        assert_eq!(policy.aligned_block(PortRange::new(30500, 30599)), Some(5));
        assert_eq!(policy.aligned_block(PortRange::new(30550, 30649)), None);
        assert_eq!(policy.aligned_instance(PortRange::new(30510, 30519)), Some((5, 2)));
        assert_eq!(policy.aligned_instance(PortRange::new(30511, 30520)), None);
        let touched: Vec<u32> = policy.blocks_touched(PortRange::new(30550, 30649)).collect();
        assert_eq!(touched, vec![5, 6]);
        assert_eq!(policy.blocks_touched(PortRange::new(3000, 3999)).count(), 0);
    }
}
