//! Seeded synthetic contract generator for batch benchmarks: N supplier agreements of 2–40 KB in
//! Markdown and/or DOCX (docx-rs), built from varied strong and weak wordings of the security clauses
//! plus commercial boilerplate. Output is for measuring only: generate, measure, delete; never commit.
//!
//! cargo run --release --example gen_corpus -- OUT_DIR N [md|docx|mixed] [SEED]

use docx_rs::{Docx, Paragraph, Run, Style, StyleType};
use std::path::Path;

/// xorshift64*: small, seeded, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    fn chance(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }
}

/// (heading, strong wordings, weak wordings). {S} supplier, {C} customer, {N} a number.
const CLAUSES: &[(&str, &[&str], &[&str])] = &[
    ("Security Incident Notification",
     &["{S} shall notify {C} in writing of any actual or reasonably suspected Security Incident without undue delay and in any event within {N} hours of becoming aware of it.",
       "{S} must inform {C} of every confirmed or suspected personal data breach no later than 24 hours after discovery, and shall provide the nature of the incident, the categories of data affected, the likely consequences and the measures taken, with updates every 48 hours and a final report within 30 days."],
     &["{S} will use reasonable efforts to notify {C} of confirmed security incidents within a reasonable time.",
       "Where practicable, {S} should notify {C} of material incidents after completing its internal investigation."]),
    ("Incident Cooperation",
     &["{S} shall cooperate fully with {C} and provide all reasonable assistance, information and access needed to investigate, contain and remediate any Security Incident, at its own cost."],
     &["{S} may, at its discretion, provide assistance with incident investigations on a time and materials basis."]),
    ("Information Security Program",
     &["{S} shall maintain a written information security programme that complies with ISO/IEC 27001:2022 and implements at least the technical and organisational measures listed in Schedule 3, which is attached to this Agreement.",
       "{S} shall implement and maintain the security controls set out in Annex 2 (Security Measures), aligned with the NIST Cybersecurity Framework 2.0."],
     &["{S} will maintain appropriate, industry standard security measures.",
       "{S} shall take reasonable steps to protect Customer Data in line with good industry practice."]),
    ("Encryption",
     &["All Customer Data shall be encrypted in transit using TLS 1.2 or higher and at rest using AES-256 or FIPS 140-3 validated cryptographic modules.",
       "{S} shall encrypt Customer Data at rest with AES-256 and in transit with TLS 1.3."],
     &["{S} may encrypt data where commercially reasonable, including with SSL or TLS 1.0.",
       "Customer Data will be protected using industry standard encryption where appropriate."]),
    ("Access Control",
     &["{S} shall enforce multi-factor authentication for all administrative and remote access to systems that process Customer Data, grant access on a least privilege basis, review access rights at least quarterly and revoke access within 24 hours of a role change or termination."],
     &["{S} should consider multi-factor authentication for privileged users and will review access periodically."]),
    ("Logging and Monitoring",
     &["{S} shall log security-relevant events on all systems processing Customer Data, monitor those logs continuously for anomalies and retain them for at least 12 months."],
     &["{S} may keep logs as it deems appropriate."]),
    ("Vulnerability Management",
     &["{S} shall remediate critical vulnerabilities within 7 days and high vulnerabilities within 30 days of their discovery, and shall commission an independent penetration test at least once every 12 months and share a summary of the results with {C}."],
     &["{S} will patch vulnerabilities in accordance with its standard maintenance schedule and may perform penetration testing from time to time."]),
    ("Audit",
     &["{C} or an independent auditor appointed by it may audit and inspect {S}'s facilities, systems and records relevant to this Agreement once per year on 30 days' written notice, and at any time following a Security Incident.",
       "{S} shall provide {C} annually with its current SOC 2 Type II report and ISO/IEC 27001 certificate, together with a summary of its latest penetration test."],
     &["{S} will respond to a reasonable security questionnaire once per year; no on-site audits are permitted.",
       "Audit rights are limited to the review of reports that {S} makes available on its trust portal."]),
    ("Subprocessors",
     &["{S} shall not engage any subprocessor without {C}'s prior written consent, shall impose on each subprocessor data protection and security obligations no less protective than those in this Agreement, and remains fully liable for the acts and omissions of its subprocessors.",
       "{S} shall give {C} at least 30 days' prior written notice of any new subprocessor, during which {C} may object; {S} flows down these security obligations and remains liable for its subprocessors."],
     &["{S} may engage subprocessors at its discretion and will update the list on its website.",
       "{S} may appoint subcontractors and will notify {C} of material changes where practicable."]),
    ("Data Handling",
     &["{S} shall process Customer Data only on {C}'s documented instructions and only to provide the Services, and shall at the end of the Agreement, at {C}'s choice, return all Customer Data and securely delete all copies within 30 days, certifying the deletion in writing.",
       "{S} shall not use Customer Data for any purpose other than the performance of the Services."],
     &["{S} may use aggregated Customer Data to improve its products and will delete data in accordance with its retention policy.",
       "Following termination, {S} will endeavour to delete Customer Data within a reasonable period."]),
    ("Personnel",
     &["{S} shall ensure that all personnel with access to Customer Data are bound by written confidentiality obligations, have passed background screening, and complete security awareness training at least annually."],
     &["{S} will ask staff to keep information confidential."]),
    ("Business Continuity",
     &["{S} shall maintain business continuity and disaster recovery plans with a recovery time objective of 4 hours and shall test those plans at least annually, sharing a summary of the results with {C}."],
     &["{S} intends to maintain backup arrangements consistent with industry practice."]),
    ("Termination for Security Breach",
     &["{C} may terminate this Agreement immediately by written notice if {S} commits a material breach of its security obligations or suffers a Security Incident affecting Customer Data."],
     &["Either party may terminate for material breach that remains unremedied 90 days after notice."]),
    ("Limitation of Liability",
     &["The limitations of liability in this clause shall not apply to losses arising from a breach of the data protection or security obligations, for which {S}'s liability is uncapped.",
       "Subject to clause 12.3, each party's aggregate liability is limited to the fees paid in the preceding 12 months; clause 12.3 excludes breaches of confidentiality, data protection and security obligations from that cap."],
     &["{S}'s total aggregate liability for all claims, including data breaches, shall not exceed the fees paid in the previous three months.",
       "Service credits are {C}'s sole and exclusive remedy for any failure of the Services, including security failures."]),
    ("Changes to Security",
     &["{S} shall not materially reduce the overall level of security during the term and shall give {C} at least 60 days' written notice of any material change to its security measures."],
     &["{S} may update its security measures from time to time without notice."]),
    ("Remedies for Non-compliance",
     &["If {S} fails to comply with its security obligations, {S} shall, at its own cost, remedy the failure within 30 days under a corrective action plan approved by {C}, and {C} may withhold payment of the affected fees until the failure is remedied."],
     &["{S} will discuss any security shortcomings with {C} in good faith."]),
];

const BOILER_HEADINGS: &[&str] = &[
    "Definitions",
    "Services",
    "Fees and Payment",
    "Term",
    "Warranties",
    "Confidentiality",
    "Intellectual Property",
    "Insurance",
    "Force Majeure",
    "Notices",
    "Assignment",
    "Governing Law",
    "Dispute Resolution",
    "Miscellaneous",
    "Service Levels",
    "Reporting",
];

const BOILER: &[&str] = &[
    "{C} shall pay each undisputed invoice within {N} days of receipt.",
    "The Services shall be performed with reasonable skill and care by suitably qualified personnel.",
    "This Agreement commences on the Effective Date and continues for an initial term of {N} months, renewing automatically for successive periods of twelve months unless either party gives notice.",
    "Each party shall keep the other party's Confidential Information secret and use it only to perform its obligations under this Agreement.",
    "All intellectual property rights in the Deliverables shall vest in {C} upon payment.",
    "Neither party shall be liable for any delay caused by events beyond its reasonable control, provided it notifies the other party promptly.",
    "Any notice under this Agreement shall be in writing and delivered by hand, by courier or by email to the address set out above.",
    "Neither party may assign or transfer this Agreement without the prior written consent of the other party, which shall not be unreasonably withheld.",
    "This Agreement is governed by the laws of England and Wales and the parties submit to the exclusive jurisdiction of its courts.",
    "The parties shall attempt in good faith to resolve any dispute through their respective account managers before starting proceedings.",
    "{S} shall maintain professional indemnity insurance of not less than {N} million euros for the term of this Agreement.",
    "The fees are exclusive of value added tax, which {C} shall pay at the prevailing rate.",
    "{S} shall provide monthly reports on service availability, open tickets and planned maintenance.",
    "Availability of the Services shall be at least 99.{N} percent in each calendar month, excluding scheduled maintenance notified five days in advance.",
    "This Agreement constitutes the entire agreement between the parties and supersedes all prior arrangements relating to its subject matter.",
    "No failure or delay by a party to exercise any right shall operate as a waiver of that right.",
    "If any provision of this Agreement is found invalid, the remaining provisions shall continue in full force.",
    "\"Business Day\" means a day other than a Saturday, Sunday or public holiday in London.",
    "\"Deliverables\" means all documents, software and materials provided by {S} as part of the Services.",
];

const SUPPLIERS: &[&str] = &[
    "the Supplier",
    "the Vendor",
    "the Provider",
    "the Contractor",
];
const CUSTOMERS: &[&str] = &["the Customer", "the Client", "the Company"];
const KINDS: &[&str] = &[
    "Master Services Agreement",
    "Cloud Services Agreement",
    "Software Licence and Support Agreement",
    "Data Processing Agreement",
    "Managed Services Agreement",
    "Outsourcing Agreement",
];

struct Section {
    heading: String,
    paras: Vec<String>,
}

fn fill(rng: &mut Rng, t: &str, s: &str, c: &str) -> String {
    let n = [24, 48, 72, 12, 30, 60, 5][rng.below(7)].to_string();
    let cap = |x: &str| {
        let mut ch = x.chars();
        ch.next()
            .map(|f| f.to_uppercase().collect::<String>() + ch.as_str())
            .unwrap_or_default()
    };
    let mut out = t.replace("{N}", &n);
    // Sentence-initial placeholders are capitalised.
    if out.starts_with("{S}") {
        out = out.replacen("{S}", &cap(s), 1);
    }
    if out.starts_with("{C}") {
        out = out.replacen("{C}", &cap(c), 1);
    }
    out.replace("{S}", s).replace("{C}", c)
}

fn contract(rng: &mut Rng, i: usize) -> (String, Vec<Section>) {
    let s = rng.pick(SUPPLIERS);
    let c = rng.pick(CUSTOMERS);
    let title = format!("{} No. {:06}", rng.pick(KINDS), i);
    let target = 2_000 + (rng.next() % 38_000) as usize;
    let mut sections = Vec::new();
    let mut size = title.len();
    let mut security: Vec<Section> = Vec::new();
    for (heading, strong, weak) in CLAUSES {
        let roll = rng.below(100);
        if roll < 20 {
            continue;
        }
        let t = if roll < 55 {
            rng.pick(weak)
        } else {
            rng.pick(strong)
        };
        let para = fill(rng, t, s, c);
        size += para.len() + heading.len();
        security.push(Section {
            heading: heading.to_string(),
            paras: vec![para],
        });
    }
    // Security clauses sit either in their own sections or in one schedule-like section.
    let grouped = rng.chance(40);
    let mut boiler_i = 0;
    while size < target || boiler_i < 3 {
        let heading = BOILER_HEADINGS[(boiler_i + i) % BOILER_HEADINGS.len()].to_string();
        let mut paras = Vec::new();
        for _ in 0..(2 + rng.below(6)) {
            let t = rng.pick(BOILER);
            let p = fill(rng, t, s, c);
            size += p.len();
            paras.push(p);
        }
        sections.push(Section { heading, paras });
        boiler_i += 1;
        if boiler_i > 400 {
            break;
        }
    }
    let at = rng.below(sections.len() + 1).min(sections.len());
    if grouped {
        let paras = security.into_iter().flat_map(|s| s.paras).collect();
        sections.insert(
            at,
            Section {
                heading: "Information Security".into(),
                paras,
            },
        );
    } else {
        for (k, sec) in security.into_iter().enumerate() {
            sections.insert((at + k).min(sections.len()), sec);
        }
    }
    (title, sections)
}

fn markdown(title: &str, sections: &[Section]) -> String {
    let mut md =
        format!("# {title}\n\nThis Agreement is made between the parties named below.\n\n");
    for (n, sec) in sections.iter().enumerate() {
        md.push_str(&format!("## {}. {}\n\n", n + 1, sec.heading));
        for (m, p) in sec.paras.iter().enumerate() {
            md.push_str(&format!("{}.{} {}\n\n", n + 1, m + 1, p));
        }
    }
    md
}

fn docx(title: &str, sections: &[Section], out: &Path) -> anyhow::Result<()> {
    let mut d = Docx::new()
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .bold()
                .size(32),
        )
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("heading 1")
                .bold()
                .size(26)
                .outline_lvl(0),
        )
        .add_paragraph(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text(title)),
        );
    for (n, sec) in sections.iter().enumerate() {
        d = d.add_paragraph(
            Paragraph::new()
                .style("Heading1")
                .add_run(Run::new().add_text(format!("{}. {}", n + 1, sec.heading))),
        );
        for (m, p) in sec.paras.iter().enumerate() {
            d = d.add_paragraph(Paragraph::new().add_run(Run::new().add_text(format!(
                "{}.{} {}",
                n + 1,
                m + 1,
                p
            ))));
        }
    }
    let file = std::fs::File::create(out)?;
    d.build().pack(file)?;
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(n)) = (args.first(), args.get(1)) else {
        anyhow::bail!("usage: gen_corpus OUT_DIR N [md|docx|mixed] [SEED]");
    };
    let n: usize = n.parse()?;
    let kind = args.get(2).map(String::as_str).unwrap_or("md");
    let seed: u64 = args.get(3).map(|s| s.parse()).transpose()?.unwrap_or(42);
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut bytes = 0u64;
    for i in 0..n {
        // 100 documents per supplier folder, like an archive.
        let folder = Path::new(dir).join(format!("supplier-{:04}", i / 100));
        std::fs::create_dir_all(&folder)?;
        let (title, sections) = contract(&mut rng, i);
        let as_docx = match kind {
            "docx" => true,
            "mixed" => rng.chance(50),
            _ => false,
        };
        let path = if as_docx {
            let p = folder.join(format!("contract-{i:06}.docx"));
            docx(&title, &sections, &p)?;
            p
        } else {
            let p = folder.join(format!("contract-{i:06}.md"));
            std::fs::write(&p, markdown(&title, &sections))?;
            p
        };
        bytes += std::fs::metadata(&path)?.len();
    }
    println!("{n} documents, {bytes} bytes in {dir}");
    Ok(())
}
