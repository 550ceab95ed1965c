"""Write the Wanrong county report as one self-contained HTML page, in Chinese and in English.

The report computes everything with the library (basic facts, scorecards, the governance
assessment, the referral network, the settlement) from the packaged Wanrong inputs, then renders
it: inline CSS and SVG charts, no network request, printable on A4.

Run: python examples/report_html.py   (writes wanrong-report-zh.html and -en.html here)
"""

from countycare import load_county
from countycare.report import build_report, packaged_inputs, render_html, write_html

county = load_county("wanrong")
report = build_report(county, **packaged_inputs("wanrong"))  # computed once, rendered twice

facts = report.facts
print(
    f"{county.name}: {facts['population'].value:,} residents, "
    f"{facts['township_level'].value} townships, {facts['villages'].value} villages, "
    f"{facts['village_clinics'].value} village clinics"
)
print(f"scorecards: {', '.join(s.card.set_code for s in report.scorecards)}")
for lang in ("zh", "en"):
    path = write_html(render_html(report, lang), f"wanrong-report-{lang}.html")
    print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")
