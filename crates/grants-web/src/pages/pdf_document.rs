//! A plain A4 document of headings and wrapped text lines, set in the PDF standard fonts (Helvetica,
//! whose encoding covers French), for records people keep or print: the submitted application. The
//! layout is computed here (wrapping by the fonts' metrics, page breaks); `pdf-canvas` writes the file.

use std::io::{Read, Seek, SeekFrom};

use pdf_canvas::{BuiltinFont, FontSource, Pdf};

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;

/// How a line is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// The document's title.
    Title,
    /// A section heading.
    Heading,
    /// A field's name, in bold.
    Label,
    /// Running text.
    Body,
    /// Fine print: checksums, the footer.
    Small,
}

impl Style {
    fn font(self) -> BuiltinFont {
        match self {
            Style::Title | Style::Heading | Style::Label => BuiltinFont::Helvetica_Bold,
            Style::Body | Style::Small => BuiltinFont::Helvetica,
        }
    }

    fn size(self) -> f32 {
        match self {
            Style::Title => 16.0,
            Style::Heading => 13.0,
            Style::Label | Style::Body => 10.5,
            Style::Small => 8.5,
        }
    }

    /// The space kept above a block of this style.
    fn space_before(self) -> f32 {
        match self {
            Style::Heading => 14.0,
            Style::Label => 6.0,
            Style::Title | Style::Body | Style::Small => 0.0,
        }
    }
}

/// One block of text of one style; long text wraps.
#[derive(Debug, Clone)]
pub struct Block {
    /// How it is set.
    pub style: Style,
    /// What it says.
    pub text: String,
}

impl Block {
    /// A block of `style` saying `text`.
    pub fn new(style: Style, text: impl Into<String>) -> Block {
        Block { style, text: text.into() }
    }
}

/// Characters the standard fonts' encoding lacks, written as the nearest it has.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{202f}' | '\u{a0}' | '\t' => ' ',
            '\u{2010}'..='\u{2012}' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// `text` cut into lines no wider than `width` in `style`, at spaces where it can, inside a word
/// where a word alone is wider.
fn wrap(text: &str, style: Style, width: f32) -> Vec<String> {
    let (font, size) = (style.font(), style.size());
    let fits = |line: &str| font.get_width(size, line) <= width;
    let mut lines = Vec::new();
    for paragraph in printable(text).split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
            if fits(&candidate) {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                line.push(c);
                if !fits(&line) {
                    let last = line.pop().unwrap_or(c);
                    lines.push(std::mem::take(&mut line));
                    line.push(last);
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// One line placed on a page.
struct Placed {
    style: Style,
    y: f32,
    text: String,
}

/// The blocks laid out on pages, top to bottom.
fn paginate(blocks: &[Block]) -> Vec<Vec<Placed>> {
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut y = PAGE_HEIGHT - MARGIN;
    for block in blocks {
        let leading = block.style.size() * 1.35;
        y -= block.style.space_before();
        for text in wrap(&block.text, block.style, PAGE_WIDTH - 2.0 * MARGIN) {
            if y - leading < MARGIN {
                pages.push(Vec::new());
                y = PAGE_HEIGHT - MARGIN;
            }
            y -= leading;
            if let Some(page) = pages.last_mut() {
                page.push(Placed { style: block.style, y, text });
            }
        }
    }
    pages
}

/// The PDF file of `blocks`, titled `title`.
pub fn render(title: &str, blocks: &[Block]) -> std::io::Result<Vec<u8>> {
    let file = tempfile::tempfile()?;
    let mut written = file.try_clone()?;
    let mut pdf = Pdf::new(file)?;
    pdf.set_title(&printable(title));
    pdf.set_producer("MMD Grants");
    for page in paginate(blocks) {
        pdf.render_page(PAGE_WIDTH, PAGE_HEIGHT, |canvas| {
            for line in &page {
                canvas.left_text(MARGIN, line.y, line.style.font(), line.style.size(), &line.text)?;
            }
            Ok(())
        })?;
    }
    pdf.finish()?;
    written.seek(SeekFrom::Start(0))?;
    let mut bytes = Vec::new();
    written.read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_within_the_margins_and_keeps_every_word() {
        let text = "Informer et accompagner les jeunes candidats au départ entre Kayes et Tambacounda ".repeat(8);
        let lines = wrap(&text, Style::Body, 200.0);
        assert!(lines.len() > 8, "{lines:?}");
        for line in &lines {
            assert!(Style::Body.font().get_width(Style::Body.size(), line) <= 200.0, "{line}");
        }
        assert_eq!(lines.join(" ").split_whitespace().count(), text.split_whitespace().count());
    }

    #[test]
    fn many_blocks_run_onto_further_pages() {
        let blocks: Vec<Block> = (0..200).map(|n| Block::new(Style::Body, format!("Ligne {n}"))).collect();
        let pages = paginate(&blocks);
        assert!(pages.len() > 1);
        assert!(pages.iter().flatten().all(|line| line.y >= MARGIN));
        let bytes = render("Essai", &blocks).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    }
}
