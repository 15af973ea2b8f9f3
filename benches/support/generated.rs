//! Generated articles for the benchmarks: seed paragraphs recombined, with places, people,
//! weekdays and months swapped so the gazetteer and the date resolver see varied input.
//! Deterministic: every run sees the same corpus.

use chronomap::corpus::{self, Document, Metadata};
use chronomap::model::PublishedBasis;

/// A small deterministic generator (xorshift64*), so every run sees the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PLACES: &[&str] = &[
    "Damascus",
    "Washington",
    "Paris",
    "Antalya",
    "Riyadh",
    "Cairo",
    "Doha",
    "Kyiv",
    "Berlin",
    "Baghdad",
    "Erbil",
    "Ankara",
    "Beirut",
    "Amman",
    "Tehran",
    "Moscow",
    "London",
    "Brussels",
    "Geneva",
    "Vienna",
    "Tokyo",
    "Nairobi",
    "Khartoum",
    "Caracas",
    "New Delhi",
    "Islamabad",
];
const PEOPLE: &[&str] = &[
    "Tom Barrack",
    "Marco Rubio",
    "Hakan Fidan",
    "Asaad al-Shaibani",
    "Gideon Sa'ar",
    "Kaja Kallas",
    "Antonio Guterres",
    "Emmanuel Macron",
    "Friedrich Merz",
    "Olena Petrenko",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Articles until `target_bytes` of text (about 5 KB each).
pub fn generated_corpus(target_bytes: usize) -> Vec<Document> {
    let seeds = corpus::embedded_seeds();
    let paragraphs: Vec<String> = seeds
        .documents
        .iter()
        .flat_map(|d| {
            d.text
                .split('\n')
                .filter(|p| p.len() > 80)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut docs = Vec::new();
    let mut total = 0;
    while total < target_bytes {
        let mut text = String::new();
        let n = 6 + (rng.next() % 10) as usize;
        for _ in 0..n {
            let p = &paragraphs[(rng.next() % paragraphs.len() as u64) as usize];
            let p = p
                .replace("Washington", rng.pick(PLACES))
                .replace("Paris", rng.pick(PLACES))
                .replace("Damascus", rng.pick(PLACES))
                .replace("Tom Barrack", rng.pick(PEOPLE))
                .replace("Tuesday", rng.pick(WEEKDAYS))
                .replace("Monday", rng.pick(WEEKDAYS))
                .replace("September", rng.pick(MONTHS))
                .replace("December", rng.pick(MONTHS));
            text.push_str(&p);
            text.push_str("\n\n");
        }
        total += text.len();
        let day = 1 + rng.next() % 28;
        let month = 1 + rng.next() % 12;
        docs.push(Document {
            path: format!("gen/{:05}.txt", docs.len()),
            file: None,
            text,
            meta: Metadata {
                published: chrono::NaiveDate::from_ymd_opt(2025, month as u32, day as u32),
                ..Metadata::default()
            },
            published_basis: PublishedBasis::SourcesCsv,
            encoding: "UTF-8",
            content_hash: docs.len() as u64,
        });
    }
    docs
}
