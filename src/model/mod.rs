//! Domain types shared by the core and the UI. No egui here.
//!
//! The serialized form of [`Extraction`] is the `chronomap/events/v1` JSON schema documented in
//! the README; field names and enum spellings below are part of that contract.

mod ids;
mod name;

pub use ids::{ArticleId, EventId, QuoteId};
pub use name::Name;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Schema tag written at the top of every JSON export.
pub const SCHEMA: &str = "chronomap/events/v1";

/// How finely a [`DateSpan`] is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Season,
    Year,
    Decade,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Season => "season",
            Precision::Year => "year",
            Precision::Decade => "decade",
        }
    }
}

/// A resolved date expression: the inclusive calendar range it denotes, how precise it is, and
/// the words it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateSpan {
    /// The expression as written in the article ("around Nov. 10", "last December").
    pub text: String,
    pub start: NaiveDate,
    /// Inclusive last day.
    pub end: NaiveDate,
    pub precision: Precision,
    /// Hedged by "around", "about", "nearly", "early/late …".
    pub approximate: bool,
}

impl DateSpan {
    /// Midpoint, used to place spans on a single axis and to sort.
    pub fn mid(&self) -> NaiveDate {
        let days = (self.end - self.start).num_days();
        self.start + chrono::Duration::days(days / 2)
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.start <= to && from <= self.end
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    City,
    Region,
    Country,
}

impl PlaceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::City => "city",
            PlaceKind::Region => "region",
            PlaceKind::Country => "country",
        }
    }
}

/// A geocoded place mention.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Canonical gazetteer name ("Washington", "Golan Heights").
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-2 code of the country the place is in.
    pub country: String,
    pub kind: PlaceKind,
    /// The words in the article that named it ("the White House", "D.C.").
    pub text: String,
}

impl Place {
    /// Identity of a place across mentions: same gazetteer entry.
    pub fn key(&self) -> PlaceKey {
        PlaceKey {
            name: self.name.clone(),
            country: self.country.clone(),
        }
    }
}

/// A place as an event carries it: a [`Place`] whose names are shared with every other mention
/// of it. Serializes as a [`Place`] does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventPlace {
    pub name: Name,
    pub lat: f64,
    pub lon: f64,
    pub country: Name,
    pub kind: PlaceKind,
    pub text: Name,
}

impl From<&Place> for EventPlace {
    fn from(p: &Place) -> Self {
        EventPlace {
            name: Name::new(&p.name),
            lat: p.lat,
            lon: p.lon,
            country: Name::new(&p.country),
            kind: p.kind,
            text: Name::new(&p.text),
        }
    }
}

impl From<&EventPlace> for Place {
    fn from(p: &EventPlace) -> Self {
        Place {
            name: p.name.as_str().to_owned(),
            lat: p.lat,
            lon: p.lon,
            country: p.country.as_str().to_owned(),
            kind: p.kind,
            text: p.text.as_str().to_owned(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaceKey {
    pub name: String,
    pub country: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Organization,
    Country,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::Country => "country",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Actor {
    /// Canonical (longest known) name, e.g. "Ahmed al-Sharaa" for "Sharaa".
    pub name: String,
    pub kind: ActorKind,
}

/// An actor as an event carries it: an [`Actor`] whose name is shared with every other
/// mention. Serializes as an [`Actor`] does.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EventActor {
    pub name: Name,
    pub kind: ActorKind,
}

impl From<&Actor> for EventActor {
    fn from(a: &Actor) -> Self {
        EventActor {
            name: Name::new(&a.name),
            kind: a.kind,
        }
    }
}

impl From<&EventActor> for Actor {
    fn from(a: &EventActor) -> Self {
        Actor {
            name: a.name.as_str().to_owned(),
            kind: a.kind,
        }
    }
}

/// What kind of happening an event is; a small PLOVER/CAMEO-inspired set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Visit,
    Meeting,
    Negotiation,
    Agreement,
    Statement,
    Military,
    Sanctions,
    Other,
}

impl EventKind {
    pub const ALL: [EventKind; 8] = [
        EventKind::Visit,
        EventKind::Meeting,
        EventKind::Negotiation,
        EventKind::Agreement,
        EventKind::Statement,
        EventKind::Military,
        EventKind::Sanctions,
        EventKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Visit => "visit",
            EventKind::Meeting => "meeting",
            EventKind::Negotiation => "negotiation",
            EventKind::Agreement => "agreement",
            EventKind::Statement => "statement",
            EventKind::Military => "military",
            EventKind::Sanctions => "sanctions",
            EventKind::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EventKind::Visit => "Visit",
            EventKind::Meeting => "Meeting",
            EventKind::Negotiation => "Negotiation",
            EventKind::Agreement => "Agreement",
            EventKind::Statement => "Statement",
            EventKind::Military => "Military",
            EventKind::Sanctions => "Sanctions",
            EventKind::Other => "Other",
        }
    }
}

/// Where an article's publication date came from (first source found wins).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublishedBasis {
    SourcesCsv,
    FrontMatter,
    HtmlMeta,
    FileName,
    /// Guessed from the article's own date expressions; the user should check it.
    Inferred,
    /// Set by the user in the app.
    User,
    #[default]
    Unknown,
}

impl PublishedBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            PublishedBasis::SourcesCsv => "sources_csv",
            PublishedBasis::FrontMatter => "front_matter",
            PublishedBasis::HtmlMeta => "html_meta",
            PublishedBasis::FileName => "file_name",
            PublishedBasis::Inferred => "inferred",
            PublishedBasis::User => "user",
            PublishedBasis::Unknown => "unknown",
        }
    }
}

/// One ingested article: its readable text and metadata.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: ArticleId,
    /// The path as given on the command line / dropped, or relative to the folder given.
    pub path: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub published_basis: PublishedBasis,
    /// Why an inferred publication date was chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_evidence: Option<String>,
    /// Dateline place ("WASHINGTON —").
    pub place: Option<Place>,
    /// Readable text the spans index into. Omitted from the compact JSON export.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

impl Article {
    /// Short name for lists: title, else the file name.
    pub fn display_name(&self) -> &str {
        if let Some(t) = self.title.as_deref().filter(|t| !t.is_empty()) {
            return t;
        }
        self.path.rsplit(['/', '\\']).next().unwrap_or(&self.path)
    }
}

/// A span of text inside double quotes, with the speaker the text attributes it to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub id: QuoteId,
    pub article: ArticleId,
    /// The quoted words, as written (without the quote marks).
    pub text: String,
    pub speaker: Option<String>,
    /// Byte range of `text` in the article text.
    pub span: [usize; 2],
}

/// One reported happening.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: EventId,
    pub article: ArticleId,
    pub kind: EventKind,
    pub summary: String,
    /// The sentence the event was read from.
    pub sentence: String,
    /// Byte range of the sentence in the article text.
    pub span: [usize; 2],
    pub when: Option<DateSpan>,
    pub places: Vec<EventPlace>,
    pub actors: Vec<EventActor>,
    pub quotes: Vec<QuoteId>,
    /// Announced or expected rather than reported as done ("is set to visit").
    #[serde(default)]
    pub planned: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
}

/// Something the user should know about an input file: skipped, suspicious, or guessed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub path: String,
    pub level: Level,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            level: Level::Error,
            message: message.into(),
        }
    }

    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            level: Level::Warning,
            message: message.into(),
        }
    }

    pub fn info(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            level: Level::Info,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.level {
            Level::Error => "skipped",
            Level::Warning => "warning",
            Level::Info => "note",
        };
        write!(f, "{}: {}: {}", self.path, level, self.message)
    }
}

/// The result of running the pipeline over some inputs: the `chronomap/events/v1` document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub articles: Vec<Article>,
    pub events: Vec<Event>,
    pub quotes: Vec<Quote>,
    pub diagnostics: Vec<Diagnostic>,
}
