"""Our page-view counts agree with GoAccess (Debian package goaccess) over the access log of the same requests.

A scripted day of traffic: people on desktops, phones and tablets, some sharing an address, some
reading pages twice, and crawlers. For every page a browser fetches, the test writes the line nginx
would log (combined format) and sends the beacon the page's script sends. GoAccess then reads the log
with --ignore-crawlers.

The margin, and why there is one:
- Unique visitors: GoAccess counts address + date + user agent, which is our daily hash exactly.
- Crawlers: GoAccess ignores them by its own list, we by crawlerdetect's; where the lists disagree about
  a user agent (e.g. command-line clients), the totals differ by that agent's requests.
- In production the log also holds the beacon's own POSTs and the app's pages, and browsers with Do Not
  Track or GPC are in the log but not in our counts; this test logs only the page requests and sends
  no DNT, so what remains is the crawler lists' disagreement. We allow 5 %.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import subprocess

import pytest

from registration import config
from registration.stats import database, rules

MARGIN = 0.05
DAY = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
HUMANS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
]
CRAWLERS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
]
PAGES = [
    "/", "/sectoren/", "/sectoren/zorg/", "/sectoren/haven/", "/evenementen/", "/evenementen/opening-netwerkweek/",
    "/evenementen/zorgcafe/", "/evenementen/excursie-terminal/", "/stagemarkt/", "/stagemarkt/groepsstage-zorg/",
    "/stagemarkt/operator-maasvlakte/", "/verhalen/havenstudent/", "/jongerenhubs/feijenoord/", "/over-leerstad/", "/netwerkweek/2027/",
]


def scripted_day(seed: int = 23) -> list[tuple[dt.datetime, str, str, str, str]]:
    """(moment, address, user agent, path, referrer) for every page fetched on one day, in time order."""
    rng = random.Random(seed)
    requests = []
    for n in range(60):
        address = f"192.0.2.{n // 2}"  # two people behind each address, most with different browsers
        agent = HUMANS[n % len(HUMANS)]
        start = DAY + dt.timedelta(minutes=rng.randrange(0, 600))
        referrer = rng.choice(["-", "-", "https://www.google.com/", "https://www.instagram.com/"])
        for step in range(rng.randrange(1, 7)):
            path = rng.choice(PAGES)
            requests.append((start + dt.timedelta(seconds=30 * step), address, agent, path, referrer if step == 0 else "-"))
            if rng.random() < 0.2:  # a reload
                requests.append((start + dt.timedelta(seconds=30 * step + 5), address, agent, path, "-"))
    for index, agent in enumerate(CRAWLERS):
        for minute, path in enumerate(PAGES):
            requests.append((DAY + dt.timedelta(minutes=minute, seconds=index), f"198.51.100.{index}", agent, path, "-"))
    return sorted(requests)


def combined_line(moment: dt.datetime, address: str, agent: str, path: str, referrer: str) -> str:
    return f'{address} - - [{moment:%d/%b/%Y:%H:%M:%S +0000}] "GET {path} HTTP/1.1" 200 5120 "{referrer}" "{agent}"'


def test_counts_agree_with_goaccess_over_the_same_requests(make_app, tmp_path):
    goaccess = shutil.which("goaccess")
    if goaccess is None:
        pytest.skip("goaccess is needed for this comparison (Debian package goaccess; `bash .ci/run` installs it)")
    app = make_app(NOW=DAY)
    client = app.test_client()
    requests = scripted_day()
    log = tmp_path / "access.log"
    with log.open("w", encoding="utf-8") as handle:
        for moment, address, agent, path, referrer in requests:
            handle.write(combined_line(moment, address, agent, path, referrer) + "\n")
            app.config["NOW"] = moment
            client.post("/api/teller", data={"p": path, "r": "" if referrer == "-" else referrer},
                        headers={"User-Agent": agent, "Accept-Language": "nl"}, environ_base={"REMOTE_ADDR": address})

    report_json = tmp_path / "goaccess.json"
    ran = subprocess.run([goaccess, str(log), "--log-format=COMBINED", "--ignore-crawlers", "--no-global-config", "-o", str(report_json)],
                         capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr
    theirs = json.loads(report_json.read_text(encoding="utf-8"))
    their_views = theirs["general"]["valid_requests"]
    their_visitors = theirs["general"]["unique_visitors"]
    their_pages = {row["data"]: row["hits"]["count"] for row in theirs["requests"]["data"]}

    db = database.connect(config.stats_database(app.config))
    rules.roll_over(db, "2026-11-24")  # the day's unique visitors are final once it has ended
    ours = rules.report(db, "2026-11-23", "2026-11-23", "2026-11-24")
    total = ours.dimensions[rules.TOTAL][0]
    our_pages = {row.value: row.views for row in ours.dimensions["pagina"]}

    humans = sum(1 for r in requests if r[2] in HUMANS)
    print(f"requests {len(requests)}, by people {humans}; page views ours {total.views} / GoAccess {their_views};"
          f" unique visitors ours {total.visitors} / GoAccess {their_visitors}")
    assert total.views == humans  # every request of a person counted, no crawler
    assert abs(total.views - their_views) <= MARGIN * their_views
    assert abs(total.visitors - their_visitors) <= MARGIN * their_visitors
    for path, hits in their_pages.items():
        assert abs(our_pages.get(path, 0) - hits) <= max(1, MARGIN * hits), path
