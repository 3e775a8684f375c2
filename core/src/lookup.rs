//! What a port is: its place in the policy and, with a registry, who holds it.

use std::fmt;

use crate::policy::{Policy, ReservedRange, Slot};
use crate::ports::{PortRange, MAX_PORT};
use crate::registry::{Registry, RowRef};
use crate::status::Status;

/// Where a port sits in the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Zone {
    /// A project port: its block, instance, purpose and service.
    Project {
        /// Block, instance and offset.
        slot: Slot,
        /// The instance's purpose.
        purpose: &'static str,
        /// The service's name.
        service: &'static str,
    },
    /// A range the policy sets aside.
    Reserved(ReservedRange),
    /// Below 1024: needs privileges.
    Privileged,
    /// A port no policy range names.
    Unplanned,
}

/// A registry row that claims the port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// Project name as written.
    pub project: String,
    /// The row's status, when known.
    pub status: Option<Status>,
    /// The instance number, for an instance row.
    pub instance: Option<u32>,
    /// The claimed range that holds the port.
    pub range: PortRange,
    /// Where the row is.
    pub at: RowRef,
}

impl Holder {
    /// The holder in words: `api instance 2 (30510-30519, active)`.
    pub fn describe(&self) -> String {
        let instance = self.instance.map_or_else(String::new, |n| format!(" instance {n}"));
        let status = self.status.map_or_else(String::new, |s| format!(", {s}"));
        format!("{}{instance} ({}{status})", self.project, self.range)
    }
}

/// Everything known about one port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortInfo {
    /// The port.
    pub port: u32,
    /// Its place in the policy.
    pub zone: Zone,
    /// Rows that claim it: project rows first, then instance rows.
    pub holders: Vec<Holder>,
}

/// A port outside 1–65535.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAPort(pub u64);

impl fmt::Display for NotAPort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} is not a port (1-{MAX_PORT})", self.0)
    }
}

impl std::error::Error for NotAPort {}

/// Looks `port` up in the policy and, when given, the registry.
pub fn lookup(port: u64, policy: &Policy, registry: Option<&Registry>) -> Result<PortInfo, NotAPort> {
    let port = u32::try_from(port).ok().filter(|p| (1..=MAX_PORT).contains(p)).ok_or(NotAPort(port))?;
    let zone = zone(port, policy);
    let mut holders = Vec::new();
    if let Some(registry) = registry {
        for project in &registry.projects {
            if let Some(range) = project.ports(policy).find(|r| r.contains(port)) {
                holders.push(Holder {
                    project: project.common.name.to_string(),
                    status: project.common.status,
                    instance: None,
                    range,
                    at: project.at.clone(),
                });
            }
        }
        for instance in &registry.instances {
            if let Some(&range) = instance.common.ranges.iter().find(|r| r.contains(port)) {
                holders.push(Holder {
                    project: instance.common.name.to_string(),
                    status: instance.common.status,
                    instance: instance.number,
                    range,
                    at: instance.at.clone(),
                });
            }
        }
    }
    Ok(PortInfo { port, zone, holders })
}

fn zone(port: u32, policy: &Policy) -> Zone {
    if let Some(slot) = policy.slot_of(port) {
        return Zone::Project {
            slot,
            purpose: policy.purpose(slot.instance).unwrap_or("instance"),
            service: policy.service(slot.offset).map_or("service", |s| s.name),
        };
    }
    if let Some(reserved) = policy.reserved_at(port) {
        return Zone::Reserved(*reserved);
    }
    if port < policy.first_unprivileged_port {
        Zone::Privileged
    } else {
        Zone::Unplanned
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Zone::Project { slot, purpose, service } => {
                write!(f, "block {}, instance {} ({purpose}), +{} {service}", slot.block, slot.instance, slot.offset)
            }
            Zone::Reserved(r) => write!(f, "reserved: {} ({})", r.label, r.range),
            Zone::Privileged => f.write_str("privileged port (below 1024)"),
            Zone::Unplanned => f.write_str("outside every policy range"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_block_instance_and_service() {
        let info = lookup(30213, &Policy::default(), None).unwrap();
        assert_eq!(info.zone.to_string(), "block 2, instance 2 (Test/CI), +3 Supabase API");
    }

    #[test]
    fn names_reserved_ranges_narrowest_first() {
        let policy = Policy::default();
        assert_eq!(lookup(54321, &policy, None).unwrap().zone.to_string(), "reserved: Supabase defaults (54320-54999)");
        assert_eq!(
            lookup(45000, &policy, None).unwrap().zone.to_string(),
            "reserved: emergency/temporary (40000-65535)"
        );
        assert_eq!(lookup(80, &policy, None).unwrap().zone, Zone::Privileged);
        assert_eq!(lookup(20000, &policy, None).unwrap().zone, Zone::Unplanned);
        assert_eq!(lookup(0, &policy, None), Err(NotAPort(0)));
        assert_eq!(lookup(65536, &policy, None), Err(NotAPort(65536)));
    }

    #[test]
    fn finds_who_holds_a_port() {
        let policy = Policy::default();
        let doc = "| Project | Ports | Status |\n|---|---|---|\n| api | 30500-30599 | active |\n\n\
                   | Project | Instance | Ports |\n|---|---|---|\n| api | 2 | 30510-30519 |\n";
        let registry = Registry::parse(doc, &policy);
        let info = lookup(30512, &policy, Some(&registry)).unwrap();
        let holders: Vec<(&str, Option<u32>)> = info.holders.iter().map(|h| (h.project.as_str(), h.instance)).collect();
        assert_eq!(holders, [("api", None), ("api", Some(2))]);
    }
}
