//! What the checker worker sends back to the page, as bytes: the findings,
//! their counts and the 100 blocks of one document. One flat buffer crosses
//! threads without a copy; tens of thousands of findings as JS objects would
//! cost the page more to receive than to draw.

use portreg_core::overview::{BlockState, BlockView};
use portreg_core::{Applicability, Fix, PortRange, Severity, Status, Summary, TextEdit};

use crate::analysis::{Finding, Report};

/// A report as bytes.
pub fn encode(report: &Report) -> Vec<u8> {
    let mut out = Writer(Vec::with_capacity(64 * 1024));
    let Summary { errors, warnings, infos } = report.summary;
    out.number(errors);
    out.number(warnings);
    out.number(infos);
    out.number(report.findings.len());
    for finding in &report.findings {
        out.text(finding.code);
        out.byte(match finding.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        });
        out.number(finding.line);
        out.number(finding.span.start);
        out.number(finding.span.end);
        out.text(&finding.message);
        out.text(&finding.help);
        match &finding.fix {
            None => out.byte(0),
            Some(fix) => {
                out.byte(1);
                out.text(&fix.title);
                out.byte(u8::from(fix.applicability == Applicability::Unsafe));
                out.maybe_text(fix.breaks.as_deref());
                out.maybe_number(fix.claims_block.map(|b| b as usize));
                out.number(fix.edits.len());
                for edit in &fix.edits {
                    out.number(edit.range.start);
                    out.number(edit.range.end);
                    out.text(&edit.replacement);
                }
            }
        }
    }
    out.number(report.blocks.len());
    for block in &report.blocks {
        out.number(block.block as usize);
        out.number(block.range.start as usize);
        out.number(block.range.end as usize);
        out.text(block.state.as_str());
        out.number(block.projects.len());
        for project in &block.projects {
            out.text(project);
        }
    }
    out.0
}

/// The findings, counts and blocks of `bytes`; `None` when they are not a
/// report (never expected: both ends are this code).
pub fn decode(bytes: &[u8]) -> Option<(Vec<Finding>, Summary, Vec<BlockView>)> {
    let mut input = Reader { bytes, at: 0 };
    let summary = Summary { errors: input.number()?, warnings: input.number()?, infos: input.number()? };
    let count = input.number()?;
    let mut findings = Vec::with_capacity(count.min(bytes.len()));
    for _ in 0..count {
        let rule = portreg_core::rules::rule(input.text()?)?;
        let severity = match input.byte()? {
            0 => Severity::Error,
            1 => Severity::Warning,
            _ => Severity::Info,
        };
        let line = input.number()?;
        let span = input.number()?..input.number()?;
        let message = input.text()?.to_owned();
        let help = input.text()?.to_owned();
        let fix = match input.byte()? {
            0 => None,
            _ => Some(input.fix()?),
        };
        findings.push(Finding::of_rule(rule, severity, line, span, message, help, fix));
    }
    let count = input.number()?;
    let mut blocks = Vec::with_capacity(count.min(bytes.len()));
    for _ in 0..count {
        let block = u32::try_from(input.number()?).ok()?;
        let range = PortRange { start: input.port()?, end: input.port()? };
        let state = block_state(input.text()?)?;
        let projects = (0..input.number()?).map(|_| input.text().map(str::to_owned)).collect::<Option<Vec<_>>>()?;
        blocks.push(BlockView { block, range, state, projects });
    }
    (input.at == bytes.len()).then_some((findings, summary, blocks))
}

/// The state `BlockState::as_str` wrote.
fn block_state(word: &str) -> Option<BlockState> {
    Some(match word {
        "free" => BlockState::Free,
        "unknown" => BlockState::Unknown,
        "stray" => BlockState::Stray,
        "conflict" => BlockState::Conflict,
        status => BlockState::Held(Status::parse(status)?),
    })
}

struct Writer(Vec<u8>);

impl Writer {
    fn byte(&mut self, byte: u8) {
        self.0.push(byte);
    }

    fn number(&mut self, n: usize) {
        self.0.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
    }

    fn text(&mut self, text: &str) {
        self.number(text.len());
        self.0.extend_from_slice(text.as_bytes());
    }

    fn maybe_text(&mut self, text: Option<&str>) {
        self.byte(u8::from(text.is_some()));
        if let Some(text) = text {
            self.text(text);
        }
    }

    fn maybe_number(&mut self, n: Option<usize>) {
        self.byte(u8::from(n.is_some()));
        if let Some(n) = n {
            self.number(n);
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(len)?)?;
        self.at += len;
        Some(slice)
    }

    fn byte(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    fn number(&mut self) -> Option<usize> {
        let bytes: [u8; 4] = self.take(4)?.try_into().ok()?;
        Some(u32::from_le_bytes(bytes) as usize)
    }

    fn port(&mut self) -> Option<u32> {
        u32::try_from(self.number()?).ok()
    }

    fn text(&mut self) -> Option<&'a str> {
        let len = self.number()?;
        std::str::from_utf8(self.take(len)?).ok()
    }

    fn fix(&mut self) -> Option<Fix> {
        let title = self.text()?.to_owned();
        let applicability = if self.byte()? == 1 { Applicability::Unsafe } else { Applicability::Safe };
        let breaks = match self.byte()? {
            0 => None,
            _ => Some(self.text()?.to_owned()),
        };
        let claims_block = match self.byte()? {
            0 => None,
            _ => Some(u32::try_from(self.number()?).ok()?),
        };
        let edits = (0..self.number()?)
            .map(|_| {
                let range = self.number()?..self.number()?;
                Some(TextEdit { range, replacement: self.text()?.to_owned() })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Fix { title, edits, applicability, breaks, claims_block })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analysis;
    use portreg_core::{Date, Policy};

    #[test]
    fn a_report_reads_back_as_written() {
        let text = "| Project | Ports | Status |\n|---|---|---|\n| a | 30000-30099 | actve |\n| b | 30000-30099 | active |\n| c | 31234 | active |\n";
        let today = Date::new(2026, 11, 27).unwrap();
        let Analysis::Checked { findings, summary, blocks, .. } = Analysis::of(text, "", &Policy::default(), today)
        else {
            panic!("checked");
        };
        assert!(findings.iter().any(|f| f.fix.is_some()), "a fix crosses too");
        let report = Report { findings: findings.clone(), summary, blocks: blocks.clone() };
        assert_eq!(decode(&encode(&report)), Some((findings, summary, blocks)));
        let bytes = encode(&report);
        assert_eq!(decode(&bytes[..bytes.len() - 1]), None, "a cut report is refused");
    }
}
