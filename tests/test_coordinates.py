"""A partner's seat lies in its country: coordinates clearly outside it (a latitude typed 21 for 62,
the two numbers swapped, a minus sign) are an error on the latitude's line; a seat on the coast or
on a border, a few kilometres off the map's coarse outline, is not."""
from __future__ import annotations

import pytest

from contentfiles import edit
from sitegen import geography
from test_validation import copy_project, run_check

PARTNER = "content/ro/partners/org-fi.yml"  # a Finnish partner of the fixture content, at 62.2426, 25.7473


@pytest.mark.parametrize("lat, lon, km", [("21", "25.7473", 4000), ("25.7473", "62.2426", 2000),
                                           ("62.2426", "-25.7473", 1500), ("52.52", "13.40", 1000)])
def test_coordinates_outside_the_country_are_an_error(tmp_path, lat, lon, km):
    root = copy_project(tmp_path)
    line = edit(root, PARTNER, "lat: 62.2426", f"lat: {lat}")
    edit(root, PARTNER, "lon: 25.7473", f"lon: {lon}")
    code, out = run_check(root)
    said = [text for text in out.splitlines() if text.startswith(f"{PARTNER}:{line}: ")]
    assert code == 1 and said, out
    assert "câmpul „lat”" in said[0] and "în afara țării FI" in said[0], said
    assert int(said[0].split("circa ")[1].split(" km")[0].replace(",", "")) > km


def test_a_seat_on_the_coast_or_a_border_is_in_its_country():
    assert geography.km_outside("FI", 60.17, 24.95) < geography.MARGIN_KM  # Helsinki, on the coast
    assert geography.km_outside("MD", 47.21, 27.80) < geography.MARGIN_KM  # Ungheni, on the Prut
    assert geography.km_outside("NL", 53.22, 6.57) == 0
    assert geography.km_outside("DE", 21, 11.8) > 2000
    assert geography.km_outside("VA", 41.9, 12.45) is None  # below the outlines' scale: not judged
