"""Sources as users have them: web pages, PDFs, Word files, text in the wrong encoding.

Every test drives the real CLI on real files (tests/data/extract/README.md says
where each comes from); the Word file is made here with python-docx.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli, validate_sarif

DATA = Path(__file__).resolve().parent / "data" / "extract"
NODE = "nodejs-querystring.html"

# Quotes of the article (seeds/001), each with the verdict it must get from any of its forms.
ARTICLE_QUOTES = {
    # Across <a>Sergei&nbsp;Lavrov</a>, <b>promised</b> to <em>work</em> in the web page.
    "verbatim": (
        "Russian Foreign Minister Sergei Lavrov on Friday promised to work for a united and"
        " peaceful Afghanistan",
        None,
    ),
    # Across the PDF's page break (and Chromium's running footer and header).
    "page-break": (
        "The United States stands ready to work with all interested parties to support and"
        " facilitate a peace process",
        None,
    ),
    "curly": ("“Russia stands for preserving the one and undivided Afghanistan", None),
    "number": ("sitting between a four-man Taliban delegation and four members", "Q103"),
    "word": ("promised to labor for a united and peaceful Afghanistan", "Q102"),
    "paraphrase": ("Moscow wants the Afghan war to end before the winter", "Q101"),
}


def cli(*args: str, cwd: Path, block: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """``python -m linter`` for real; ``block`` names modules made impossible to import."""
    shims: tuple[str, ...] = ()
    if block:
        shim = cwd / ".blocked"
        shim.mkdir(exist_ok=True)
        for module in block:
            (shim / f"{module}.py").write_text(f"raise ImportError('{module} is blocked')\n")
        shims = (str(shim),)
    return run_cli(*args, cwd=cwd, first_on_path=shims)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A project folder holding the fixtures, with its own cache; call it with claims."""
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "project"
    (root / "sources").mkdir(parents=True)

    def write(claims: list[tuple[str, str, str]], *files: str, config: str = "") -> Path:
        for name in files:
            shutil.copy(DATA / name, root / "sources" / name)
        lines = ["claims:"]
        for ident, source, quote in claims:
            lines += [f"  - id: {ident}", f"    source: sources/{source}", f"    quote: {quote!r}"]
        (root / "claims.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        if config:
            (root / "claimlint.toml").write_text(textwrap.dedent(config), encoding="utf-8")
        return root

    return write


def diagnostics(result: subprocess.CompletedProcess[str]) -> list[dict]:
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["diagnostics"]


def codes(result: subprocess.CompletedProcess[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for d in diagnostics(result):
        found.setdefault(d["claim"], set()).add(d["code"])
    return found


# -- a real web page -----------------------------------------------------------------


def test_real_web_page_is_read_as_a_reader_sees_it(folder):
    root = folder(
        [
            # <code>node:querystring</code> inside the sentence.
            (
                "markup",
                NODE,
                "The node:querystring module provides utilities for parsing and formatting URL"
                " query strings.",
            ),
            # "&#x3C;" in the file; the link markup inside the sentence.
            ("entity", NODE, "querystring is more performant than <URLSearchParams> but is not"),
            # Only in the page's <script>.
            ("script", NODE, "const storedTheme = localStorage.getItem('theme');"),
        ],
        NODE,
    )
    found = codes(cli("check", "--format", "json", cwd=root))
    assert found == {"script": {"Q101"}}


def test_real_web_page_navigation_is_left_out():
    """The page lists every module twice: in its navigation column and in a picker."""
    from linter.extract import extract

    raw = (DATA / NODE).read_bytes()
    assert raw.count(b">Asynchronous context tracking<") == 2
    assert extract(raw, "html").text.count("Asynchronous context tracking") == 1


# One word changed ("standardized" in the page, which writes "&#x3C;" and a link there).
CHANGED = "querystring is more performant than <URLSearchParams> but is not a standardised API"


def test_web_page_location_is_the_line_and_column_in_the_file(folder):
    root = folder([("changed", NODE, CHANGED)], NODE)
    [d] = diagnostics(cli("check", "--format", "json", cwd=root))
    assert d["code"] == "Q102"
    line = (DATA / NODE).read_text(encoding="utf-8").splitlines()[d["source"]["line"] - 1]
    assert line[d["source"]["column"] - 1 :].startswith("querystring</code> is more performant")
    assert "<a href" in line  # the file has markup there; the quote is compared without it
    assert " ".join(d["source"]["text"].split()).endswith("a standardized API")


def test_fix_writes_the_extracted_text_not_the_markup(folder):
    root = folder([("changed", NODE, CHANGED)], NODE)
    fixed = cli("check", "--fix", cwd=root)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    registry = (root / "claims.yaml").read_text(encoding="utf-8")
    assert "than <URLSearchParams> but is not a standardized API" in registry
    assert "<a href" not in registry and "&#x3C;" not in registry


def test_hidden_script_and_navigation_text_of_an_article_is_not_quotable(folder):
    from tests.data.extract.make_fixtures import DECOYS

    root = folder([(k, "article.html", v) for k, v in DECOYS.items()], "article.html")
    found = codes(cli("check", "--format", "json", "--select", "Q", cwd=root))
    assert found == {k: {"Q101"} for k in DECOYS}


# -- one article as text, web page and PDF --------------------------------------------


@pytest.mark.parametrize("source", ["article.txt", "article.html", "article.pdf"])
def test_same_quote_same_verdict_in_every_form_of_the_article(folder, source):
    claims = [(k, source, quote) for k, (quote, _) in ARTICLE_QUOTES.items()]
    root = folder(claims, source)
    found = codes(cli("check", "--format", "json", "--select", "Q", cwd=root))
    expected = {k: {code} for k, (_, code) in ARTICLE_QUOTES.items() if code}
    assert found == expected


def test_pdf_quote_across_the_page_break_is_found_and_located_by_page(folder):
    quote = ARTICLE_QUOTES["page-break"][0].replace("interested", "intrested")
    root = folder([("typo", "article.pdf", quote)], "article.pdf")
    [d] = diagnostics(cli("check", "--format", "json", cwd=root))
    assert d["code"] == "Q102"
    assert "article.pdf (page 1, line " in d["message"]
    assert "support and facilitate a peace process" in " ".join(d["source"]["text"].split())
    assert "Washington Post" not in d["source"]["text"]  # the running footer/header is gone


def test_pdf_and_word_places_are_machine_readable_in_every_format(folder, sarif_validator):
    """Tools get the page (PDF) and paragraph (Word) as numbers; people get them in words."""
    typo = ARTICLE_QUOTES["page-break"][0].replace("interested", "intrested")
    root = folder(
        [
            ("typo", "article.pdf", typo),
            ("number", "memo.docx", "delegations from twelve countries"),
        ],
        "article.pdf",
    )
    make_docx(root / "sources" / "memo.docx")
    found = {
        d["claim"]: d["source"] for d in diagnostics(cli("check", "--format", "json", cwd=root))
    }
    pdf, word = found["typo"], found["number"]
    assert (pdf["page"], pdf["paragraph"]) == (1, None)
    assert pdf["place"] == f"page 1, line {pdf['line']}, column {pdf['column']}"
    assert (word["page"], word["paragraph"], word["line"]) == (None, 2, 2)
    assert word["place"].startswith("paragraph 2, column ")

    log = json.loads(cli("check", "--format", "sarif", cwd=root).stdout)
    validate_sarif(sarif_validator, log)
    related = {
        r["locations"][0]["logicalLocations"][0]["name"]: r["relatedLocations"][0]
        for r in log["runs"][0]["results"]
    }
    assert related["typo"]["properties"] == {"page": 1, "place": pdf["place"]}
    assert related["typo"]["message"]["text"] == f"closest source text ({pdf['place']})"
    assert related["number"]["properties"] == {"paragraph": 2, "place": word["place"]}

    issues = json.loads(cli("check", "--format", "gitlab", cwd=root).stdout)
    typo_issue = next(i for i in issues if "article.pdf" in i["description"])
    assert f"sources/article.pdf ({pdf['place']})" in typo_issue["description"]
    assert typo_issue["description"].endswith(
        '(closest source text: "The United States stands ready to work with all interested'
        ' parties to support and facilitate a peace process")'
    )
    for fmt in ("text", "github"):
        shown = cli("check", "--format", fmt, cwd=root).stdout
        assert f"source sources/article.pdf ({pdf['place']})" in shown, fmt
        assert f"source sources/memo.docx ({word['place']})" in shown, fmt


def test_missing_pdf_library_names_the_extra_to_install(folder):
    root = folder([("pdf", "article.pdf", ARTICLE_QUOTES["verbatim"][0])], "article.pdf")
    result = cli("check", "--no-cache", cwd=root, block=("pypdfium2",))
    assert result.returncode == 1
    assert "S103" in result.stdout
    assert "pip install 'claimlint-citations[pdf]'" in " ".join(result.stdout.split())


def test_repeat_run_extracts_nothing(folder):
    """The second run cannot import the PDF and Word readers, and needs neither."""
    root = folder([("pdf", "article.pdf", ARTICLE_QUOTES["word"][0])], "article.pdf")
    make_docx(root / "sources" / "memo.docx")
    first = cli("check", cwd=root)
    assert "Q102" in first.stdout and "S103" not in first.stdout
    second = cli("check", cwd=root, block=("pypdfium2", "docx"))
    assert second.stdout == first.stdout and second.returncode == first.returncode
    # The same run without the cache does need them: the block is real.
    third = cli("check", "--no-cache", cwd=root, block=("pypdfium2", "docx"))
    assert "S103" in third.stdout


# -- Word --------------------------------------------------------------------------


def make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Memo on the Moscow talks", level=1)
    document.add_paragraph("The Kremlin invited delegations from eleven countries.")
    para = document.add_paragraph("Officials said the talks were ")
    para.add_run("constructive").bold = True
    para.add_run(" and would continue.")
    hidden = document.add_paragraph("Visible start. ")
    hidden.add_run("The hidden note says the talks failed.").font.hidden = True
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Delegates"
    table.cell(0, 1).text = "Five Taliban envoys attended the meeting."
    document.save(path)


def test_word_file_is_read_by_paragraph(folder):
    root = folder(
        [
            ("bold", "memo.docx", "the talks were constructive and would continue"),
            ("table", "memo.docx", "Five Taliban envoys attended the meeting."),
            ("hidden", "memo.docx", "The hidden note says the talks failed."),
            ("number", "memo.docx", "delegations from twelve countries"),
        ]
    )
    make_docx(root / "sources" / "memo.docx")
    found = diagnostics(cli("check", "--format", "json", "--select", "Q", cwd=root))
    by_claim = {d["claim"]: d for d in found}
    assert set(by_claim) == {"hidden", "number"}
    assert by_claim["hidden"]["code"] == "Q101"
    assert by_claim["number"]["code"] == "Q103"
    assert "memo.docx (paragraph 2, column " in by_claim["number"]["message"]


# -- encodings ---------------------------------------------------------------------

CURLY = "“Russia stands for preserving the one and undivided Afghanistan"


def test_windows_1252_is_refused_with_its_place_and_a_fix(folder):
    root = folder([("legacy", "article-cp1252.txt", CURLY)], "article-cp1252.txt")
    [d] = diagnostics(cli("check", "--format", "json", cwd=root))
    assert d["code"] == "S103"
    assert "byte 0x97 at line 7, column 8" in d["message"]  # the — after MOSCOW
    assert "windows-1252" in d["message"] and "--repair-encoding" in d["message"]


def test_windows_1252_and_utf16_are_decoded_when_asked_and_said_so(folder):
    root = folder(
        [("cp1252", "article-cp1252.txt", CURLY), ("utf16", "article-utf16.txt", CURLY)],
        "article-cp1252.txt",
        "article-utf16.txt",
    )
    refused = codes(cli("check", "--format", "json", cwd=root))
    assert refused == {"cp1252": {"S103"}, "utf16": {"S103"}}
    result = cli("check", "--format", "json", "--repair-encoding", cwd=root)
    found = diagnostics(result)
    assert {(d["claim"], d["code"], d["severity"]) for d in found} == {
        ("cp1252", "S104", "info"),
        ("utf16", "S104", "info"),
    }
    assert result.returncode == 0
    messages = " ".join(d["message"] for d in found)
    assert "decoded from windows-1252" in messages and "UTF-16" in messages


@pytest.mark.parametrize("name", ["article-c1.txt", "article-mojibake.txt"])
def test_mojibake_is_a_located_warning_and_repaired_only_when_asked(folder, name):
    root = folder([("moji", name, CURLY)], name)
    found = diagnostics(cli("check", "--format", "json", cwd=root))
    assert {d["code"] for d in found} == {"S104", "Q102"}
    warning = next(d for d in found if d["code"] == "S104")
    assert warning["severity"] == "warning" and "mojibake at line 7, column 8" in warning["message"]
    root.joinpath("claimlint.toml").write_text("repair-encoding = true\n", encoding="utf-8")
    repaired = diagnostics(cli("check", "--format", "json", cwd=root))
    assert [(d["code"], d["severity"]) for d in repaired] == [("S104", "info")]
    assert "repaired mojibake" in repaired[0]["message"]


def test_text_that_is_utf16_without_a_mark_says_so(folder):
    root = folder([("bare", "bare.txt", CURLY)])
    (root / "sources" / "bare.txt").write_bytes(CURLY.encode("utf-16-le"))
    [d] = diagnostics(cli("check", "--format", "json", cwd=root))
    assert d["code"] == "S103" and "UTF-16 without a byte order mark" in d["message"]


# -- which formats join the corpus -------------------------------------------------


def test_web_page_beside_a_cited_source_joins_the_misattribution_corpus(folder):
    quote = ARTICLE_QUOTES["verbatim"][0]
    root = folder([("wrong", "other.txt", quote)], "article.html")
    (root / "sources" / "other.txt").write_text("An unrelated note.\n", encoding="utf-8")
    found = diagnostics(cli("check", "--format", "json", cwd=root))
    assert [d["code"] for d in found] == ["Q104"]
    assert "article.html" in found[0]["message"]
    (root / "claimlint.toml").write_text('corpus-formats = ["text"]\n', encoding="utf-8")
    assert [d["code"] for d in diagnostics(cli("check", "--format", "json", cwd=root))] == ["Q101"]


def test_unknown_corpus_format_is_a_config_error(folder):
    root = folder(
        [("x", "article.txt", CURLY)], "article.txt", config='corpus-formats = ["pdfs"]\n'
    )
    result = cli("check", cwd=root)
    assert result.returncode == 2
    assert "unknown format 'pdfs'; did you mean 'pdf'?" in result.stderr


def test_readme_documents_sources_before_the_registry_and_every_setting():
    from linter.config import Config

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    headings = [line for line in readme.splitlines() if line.startswith("## ")]
    at = headings.index("## Sources: web pages, PDFs, Word files, encodings")
    assert headings[at + 1] == "## The claims registry (`claims.yaml`)"
    for key in Config.__dataclass_fields__:
        if key not in {"origin", "command_line"}:  # where settings came from, not settings
            assert f"\n{key.replace('_', '-')} = " in readme, key
    bench = (REPO / "benchmarks" / "README.md").read_text(encoding="utf-8")
    assert "`bench_extract.py`" in bench


def test_report_locates_a_pdf_quote_by_page_and_line(folder):
    root = folder([], "article.pdf")
    (root / "claims.yaml").write_text(
        textwrap.dedent(
            """\
            topics:
              taliban-delegates:
                kind: count
            claims:
              - id: five-man
                source: sources/article.pdf
                quote: sitting between a five-man Taliban delegation and four members
                topic: taliban-delegates
                value: 5
            """
        ),
        encoding="utf-8",
    )
    report = cli("report", cwd=root)
    assert report.returncode == 0, report.stderr
    assert "sources/article.pdf (page 1, line " in report.stdout
    assert "**sitting between a five-man Taliban delegation and four members**" in report.stdout
    data = json.loads(cli("report", "--format", "json", cwd=root).stdout)
    [citation] = data["topics"][0]["values"][0]["citations"]
    location = citation["location"]
    assert (location["page"], location["paragraph"]) == (1, None)
    assert location["place"] == f"page 1, line {location['line']}, column {location['column']}"
    assert "place" not in citation["claim_location"]  # the registry is located by line


# -- --fix, the report and discover on extracted text ---------------------------------

PAGE_BREAK_TYPO = ARTICLE_QUOTES["page-break"][0].replace("interested", "intrested")


def test_fix_on_a_pdf_and_a_word_source_changes_only_the_quote_scalars(folder):
    """The fix is the extracted text (the page break a space, no running header; the bold
    run joined), written into the scalar's own style; every other byte stays."""
    root = folder([], "article.pdf")
    make_docx(root / "sources" / "memo.docx")
    before = textwrap.dedent(
        f"""\
        # Claims on the Moscow talks: this comment, the key order and the styles stay.
        claims:
          - id: page-break  # across the PDF's page break
            source: sources/article.pdf
            quote: "{PAGE_BREAK_TYPO}"
          - id: exact
            quote: Russia stands for preserving the one and undivided Afghanistan
            source: sources/article.pdf
          - id: bold
            source: sources/memo.docx
            quote: 'the talks were constructiv and would continue'
        """
    )
    (root / "claims.yaml").write_text(before, encoding="utf-8")
    found = {d["claim"]: d for d in diagnostics(cli("check", "--format", "json", cwd=root))}
    assert {k: d["code"] for k, d in found.items()} == {"page-break": "Q102", "bold": "Q102"}
    assert "peace\nprocess" in found["page-break"]["source"]["text"]  # it does cross the break

    fixed = cli("check", "--fix", cwd=root)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    after = (root / "claims.yaml").read_text(encoding="utf-8")
    assert after == before.replace(PAGE_BREAK_TYPO, ARTICLE_QUOTES["page-break"][0]).replace(
        "'the talks were constructiv and", "'the talks were constructive and"
    )
    again = cli("check", "--fix", cwd=root)
    assert again.returncode == 0 and (root / "claims.yaml").read_text(encoding="utf-8") == after


def test_missing_word_library_names_the_extra_to_install(folder):
    root = folder([("word", "memo.docx", "Five Taliban envoys attended the meeting.")])
    make_docx(root / "sources" / "memo.docx")
    result = cli("check", "--no-cache", "--format", "json", cwd=root, block=("docx",))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [d] = json.loads(result.stdout)["diagnostics"]
    assert (d["code"], d["severity"]) == ("S103", "error")
    assert d["message"] == (
        "source 'sources/memo.docx' is unreadable: reading Word files needs the optional"
        " 'docx' extra: pip install 'claimlint-citations[docx]'"
    )
    assert cli("check", "--no-cache", cwd=root).returncode == 0  # the block was the cause


def test_missing_ftfy_is_a_warning_naming_the_extra_and_is_not_remembered(folder):
    """Repair asked for, ftfy not importable: a located S104 warning naming the extra. Once
    it is installed the next run repairs, although the file did not change (the partial
    text and its verdicts were not cached)."""
    root = folder([("moji", "article-c1.txt", CURLY)], "article-c1.txt")
    blocked = cli("check", "--repair-encoding", "--format", "json", cwd=root, block=("ftfy",))
    assert blocked.returncode == 1 and "Traceback" not in blocked.stderr
    found = {d["code"]: d for d in json.loads(blocked.stdout)["diagnostics"]}
    assert set(found) == {"S104", "Q102"}  # the curly quote does not match the C1 control
    assert found["S104"]["severity"] == "warning"
    assert (
        "mojibake at line 7, column 8 not repaired: repairing mojibake needs the optional"
        in (found["S104"]["message"])
    )
    assert "pip install 'claimlint-citations[encodings]'" in found["S104"]["message"]
    installed = diagnostics(cli("check", "--repair-encoding", "--format", "json", cwd=root))
    assert [(d["code"], d["severity"]) for d in installed] == [("S104", "info")]
    assert "repaired mojibake" in installed[0]["message"]


def test_the_report_shows_the_extracted_text_around_each_quote(folder):
    """Quote in context: no markup, entities decoded (web page); across a page break with no
    running header or footer (PDF); across paragraphs, hidden runs left out (Word)."""
    root = folder([], "article.html", "article.pdf")
    make_docx(root / "sources" / "memo.docx")
    (root / "claims.yaml").write_text(
        textwrap.dedent(
            """\
            topics:
              pledge:
                kind: text
            claims:
              - id: web
                source: sources/article.html
                quote: promised to work for a united and peaceful Afghanistan
                topic: pledge
                value: united Afghanistan
              - id: pdf
                source: sources/article.pdf
                quote: to support and facilitate a peace process
                topic: pledge
                value: united Afghanistan
              - id: word
                source: sources/memo.docx
                quote: Visible start
                topic: pledge
                value: united Afghanistan
            """
        ),
        encoding="utf-8",
    )
    report = cli("report", "--format", "json", cwd=root)
    assert report.returncode == 0, report.stderr
    [value] = json.loads(report.stdout)["topics"][0]["values"]
    cited = {c["claim"]: c for c in value["citations"]}
    assert all(c["found"] for c in cited.values())
    web, pdf, word = cited["web"], cited["pdf"], cited["word"]
    # The file has "<a href=...>Sergei&nbsp;Lavrov</a> on Friday <b>promised</b> ...".
    assert web["context_before"].endswith("Sergei Lavrov on Friday ")
    assert web["quote"] == "promised to work for a united and peaceful Afghanistan"
    for citation in cited.values():
        shown = citation["context_before"] + citation["quote"] + citation["context_after"]
        assert not set(shown) & set("<>&\n"), shown
    assert pdf["quote"] == "to support and facilitate a peace process"  # the break: a space
    assert pdf["context_after"].startswith(",” he said.")
    assert pdf["location"]["page"] == 1
    for running in ("Washington Post", "/2", "2018"):  # Chromium's header and footer
        assert running not in pdf["context_after"]
    # The hidden run between "Visible start." and the table is not there.
    assert word["context_after"] == ". Delegates Five Taliban envoys attended the meeting."
    assert word["context_before"].endswith("the talks were constructive and would continue. ")
    assert word["location"]["paragraph"] == 4
    markdown = cli("report", cwd=root).stdout
    assert "Sergei Lavrov on Friday **promised to work for a united and peaceful" in markdown
    assert "facilitate a peace process**,” he said." in markdown


def make_memo_with_a_count(path: Path) -> None:
    """A Word memo that gives another count of the countries than the article does."""
    import docx

    document = docx.Document()
    document.add_heading("Moscow talks on Afghanistan", level=1)
    document.add_paragraph("Sergei Lavrov hosted the Moscow meeting on Afghanistan.")
    document.add_paragraph(
        "The Moscow meeting was attended by representatives of 12 countries, including"
        " regional heavyweights China, Iran and Pakistan."
    )
    document.save(path)


def pdf_line(path: Path, page: int, line: int) -> str:
    """A line of a PDF page as PDFium gives it: the independent check of a PDF place."""
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        text = document[page - 1].get_textpage().get_text_bounded()
    finally:
        document.close()
    return text.replace("\r\n", "\n").split("\n")[line - 1]


def test_discover_locates_web_page_pdf_and_word_mentions_as_check_does(folder):
    """`discover FOLDER` reads every format; each mention is at the line and column of the
    web page file, the PDF's page and line, the Word paragraph, in every output format."""
    root = folder([], "article.html", "article.pdf")
    make_memo_with_a_count(root / "sources" / "memo.docx")
    (root / "claims.yaml").unlink()
    done = cli("discover", "sources", "--format", "json", cwd=root)
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)["findings"]
    # the count (11 countries against 12) is the finding in all three formats; who took
    # part ("Only Pakistan has so far confirmed") is found too, in the article alone
    [finding] = [f for f in findings if f["kind"] == "count"]
    mentions = [m for v in finding["values"] for m in v["mentions"]]
    by_file = {}
    for m in mentions:
        by_file.setdefault(m["path"].rsplit("/", 1)[-1], []).append(m)
    assert set(by_file) == {"article.html", "article.pdf", "memo.docx"}
    html_lines = (root / "sources" / "article.html").read_text(encoding="utf-8").splitlines()
    for m in by_file["article.html"]:
        assert (m["page"], m["paragraph"], m["place"]) == (None, None, None)
        assert html_lines[m["line"] - 1][m["column"] - 1 :].startswith(m["written"])
    for m in by_file["article.pdf"]:
        assert m["paragraph"] is None
        assert m["place"] == f"page {m['page']}, line {m['line']}, column {m['column']}"
        got = pdf_line(root / "sources" / "article.pdf", m["page"], m["line"])
        assert got[m["column"] - 1 :].startswith(m["written"])
    [word] = by_file["memo.docx"]
    assert (word["page"], word["paragraph"], word["line"]) == (None, 3, 3)
    assert word["place"] == f"paragraph 3, column {word['column']}"
    import docx

    paragraphs = docx.Document(root / "sources" / "memo.docx").paragraphs
    assert paragraphs[2].text[word["column"] - 1 :].startswith("12 countries")

    shown = cli("discover", "sources", cwd=root).stdout
    pdf = by_file["article.pdf"][0]
    assert f"  sources/article.pdf ({pdf['place']})\n" in shown
    assert f"  sources/memo.docx ({word['place']})\n" in shown
    html = by_file["article.html"][0]
    assert f"  sources/article.html:{html['line']}:{html['column']}\n" in shown
    markdown = cli("discover", "sources", "--format", "markdown", cwd=root).stdout
    assert f"`sources/article.pdf (page {pdf['page']}, line {pdf['line']})`" in markdown
    assert "`sources/memo.docx (paragraph 3)`" in markdown


def test_discover_on_a_registry_places_pdf_and_word_mentions_and_its_yaml_checks(folder):
    """The registry's corpus gives the same places; the claims it prints pass every quote rule."""
    root = folder([("pdf", "article.pdf", ARTICLE_QUOTES["verbatim"][0])], "article.pdf")
    make_memo_with_a_count(root / "sources" / "memo.docx")
    direct = json.loads(cli("discover", "sources", "--format", "json", cwd=root).stdout)
    via_registry = json.loads(cli("discover", "--format", "json", cwd=root).stdout)
    assert via_registry == direct and direct["findings"]
    mentions = [m for v in direct["findings"][0]["values"] for m in v["mentions"]]
    pdf = next(m for m in mentions if m["path"].endswith(".pdf"))
    report = cli("report", cwd=root).stdout.split("## Not yet registered", 1)[1]
    assert f"| sources/article.pdf (page {pdf['page']}, line {pdf['line']}) |" in report
    assert "| sources/memo.docx (paragraph 3) |" in report
    block = cli("discover", "--format", "yaml", cwd=root).stdout
    (root / "claims.yaml").write_text(block, encoding="utf-8")
    checked = diagnostics(cli("check", "--format", "json", cwd=root))
    assert {d["code"] for d in checked} == {"F101"}, checked  # every quote exact, one conflict


def test_discover_says_which_extra_a_pdf_needs(folder):
    root = folder([], "article.pdf", "article.txt")
    (root / "claims.yaml").unlink()
    done = cli("discover", "sources", "--no-cache", cwd=root, block=("pypdfium2",))
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr
    assert (
        "claimlint: sources/article.pdf: not read: source 'sources/article.pdf' is unreadable:"
        " reading PDF files needs the optional 'pdf' extra: pip install 'claimlint-citations[pdf]'"
    ) in done.stderr


def test_add_locates_and_reads_a_source_as_check_does(folder):
    """`claimlint add` says where it found the words in the file's own terms, and reads the
    source with the project's encoding settings (a mojibake warning; the repair when asked)."""
    root = folder([("pdf", "article.pdf", ARTICLE_QUOTES["verbatim"][0])], "article.pdf")
    make_memo_with_a_count(root / "sources" / "memo.docx")
    shutil.copy(DATA / "article.html", root / "sources")
    shutil.copy(DATA / "article-c1.txt", root / "sources")
    words = "Moscow invited delegates from 11 countries"
    pdf = cli("add", "sources/article.pdf", words, "--id", "p", cwd=root)
    assert pdf.returncode == 0, pdf.stderr
    page, line = 2, 15
    assert pdf_line(root / "sources" / "article.pdf", page, line).startswith(words)
    assert pdf.stdout.startswith(f'sources/article.pdf (page {page}, line {line}, column 1): "')
    web = cli("add", "sources/article.html", words, "--id", "h", cwd=root)
    where = web.stdout.split(":", 3)
    html_line = (root / "sources" / "article.html").read_text(encoding="utf-8").splitlines()
    assert html_line[int(where[1]) - 1][int(where[2]) - 1 :].startswith(words)
    word = cli("add", "sources/memo.docx", "attended by representatives of 12 countres", cwd=root)
    assert word.stdout.startswith('sources/memo.docx (paragraph 3, column 24): "attended by')
    plain = cli("add", "sources/article-c1.txt", CURLY, "--id", "c1", cwd=root)
    assert "mojibake at line 7, column 8" in plain.stderr
    repaired = cli(
        "add", "sources/article-c1.txt", CURLY, "--id", "c2", "--repair-encoding", cwd=root
    )
    assert repaired.returncode == 0 and not repaired.stderr
    assert f'"{CURLY}"' in repaired.stdout  # the curly quote, found in the repaired text
    (root / "claimlint.toml").write_text("repair-encoding = true\n", encoding="utf-8")
    assert {d["code"] for d in diagnostics(cli("check", "--format", "json", cwd=root))} <= {"S104"}


@pytest.mark.parametrize("declared", ["windows-1252", "iso-8859-1"])
def test_web_page_in_its_declared_legacy_encoding(folder, declared):
    """The article's web page saved in Windows-1252 with its <meta charset>. ISO-8859-1 is
    read as browsers read it (WHATWG): as Windows-1252, so 0x93 is “, not a C1 control."""
    root = folder([("curly", "legacy.html", CURLY)])
    page = (DATA / "article.html").read_text(encoding="utf-8")
    page = page.replace("<meta charset='utf-8'>", f"<meta charset='{declared}'>", 1)
    (root / "sources" / "legacy.html").write_bytes(page.encode("cp1252"))
    [refused] = diagnostics(cli("check", "--format", "json", cwd=root))
    assert refused["code"] == "S103"
    assert (
        f"<meta charset> declares {'it' if declared == 'windows-1252' else declared}"
        in (refused["message"])
    )
    assert "iconv -f windows-1252 -t UTF-8" in refused["message"]
    result = cli("check", "--format", "json", "--repair-encoding", cwd=root)
    assert result.returncode == 0, result.stdout
    [note] = diagnostics(result)  # decoded, and nothing left to repair: the quote is exact
    assert (note["code"], note["severity"]) == ("S104", "info")
    assert note["message"].startswith("source 'sources/legacy.html': decoded from windows-1252")


def test_a_scan_a_damaged_pdf_and_a_damaged_word_file_are_plain_s103(folder):
    """No text layer: run OCR. Cut short or not the format its name says: said so, no traceback."""
    root = folder([(n, n, CURLY) for n in ("scan.pdf", "cut.pdf", "cut.docx")], "scan.pdf")
    make_docx(root / "sources" / "memo.docx")
    whole = (root / "sources" / "memo.docx").read_bytes()
    (root / "sources" / "cut.docx").write_bytes(whole[: len(whole) // 2])
    (root / "sources" / "cut.pdf").write_bytes((DATA / "article.pdf").read_bytes()[:3000])
    result = cli("check", "--format", "json", cwd=root)
    assert "Traceback" not in result.stderr
    found = {d["claim"]: d for d in diagnostics(result)}
    assert {k: d["code"] for k, d in found.items()} == dict.fromkeys(found, "S103")
    assert set(found) == {"scan.pdf", "cut.pdf", "cut.docx"}
    assert (
        "a PDF with no text in it (a scanned image?); run OCR on it" in found["scan.pdf"]["message"]
    )
    assert "it is not a PDF that can be read" in found["cut.pdf"]["message"]
    assert "it is not a Word (.docx) file that can be read" in found["cut.docx"]["message"]
