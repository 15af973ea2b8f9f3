//! HTML → readable article text and metadata.
//!
//! A tokenizer (html5gum) rather than a DOM: we only need the text of the content elements, in
//! order, with block boundaries as paragraph breaks. Scripts, styles, navigation, headers,
//! footers, forms and asides never reach the text. When the page has an `<article>` element,
//! only its text is kept (the rest of a saved web page is chrome).

use html5gum::{DefaultEmitter, Token, Tokenizer};

/// Text and metadata read from an HTML page.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct HtmlDocument {
    pub text: String,
    pub title: Option<String>,
    pub site_name: Option<String>,
    pub url: Option<String>,
    /// Raw value of the first publication-time hint found (meta tag, JSON-LD, `<time>`).
    pub published: Option<String>,
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg", "template",
    "iframe", "button", "select", "textarea", "figure", "menu", "dialog", "object", "canvas",
];

/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "blockquote",
    "pre",
    "tr",
    "table",
    "main",
    "body",
    "dd",
    "dt",
    "hr",
    "figcaption",
    "title",
];

pub fn html_to_text(html: &str) -> HtmlDocument {
    let mut emitter = DefaultEmitter::default();
    // Lets the tokenizer read <script>/<style> bodies as raw text, as a browser would.
    emitter.naively_switch_states(true);
    let tokens = Tokenizer::new_with_emitter(html, emitter);

    let mut doc = HtmlDocument::default();
    let mut body = TextBuilder::default();
    let mut article = TextBuilder::default();
    let mut skip_depth: Vec<String> = Vec::new();
    let mut article_depth = 0usize;
    let mut saw_article = false;
    let mut in_title = false;
    let mut title = String::new();
    let mut in_time = false;
    let mut in_ld_json = false;
    let mut ld_json = String::new();
    let mut og_title = None;

    for token in tokens {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let attr = |key: &str| {
                    tag.attributes
                        .get(key.as_bytes())
                        .map(|v| String::from_utf8_lossy(&v.value).trim().to_owned())
                };
                match name.as_str() {
                    "meta" => {
                        let key = attr("property")
                            .or_else(|| attr("name"))
                            .or_else(|| attr("itemprop"))
                            .unwrap_or_default()
                            .to_ascii_lowercase();
                        let content = attr("content").filter(|c| !c.is_empty());
                        match (key.as_str(), content) {
                            (
                                "article:published_time"
                                | "og:published_time"
                                | "date"
                                | "pubdate"
                                | "publish-date"
                                | "publishdate"
                                | "dc.date"
                                | "dc.date.issued"
                                | "datepublished"
                                | "sailthru.date"
                                | "parsely-pub-date",
                                Some(c),
                            ) if doc.published.is_none() || key == "article:published_time" => {
                                doc.published = Some(c);
                            }
                            ("og:site_name" | "application-name", Some(c)) => {
                                doc.site_name.get_or_insert(c);
                            }
                            ("og:title" | "twitter:title", Some(c)) => {
                                og_title.get_or_insert(c);
                            }
                            ("og:url", Some(c)) => {
                                doc.url.get_or_insert(c);
                            }
                            _ => {}
                        }
                    }
                    "link" if attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                        if let Some(href) = attr("href") {
                            doc.url.get_or_insert(href);
                        }
                    }
                    "title" if skip_depth.is_empty() => in_title = true,
                    "time" => {
                        if doc.published.is_none()
                            && let Some(dt) = attr("datetime")
                        {
                            doc.published = Some(dt);
                        }
                        in_time = true;
                    }
                    "script"
                        if attr("type")
                            .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) =>
                    {
                        in_ld_json = true;
                    }
                    _ => {}
                }
                if tag.self_closing || is_void(&name) {
                    if name == "br" || name == "hr" {
                        body.paragraph_break();
                        article.paragraph_break();
                    }
                    continue;
                }
                if SKIPPED.contains(&name.as_str()) {
                    skip_depth.push(name);
                    continue;
                }
                if name == "article" {
                    article_depth += 1;
                    saw_article = true;
                }
                if BLOCKS.contains(&name.as_str()) {
                    body.paragraph_break();
                    if article_depth > 0 {
                        article.paragraph_break();
                    }
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if name == "title" {
                    in_title = false;
                }
                if name == "time" {
                    in_time = false;
                }
                if name == "script" {
                    in_ld_json = false;
                }
                if let Some(pos) = skip_depth.iter().rposition(|n| *n == name) {
                    skip_depth.truncate(pos);
                    continue;
                }
                if name == "article" {
                    article_depth = article_depth.saturating_sub(1);
                }
                if BLOCKS.contains(&name.as_str()) {
                    body.paragraph_break();
                    article.paragraph_break();
                }
            }
            Token::String(s) => {
                let s = String::from_utf8_lossy(&s.value);
                if in_ld_json {
                    ld_json.push_str(&s);
                    continue;
                }
                if in_title {
                    title.push_str(&s);
                    continue;
                }
                if !skip_depth.is_empty() {
                    continue;
                }
                let _ = in_time;
                body.push(&s);
                if article_depth > 0 {
                    article.push(&s);
                }
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }

    if doc.published.is_none() {
        doc.published = json_ld_field(&ld_json, "datePublished");
    }
    let title = collapse_ws(&title);
    doc.title = og_title
        .map(|t| collapse_ws(&t))
        .or((!title.is_empty()).then_some(title));
    let article_text = article.finish();
    // A page whose <article> is a teaser card holds less text than the page body: use the body.
    doc.text = if saw_article && article_text.len() > 200 {
        article_text
    } else {
        body.finish()
    };
    doc
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Pull `"field": "value"` out of JSON-LD without a full parse (pages often hold several
/// concatenated or slightly broken JSON blobs).
fn json_ld_field(json: &str, field: &str) -> Option<String> {
    let key = format!("\"{field}\"");
    let at = json.find(&key)? + key.len();
    let rest = json[at..].trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    let end = rest.find('"')?;
    Some(rest[..end].to_owned())
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Accumulates text runs, collapsing whitespace inside paragraphs and separating paragraphs
/// with a blank line.
#[derive(Default)]
struct TextBuilder {
    out: String,
    pending_space: bool,
    pending_break: bool,
}

impl TextBuilder {
    fn push(&mut self, s: &str) {
        for word in s.split_inclusive(char::is_whitespace) {
            let trimmed = word.trim_end_matches(char::is_whitespace);
            if !trimmed.is_empty() {
                if self.pending_break && !self.out.is_empty() {
                    self.out.push_str("\n\n");
                } else if self.pending_space && !self.out.is_empty() && !self.out.ends_with('\n') {
                    self.out.push(' ');
                }
                self.pending_break = false;
                self.pending_space = false;
                self.out.push_str(trimmed);
            }
            if word.len() != trimmed.len() {
                self.pending_space = true;
            }
        }
    }

    fn paragraph_break(&mut self) {
        self.pending_break = true;
    }

    fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
        <title>Site | Fallback title</title>
        <meta property="og:title" content="Rubio meets Shaibani in Antalya">
        <meta property="og:site_name" content="Example News">
        <meta property="article:published_time" content="2025-05-16T08:00:00Z">
        <link rel="canonical" href="https://example.com/a">
        <style>p { color: red }</style>
        <script>var x = "<p>not text</p>"; if (a < b) { alert("no"); }</script>
        </head><body>
        <nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <header>Subscribe now</header>
        <article><h1>Rubio meets Shaibani</h1>
        <p>U.S. Secretary of State Marco Rubio met on Thursday with
           Syrian Foreign Minister Asaad al-Shaibani in Antalya, Turkey.</p>
        <p>It was the first such meeting in 15 years &mdash; a &ldquo;landmark&rdquo;.</p>
        <p>More text so that the article is clearly the main content of the page, long enough
           to be preferred over the body by the extractor's heuristic.</p>
        </article>
        <aside>Related: other stories</aside>
        <footer>© Example</footer>
        </body></html>"#;

    #[test]
    fn keeps_article_text_and_drops_chrome() {
        let doc = html_to_text(PAGE);
        assert!(
            doc.text
                .starts_with("Rubio meets Shaibani\n\nU.S. Secretary"),
            "{}",
            doc.text
        );
        assert!(
            doc.text
                .contains("met on Thursday with Syrian Foreign Minister")
        );
        assert!(
            doc.text.contains("15 years — a “landmark”."),
            "{}",
            doc.text
        );
        for junk in [
            "not text",
            "alert",
            "color",
            "Home",
            "Subscribe",
            "Related",
            "©",
        ] {
            assert!(
                !doc.text.contains(junk),
                "{junk} leaked into {:?}",
                doc.text
            );
        }
    }

    #[test]
    fn reads_metadata() {
        let doc = html_to_text(PAGE);
        assert_eq!(
            doc.title.as_deref(),
            Some("Rubio meets Shaibani in Antalya")
        );
        assert_eq!(doc.site_name.as_deref(), Some("Example News"));
        assert_eq!(doc.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(doc.published.as_deref(), Some("2025-05-16T08:00:00Z"));
    }

    #[test]
    fn time_element_and_json_ld_are_fallbacks() {
        let doc = html_to_text("<p>x</p><time datetime=\"2024-03-02\">March 2</time>");
        assert_eq!(doc.published.as_deref(), Some("2024-03-02"));
        let doc = html_to_text(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished": "2023-01-05T10:00"}</script><p>x</p>"#,
        );
        assert_eq!(doc.published.as_deref(), Some("2023-01-05T10:00"));
    }

    #[test]
    fn page_without_article_uses_body() {
        let doc = html_to_text("<html><body><h1>Title</h1><p>One.</p><p>Two.</p></body></html>");
        assert_eq!(doc.text, "Title\n\nOne.\n\nTwo.");
    }
}
