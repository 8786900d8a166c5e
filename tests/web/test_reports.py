"""The reports page through HTTP: stored runs listed and downloaded (office and viewers), a report
made by the office as `tracker report` makes it, every refusal with nothing written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.web.conftest import Portal, csrf_of


def words_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.split("<main>")[1]))


def reports_dir(portal: Portal) -> Path:
    from tracker.config import load_settings

    return load_settings(portal.config).reports_dir


def report_files(portal: Portal) -> list[str]:
    folder = reports_dir(portal)
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def make(portal: Portal, name: str = "vanphong", **fields: object) -> object:
    client = portal.signed_in(name)
    page = client.get("/reports")
    data = {"csrf_token": csrf_of(page.text), "format": ["html", "md"], "year": "2022", "lang": "en"}
    return client, client.post("/reports", data={**data, **fields})


def test_the_office_makes_a_report_and_downloads_its_files(portal: Portal) -> None:
    assert portal.tracker("record", "T07", "2022", "150").code == 0
    client, answer = make(portal)
    assert answer.status_code == 303 and answer.headers["location"] == "/reports?made=1"  # type: ignore[attr-defined]
    page = client.get("/reports?made=1")  # type: ignore[attr-defined]
    assert "The report is made (run 1)" in words_of(page.text)
    assert '<a href="/reports/1/html" download>' in page.text and "/reports/1/md" in page.text
    html = client.get("/reports/1/html")  # type: ignore[attr-defined]
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert html.headers["content-disposition"] == 'attachment; filename="DHIX-DUK-DB-2022-en-r1.html"'
    assert "150" in html.text
    md = client.get("/reports/1/md")  # type: ignore[attr-defined]
    assert md.headers["content-type"].startswith("text/markdown")
    assert report_files(portal) == ["DHIX-DUK-DB-2022-en-r1.html", "DHIX-DUK-DB-2022-en-r1.md"]


def test_a_viewer_reads_and_downloads_but_may_not_make_a_report(portal: Portal) -> None:
    make(portal)
    viewer = portal.signed_in("thuongvu")
    page = viewer.get("/reports")
    assert page.status_code == 200 and "/reports/1/html" in page.text
    assert 'action="/reports"' not in page.text  # no form to make one
    assert viewer.get("/reports/1/html").status_code == 200
    home = viewer.get("/")
    refused = viewer.post("/reports", data={"csrf_token": csrf_of(home.text), "format": "html"})
    assert refused.status_code == 403 and "Only the office makes reports" in refused.text
    assert len(report_files(portal)) == 2  # nothing more written


def test_a_unit_account_may_not_read_the_reports(portal: Portal) -> None:
    make(portal)
    client = portal.signed_in("syt")
    assert client.get("/reports").status_code == 403
    assert client.get("/reports/1/html").status_code == 403


def test_not_signed_in_the_reports_send_to_sign_in(portal: Portal) -> None:
    client = portal.client()
    assert client.get("/reports").status_code == 303
    assert client.get("/reports/1/html").status_code == 303
    answer = client.post("/reports", data={"format": "html"})
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


def test_a_report_form_without_its_token_is_refused_and_nothing_written(portal: Portal) -> None:
    client = portal.signed_in("vanphong")
    answer = client.post("/reports", data={"format": "html", "year": "2022", "csrf_token": "forged"})
    assert answer.status_code == 403 and "out of date or not from this site" in answer.text
    assert report_files(portal) == []
    assert "No report has been made yet." in words_of(client.get("/reports").text)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"format": "xls"}, "unknown report format 'xls'; accepted: html, md, txt, docx, pdf"),
        ({"format": []}, "unknown report format"),
        ({"kind": "weekly"}, "unknown report kind 'weekly'; accepted: nam (yearly)"),
        ({"year": "1999"}, "year 1999 is outside the reporting years 2021-2025"),
        ({"lang": "fr"}, "unknown language 'fr'; accepted: vi, en"),
    ],
)
def test_a_refused_report_shows_the_command_lines_line(
    portal: Portal, fields: dict[str, object], message: str
) -> None:
    client, answer = make(portal, **fields)
    assert answer.status_code == 400  # type: ignore[attr-defined]
    assert message.replace("'", "&#39;") in answer.text  # type: ignore[attr-defined]
    assert report_files(portal) == []
    assert "No report has been made yet." in words_of(client.get("/reports").text)  # type: ignore[attr-defined]


def test_a_bad_word_template_is_refused_with_its_line(portal: Portal) -> None:
    template = portal.config.parent / "mau.docx"
    template.write_bytes(b"not a zip")
    text = portal.config.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^document:[^\n]*\n", lambda m: f"{m.group(0)}  template: {template}\n", text, count=1)
    portal.config.write_text(text, "utf-8")
    from tracker.config import load_settings
    from tracker.web import create_app

    portal.app.state.portal.close()
    portal.app = create_app(load_settings(portal.config))
    cli = portal.tracker("report", "--format", "docx", "--year", "2022")
    assert cli.code != 0
    _client, answer = make(portal, format="docx")
    assert answer.status_code == 400  # type: ignore[attr-defined]
    line = cli.err.strip().splitlines()[-1].split("error: ", 1)[1]
    assert line.replace("'", "&#39;") in answer.text  # type: ignore[attr-defined]


def test_a_file_gone_from_the_folder_or_outside_it_is_not_served(portal: Portal) -> None:
    make(portal)
    folder = reports_dir(portal)
    (folder / "DHIX-DUK-DB-2022-en-r1.md").unlink()
    client = portal.signed_in("thuongvu")
    assert "md (no longer in the folder)" in words_of(client.get("/reports").text)
    gone = client.get("/reports/1/md")
    assert gone.status_code == 404 and "There is no such report file" in gone.text
    assert client.get("/reports/1/pdf").status_code == 404  # a format the run did not write
    assert client.get("/reports/9/html").status_code == 404
    assert client.get("/reports/1/..%2F..%2Fconfig.yaml").status_code == 404
    outside = folder.parent / "elsewhere.html"
    outside.write_text("secret", encoding="utf-8")
    (folder / "DHIX-DUK-DB-2022-en-r1.html").unlink()
    (folder / "DHIX-DUK-DB-2022-en-r1.html").symlink_to(outside)
    assert client.get("/reports/1/html").status_code == 404  # a link out of the folder


def test_the_vietnamese_reports_page_has_no_english_left(portal: Portal) -> None:
    from tests.cli.test_vietnamese import english_left

    make(portal)
    client = portal.signed_in("vanphong", lang=None)
    words = words_of(client.get("/reports?made=1").text)
    for literal in ("html", "md", "txt", "docx", "pdf", "en", "vi", "English"):
        words = words.replace(f" {literal} ", " ")
    assert english_left(words) == [], words
