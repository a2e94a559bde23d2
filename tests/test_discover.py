"""``claimlint discover``: the real CLI on the real seeds and on small written corpora."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from conftest import REPO, SEEDS, WAPO, WSJ, run_cli

from benchmarks.eval_discover import seed_findings, seeds_score
from linter.discover import Doc, discover
from linter.discover.mentions import amounts, sentences


def _seeds(tmp_path: Path) -> Path:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path


def _amounts(text: str):
    return [a for s in sentences("d.txt", text) for a in amounts(s)]


def test_what_a_number_counts() -> None:
    found = {
        a.written: (a.noun, a.unit, a.display)
        for a in _amounts(
            "Lavrov sat between a five-man Taliban delegation and four members of the Council. "
            "Russia convened representatives from seven nations for talks to end a 17-year war."
        )
    }
    assert found["five-man Taliban delegation"] == ("delegation", "person", "5")
    assert found["four members"] == ("member", "", "4")
    assert found["seven nations"] == ("country", "", "7")
    assert found["17-year war"] == ("war", "year", "17")


def test_parts_rates_times_and_names_are_not_counts() -> None:
    text = (
        "The COMEX fined Elders and three other large firms. It will fill 50 megawatts each. "
        "Two years ago it had 104 orders and options. It flew 15 Boeing 767-300 planes."
    )
    written = {a.written for a in _amounts(text)}
    assert not written & {"three other large firms", "50 megawatts", "two years", "104 orders"}
    assert "300 planes" not in written


def test_the_command_offers_every_format() -> None:
    from linter.commands.discover import FORMATS as OFFERED
    from linter.discover.formats import FORMATS

    assert OFFERED == FORMATS


def test_abbreviations_do_not_end_a_sentence() -> None:
    text = "A representative from the U.S. Embassy in Moscow will attend. Mr. Malashenko said so."
    assert [s.text for s in sentences("d", text)] == [
        "A representative from the U.S. Embassy in Moscow will attend.",
        "Mr. Malashenko said so.",
    ]


def test_the_seeds_real_disagreements_and_no_false_one() -> None:
    score = seeds_score(seed_findings())
    assert score["false"] == []
    found = set(score["found"])
    assert {"countries-at-meeting", "lavrov-spelling", "stanekzai-spelling"} <= found
    assert "afghan-war-length" in found
    # what is no number: titles, roles, a date, a body's name, how often, a first
    assert {
        "stanekzai-title",
        "khalilzad-title",
        "us-participation",
        "india-participation",
    } <= found
    assert {"afghan-government-participation", "meeting-date", "taliban-office-name"} <= found
    assert {"times-postponed", "first-moscow-talks", "soviet-war-length", "who-attended"} <= found
    assert len(found) >= 12


def test_one_fact_two_numbers_across_two_documents() -> None:
    a = Doc("a.txt", "a.txt", "Acme Corp said Acme will lay off 1,200 workers at its Dayton plant.")
    b = Doc("b.txt", "b.txt", "Acme Corp said it will lay off 900 workers at the Dayton plant.")
    (finding,) = discover([a, b])
    assert finding.kind == "count" and [v.display for v in finding.values] == ["900", "1,200"]
    assert {p.doc for v in finding.values for p in v.places} == {"a.txt", "b.txt"}


def test_no_finding_when_subjects_dates_or_parts_differ() -> None:
    base = "Moody's Investors Service said it upgraded {}'s {} mln dlrs of debt."
    crane = Doc("a.txt", "a.txt", base.format("Crane Co", 75) + " Crane Co and Upjohn Co.")
    upjohn = Doc("b.txt", "b.txt", base.format("Upjohn Co", 400) + " Crane Co and Upjohn Co.")
    assert discover([crane, upjohn]) == []  # the same template about two companies
    day = "Acme Corp said it will lay off {} workers at its Dayton plant."
    early = Doc("a.txt", "a.txt", day.format("1,200"), "1987-03-02")
    late = Doc("b.txt", "b.txt", day.format(900), "1987-03-20")
    assert discover([early, late]) == []  # reports weeks apart: two moments
    whole = Doc("a.txt", "a.txt", "Acme Corp will buy 40 new planes from Boeing and Airbus.")
    parts = Doc("b.txt", "b.txt", "Acme Corp will buy 25 planes from Airbus and 15 from Boeing.")
    assert discover([whole, parts]) == []  # 25 + 15 is the 40


def test_text_output_exit_code_and_location(tmp_path: Path) -> None:
    root = _seeds(tmp_path)
    done = run_cli("discover", "seeds", cwd=root)
    assert done.returncode == 1, done.stderr
    assert f"{WSJ}:10:86" in done.stdout and f"{WAPO}:15:125" in done.stdout
    assert "seven nations" in done.stdout and "Sergey Lavrov" in done.stdout
    assert done.stdout.rstrip().endswith("claimlint discover --format yaml")


def test_yaml_output_pastes_into_a_registry_that_check_accepts(tmp_path: Path) -> None:
    root = _seeds(tmp_path)
    done = run_cli("discover", "seeds", "--format", "yaml", cwd=root)
    assert done.returncode == 1, done.stderr
    block = yaml.safe_load(done.stdout)
    assert set(block) == {"topics", "claims"} and "country-count" in block["topics"]
    (root / "claims.yaml").write_text(done.stdout, encoding="utf-8")
    checked = run_cli("check", "--format", "json", cwd=root)
    codes = {d["code"] for d in json.loads(checked.stdout)["diagnostics"]}
    assert not {c for c in codes if c[0] in "QSR"}, checked.stdout  # every quote is exact
    assert "F101" in codes  # the new conflict is reported
    again = run_cli("discover", cwd=root)  # now registered: nothing new
    assert again.returncode == 0 and "No disagreement" in again.stdout


def test_json_and_markdown(tmp_path: Path) -> None:
    root = _seeds(tmp_path)
    data = json.loads(run_cli("discover", "seeds", "--format", "json", cwd=root).stdout)
    topics = {f["topic"]: f for f in data["findings"]}
    mention = topics["country-count"]["values"][0]["mentions"][0]
    assert set(mention) == {
        *("path", "line", "column", "page", "paragraph", "place"),
        *("published", "written", "sentence"),
    }
    md = run_cli("discover", "seeds", "--format", "markdown", cwd=root).stdout
    assert md.startswith("# Not yet registered") and "| value | where |" in md


def test_registered_topics_and_aliases_are_left_out(tmp_path: Path) -> None:
    root = _seeds(tmp_path)
    shutil.copy(REPO / "claims.yaml", root / "claims.yaml")
    done = run_cli("discover", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No disagreement" in done.stdout


def test_usage_errors_are_plain(tmp_path: Path) -> None:
    no_registry = run_cli("discover", cwd=tmp_path)
    assert no_registry.returncode == 2 and "no registry" in no_registry.stderr
    assert "Traceback" not in no_registry.stderr
    missing = run_cli("discover", "nowhere", cwd=tmp_path)
    assert missing.returncode == 2 and "nowhere: no such file or folder" in missing.stderr
    (tmp_path / "claims.yaml").write_text("claims: [\n", encoding="utf-8")
    broken = run_cli("discover", "--registry", "claims.yaml", cwd=tmp_path)
    assert broken.returncode == 2 and "claimlint check" in broken.stderr
    assert not (tmp_path / "out.txt").exists()


def test_the_length_of_one_war_each_paired_with_its_match() -> None:
    a = Doc(
        "a.txt",
        "a.txt",
        "Lavrov met Taliban envoys in Moscow on Friday to end the 17-year war in Afghanistan. "
        "The Red Army invaded Afghanistan, beginning a decade-long war that ended with the "
        "Soviets' withdrawal from Afghanistan.",
    )
    b = Doc(
        "b.txt",
        "b.txt",
        "Moscow hosted Taliban envoys and Lavrov spoke of an end to a 16-year war and "
        "burnishing Moscow's credentials. The Red Army invaded in 1979 and fought a decade-long "
        "war that ended with the Soviets' withdrawal from Afghanistan.",
    )
    (finding,) = discover([a, b])
    assert finding.kind == "duration" and [v.display for v in finding.values] == ["16", "17"]


def _kinds(*texts: str, published: tuple[str | None, ...] = ()) -> dict[str, list]:
    docs = [
        Doc(f"{n}.txt", f"{n}.txt", text, published[n] if published else None)
        for n, text in enumerate(texts)
    ]
    found: dict[str, list] = {}
    for finding in discover(docs):
        found.setdefault(finding.kind, []).append(finding)
    return found


def test_a_persons_two_titles_and_one_office_in_other_words() -> None:
    a = "Acme Corp and Zenith Inc met in Geneva. Acme president John Barrow said it went well."
    b = "Acme Corp and Zenith Inc met in Geneva. Acme chairman John Barrow said it went well."
    (finding,) = _kinds(a, b)["title"]
    assert {v.display for v in finding.values} == {"president", "chairman"}
    assert "John Barrow" in finding.why
    same = b.replace("Acme chairman John Barrow", "John Barrow, the head of Acme,")
    assert "title" not in _kinds(a, same)  # "head" names no office of its own
    former = b.replace("Acme chairman", "former Acme chairman")
    assert "title" not in _kinds(a, former)  # an office once held
    other = b.replace("John Barrow", "Paul Barrow")
    assert "title" not in _kinds(a, other)  # two people of one name


def test_who_took_part_and_how() -> None:
    a = "Acme Corp and Zenith Inc held talks in Geneva. Japan declined to attend the talks."
    b = "Acme Corp and Zenith Inc held talks in Geneva. Japan sent observers to the talks."
    (finding,) = _kinds(a, b)["role"]
    assert {v.display for v in finding.values} == {"did not take part", "observer"}
    attended = b.replace("Japan sent observers to the talks", "Japanese officials attended")
    assert "role" in _kinds(a, attended)  # "Japanese" is Japan
    agree = b.replace("Japan sent observers to the talks", "Japan attended the talks")
    assert "role" not in _kinds(b, agree)  # an observer took part
    pact = b.replace("Japan sent observers to the talks", "Japan would participate in any deal")
    assert "role" not in _kinds(a, pact)  # the talks, and a deal: two things


def test_one_bodys_two_names_the_times_it_was_put_off_and_a_first() -> None:
    a = (
        "The Acme Corp envoy Ray Dunn spoke in Geneva. He came from the Acme's finance office "
        "in Geneva with Ray Dunn. The Zenith summit has been postponed twice. Acme Corp said "
        "the Zenith summit marked the first official visit of Acme to the Swiss capital."
    )
    b = (
        "The Acme Corp envoy Ray Dunn spoke in Geneva. He came from the Acme's finance committee "
        "in Geneva with Ray Dunn. The Zenith summit has been postponed three times. The Swiss "
        "capital had already hosted two rounds of Acme Corp talks."
    )
    kinds = _kinds(a, b)
    (body,) = kinds["body"]
    assert {v.display for v in body.values} == {"finance office", "finance committee"}
    (times,) = kinds["frequency"]
    assert [v.display for v in times.values] == ["2", "3"]
    (first,) = kinds["first"]
    assert {v.display for v in first.values} == {"the first", "not the first"}


def test_one_events_two_dates_and_a_series_of_two() -> None:
    a = "Acme Corp chief Ray Dunn met Zenith Inc in Geneva on March 3, 1987 for merger talks."
    b = "Acme Corp chief Ray Dunn met Zenith Inc in Geneva on March 9, 1987 for merger talks."
    (finding,) = _kinds(a, b)["date"]
    assert [v.display for v in finding.values] == ["1987-03-03", "1987-03-09"]
    same = b.replace("March 9", "March 3")
    assert "date" not in _kinds(a, same)
    figures = (
        a.replace("talks", "talks on 15 mln shares"),
        b.replace("talks", "talks on 20 mln shares"),
    )
    assert "date" not in _kinds(*figures)  # each with its own figure: two meetings


def test_a_length_told_with_another_noun() -> None:
    a = (
        "Lavrov met Taliban envoys in Moscow on Friday to end the 17-year war in Afghanistan. "
        "The Red Army invaded, beginning a decade-long war that ended with the Soviets' exit."
    )
    b = (
        "Lavrov met Taliban envoys in Moscow to end a 17-year war in Afghanistan. The Soviet "
        "Union left in 1989 after a nine-year occupation."
    )
    (finding,) = _kinds(a, b)["duration"]
    assert [v.display for v in finding.values] == ["9", "10"]


def test_yaml_for_the_new_kinds_passes_the_quote_rules(tmp_path: Path) -> None:
    root = _seeds(tmp_path)
    done = run_cli("discover", "seeds", "--format", "yaml", cwd=root)
    block = yaml.safe_load(done.stdout)
    kinds = {t["kind"] for t in block["topics"].values()}
    assert {"text", "date", "quantity", "count"} <= kinds
    (root / "claims.yaml").write_text(done.stdout, encoding="utf-8")
    checked = run_cli("check", "--format", "json", cwd=root)
    diagnostics = json.loads(checked.stdout)["diagnostics"]
    assert not [d for d in diagnostics if d["code"][0] in "QSR"], checked.stdout
    assert not [d for d in diagnostics if d["code"] == "F102"]  # values in the quotes' words
    topics = {t for t in block["topics"] if t.endswith(("-title", "-participation", "-name"))}
    conflicts = {d["message"].split("'")[1] for d in diagnostics if d["code"] == "F101"}
    assert {"khalilzad-title", "united-states-participation"} <= topics <= conflicts


def test_one_party_one_finding_however_many_documents_say_it() -> None:
    """ "Only Pakistan has confirmed" against two reports that China took part: one finding
    for China and one for Iran, not one per pair of documents."""
    listing = (
        "The Moscow meeting on Afghanistan opened on Friday. It was attended by delegates"
        " of 11 countries, including China, Iran and Pakistan."
    )
    alone = (
        "The Moscow meeting on Afghanistan opened on Friday. Only Pakistan has so far"
        " confirmed its attendance at the Moscow meeting."
    )
    found = _kinds(listing + " " + alone, listing, listing.replace("Friday", "Friday morning"))
    shown = sorted(f.fact for f in found["role"])
    assert len(shown) == 2, shown
