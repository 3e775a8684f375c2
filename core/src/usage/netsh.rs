//! `netsh interface ipv4 show excludedportrange protocol=tcp`: ranges
//! Windows keeps for itself (Hyper-V, WSL, Docker Desktop reserve them),
//! `Start Port  End Port`, an administered one marked `*`.

use super::lines::{number, Line};
use super::{Excluded, Row};
use crate::code_span::Code;
use crate::ports::{PortRange, MAX_PORT};

/// Whether `line` is the title or the column header.
pub(crate) fn is_header(line: &str) -> bool {
    let fields: Vec<&str> = line.split_whitespace().collect();
    line.contains("Port Exclusion Ranges") || fields.as_slice() == ["Start", "Port", "End", "Port"]
}

/// One row: an excluded range, or nothing (the rule, the footnote).
pub(crate) fn row(line: &Line<'_>) -> Result<Row, String> {
    let fields = line.fields();
    if fields.iter().all(|f| f.chars().all(|c| c == '-')) || line.text.trim_start().starts_with("* -") {
        return Ok(Row::Nothing);
    }
    let (Some(start), Some(end)) =
        (fields.first().and_then(|f| number::<u32>(f)), fields.get(1).and_then(|f| number::<u32>(f)))
    else {
        return Err("not a start and an end port".to_owned());
    };
    if start == 0 || start > end || end > MAX_PORT || fields.len() > 3 || fields.get(2).is_some_and(|f| *f != "*") {
        return Err(format!("{} is not a port range", Code(&format!("{start} {end}"))));
    }
    let administered = fields.get(2) == Some(&"*");
    Ok(Row::Excluded(Excluded { range: PortRange::new(start, end), administered, source: line.range() }))
}
