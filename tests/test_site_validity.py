"""The whole built site, both languages, real and fixture content (also with phone photos): valid
HTML by the Nu HTML Checker (vnu-jar from npm, on Java) and no broken internal link, #anchor or
image width of a srcset."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import ROOT
from linkcheck import check

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SITE_URL = "https://example.org/site/"  # the address conftest.build gives the test builds
# Messages of the checker that are accepted, each with its reason.
ACCEPTED = {
    # Material puts autocomplete="off" on its hidden drawer and search checkboxes so that Firefox
    # does not reopen them when a visitor comes back to a page; HTML allows the attribute only on
    # text-like inputs. Browsers ignore it elsewhere: no visitor is affected.
    "Attribute “autocomplete” is only allowed when the input type is",
}


def _vnu(site) -> list[str]:
    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing: run `npm ci` (python3 dev.py test does it)")
    if shutil.which("java") is None:
        pytest.fail("java is missing: apt-get install default-jre-headless (.ci/run does it)")
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", str(site)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [f"{m.get('url', '').split(site.name + '/', 1)[-1]}:{m.get('lastLine')}: {m['type']}: {m['message']}"
            for m in messages
            if m["type"] in ("error", "non-document-error") or m.get("subType") == "fatal"
            if not any(m["message"].startswith(accepted) for accepted in ACCEPTED)]


@pytest.mark.parametrize("which", ["real_site", "fixture_site", "photo_site"])
def test_every_page_is_valid_html(request, which):
    site = request.getfixturevalue(which)
    assert len(list(site.rglob("*.html"))) > 20
    assert not _vnu(site)


@pytest.mark.parametrize("which", ["real_site", "fixture_site", "photo_site"])
def test_no_broken_internal_link_or_anchor(request, which):
    broken, external = check(request.getfixturevalue(which), SITE_URL)
    assert not broken
