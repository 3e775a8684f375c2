//! A listing read part by part: each header starts a part in its format,
//! rows before any header are recognised by their shape (`| grep LISTEN`
//! drops the header), and a row that does not fit its part may start a
//! header-less part of another format.

use super::lines::Line;
use super::{
    docker, lsof, netsh, netstat, netstat_windows, powershell, proc_net, ss, Format, Listing, ListingError, Row,
    Unreadable, MAX_LISTENERS, MAX_UNREADABLE_KEPT,
};
use crate::text::quote;

/// The part of a listing a line is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Lsof,
    Ss(ss::Columns),
    Netstat(netstat::Header),
    NetstatWindows,
    Docker(docker::Columns),
    PowerShell(powershell::Columns),
    Netsh,
    ProcNet,
    /// netstat's UNIX domain and kernel sockets: nothing to read.
    Other,
}

impl Section {
    /// The part `line` starts, when it is a header or title.
    fn header(line: &str) -> Option<Section> {
        if lsof::is_header(line) {
            return Some(Section::Lsof);
        }
        if let Some(columns) = ss::header(line) {
            return Some(Section::Ss(columns));
        }
        if let Some(header) = netstat::header(line) {
            return Some(Section::Netstat(header));
        }
        if netstat::is_other_title(line) {
            return Some(Section::Other);
        }
        if netstat_windows::is_header(line) {
            return Some(Section::NetstatWindows);
        }
        if let Some(columns) = docker::header(line) {
            return Some(Section::Docker(columns));
        }
        if let Some(columns) = powershell::header(line) {
            return Some(Section::PowerShell(columns));
        }
        if netsh::is_header(line) {
            return Some(Section::Netsh);
        }
        proc_net::is_header(line).then_some(Section::ProcNet)
    }

    /// The part a row seen without a header belongs to, by its shape.
    fn headless(line: &Line<'_>) -> Option<Section> {
        if lsof::is_headless_row(line) {
            return Some(Section::Lsof);
        }
        if let Some(columns) = ss::headless(line) {
            return Some(Section::Ss(columns));
        }
        if let Some(header) = netstat::headless(line) {
            return Some(Section::Netstat(header));
        }
        netstat_windows::is_headless_row(line).then_some(Section::NetstatWindows)
    }

    /// Its format; none for the parts that list no TCP sockets.
    fn format(self) -> Option<Format> {
        Some(match self {
            Section::Lsof => Format::Lsof,
            Section::Ss(_) => Format::Ss,
            Section::Netstat(header) if header.mac => Format::NetstatMac,
            Section::Netstat(_) => Format::NetstatLinux,
            Section::NetstatWindows => Format::NetstatWindows,
            Section::Docker(_) => Format::Docker,
            Section::PowerShell(_) => Format::PowerShell,
            Section::Netsh => Format::Netsh,
            Section::ProcNet => Format::ProcNet,
            Section::Other => return None,
        })
    }

    /// What a row of this part holds.
    fn row(self, line: &Line<'_>) -> Result<Row, String> {
        match self {
            Section::Lsof => lsof::row(line),
            Section::Ss(columns) => ss::row(columns, line),
            Section::Netstat(header) => netstat::row(header, line),
            Section::NetstatWindows => netstat_windows::row(line),
            Section::Docker(columns) => docker::row(columns, line),
            Section::PowerShell(columns) => powershell::row(columns, line),
            Section::Netsh => netsh::row(line),
            Section::ProcNet => proc_net::row(line),
            Section::Other => Ok(Row::Nothing),
        }
    }
}

/// What is read so far.
#[derive(Default)]
struct Reading {
    listing: Listing,
    section: Option<Section>,
    rows_read: usize,
    first_error: Option<(Format, String)>,
    /// The listeners the last row added, for an owner line after it.
    last_row: std::ops::Range<usize>,
}

impl Reading {
    fn enter(&mut self, section: Section) {
        self.section = Some(section);
        if let Some(format) = section.format() {
            if !self.listing.formats.contains(&format) {
                self.listing.formats.push(format);
            }
        }
    }

    /// Reads a row of the current part, or of a header-less part it starts.
    fn row(&mut self, line: &Line<'_>) -> Result<(), ListingError> {
        let outcome = match self.section {
            // A row that does not fit, or says nothing, may be a header-less part of another format.
            Some(section) => match section.row(line) {
                Ok(Row::Nothing | Row::Note) | Err(_)
                    if Section::headless(line).is_some_and(|other| other != section) =>
                {
                    let other = Section::headless(line).unwrap_or(section);
                    self.enter(other);
                    other.row(line)
                }
                read => read,
            },
            None => match Section::headless(line) {
                Some(section) => {
                    self.enter(section);
                    section.row(line)
                }
                None => Err("not a line of a listing portreg reads".to_owned()),
            },
        };
        self.take(line, outcome)
    }

    fn take(&mut self, line: &Line<'_>, outcome: Result<Row, String>) -> Result<(), ListingError> {
        match outcome {
            Ok(row) => {
                self.rows_read += 1;
                match row {
                    Row::Listeners(listeners) => {
                        let start = self.listing.listeners.len();
                        self.listing.listeners.extend(listeners);
                        self.last_row = start..self.listing.listeners.len();
                    }
                    Row::Owner(name) => {
                        let last = self.listing.listeners.get_mut(self.last_row.clone()).unwrap_or_default();
                        for listener in last.iter_mut().filter(|l| l.process.is_none()) {
                            listener.process = Some(name.clone());
                        }
                        self.last_row = 0..0;
                    }
                    Row::Excluded(excluded) => self.listing.excluded.push(excluded),
                    Row::Note => {}
                    Row::Nothing => self.last_row = 0..0,
                }
                if self.listing.listeners.len() > MAX_LISTENERS {
                    return Err(ListingError::TooLarge);
                }
            }
            Err(reason) => {
                if let Some(format) = self.section.and_then(Section::format) {
                    self.first_error.get_or_insert((format, reason.clone()));
                }
                self.listing.unreadable_count += 1;
                if self.listing.unreadable.len() < MAX_UNREADABLE_KEPT {
                    self.listing.unreadable.push(Unreadable { line: line.number, source: line.range(), reason });
                }
            }
        }
        Ok(())
    }
}

/// Reads every line of a listing.
pub(super) fn read<'a>(lines: impl Iterator<Item = Line<'a>> + Clone) -> Result<Listing, ListingError> {
    let mut reading = Reading::default();
    for line in lines.clone().filter(|l| !l.text.trim().is_empty()) {
        if let Some(section) = Section::header(line.text) {
            reading.enter(section);
        } else if !netstat::is_title(line.text) && !super::prompt::is_prompt(line.text) {
            reading.row(&line)?;
        }
    }
    if reading.listing.formats.is_empty() {
        let first = lines.map(|l| l.text.trim()).find(|t| !t.is_empty()).unwrap_or("");
        return Err(ListingError::Unrecognised { first_line: quote(first, 60) });
    }
    if reading.rows_read == 0 {
        if let Some((format, reason)) = reading.first_error {
            return Err(ListingError::NothingReadable { format, reason });
        }
    }
    Ok(reading.listing)
}
