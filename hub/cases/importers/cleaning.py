"""Clean imported Markdown before the Hub stores it, and write a plain summary from it.

Imported posts were written for static-site generators and published with their authors'
contact details. Cleaning removes template macros and HTML comments, turns images (whose
files never come with the posts) into their alt text, and removes every email address and
every password a post gives out. What is left is plain Markdown for the Hub's renderer.
"""

from __future__ import annotations

import re

from hub.cases.models import SUMMARY_WORD_LIMIT

EMAIL_REMOVED = "[email address removed]"
PASSWORD_REMOVED = "[password removed]"  # noqa: S105 - the marker, not a password

_EMAIL = r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
EMAIL_PATTERN = re.compile(_EMAIL)
# "name@2x.png" is an image file name, not an address.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")

HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
MACRO_START = re.compile(r"\{[{%#]")
# The string arguments of macro calls that readers see; labels are shown in bold.
MACRO_STRING = re.compile(
    r"""\b(?P<key>text|caption|alt|content|subject|html|title)\s*:\s*"""
    r"""(?:"(?P<dq>(?:[^"\\]|\\.)*)"|'(?P<sq>(?:[^'\\]|\\.)*)')"""
)
LABEL_KEYS = {"text", "title", "subject"}
QUOTES = "'\"‘’“”"
BOLD = r"(?:\*\*|__)?"
PASSWORD_PATTERN = re.compile(
    rf"""
    {BOLD}\b(?:password|passcode|passphrase|pw|pwd)\b{BOLD}
    (?:
        [ \t]*[:=]{BOLD}[ \t]*{BOLD}[^\s)]+         # Password: xyz, **Password:** xyz
      | [ \t]+-[ \t]+[^\s)]+                        # (password - xyz)
      | [ \t]+is[ \t]+(?:[{QUOTES}][^{QUOTES}\n]{{1,40}}[{QUOTES}]|\S*\d\S*)  # is 'xyz'
    )
    (?:[ \t]*\(without[ \t]the[ \t]quotes\))?
    """,
    re.IGNORECASE | re.VERBOSE,
)

LINKED_IMAGE = re.compile(r"\[!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]*)[^)]*\)\]\([^)]*\)")
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]*)[^)]*\)")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
HTML_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
GENERIC_ALT = {"", "alt", "alt text", "image", "img", "screenshot", "picture", "photo", "figure"}
FILE_NAME = re.compile(r"^[\w@.-]+\.\w{2,4}$|^\w+[-_][\w-]+$")
ASSET_NAME = re.compile(r"^[\w@./-]+\.(?:png|jpe?g|gif|svg|webp|pdf|mp4|njk|html?)$", re.IGNORECASE)

MARKDOWN_MAILTO = re.compile(r"\[(?P<text>[^\]]*)\]\(\s*<?mailto:[^)]*\)", re.IGNORECASE)
HTML_MAILTO = re.compile(
    r"<a\b[^>]*href\s*=\s*[\"']?mailto:[^>]*>(?P<text>.*?)</a>", re.IGNORECASE | re.DOTALL
)
AUTOLINK_EMAIL = re.compile(rf"<(?:mailto:)?{_EMAIL}>", re.IGNORECASE)
BARE_EMAIL = re.compile(rf"(?:mailto:)?{_EMAIL}", re.IGNORECASE)

# Kramdown attribute lists, such as "{: .link-list}".
ATTRIBUTE_LIST = re.compile(r"^[ \t]*\{:[^}\n]*\}[ \t]*$", re.MULTILINE)
EMPTY_HTML = re.compile(r"<(a|li|ul|ol|p|div|span)\b[^>]*>\s*</\1>", re.IGNORECASE)
BLANK_RUNS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+\n")


def _macro_end(text: str, start: int) -> int:
    """Where the macro opening at `start` ends: braces are counted and strings skipped, so
    `{{ appFigure({ image: { ... } }) }}` over many lines comes out whole."""
    if text[start + 1] in "%#":
        end = text.find(text[start + 1] + "}", start + 2)
        return _line_end(text, start) if end < 0 else end + 2
    depth, quote, position = 0, "", start
    while position < len(text):
        char = text[position]
        if quote:
            if char == "\\":
                position += 1
            elif char == quote:
                quote = ""
        elif char in "\"'`":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return position + 1
        position += 1
    # Unbalanced: end at the next "}}", or else at the end of the line.
    end = text.find("}}", start + 2)
    return _line_end(text, start) if end < 0 else end + 2


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _dedent(value: str) -> str:
    value = value.replace('\\"', '"').replace("\\'", "'")
    return "\n".join(line.strip() for line in value.split("\n")).strip()


def macro_text(macro: str) -> str:
    """The words a macro call shows readers (captions, screenshot labels, inset text, email
    content), as Markdown paragraphs. Tags, file names and settings give nothing."""
    if not macro.startswith("{{"):
        return ""
    found = [(m["key"], _dedent(m["dq"] or m["sq"] or "")) for m in MACRO_STRING.finditer(macro)]
    has_caption = any(key == "caption" for key, _ in found)
    paragraphs, seen = [], set()
    for key, value in found:
        if key == "alt" and (has_caption or not useful_alt_text(value)):
            continue
        if not value or ASSET_NAME.match(value) or value.lower() in seen:
            continue
        seen.add(value.lower())
        short_label = key in LABEL_KEYS and "\n" not in value and len(value.split()) <= 10
        paragraphs.append(f"**{value}**" if short_label else value)
    return "\n\n" + "\n\n".join(paragraphs) + "\n\n" if paragraphs else ""


def strip_macros(text: str) -> str:
    """Remove Nunjucks, Liquid and Eleventy tags, expressions and comments, keeping the
    words that macro calls show readers."""
    parts, position = [], 0
    while match := MACRO_START.search(text, position):
        parts.append(text[position : match.start()])
        position = _macro_end(text, match.start())
        parts.append(macro_text(text[match.start() : position]))
    parts.append(text[position:])
    return "".join(parts)


def useful_alt_text(alt: str) -> str:
    alt = " ".join(alt.split())
    if alt.lower() in GENERIC_ALT or FILE_NAME.match(alt):
        return ""
    return alt


def _image_text(alt: str, src: str) -> str:
    """The files of images never come with a post: keep what the alt text says. An image on
    another site stays a link to it, since the Hub shows no images in imported text."""
    alt = useful_alt_text(alt)
    if src.lower().startswith(("http://", "https://")):
        return f"[Image: {alt or 'image'}]({src})"
    return f"Image: {alt}" if alt else ""


def replace_images(text: str) -> str:
    text = LINKED_IMAGE.sub(lambda m: _image_text(m["alt"], m["src"]), text)
    text = IMAGE.sub(lambda m: _image_text(m["alt"], m["src"]), text)

    def html_image(match: re.Match) -> str:
        alt = HTML_ALT.search(match[0])
        return _image_text((alt[1] or alt[2] or "") if alt else "", "")

    return HTML_IMAGE.sub(html_image, text)


def _email_or_file_name(match: re.Match) -> str:
    return match[0] if match[0].lower().endswith(IMAGE_SUFFIXES) else EMAIL_REMOVED


def remove_email_addresses(text: str) -> str:
    """Every email address goes, personal or shared: a link keeps its words, if any."""
    text = MARKDOWN_MAILTO.sub(lambda m: m["text"], text)
    text = HTML_MAILTO.sub(lambda m: m["text"], text)
    text = AUTOLINK_EMAIL.sub(EMAIL_REMOVED, text)
    return BARE_EMAIL.sub(_email_or_file_name, text)


def remove_passwords(text: str) -> str:
    return PASSWORD_PATTERN.sub(PASSWORD_REMOVED, text)


def remove_personal_details(text: str) -> str:
    return remove_passwords(remove_email_addresses(text))


def clean_markdown(text: str) -> str:
    """Imported Markdown, ready to store: no macros, comments, missing images, email
    addresses or passwords, and no runs of blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = HTML_COMMENT.sub("", text)
    text = strip_macros(text)
    text = ATTRIBUTE_LIST.sub("", text)
    text = replace_images(text)
    text = remove_personal_details(text)
    previous = None
    while previous != text:
        previous, text = text, EMPTY_HTML.sub("", text)
    text = "\n".join(line.rstrip() if not line.strip() else line for line in text.split("\n"))
    return BLANK_RUNS.sub("\n\n", text).strip()


# Summaries: the first paragraph of prose, as plain text, at most SUMMARY_WORD_LIMIT words.
STRUCTURAL_LINE = re.compile(r"^\s*(?:#|\||>|<|```|~~~|[-*+]\s|\d+[.)]\s|---|===|\[\^)")
INLINE_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|!?\[([^\]]*)\]\[[^\]]*\]")
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)]|#+)\s*", re.MULTILINE)
HTML_TAG = re.compile(r"<[^>]+>")
EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")
SENTENCE_END = re.compile(r"[.!?][\"”’')]?(?=\s|$)")
MIN_SUMMARY_WORDS = 5


def plain_text(markdown: str) -> str:
    """Markdown as one line of plain text: links keep their words, markup goes."""
    text = INLINE_LINK.sub(lambda m: m[1] if m[1] is not None else m[2], markdown)
    text = HTML_TAG.sub(" ", text)
    text = EMPHASIS.sub("", text)
    return " ".join(text.split())


def _is_prose(lines: list[str]) -> bool:
    if any(STRUCTURAL_LINE.match(line) for line in lines):
        return False
    return not lines[0].startswith(("    ", "\t")) and lines[0].strip().lower() != "contents"


def first_paragraph(markdown: str, *, prose_only: bool = True) -> str:
    """The first block of prose, as plain text, skipping headings, lists, tables and the like;
    or, with `prose_only` off, the first block of any kind with enough words."""
    for block in re.split(r"\n\s*\n", markdown):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines or (prose_only and not _is_prose(lines)):
            continue
        text = plain_text(LIST_MARKER.sub("", block))
        if len(text.split()) >= MIN_SUMMARY_WORDS:
            return text
    return ""


def trim_words(text: str, limit: int = SUMMARY_WORD_LIMIT) -> str:
    """At most `limit` words, cut at the end of a sentence where one ends late enough,
    else at a word, with an ellipsis."""
    words = text.split()
    if len(words) <= limit:
        return " ".join(words)
    kept = " ".join(words[:limit])
    ends = [match.end() for match in SENTENCE_END.finditer(kept)]
    if ends and len(kept[: ends[-1]].split()) >= limit // 3:
        return kept[: ends[-1]]
    return kept.rstrip(",;:-–— ") + "…"
