"""`tariff_line`: lines of the US tariff schedule on file (the USITC HTS JSON export of chapters 85, 87, 98 and
99, 2025 edition as of January 2025), looked up by HTS number or product words.

Every figure asserted here is read from the real files in corpus/official/hts.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.calculators.hts_schedule import HtsScheduleError, load_schedule, normalize_code, schedule_for
from assistant.calculators.tariff_lines import (
    TariffLineInput,
    special_programs,
    tariff_line,
    usmca_status,
)
from assistant.errors import AssistantError
from assistant.interfaces.cli.tools import tool_app
from assistant.registry import REGISTRY, ToolInputError, run_tool
from assistant.settings import Settings, get_settings

ROOT = Path(__file__).resolve().parents[1]
HTS = ROOT / "corpus" / "official" / "hts"
SECTION_301_PLUS_25 = "The duty provided in the applicable subheading + 25%"


@pytest.fixture(scope="module")
def schedule():
    return load_schedule(HTS)


@pytest.fixture
def hts_on_file(monkeypatch):
    """The settings point at the shipped schedule (the isolated test settings have an empty corpus)."""
    monkeypatch.setenv("NEARSHORE_HTS_DIR", str(HTS))
    get_settings.cache_clear()


def look(schedule, **args):
    return tariff_line(TariffLineInput(**args), schedule)


def only(result, htsno):
    return next(line for line in result.lines if line.htsno == htsno)


# ------------------------------------------------------------------ one known line of each chapter file
def test_a_chapter_85_line_has_its_rates_usmca_and_the_section_301_heading_its_footnote_names(schedule):
    line = only(look(schedule, code="8544.42.90"), "8544.42.90")
    assert (line.general, line.other, line.general_ad_valorem_percent) == ("2.6%", "35%", 2.6)
    assert line.special == "Free (A,AU,B,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG)"
    assert line.usmca and "Free under USMCA (S)" in line.usmca_note
    assert line.description == (
        "Insulated (including enameled or anodized) wire, cable (including coaxial cable) and other insulated electric "
        "conductors, whether or not fitted with connectors; optical fiber cables, made up of individually sheathed "
        "fibers, whether or not assembled with electric conductors or fitted with connectors: Other electric "
        "conductors, for a voltage not exceeding 1,000 V: Fitted with connectors: Other: Other")  # "Other:" is an unnumbered row
    [ch99] = line.chapter_99
    assert (ch99.heading, ch99.columns, ch99.rate) == ("9903.88.03", ["general"], SECTION_301_PLUS_25)
    assert ch99.description.startswith("Articles the product of China, as provided for in U.S. note 20(e)")


def test_a_chapter_87_line_electric_passenger_cars_pay_2_5_percent(schedule):
    result = look(schedule, code="8703.80.00")
    line = result.lines[0]
    assert (line.htsno, line.general, line.other, line.usmca) == ("8703.80.00", "2.5%", "10%", True)
    assert line.description.endswith("Other vehicles, with only electric motors for propulsion")
    assert [(h.heading, h.rate) for h in line.chapter_99] == [
        ("9903.91.03", "The duty provided in the applicable subheading + 100%")]
    assert "section-232-autos-parts" in result.doc_ids  # a later change that concerns chapter 87


def test_a_chapter_98_line_9802_00_80_charges_duty_on_the_foreign_value_only(schedule):
    result = look(schedule, code="9802.00.80")
    line = result.lines[0]
    assert line.general.startswith("A duty upon the full value of the imported article, less the cost or value of "
                                   "such products of the United States")
    assert line.general_ad_valorem_percent is None and line.usmca
    assert [h.heading for h in line.chapter_99] == ["9903.88.01", "9903.88.02"]
    assert result.doc_ids[0] == "us-9802-assembly-provision"


def test_a_chapter_99_line_9903_88_03_is_the_section_301_list_3_duty(schedule):
    result = look(schedule, code="9903.88.03")
    assert [line.htsno for line in result.lines] == ["9903.88.03"]
    line = result.lines[0]
    assert line.general == SECTION_301_PLUS_25 and not line.usmca
    assert "section-301-china-tariffs" in result.doc_ids
    assert "section-232-autos-parts" not in [c.doc_id for c in result.later_changes]  # only for chapters 84, 85, 87


def test_s_plus_means_usmca_for_goods_originating_under_general_note_11_b_only(schedule):
    line = look(schedule, code="9823.01.03").lines[0]
    assert line.special == "77.2¢/liter (S+)" and line.usmca
    assert line.usmca_note.startswith("77.2¢/liter under USMCA (S+) only for goods originating under HTSUS General Note 11(b)")


def test_the_special_column_is_read_as_rates_with_their_program_indicators():
    assert special_programs("Free (A+,AU,B,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S, SG)")[0][1][-2:] == ["S", "SG"]
    assert special_programs("No change (A) Free (CA,IL, MX) See U.S. note 3 to this sub- chapter (E)") == [
        ("No change", ["A"]), ("Free", ["CA", "IL", "MX"]), ("See U.S. note 3 to this sub- chapter", ["E"])]
    assert special_programs("Free (See U.S. note 4 of this subchapter)") == []
    assert usmca_status("Free", "")[0] is False
    assert usmca_status("3.9%", "Free (A,AU,B)") == (False, "No USMCA (S or S+) rate is listed on this line.")


# ------------------------------------------------------------------ codes
@pytest.mark.parametrize("code, dotted", [
    ("8544.42", "8544.42"), ("854442", "8544.42"), ("8544.42.90", "8544.42.90"), ("8544.42.9000", "8544.42.90.00"),
    ("8544.42.90.00", "8544.42.90.00"), (" 8544 42 ", "8544.42"), ("8544", "8544"),
])
def test_a_code_may_be_written_with_or_without_dots(code, dotted):
    assert normalize_code(code) == dotted


def test_an_eight_digit_code_with_00_finds_the_line_when_there_is_no_such_statistical_suffix(schedule):
    result = look(schedule, code="8544.42.9000")
    assert result.found and [line.htsno for line in result.lines] == ["8544.42.90", "8544.42.90.10", "8544.42.90.90"]
    assert "8544.42.90.00 is not a statistical line on file" in result.message


def test_a_statistical_line_inherits_the_rates_of_its_eight_digit_line_and_says_so(schedule):
    line = look(schedule, code="8544.42.90.10").lines[0]
    assert (line.general, line.rate_from, line.units) == ("2.6%", "8544.42.90", ["No."])
    assert line.description.endswith("Fitted with connectors: Other: Other: Extension cords as defined in statistical "
                                     "note 6 to this chapter")
    assert "Statistical lines show the rates of the line they belong to (rate_from)." in look(schedule, code="8544.42.90.10").notes


def test_a_six_digit_code_lists_its_lines_under_the_heading(schedule):
    result = look(schedule, code="854442")
    assert result.heading.htsno == "8544.42" and result.heading.general == ""
    assert [line.htsno for line in result.lines] == [
        "8544.42.10.00", "8544.42.20.00", "8544.42.90", "8544.42.90.10", "8544.42.90.90"]
    assert [line.general for line in result.lines] == ["Free", "Free", "2.6%", "2.6%", "2.6%"]
    assert result.message == "HTS 8544.42 (Fitted with connectors): 5 lines in chapter 85."


def test_a_four_digit_heading_lists_at_most_25_lines_and_counts_them_all(schedule):
    result = look(schedule, code="8708")
    assert len(result.lines) == 25 and result.total_lines == 139
    assert result.message == ("HTS 8708 (Parts and accessories of the motor vehicles of headings 8701 to 8705): 139 lines "
                              "in chapter 87 (the first 25 shown).")


def test_footnotes_name_chapter_99_headings_with_their_own_rates(schedule):
    line = look(schedule, code="8507.60.00").lines[0]
    assert [(h.heading, h.rate) for h in line.chapter_99] == [
        ("9903.88.15", "The duty provided in the applicable subheading + 7.5%"), ("9903.91.01", SECTION_301_PLUS_25)]


def test_a_code_whose_chapter_is_not_on_file_says_which_chapters_are(schedule):
    result = look(schedule, code="8471.30")
    assert not result.found and result.lines == [] and result.notices == []
    assert result.message == ("HTS 8471.30 is in chapter 84, which is not in the knowledge base "
                              "(chapters on file: 85, 87, 98, 99).")


def test_a_code_missing_from_a_chapter_on_file_points_to_the_nearest_heading(schedule):
    result = look(schedule, code="8544.99")
    assert not result.found
    assert result.message.startswith("HTS 8544.99 is not in chapter 85 of the schedule on file; the nearest heading "
                                     "on file is 8544 (Insulated")


@pytest.mark.parametrize("code", ["84713", "abc", "8544.4", "85444290001", "8544-42", "8544.42.90.00.1", ""])
def test_a_malformed_code_is_refused_with_what_a_code_looks_like(code, hts_on_file):
    with pytest.raises(ToolInputError, match=r"Invalid input for tariff_line: code.* an HTS number of 4, 6, 8 or 10 "
                                             r"digits, such as 8544, 8544.42, 8544.42.90 or 8544.42.90.00"):
        run_tool("tariff_line", {"code": code})


def test_give_a_code_or_product_words_not_both(hts_on_file):
    with pytest.raises(ToolInputError, match="give either code .* or query .*, not both"):
        run_tool("tariff_line", {"code": "8544.42", "query": "cable"})
    with pytest.raises(ToolInputError, match=r"give code \(an HTS number such as 8544.42\) or query"):
        run_tool("tariff_line", {})
    with pytest.raises(ToolInputError, match="query: give product words"):
        run_tool("tariff_line", {"query": "?!"})


def test_a_code_given_as_a_json_number_is_read_as_its_digits(hts_on_file):
    assert run_tool("tariff_line", {"code": 8703.8})["code"] == "8703.80"  # the float dropped the trailing zero
    assert run_tool("tariff_line", {"code": 854442})["code"] == "8544.42"


# ------------------------------------------------------------------ product words
@pytest.mark.parametrize("query, first", [
    ("lithium-ion batteries", "8507.60.00"),
    ("electric vehicles", "8703.80.00"),
    ("coaxial cable", "8544.20.00.00"),
    ("ignition wiring sets for vehicles", "8544.30.00.00"),
])
def test_product_words_find_the_right_line_first(schedule, query, first):
    result = look(schedule, query=query, limit=3)
    assert result.found and result.lines[0].htsno == first and len(result.lines) == 3
    assert any("not a classification" in n for n in result.notes)


def test_words_that_match_nothing_say_so_and_name_the_chapters_on_file(schedule):
    result = look(schedule, query="zzyzx quuxly")
    assert not result.found and "(chapters on file: 85, 87, 98, 99)" in result.message


def test_a_query_that_is_an_hts_number_is_looked_up_as_a_code(schedule):
    result = look(schedule, query="8544.20.00.00")
    assert result.code == "8544.20.00.00" and result.query is None and result.lines[0].general == "5.3%"


# ------------------------------------------------------------------ edition and later changes
def _corpus_ids() -> set[str]:
    ids = set()
    for path in (ROOT / "corpus").rglob("*.md"):
        m = re.search(r"^id:\s*(\S+)", path.read_text(encoding="utf-8"), re.MULTILINE)
        if m:
            ids.add(m.group(1))
    return ids


def test_every_result_names_the_edition_and_the_later_tariff_actions_with_real_guides(schedule):
    result = look(schedule, code="8544.42.90")
    assert result.as_of == result.edition.as_of == date(2025, 1, 1)
    assert result.edition.name == "HTSUS 2025 Basic Edition data as exported January 2025"
    assert result.assumptions[0].source.endswith("https://hts.usitc.gov/")
    assert "later_changes" in result.notices[0]
    later = {c.doc_id for c in result.later_changes}
    assert {"ieepa-tariffs-2025", "section-232-steel-aluminum-copper", "section-301-exclusions-2026"} <= later
    edition = schedule.edition
    named = {c.doc_id for c in edition.later_changes} | {g.doc_id for g in edition.guides} | {edition.usmca_guide}
    assert named <= _corpus_ids()
    assert set(result.doc_ids) <= _corpus_ids() and "usmca-general-note-11-claiming" in result.doc_ids


# ------------------------------------------------------------------ the folder
def test_a_chapter_file_dropped_into_the_folder_is_picked_up(tmp_path):
    shutil.copy(HTS / "edition.yaml", tmp_path)
    shutil.copy(HTS / "87.json", tmp_path / "chapter-87.json")
    before = tariff_line(TariffLineInput(code="8544.42"), schedule_for(tmp_path))
    assert before.message == "HTS 8544.42 is in chapter 85, which is not in the knowledge base (chapters on file: 87)."
    shutil.copy(HTS / "85.json", tmp_path / "85.json")
    after = tariff_line(TariffLineInput(code="8544.42"), schedule_for(tmp_path))
    assert after.found and after.chapters_on_file == ["85", "87"]


@pytest.mark.parametrize("content, problem", [
    ('[{"htsno": "8544"', r"bad\.json is not valid JSON \(Expecting"),
    ('{"htsno": "8544"}', r"bad\.json is not a USITC HTS JSON export: expected a list of rows, found a JSON dict"),
    ('[{"htsno": "8544", "indent": "x", "description": "Wire"}]', r"bad\.json: row 1 has indent 'x'"),
    ('[{"htsno": "85-44", "indent": "0", "description": "Wire"}]', r"bad\.json: row 1 has htsno '85-44'"),
    ('[{"htsno": "", "indent": "0", "description": "Wire"}]', r"bad\.json has no numbered rows"),
])
def test_a_malformed_chapter_file_is_named_with_what_is_wrong(tmp_path, content, problem):
    shutil.copy(HTS / "edition.yaml", tmp_path)
    (tmp_path / "bad.json").write_text(content, encoding="utf-8")
    with pytest.raises(HtsScheduleError, match=problem):
        load_schedule(tmp_path)


def test_a_folder_without_chapters_or_edition_or_with_a_chapter_twice_is_refused(tmp_path):
    with pytest.raises(HtsScheduleError, match="does not exist: set NEARSHORE_HTS_DIR"):
        load_schedule(tmp_path / "nowhere")
    with pytest.raises(HtsScheduleError, match=r"has no chapter files \(\*\.json\)"):
        load_schedule(tmp_path)
    shutil.copy(HTS / "87.json", tmp_path / "87.json")
    with pytest.raises(HtsScheduleError, match="has no edition.yaml"):
        load_schedule(tmp_path)
    shutil.copy(HTS / "edition.yaml", tmp_path)
    (tmp_path / "edition.yaml").write_text("name: x\n", encoding="utf-8")
    with pytest.raises(HtsScheduleError, match=r"edition.yaml is not a valid edition file: as_of is required"):
        load_schedule(tmp_path)
    shutil.copy(HTS / "edition.yaml", tmp_path)
    shutil.copy(HTS / "87.json", tmp_path / "87-again.json")
    with pytest.raises(HtsScheduleError, match=r"HTS 8701 is in two files .*87-again.json and 87.json"):
        load_schedule(tmp_path)


def test_the_folder_comes_from_nearshore_hts_dir_else_the_corpus(monkeypatch, tmp_path):
    monkeypatch.delenv("NEARSHORE_HTS_DIR", raising=False)
    assert Settings(corpus_dir=tmp_path).hts_dir == tmp_path / "official" / "hts"
    monkeypatch.setenv("NEARSHORE_HTS_DIR", str(tmp_path / "hts"))
    assert Settings().hts_dir == tmp_path / "hts"


def test_without_a_schedule_on_file_the_answer_says_so(monkeypatch, tmp_path, hts_on_file):
    monkeypatch.setenv("NEARSHORE_HTS_DIR", str(tmp_path / "nowhere"))
    get_settings.cache_clear()
    result = run_tool("tariff_line", {"code": "8544.42"}, today=date(2026, 3, 1))
    assert not result["found"] and result["chapters_on_file"] == [] and result["edition"] is None
    assert result["message"] == ("No chapters of the US tariff schedule are on file on this server, so HTS 8544.42 cannot "
                                 "be looked up (its administrator can add the USITC HTS JSON export: see NEARSHORE_HTS_DIR).")
    out = CliRunner().invoke(tool_app, ["tariff_line", "--query", "coaxial cable"])
    assert out.exit_code == 0 and "so 'coaxial cable' cannot be looked up" in out.stdout


def test_a_broken_file_is_an_error_for_the_operator_not_a_crash(monkeypatch, tmp_path):
    shutil.copy(HTS / "edition.yaml", tmp_path)
    (tmp_path / "85.json").write_text("[", encoding="utf-8")
    monkeypatch.setenv("NEARSHORE_HTS_DIR", str(tmp_path))
    get_settings.cache_clear()
    with pytest.raises(AssistantError, match=r"HTS chapter file .*85.json is not valid JSON"):
        run_tool("tariff_line", {"code": "8544.42"})
    out = CliRunner().invoke(tool_app, ["tariff_line", "--code", "8544.42"])
    assert out.exit_code == 2 and "Error: HTS chapter file" in out.output and "85.json is not valid JSON" in out.output


# ------------------------------------------------------------------ registry and command line
def test_the_registry_lists_tariff_line_with_a_one_sentence_summary():
    spec = REGISTRY["tariff_line"]
    assert spec.input_model is TariffLineInput and spec.text is not None
    assert spec.summary == ("Look up lines of the US tariff schedule (HTSUS) on file by HTS number or product words, "
                            "with their rates.")
    assert "tariff_line" in CliRunner().invoke(tool_app, ["list"]).stdout


def test_the_cli_prints_a_code_lookup_readably(hts_on_file):
    out = CliRunner().invoke(tool_app, ["tariff_line", "--code", "8544.42"])
    assert out.exit_code == 0, out.output
    text = out.stdout
    assert text.startswith("NOTICE: The rates are those of the HTSUS 2025 Basic Edition")
    assert "HTS 8544.42 (Fitted with connectors): 5 lines in chapter 85." in text
    assert "8544.42.90  …: Other: Other" in text
    assert "general 2.6% | special Free (A,AU,B,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG) | column 2 35%" in text
    assert "(rates of 8544.42.90: a statistical line)" in text and "USMCA: yes" in text
    assert f"chapter 99: 9903.88.03 [general] {SECTION_301_PLUS_25}" in text
    assert "edition: HTSUS 2025 Basic Edition data as exported January 2025 (as of 2025-01-01)" in text
    assert "later changes (not in this edition):" in text and "  - ieepa-tariffs-2025: " in text


def test_the_cli_prints_a_word_search_and_its_json(hts_on_file):
    out = CliRunner().invoke(tool_app, ["tariff_line", "--query", "lithium-ion batteries", "--limit", "2"])
    assert out.exit_code == 0, out.output
    assert "2 lines best matching 'lithium-ion batteries'." in out.stdout
    assert "8507.60.00  Electric storage batteries" in out.stdout and "general 3.4%" in out.stdout
    data = json.loads(CliRunner().invoke(tool_app, ["tariff_line", "--json", "--query", "lithium-ion batteries"]).stdout)
    assert data["lines"][0]["htsno"] == "8507.60.00" and data["lines"][0]["usmca"] is True
    assert list(data)[-3:] == ["assumptions", "doc_ids", "notes"]
