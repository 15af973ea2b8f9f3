//! The user's fixes: an article's publication date, outlet and title (its relative dates
//! resolved again at once; saved to the folder's `sources.csv`, or to the corrections file when
//! that cannot be written), and per-event fixes (hide, date, place; saved to the corrections
//! file in the app's data directory).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::ChronomapApp;
use super::selection::Item;
use super::state::SaveStatus;
use super::state::Source;
use crate::model::{Article, ArticleId, Diagnostic, Event, EventId, Extraction, PublishedBasis};
use crate::store::{ArticleFix, EventFix, event_key};

impl ChronomapApp {
    pub(super) fn fix_article(
        &mut self,
        id: ArticleId,
        published: Option<NaiveDate>,
        outlet: Option<String>,
        title: Option<String>,
    ) {
        if published.is_none() && outlet.is_none() && title.is_none() {
            return;
        }
        let Some((mut article, events, quotes)) = self.store.article_parts(id) else {
            return;
        };
        let clean = |s: String| {
            let t = s.trim().to_owned();
            (!t.is_empty()).then_some(t)
        };
        let outlet = outlet.map(clean);
        let title = title.map(clean);
        let date_changed = published.is_some_and(|d| article.published != Some(d));
        if let Some(d) = published {
            article.published = Some(d);
            article.published_basis = PublishedBasis::User;
            article.published_evidence = None;
        }
        if let Some(o) = &outlet {
            article.outlet.clone_from(o);
        }
        if let Some(t) = &title {
            article.title.clone_from(t);
        }
        let reselect = self.selected_event_anchor();
        if date_changed && !article.text.is_empty() {
            // Relative dates ("on Monday") are resolved against the new date.
            self.extract_again(id, &mut article);
        } else {
            self.store
                .replace_article(id, article.clone(), events, quotes);
        }
        self.reselect(reselect);

        let fix = ArticleFix {
            published,
            outlet: outlet.clone().flatten(),
            title: title.clone().flatten(),
        };
        let mut updates: Vec<(&str, String)> = Vec::new();
        if let Some(d) = published {
            updates.push(("published", d.format("%Y-%m-%d").to_string()));
        }
        if let Some(o) = &outlet {
            updates.push(("outlet", o.clone().unwrap_or_default()));
        }
        if let Some(t) = &title {
            updates.push(("title", t.clone().unwrap_or_default()));
        }
        let on_disk = self.on_disk.get(id.index()).copied().unwrap_or(false);
        let file = PathBuf::from(&article.path);
        let written = if on_disk && file.is_file() {
            let (csv, key) = sources_csv_for(&file, &self.loaded_folders());
            let pairs: Vec<(&str, &str)> = updates.iter().map(|(k, v)| (*k, v.as_str())).collect();
            match crate::corpus::metadata::update_sources_csv(&csv, &key, &pairs) {
                Ok(()) => Ok(csv),
                Err(e) => Err(format!("{} cannot be written ({e})", csv.display())),
            }
        } else {
            Err("the article has no file of its own".to_owned())
        };
        let status = match written {
            Ok(csv) => {
                // An older correction of this article would override the new row.
                if let Some(old) = self.corrections.articles.get_mut(&article.path) {
                    merge_article_fix(old, &fix);
                    self.save_corrections();
                }
                SaveStatus {
                    ok: true,
                    message: format!("Saved to {}", csv.display()),
                }
            }
            Err(why) => {
                merge_article_fix(
                    self.corrections
                        .articles
                        .entry(article.path.clone())
                        .or_default(),
                    &fix,
                );
                match self.save_corrections() {
                    Some(path) => SaveStatus {
                        ok: true,
                        message: format!("{why}: saved to {}", path.display()),
                    },
                    None => SaveStatus {
                        ok: false,
                        message: format!(
                            "{why}, and there is no data folder: kept until the app closes"
                        ),
                    },
                }
            }
        };
        self.state.edit_status = Some(status);
    }

    pub(super) fn fix_event(&mut self, id: EventId, fix: EventFix) {
        let Some(event) = self.store.event(id).cloned() else {
            return;
        };
        let article_id = event.article;
        let Some((article, mut events, quotes)) = self.store.article_parts(article_id) else {
            return;
        };
        let key = event_key(&article.path, &event);
        let merged = {
            let entry = self.corrections.events.entry(key).or_default();
            entry.hidden |= fix.hidden;
            if fix.when.is_some() {
                entry.when.clone_from(&fix.when);
            }
            if fix.place.is_some() {
                entry.place.clone_from(&fix.place);
            }
            entry.clone()
        };
        // The event's position among its article's events.
        let local = self
            .store
            .events()
            .iter()
            .filter(|e| e.article == article_id && e.id < id)
            .count();
        if let Some(e) = events.get_mut(local) {
            apply_event_fix(e, &merged);
        }
        if merged.hidden && local < events.len() {
            events.remove(local);
            for (i, e) in events.iter_mut().enumerate() {
                e.id = EventId::from_index(i);
            }
        }
        let reselect = self.selected_event_anchor();
        self.store
            .replace_article(article_id, article, events, quotes);
        if merged.hidden {
            self.state.selection.select(Some(Item::Article(article_id)));
        } else {
            self.reselect(reselect);
        }
        self.save_corrections_and_report();
    }

    /// Extract `article` (the store's article `id`, perhaps with new metadata) again, with the
    /// user's event fixes, and put it in the store in place of the old one.
    fn extract_again(&mut self, id: ArticleId, article: &mut Article) {
        let mut fresh = article.clone();
        fresh.id = ArticleId::from_index(0);
        fresh.place = None;
        let ex = crate::extract::extract_article(&mut fresh);
        let mut one = Extraction {
            articles: vec![fresh],
            events: ex.events,
            quotes: ex.quotes,
            diagnostics: Vec::new(),
        };
        for e in &mut one.events {
            e.article = ArticleId::from_index(0);
        }
        self.corrections.apply_to_events(&mut one);
        if let Some(fresh) = one.articles.pop() {
            article.place = fresh.place;
        }
        self.store
            .replace_article(id, article.clone(), one.events, one.quotes);
    }

    /// The events of an article that the user hid.
    pub(super) fn hidden_events_of(&self, id: ArticleId) -> usize {
        let Some(article) = self.store.article(id) else {
            return 0;
        };
        let prefix = format!("{}#", article.path);
        self.corrections
            .events
            .range(prefix.clone()..)
            .take_while(|(key, _)| key.starts_with(&prefix))
            .filter(|(_, fix)| fix.hidden)
            .count()
    }

    /// Bring back the events of an article that the user hid (their date and place fixes
    /// stay), and save.
    pub(super) fn show_hidden_events(&mut self, id: ArticleId) {
        let Some((mut article, _, _)) = self.store.article_parts(id) else {
            return;
        };
        if article.text.is_empty() {
            self.state.edit_status = Some(SaveStatus {
                ok: false,
                message:
                    "Read from an events file: hidden events cannot be made again from the text"
                        .to_owned(),
            });
            return;
        }
        let prefix = format!("{}#", article.path);
        for (_, fix) in self
            .corrections
            .events
            .range_mut(prefix.clone()..)
            .take_while(|(key, _)| key.starts_with(&prefix))
        {
            fix.hidden = false;
        }
        self.corrections
            .events
            .retain(|_, fix| *fix != EventFix::default());
        let reselect = self.selected_event_anchor();
        self.extract_again(id, &mut article);
        self.reselect(reselect);
        self.save_corrections_and_report();
    }

    /// Write the corrections file and say where it went (or why it could not) in the status line.
    pub(super) fn save_corrections_and_report(&mut self) {
        self.state.edit_status = Some(match self.save_corrections() {
            Some(path) => SaveStatus {
                ok: true,
                message: format!("Saved to {}", path.display()),
            },
            None => SaveStatus {
                ok: false,
                message: "No data folder: this fix is kept until the app closes".to_owned(),
            },
        });
    }

    /// Write the corrections file; its path when written.
    pub(super) fn save_corrections(&mut self) -> Option<PathBuf> {
        let path = self.corrections_path()?;
        match self.corrections.save(&path) {
            Ok(()) => Some(path),
            Err(e) => {
                self.state.notes.push(Diagnostic::error(
                    path.display().to_string(),
                    format!("your corrections could not be saved: {e}"),
                ));
                None
            }
        }
    }

    fn loaded_folders(&self) -> Vec<PathBuf> {
        self.persisted
            .corpus
            .iter()
            .flatten()
            .filter_map(|s| match s {
                Source::Path(p) if p.is_dir() => Some(p.clone()),
                _ => None,
            })
            .collect()
    }

    /// What identifies the selected event across a store rebuild (ids may change).
    fn selected_event_anchor(&self) -> Option<(ArticleId, [usize; 2], String)> {
        match self.state.selection.selected() {
            Some(Item::Event(e)) => self.store.event(e).map(|e| {
                (
                    e.article,
                    e.span,
                    e.when.as_ref().map(|w| w.text.clone()).unwrap_or_default(),
                )
            }),
            _ => None,
        }
    }

    fn reselect(&mut self, anchor: Option<(ArticleId, [usize; 2], String)>) {
        let Some((article, span, when)) = anchor else {
            if matches!(
                self.state.selection.selected(),
                Some(Item::Place(_) | Item::Actor(_))
            ) {
                // Place and actor ids are rebuilt with the store.
                self.state.selection.select(None);
            }
            return;
        };
        let found = self
            .store
            .events()
            .iter()
            .filter(|e| e.article == article && e.span == span)
            .find(|e| e.when.as_ref().map_or("", |w| w.text.as_str()) == when)
            .or_else(|| {
                self.store
                    .events()
                    .iter()
                    .find(|e| e.article == article && e.span == span)
            })
            .map(|e| e.id);
        self.state
            .selection
            .select(Some(found.map_or(Item::Article(article), Item::Event)));
    }
}

fn merge_article_fix(into: &mut ArticleFix, fix: &ArticleFix) {
    if fix.published.is_some() {
        into.published = fix.published;
    }
    if fix.outlet.is_some() {
        into.outlet.clone_from(&fix.outlet);
    }
    if fix.title.is_some() {
        into.title.clone_from(&fix.title);
    }
}

fn apply_event_fix(e: &mut Event, fix: &EventFix) {
    if let Some(when) = &fix.when {
        e.when = Some(when.clone());
    }
    if let Some(place) = &fix.place {
        e.places = vec![place.into()];
    }
}

/// The `sources.csv` that describes `file` and the file's key in it: the nearest one in the
/// file's folder or a parent folder inside a loaded folder, else a new one beside the file.
pub fn sources_csv_for(file: &Path, roots: &[PathBuf]) -> (PathBuf, String) {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let root = roots
        .iter()
        .filter(|r| file.starts_with(r))
        .max_by_key(|r| r.components().count());
    if let Some(root) = root {
        let mut dir = Some(parent);
        while let Some(d) = dir {
            if !d.starts_with(root) {
                break;
            }
            let csv = d.join("sources.csv");
            if csv.is_file()
                && let Ok(rel) = file.strip_prefix(d)
            {
                let key: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                return (csv, key.join("/"));
            }
            dir = d.parent();
        }
    }
    (parent.join("sources.csv"), name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_sources_csv_inside_the_loaded_folder_is_used() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("news");
        let sub = root.join("week1");
        std::fs::create_dir_all(&sub).unwrap();
        let file = sub.join("a.txt");
        std::fs::write(&file, "x").unwrap();
        // Nothing yet: a new one beside the file.
        assert_eq!(
            sources_csv_for(&file, std::slice::from_ref(&root)),
            (sub.join("sources.csv"), "a.txt".to_owned())
        );
        std::fs::write(root.join("sources.csv"), "file\n").unwrap();
        assert_eq!(
            sources_csv_for(&file, std::slice::from_ref(&root)),
            (root.join("sources.csv"), "week1/a.txt".to_owned())
        );
        // Outside the loaded folder, parents are not looked at.
        std::fs::write(dir.path().join("sources.csv"), "file\n").unwrap();
        assert_eq!(
            sources_csv_for(&file, std::slice::from_ref(&sub)),
            (sub.join("sources.csv"), "a.txt".to_owned())
        );
    }

    #[test]
    fn event_fixes_replace_date_and_place() {
        let mut e = crate::pipeline::extract_seeds().events.remove(0);
        let place = crate::extract::gazetteer::gazetteer().entries[0].to_place("");
        apply_event_fix(
            &mut e,
            &EventFix {
                place: Some(place.clone()),
                ..EventFix::default()
            },
        );
        assert_eq!(e.places, vec![(&place).into()]);
    }
}
