"""Saved HTML episode pages: each rule of issue 3, format 2, asserted on its own."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from reader.importers import import_file
from reader.importers.base import Draft, ParseError
from reader.importers.formats.saved_html import parse, sniff
from reader.model import Episode

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "episodes"

BODY = (
    "<h2>Full Episode Transcript</h2>"
    "<p>Welcome to Team Notes. I&#8217;m Sam Ortiz, and today is about handoffs.</p>"
    "<h3>Why handoffs fail</h3>"
    "<p>Most handoffs fail because nobody says what done looks like &amp; nobody asks.</p>"
    "<p>Thanks for listening to this episode of Team Notes.</p>"
)


def html(
    body: str = BODY,
    title: str = "<title>Ep 15: The Calendar Audit | The Delegation Desk</title>",
    h1: str = "<h1>Ep 15: The Calendar Audit</h1>",
    head: str = "",
) -> str:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>{title}{head}</head>"
        f"<body><article>{h1}<div class='entry-content'>{body}</div></article></body></html>"
    )


def segment_texts(draft: Draft) -> list[str]:
    return [seg.text for s in draft.sections for seg in s.segments]


def all_text(draft: Draft) -> str:
    texts = [draft.title or "", draft.show or "", draft.description, *draft.topics]
    for section in draft.sections:
        texts += [section.heading or "", *(seg.text for seg in section.segments)]
    texts += [q.text for q in draft.quotes]
    return "\n".join(texts)


# --- title and show -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "h1"),
    [
        ("Ep 15: The Calendar Audit | The Delegation Desk", "Ep 15: The Calendar Audit"),
        ("Ep 15: The Calendar Audit – The Delegation Desk", "Ep 15: The Calendar Audit"),
        ("Ep 15: The Calendar Audit - The Delegation Desk", "Ep 15: The Calendar Audit"),
        ("The Delegation Desk | Ep 15: The Calendar Audit", "Ep 15: The Calendar Audit"),
        ("Ep 15: The Calendar Audit | The Delegation Desk", ""),
        ("The Delegation Desk | Ep 15: The Calendar Audit", ""),
    ],
)
def test_title_and_show_from_title_and_h1(title: str, h1: str):
    draft = parse(html(title=f"<title>{title}</title>", h1=f"<h1>{h1}</h1>" if h1 else ""))
    assert (draft.number, draft.title, draft.show) == (
        15,
        "The Calendar Audit",
        "The Delegation Desk",
    )


def test_title_separator_inside_the_title_itself():
    page = html(
        title="<title>Ep. 12 – Decisions, Not Tasks | The Delegation Desk</title>",
        h1="<h1>Ep. 12 – Decisions, Not Tasks</h1>",
    )
    draft = parse(page)
    assert (draft.number, draft.title, draft.show) == (
        12,
        "Decisions, Not Tasks",
        "The Delegation Desk",
    )


def test_site_name_h1_in_the_header_is_not_the_title():
    page = html(h1="<h1>The Delegation Desk</h1><h1>Ep 15: The Calendar Audit</h1>")
    draft = parse(page)
    assert (draft.number, draft.title) == (15, "The Calendar Audit")
    assert "Delegation Desk" not in " ".join(s.heading or "" for s in draft.sections)


def test_date_from_a_time_element_when_there_is_no_meta():
    page = html(h1="<h1>Ep 15: The Calendar Audit</h1><time datetime='2024-05-14'>May 14</time>")
    assert parse(page).date == "2024-05-14"


def test_site_name_meta_names_the_show():
    page = html(title="<title>The Calendar Audit</title>", head=(
        "<meta property='og:site_name' content='The Delegation Desk'>"
    ))  # fmt: skip
    assert parse(page).show == "The Delegation Desk"


def test_published_date_from_meta():
    page = html(head="<meta property='article:published_time' content='2024-05-14T06:00:00Z'>")
    assert parse(page).date == "2024-05-14"


# --- furniture ----------------------------------------------------------------------------

FURNITURE = (
    "<script>var secret = 'SCRIPT TEXT';</script><style>.x { color: red } STYLE TEXT</style>"
    "<nav><a href='/'>NAV TEXT</a></nav><header class='site-header'>HEADER MENU</header>"
    "<iframe src='https://player.example/e/1'>IFRAME TEXT</iframe>"
    "<form><label>FORM TEXT</label><input name='email'><button>BUTTON TEXT</button></form>"
    "<noscript>NOSCRIPT TEXT</noscript><svg><title>SVG TEXT</title></svg>"
    "<aside>ASIDE TEXT</aside><footer>FOOTER TEXT &copy; 2024</footer>"
    "<div class='sharedaddy'>SHARE TEXT</div><div class='subscribe-box'>SUBSCRIBE TEXT</div>"
    "<div class='jp-relatedposts'><h3>Related</h3><p>Episode 7: RELATED TEXT</p></div>"
)


def test_scripts_styles_menus_forms_and_footers_are_dropped():
    draft = parse(html(body=FURNITURE + BODY + FURNITURE))
    text = all_text(draft)
    for kind in ("SCRIPT", "STYLE", "NAV", "HEADER", "IFRAME", "FORM", "BUTTON", "NOSCRIPT",
                 "SVG", "ASIDE", "FOOTER", "SHARE", "SUBSCRIBE", "RELATED"):  # fmt: skip
        assert kind not in text, kind
    assert segment_texts(draft)[0].startswith("Welcome to Team Notes.")


def test_a_furniture_class_on_the_content_wrapper_does_not_drop_the_transcript():
    page = html(body=f"<div class='content-area has-sidebar'>{BODY}</div>")
    assert len(segment_texts(parse(page))) == 3


def test_player_chrome_paragraphs_are_dropped_even_without_plugin_classes():
    chrome = (
        "<p>Podcast: <a href='#'>Play in new window</a> | <a href='#'>Download</a> "
        "(Duration: 29:12)</p><p>Subscribe: <a>Apple Podcasts</a> | <a>Spotify</a></p>"
        "<p>Listen on Apple Podcasts<br>Listen on Spotify</p>"
    )
    draft = parse(html(body=chrome + "<p>Show notes.</p>" + BODY))
    assert draft.description == "Show notes."
    for word in ("Play in new window", "Subscribe", "Listen on", "Spotify"):
        assert word not in all_text(draft)


def test_tags_are_stripped_and_entities_unescaped():
    body = BODY.replace(
        "today is about handoffs.",
        "today is <em>about</em> <span style='color:red'>hand&shy;offs</span>&nbsp;&amp; "
        "&#39;done&#39; &lt;b&gt;.",
    )
    text = segment_texts(parse(html(body=body)))[0]
    assert text.endswith("today is about hand\u00adoffs & 'done' <b>.")
    assert "span" not in text
    assert "&" not in text.replace("& ", "")


def test_source_line_breaks_do_not_split_a_paragraph_but_br_does():
    body = BODY.replace("today is about handoffs.", "today is\n   about hand<em>offs</em>.")
    body = body.replace(
        "<p>Thanks", "<p>Listen on Apple Podcasts<br>Listen on Spotify</p><p>Thanks"
    )
    draft = parse(html(body=body))
    assert (
        segment_texts(draft)[0]
        == "Welcome to Team Notes. I’m Sam Ortiz, and today is about handoffs."
    )
    assert "Listen on" not in all_text(draft)


def test_nothing_remote_is_fetched(monkeypatch: pytest.MonkeyPatch):
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the importer tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    page = html(
        head="<link rel='stylesheet' href='https://cdn.example/x.css'>"
        "<script src='https://cdn.example/x.js'></script>",
        body="<img src='https://cdn.example/x.png'><iframe src='https://player.example/'></iframe>"
        + BODY,
    )
    assert segment_texts(parse(page))


# --- structure ----------------------------------------------------------------------------


def test_headings_become_sections_and_the_marker_heading_does_not():
    draft = parse(html())
    assert [s.heading for s in draft.sections] == [None, "Why handoffs fail"]
    assert "Transcript" not in all_text(draft)


def test_show_notes_and_topic_list_before_the_marker():
    body = (
        "<p>Show notes &#8212; about handoffs.</p>"
        "<p><strong>In this episode you&#8217;ll learn:</strong></p>"
        "<ul><li>Why handoffs fail</li><li>What done looks like</li></ul>" + BODY
    )
    draft = parse(html(body=body))
    assert draft.description == "Show notes — about handoffs."
    assert draft.topics == ["Why handoffs fail", "What done looks like"]


def test_meta_description_when_the_page_has_no_show_notes():
    page = html(head="<meta name='description' content='Short summary.'>")
    assert parse(page).description == "Short summary."


def test_bold_short_paragraph_is_a_heading():
    body = BODY.replace("<h3>Why handoffs fail</h3>", "<p><strong>Why Handoffs Fail</strong></p>")
    assert [s.heading for s in parse(html(body=body)).sections] == [None, "Why Handoffs Fail"]


BCTT = (
    "<div class='bctt-click-to-tweet'><span class='bctt-ctt-text'><a href='https://x.example/"
    "intent'>&#8220;Most handoffs fail because nobody says what done looks like.&#8221; ~ "
    "Sam Ortiz</a></span><a href='https://x.example/intent' class='bctt-ctt-btn'>Share on X"
    "</a></div>"
)
TM = (
    "<div class='tm-click-to-tweet'><div class='tm-ctt-text'><a href='#'>&#8220;Most handoffs "
    "fail because nobody says what done looks like.&#8221; ~ Sam Ortiz</a></div><a href='#' "
    "class='tm-ctt-btn'>Click To Tweet</a><div class='tm-ctt-tip'></div></div>"
)


@pytest.mark.parametrize("box", [BCTT, TM], ids=["bctt", "tm"])
def test_click_to_tweet_boxes_become_pull_quotes(box: str):
    body = BODY.replace("<p>Thanks", f"{box}<p>Thanks")
    draft = parse(html(body=body))
    assert [(q.text, q.speaker) for q in draft.quotes] == [
        ("Most handoffs fail because nobody says what done looks like.", "Sam Ortiz")
    ]
    assert segment_texts(draft) == segment_texts(parse(html()))
    for word in ("Share on X", "Click To Tweet", "~"):
        assert word not in all_text(draft).replace(draft.quotes[0].text, "")


def test_quote_links_to_the_body_passage(tmp_path: Path):
    body = BODY.replace("&amp; nobody asks.", "nobody asks.").replace(
        "<p>Thanks", f"{BCTT}<p>Thanks"
    )
    path = tmp_path / "ep15.html"
    path.write_text(html(body=body), encoding="utf-8")
    episode = import_file(path)
    assert isinstance(episode, Episode)
    (quote,) = episode.quotes
    assert quote.start is not None
    assert episode.text[quote.start : quote.end] == (
        "Most handoffs fail because nobody says what done looks like"
    )


@pytest.mark.parametrize(
    "label",
    ["<strong>Priya:</strong>", "<strong>Priya</strong>:", "<b>Priya:</b>"],
)
def test_strong_name_labels_become_speaker_turns(label: str):
    body = (
        "<h2>Transcript</h2>"
        f"<p>{label} Welcome to the show.</p><p><strong>Sam:</strong> Hello, hello.</p>"
        f"<p>{label} Let&#8217;s begin.</p><p>And a second paragraph from Priya.</p>"
    )
    draft = parse(html(body=body))
    turns = [(seg.speaker, seg.text) for s in draft.sections for seg in s.segments]
    assert turns == [
        ("Priya", "Welcome to the show."),
        ("Sam", "Hello, hello."),
        ("Priya", "Let’s begin."),
        ("Priya", "And a second paragraph from Priya."),
    ]


def test_a_bold_phrase_before_a_colon_is_not_a_speaker():
    body = BODY.replace("<p>Most", "<p><strong>Step one:</strong> most")
    draft = parse(html(body=body))
    assert {seg.speaker for s in draft.sections for seg in s.segments} == {None}
    assert "Step one: most handoffs fail" in segment_texts(draft)[1]


def test_podcasting_20_cite_and_time_give_speakers_and_start_times():
    page = (
        "<cite>Lena Park:</cite><time>0:00</time><p>Welcome back.</p>"
        "<cite>Omar Haddad:</cite><time>1:02:03</time><p>Thanks &#39;Lena&#39;.</p>"
    )
    draft = parse(page)
    turns = [(seg.speaker, seg.start, seg.text) for s in draft.sections for seg in s.segments]
    assert turns == [("Lena Park", 0.0, "Welcome back."), ("Omar Haddad", 3723.0, "Thanks 'Lena'.")]


def test_related_post_titles_never_become_title_or_headings():
    body = BODY + (
        "<div class='related'><h3>Related Posts</h3><p>Episode 7: Stop Taking the Monkey Back"
        "</p></div><h3>Related Posts</h3><p>Episode 7: Stop Taking the Monkey Back</p>"
        "<p>&copy; 2024 The Delegation Desk. All rights reserved.</p><p>Back to Top</p>"
    )
    draft = parse(html(body=body))
    assert draft.title == "The Calendar Audit"
    assert "Monkey" not in all_text(draft)
    assert "Related" not in all_text(draft)


# --- robustness, sniffing -----------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        "<p>Unclosed <b>bold <i>and italic",
        "<div><p>One</div></p><<>><![CDATA[x]]><!-- c",
        "<html><body></body></html>",
        "<!DOCTYPE html><![if !IE]><p>Hi there, friends.</p>",
        "<div>" * 5000 + "Deep text here." + "</div>" * 5000,
    ],
    ids=["unclosed", "misnested", "empty", "declaration", "deep"],
)
def test_malformed_html_parses_or_says_why(page: str):
    try:
        draft = parse(page)
    except ParseError as exc:
        problem = str(exc)
    else:
        assert isinstance(draft, Draft)
        return
    assert problem.strip()


def test_an_empty_page_is_a_clear_parse_error():
    with pytest.raises(ParseError, match="no readable text"):
        parse("<html><head><title>x</title><script>1</script></head><body></body></html>")


def test_text_saved_under_an_html_name_is_read_as_a_copied_page():
    draft = parse("Episode 6: Plain Text\n\nTranscript\n\nWelcome to the show, everyone.\n")
    assert (draft.number, draft.title) == (6, "Plain Text")


def test_webvtt_voice_tags_are_not_html():
    assert sniff("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>Hello <b>there</b></v>\n") == 0.0


# --- the bundled samples ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "speakers", "show"),
    [
        (SAMPLES / "the-delegation-desk" / "ep-15-the-calendar-audit.html",
         ["Maya Okafor"], "The Delegation Desk"),
        (SAMPLES / "the-coaching-hour" / "episode-104-trust-on-new-teams.html",
         ["Priya", "Sam"], "The Coaching Hour"),
    ],
    ids=lambda v: v.name if isinstance(v, Path) else "",
)  # fmt: skip
def test_bundled_pages_import_cleanly(path: Path, speakers: list[str], show: str):
    episode = import_file(path)
    assert isinstance(episode, Episode)
    assert episode.format == "html"
    assert episode.number is not None
    assert (episode.show, episode.speakers) == (show, speakers)
    assert len(episode.topics) >= 4
    assert len(episode.sections) >= len(episode.topics)
    assert len(episode.quotes) == 2
    assert all(q.start is not None and q.speaker for q in episode.quotes)
    text = "\n".join([episode.title, episode.description, *episode.topics, episode.text])
    for chrome in ("Share on X", "Click To Tweet", "Play in new window", "Subscribe", "Home",
                   "Skip to content", "Back to Top", "©", "Tagged", "worksheet", "newsletter",
                   "Episode 103", "Ep 14", "gtag", "{"):  # fmt: skip
        assert chrome not in text, chrome
