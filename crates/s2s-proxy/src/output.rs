//! Text output of the CLI: what a person reads in a terminal. JSON output is
//! the serde form of the same structures.

use std::fmt::Write;

use s2s_core::findings::{Finding, Severity};
use s2s_core::inspect::{CertificateReport, DocumentReport, Inspection};

use crate::check::CheckReport;

pub fn inspection(items: &[Inspection]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match item {
            Inspection::Metadata(d) => document(&mut out, d),
            Inspection::Certificate(c) => {
                out.push_str("Certificate\n");
                certificate(&mut out, c, "  ");
                findings(&mut out, &c.findings);
            }
        }
    }
    out
}

fn or_dash(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("—")
}

fn document(out: &mut String, d: &DocumentReport) {
    let service = match (&d.service_name, d.service_product) {
        (Some(id), Some(product)) => format!("{product} ({id})"),
        (Some(id), None) => id.clone(),
        (None, _) => "—".to_string(),
    };
    let _ = writeln!(out, "Metadata document");
    let _ = writeln!(out, "  service:   {service}");
    let _ = writeln!(out, "  realm:     {}", or_dash(&d.realm));
    let _ = writeln!(out, "  issuer:    {}", or_dash(&d.issuer));
    if !d.allowed_audiences.is_empty() {
        let _ = writeln!(out, "  audiences: {}", d.allowed_audiences.join(", "));
    }
    for e in &d.endpoints {
        let _ = writeln!(
            out,
            "  endpoint:  {} ({}, {})",
            or_dash(&e.location),
            or_dash(&e.protocol),
            or_dash(&e.usage)
        );
    }
    for u in &d.unknown_fields {
        let _ = writeln!(out, "  unknown:   {u}");
    }
    let _ = writeln!(out, "  keys:      {}", d.keys.len());
    for k in &d.keys {
        let _ = writeln!(out, "  {} (usage {})", k.path, or_dash(&k.usage));
        let _ = writeln!(out, "    x5t published: {}", or_dash(&k.x5t_published));
        let _ = writeln!(out, "    x5t computed:  {}", or_dash(&k.x5t_computed));
        if let Some(e) = &k.error {
            let _ = writeln!(out, "    error:         {e}");
        }
        if let Some(c) = &k.certificate {
            certificate(out, c, "    ");
        }
    }
    findings(out, &d.findings);
}

/// Where the certificate stands in its validity, in words.
fn validity(c: &CertificateReport) -> String {
    if c.not_yet_valid {
        "not valid yet".to_string()
    } else if c.days_left < 0 {
        format!("expired {} days ago", -c.days_left)
    } else {
        format!("{} days left", c.days_left)
    }
}

fn certificate(out: &mut String, c: &CertificateReport, indent: &str) {
    let key = match (c.key_bits, &c.key_curve) {
        (Some(bits), Some(curve)) => format!("{} {curve} ({bits} bits)", c.key_algorithm),
        (Some(bits), None) => format!("{} {bits} bits", c.key_algorithm),
        (None, Some(curve)) => format!("{} {curve}", c.key_algorithm),
        (None, None) => c.key_algorithm.clone(),
    };
    let weak = if c.weak_signature { " (weak hash)" } else { "" };
    let rows = [
        ("subject", c.subject.clone()),
        ("issuer", c.issuer.clone()),
        ("serial", c.serial.clone()),
        (
            "valid",
            format!("{} to {} ({})", c.not_before, c.not_after, validity(c)),
        ),
        ("key", key),
        ("signature", format!("{}{weak}", c.signature_algorithm)),
        ("thumbprint", c.sha1_thumbprint.clone()),
        ("sha256", c.sha256_fingerprint.clone()),
        ("x5t", c.x5t.clone()),
    ];
    for (name, value) in rows {
        let _ = writeln!(out, "{indent}{name:<12}{value}");
    }
    let lists = [
        ("key usage", &c.key_usage),
        ("ext. usage", &c.extended_key_usage),
        ("alt. names", &c.subject_alt_names),
    ];
    for (name, values) in lists {
        if !values.is_empty() {
            let _ = writeln!(out, "{indent}{name:<12}{}", values.join(", "));
        }
    }
    if c.is_ca == Some(true) {
        let _ = writeln!(out, "{indent}{:<12}yes", "CA");
    }
    if c.self_issued {
        let _ = writeln!(out, "{indent}{:<12}yes", "self-issued");
    }
}

pub fn findings(out: &mut String, findings: &[Finding]) {
    if findings.is_empty() {
        return;
    }
    let _ = writeln!(out, "Findings");
    for f in findings {
        let tag = match f.severity {
            Severity::Pass => "PASS",
            Severity::Info => "INFO",
            Severity::Warn => "WARN",
            Severity::Fail => "FAIL",
        };
        let _ = writeln!(out, "  {tag}  {}  {}", f.id, f.title);
        if f.severity == Severity::Pass {
            continue;
        }
        if let Some(e) = &f.expected {
            let _ = writeln!(out, "        expected: {e}");
        }
        if let Some(a) = &f.actual {
            let _ = writeln!(out, "        actual:   {a}");
        }
        for e in &f.evidence {
            let _ = writeln!(out, "        evidence: {e}");
        }
        if let Some(fix) = &f.fix {
            let _ = writeln!(out, "        fix:      {fix}");
        }
    }
}

pub fn check(report: &CheckReport) -> String {
    let mut out = String::new();
    for (label, fetch) in [
        ("Skype for Business", &report.skype),
        ("Exchange", &report.exchange),
    ] {
        let _ = writeln!(out, "{label}: {}", fetch.url);
        for step in &fetch.steps {
            let mark = if step.ok { "ok  " } else { "FAIL" };
            let _ = writeln!(
                out,
                "  {mark} {:<8} {:>7.1} ms  {}",
                step.name, step.ms, step.detail
            );
        }
        if fetch.insecure {
            let _ = writeln!(
                out,
                "  WARNING: TLS certificate verification is off for this host"
            );
        }
    }
    if let Some(probe) = &report.probe {
        let _ = writeln!(out, "Trust probe (empty Bearer token): {}", probe.facts.url);
        for step in &probe.steps {
            let mark = if step.ok { "ok  " } else { "FAIL" };
            let _ = writeln!(
                out,
                "  {mark} {:<8} {:>7.1} ms  {}",
                step.name, step.ms, step.detail
            );
        }
        if let Some(c) = &probe.facts.www_authenticate {
            let _ = writeln!(out, "  WWW-Authenticate: {c}");
        }
    }
    findings(&mut out, &report.findings);
    let _ = writeln!(out, "Verdict: {}", report.verdict.label());
    out
}

pub fn plan(plan: &s2s_core::commands::Plan, notes: &[String]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Skype metadata URL:    {}", plan.skype_metadata_url);
    let _ = writeln!(out, "Exchange metadata URL: {}", plan.exchange_metadata_url);
    for n in notes {
        let _ = writeln!(out, "Note: {n}");
    }
    let mut group = None;
    let mut number = 0;
    for step in &plan.steps {
        if group != Some(step.group) {
            group = Some(step.group);
            let _ = writeln!(out, "\n== {} ==", step.group.label());
        }
        number += 1;
        let _ = writeln!(out, "\n{number}. {}", step.title);
        let _ = writeln!(out, "   Shell: {} — on {}", step.shell.label(), step.server);
        for line in step.command.lines() {
            let _ = writeln!(out, "   {line}");
        }
        let _ = writeln!(out, "   What it does: {}", step.what_it_does);
        if let Some(v) = &step.verify {
            let _ = writeln!(out, "   Verify: {v}");
        }
        if let Some(u) = &step.undo {
            let _ = writeln!(out, "   Undo: {u}");
        }
        if let Some(w) = &step.warning {
            let _ = writeln!(out, "   Warning: {w}");
        }
    }
    out
}

/// The exit code of a verdict: 0 ok (pass/info), 1 warn, 2 fail.
pub fn exit_code(worst: Severity) -> i32 {
    match worst {
        Severity::Pass | Severity::Info => 0,
        Severity::Warn => 1,
        Severity::Fail => 2,
    }
}

/// `s2s read` as text: what was recognised, the facts that matter, findings.
pub fn reading(r: &s2s_core::testout::Reading, found: &[Finding]) -> String {
    let mut out = String::new();
    if r.unrecognised {
        let _ = writeln!(out, "Nothing in the text was recognised.");
    } else {
        let names: Vec<&str> = r.commands.iter().map(|c| c.label()).collect();
        let _ = writeln!(
            out,
            "Recognised: {}",
            if names.is_empty() {
                "output without a known command".to_string()
            } else {
                names.join(", ")
            }
        );
    }
    let f = &r.facts;
    if let Some(o) = f.outcome {
        let _ = writeln!(
            out,
            "Outcome:    {}",
            match o {
                s2s_core::testout::Outcome::Passed => "passed",
                s2s_core::testout::Outcome::Failed => "failed",
            }
        );
    }
    if !f.http_statuses.is_empty() {
        let s: Vec<String> = f.http_statuses.iter().map(u16::to_string).collect();
        let _ = writeln!(out, "HTTP:       {}", s.join(", "));
    }
    for d in &f.diagnostics {
        let _ = writeln!(
            out,
            "Diagnostic: {} {} {}",
            d.code,
            d.category.as_deref().unwrap_or(""),
            d.reason.as_deref().unwrap_or("")
        );
    }
    if !f.trusted_issuers.is_empty() {
        let t: Vec<String> = f
            .trusted_issuers
            .iter()
            .map(|i| format!("{}@{}", i.principal, i.realm))
            .collect();
        let _ = writeln!(out, "Trusted:    {}", t.join(", "));
    }
    if let Some(p) = &f.proxy {
        let _ = writeln!(out, "Proxy:      {p}");
    }
    if let Some(u) = &f.autodiscover_uri {
        let _ = writeln!(out, "Autodiscover: {u}");
    }
    for a in &f.partner_applications {
        let enabled = match a.enabled {
            Some(true) => "enabled",
            Some(false) => "DISABLED",
            None => "enabled?",
        };
        let _ = writeln!(out, "Partner app: {} ({enabled})", a.name);
    }
    for t in &f.thumbprints {
        let _ = writeln!(
            out,
            "Thumbprint: {} {}",
            t.thumbprint,
            t.label.as_deref().unwrap_or("")
        );
    }
    for d in &f.accepted_domains {
        let _ = writeln!(
            out,
            "Accepted domain: {}{}",
            d.name,
            if d.wildcard { " (wildcard)" } else { "" }
        );
    }
    out.push('\n');
    findings(&mut out, found);
    out
}
