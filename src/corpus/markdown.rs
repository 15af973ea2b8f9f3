//! Markdown → plain readable text. News exports in Markdown use a small subset (headings,
//! emphasis, links, lists, quotes); we strip the syntax and keep the words, so sentence spans
//! index the text the user is shown.

pub fn markdown_to_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut in_fence = false;
    for line in md.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || is_link_definition(trimmed) || is_rule(trimmed) {
            if !in_fence {
                out.push('\n');
            }
            continue;
        }
        let mut body = trimmed;
        while let Some(rest) = body.strip_prefix('>') {
            body = rest.trim_start();
        }
        body = body.trim_start_matches('#').trim_start();
        body = strip_list_marker(body);
        out.push_str(&inline(body));
        out.push('\n');
    }
    out.trim_end().to_owned()
}

fn is_link_definition(line: &str) -> bool {
    // `[ref]: https://example.com "title"`
    line.starts_with('[')
        && line.find("]:").is_some_and(|i| {
            let target = line[i + 2..].split_whitespace().next().unwrap_or("");
            !line[1..i].contains(']') && (target.contains('/') || target.contains('.'))
        })
}

fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3
        && (t.chars().all(|c| c == '-' || c == ' ')
            || t.chars().all(|c| c == '*' || c == ' ')
            || t.chars().all(|c| c == '_' || c == ' '))
}

fn strip_list_marker(line: &str) -> &str {
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return rest;
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 4 {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return rest;
        }
    }
    line
}

/// Inline syntax: images dropped, links reduced to their text, emphasis markers and code ticks
/// removed. Underscores inside words (snake_case, URLs) are kept.
fn inline(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '!' if chars.get(i + 1) == Some(&'[') => {
                if let Some((_, end)) = link_at(&chars, i + 1) {
                    i = end;
                    continue;
                }
                out.push(c);
            }
            '[' => {
                if let Some((text, end)) = link_at(&chars, i) {
                    out.push_str(&inline(&text));
                    i = end;
                    continue;
                }
                out.push(c);
            }
            '*' | '`' => {}
            '_' => {
                let prev_word = i > 0 && chars[i - 1].is_alphanumeric();
                let next_word = chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
                if prev_word && next_word {
                    out.push(c);
                }
            }
            '\\' if chars.get(i + 1).is_some_and(|c| c.is_ascii_punctuation()) => {
                out.push(chars[i + 1]);
                i += 2;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// `[text](url)` or `[text][ref]` starting at `start`: the text and the index after the link.
fn link_at(chars: &[char], start: usize) -> Option<(String, usize)> {
    let mut depth = 0;
    let mut close = None;
    for (j, &c) in chars.iter().enumerate().skip(start) {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(j);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    let text: String = chars[start + 1..close].iter().collect();
    let (open, end_char) = match chars.get(close + 1) {
        Some('(') => ('(', ')'),
        Some('[') => ('[', ']'),
        _ => return None,
    };
    let _ = open;
    let end = chars[close + 2..].iter().position(|&c| c == end_char)? + close + 2;
    Some((text, end + 1))
}

#[cfg(test)]
mod tests {
    use super::markdown_to_text;

    #[test]
    fn strips_syntax_keeps_words() {
        let md = "# Rubio meets Shaibani\n\n**ANTALYA** — Rubio met [Asaad al-Shaibani](https://x.org/a_b) \
                  on *Thursday*.\n\n> “A landmark,” he said.\n\n- first point\n1. second point\n\n\
                  ![photo](img.png)\n\n```\ncode\n```\n[1]: https://example.com\nsnake_case stays";
        let text = markdown_to_text(md);
        assert_eq!(
            text,
            "Rubio meets Shaibani\n\nANTALYA — Rubio met Asaad al-Shaibani on Thursday.\n\n\
             “A landmark,” he said.\n\nfirst point\nsecond point\n\n\n\n\nsnake_case stays"
        );
    }
}
