//! Linux: which process holds each listening socket, from the
//! `socket:[INODE]` links in `/proc/PID/fd`, for the processes this user
//! may look at.

use std::collections::HashMap;

use portreg_core::usage::Listing;

/// Names the process and pid of each listener whose socket a visible
/// process holds. Returns how many processes could not be looked at.
#[cfg(target_os = "linux")]
pub fn name_processes(listing: &mut Listing) -> usize {
    let wanted: HashMap<u64, usize> =
        listing.listeners.iter().enumerate().filter_map(|(i, l)| l.inode.map(|inode| (inode, i))).collect();
    let mut owners: HashMap<u64, (u32, String)> = HashMap::new();
    let mut hidden = 0;
    let Ok(processes) = std::fs::read_dir("/proc") else { return 0 };
    for entry in processes.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
        let Ok(fds) = std::fs::read_dir(entry.path().join("fd")) else {
            hidden += 1;
            continue;
        };
        for fd in fds.flatten() {
            let Ok(target) = std::fs::read_link(fd.path()) else { continue };
            let inode = target.to_str().and_then(|t| t.strip_prefix("socket:[")).and_then(|t| t.strip_suffix(']'));
            let Some(inode) = inode.and_then(|i| i.parse::<u64>().ok()) else { continue };
            if wanted.contains_key(&inode) && !owners.contains_key(&inode) {
                let name = std::fs::read_to_string(entry.path().join("comm")).unwrap_or_default();
                owners.insert(inode, (pid, name.trim_end_matches('\n').to_owned()));
            }
        }
    }
    for listener in &mut listing.listeners {
        if let Some((pid, name)) = listener.inode.and_then(|i| owners.get(&i)) {
            listener.pid = Some(*pid);
            listener.process = Some(name.clone()).filter(|n| !n.is_empty());
        }
    }
    hidden
}
