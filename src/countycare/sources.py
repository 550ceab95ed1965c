"""The public documents countycare relies on: who issued them, when, and what each supports.

Every definition, target, payment rule and packaged figure cites one of these documents. The
register is data, so that the docs page "Sources" (``docs/reference/sources.md``) is generated
from it and cannot drift: ``python -m countycare.sources [ROOT]`` writes the page, and a test
fails when the committed page differs.

A document's ``status`` says how far what the library takes from it can be trusted:
``official`` — read in the official text or a faithful copy; ``secondary`` — a press report,
paper or reposting site; ``reconstructed`` — the conventional reading of a document whose text
was not retrieved (the library's formula, flagged so wherever it prints).

Examples
--------
>>> doc = document("gov-2015-70")
>>> doc.number, doc.date
('国办发〔2015〕70号', '2015-09-08')
>>> doc.citation().split(", ")[1:4]
['关于推进分级诊疗制度建设的指导意见', '国办发〔2015〕70号', '2015-09-08']
>>> document("wanrong-interview-2022").status.value
'secondary'
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

import attrs

from countycare.errors import CountyCareError
from countycare.labels import SourceStatus

__all__ = ["DOCUMENTS", "Document", "UnknownDocumentError", "document", "main", "sources_markdown"]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class UnknownDocumentError(CountyCareError):
    """A document id that the register does not hold."""


def _date_text(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value and not _DATE.match(value):
        raise ValueError(f"{attribute.name}: {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")


def _id_text(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _ID.match(value):
        raise ValueError(f"{attribute.name}: {value!r} is not a lower-case code")


@attrs.frozen
class Document:
    """A public document: issuer, title, number, date, URL, what it supports, and its status.

    ``date`` is ISO text of the precision known (``2015-09-08``, ``2024-11`` or ``2020``);
    ``number`` is the document number (文号) where there is one; an empty ``url`` means no
    stable address was retrieved, and ``note`` says what is known instead.
    """

    id: str = attrs.field(validator=_id_text)
    issuer: str
    title: str
    supports: str
    status: SourceStatus = attrs.field(converter=SourceStatus)
    number: str = ""
    date: str = attrs.field(default="", validator=_date_text)
    url: str = ""
    title_en: str = ""
    note: str = ""

    def citation(self) -> str:
        """One line: issuer, title, number, date and URL, the parts that are known."""
        parts = [self.issuer, self.title, self.number, self.date, self.url]
        return ", ".join(p for p in parts if p)


#: The register, in the order of the docs page: national policy, monitoring systems, statistics,
#: payment, provincial, and the Wanrong sources.
DOCUMENTS: tuple[Document, ...] = (
    Document(
        "gov-2015-70",
        "国务院办公厅 (General Office of the State Council)",
        "关于推进分级诊疗制度建设的指导意见",
        title_en="Guiding Opinions on Promoting the Construction of the Hierarchical Medical "
        "System",
        number="国办发〔2015〕70号",
        date="2015-09-08",
        url="https://www.gov.cn/zhengce/content/2015-09/11/content_10158.htm",
        supports="Set `hierarchical-care-2015` and the pilot standards pilot areas were to reach "
        "by 2017 (primary visit share ≥ 65 %, county visit rate about 90 %, …); they judge values "
        "of that set for 2015–2017 only.",
        status=SourceStatus.OFFICIAL,
    ),
    Document(
        "nhc-2023-41",
        "国家卫生健康委等10部门 (National Health Commission and nine other departments)",
        "关于全面推进紧密型县域医疗卫生共同体建设的指导意见",
        title_en="Guiding Opinions on Comprehensively Promoting Tight County Medical and Health "
        "Communities",
        number="国卫基层发〔2023〕41号",
        date="2023-12-29",
        supports="What a medical community is (a county-level public hospital leads, township "
        "centres and village clinics join, one legal structure); full national coverage by the "
        "end of 2027.",
        status=SourceStatus.OFFICIAL,
        note="English summary on english.www.gov.cn, 2023-12-30; the Chinese URL was not "
        "retrieved.",
    ),
    Document(
        "nhc-2020-12",
        "国家卫生健康委办公厅、国家医保局办公室、国家中医药局办公室 (General Offices of the NHC, "
        "the NHSA and the NATCM)",
        "关于印发紧密型县域医疗卫生共同体建设评判标准和监测指标体系（试行）的通知",
        title_en="Judging criteria and monitoring indicators of tight county medical communities "
        "(trial)",
        number="国卫办基层发〔2020〕12号",
        date="2020",
        supports="Set `nhc-2020` (4 aspects, 26 indicators) and the four communities of "
        "responsibility, management, service and interest (11 judging criteria); superseded by "
        "the 2024 monitoring system.",
        status=SourceStatus.SECONDARY,
        note="The annex's item list was read in secondary reports, not in the official annex; "
        "definitions taken from them are flagged per item.",
    ),
    Document(
        "nhc-2024-monitoring",
        "国家卫生健康委 (National Health Commission) with partner ministries",
        "紧密型县域医疗卫生共同体监测指标体系（2024版）",
        title_en="Monitoring indicators of tight county medical and health communities, 2024 "
        "edition",
        date="2024",
        supports="Set `nhc-2024` (5 aspects, 14 items): the item names, the formulas of items 2.1 "
        "and 2.2(1), and the test of the qualitative items 1.1–1.3 (clear arrangements that "
        "have actually been implemented).",
        status=SourceStatus.OFFICIAL,
        note="The names and the qualitative test follow the official text and its Q&A; the "
        "document number and URL were not retrieved; formulas other than 2.1 and 2.2(1) are "
        "the library's reconstruction and are flagged so.",
    ),
    Document(
        "nhc-press-2025-11-27",
        "国家卫生健康委 (National Health Commission), press conference",
        "国家卫生健康委新闻发布会",
        date="2025-11-27",
        supports="The reported national 2024 primary visit share (63.4 %), shown beside item 3.1 "
        "as a reference, never as a target; 2,199 counties running 3,099 tight communities.",
        status=SourceStatus.SECONDARY,
        note="Figures as reported by the press from the conference.",
    ),
    Document(
        "nhc-communique-2023",
        "国家卫生健康委 (National Health Commission)",
        "2023年我国卫生健康事业发展统计公报",
        title_en="Statistical communiqué on the development of health care in China, 2023",
        date="2024-08",
        supports="The scale of the synthetic data: 9.55 billion visits (6.8 per resident), 301.9 "
        "million admissions, 362 yuan per outpatient visit, 10,316 yuan per admission; primary "
        "institutions (基层医疗卫生机构) as NHC statistics count them.",
        status=SourceStatus.OFFICIAL,
        note="Published on the NHC website; the URL was not retrieved.",
    ),
    Document(
        "healthy-china-action-2019",
        "健康中国行动推进委员会 (Healthy China Action Promotion Committee)",
        "健康中国行动（2019—2030年）",
        title_en="Healthy China Action (2019–2030)",
        date="2019-07-09",
        supports="Dated national targets for premature mortality from the four major NCDs and "
        "for residents' health literacy.",
        status=SourceStatus.OFFICIAL,
        note="Published with 国务院关于实施健康中国行动的意见 (国发〔2019〕13号); the URL was not "
        "retrieved.",
    ),
    Document(
        "who-sdg-3-4-1",
        "World Health Organization",
        "SDG indicator 3.4.1: mortality attributed to cardiovascular disease, cancer, diabetes "
        "or chronic respiratory disease (probability of dying between 30 and 70)",
        supports="The method of item 5.2: five-year age bands 30–69, q = 5M ÷ (1 + 2.5M), result "
        "1 − Π(1 − q); the four NCD groups as ICD-10 ranges.",
        status=SourceStatus.OFFICIAL,
        url="https://www.who.int/data/gho/indicator-metadata-registry/imr-details/3411",
    ),
    Document(
        "gov-2017-55",
        "国务院办公厅 (General Office of the State Council)",
        "关于进一步深化基本医疗保险支付方式改革的指导意见",
        title_en="Guiding Opinions on Further Deepening the Reform of Basic Medical Insurance "
        "Payment Methods",
        number="国办发〔2017〕55号",
        date="2017-06-28",
        url="https://www.gov.cn/zhengce/content/2017-06/28/content_5206315.htm",
        supports="Global budgets with surplus retained and reasonable overspend shared "
        "(结余留用、合理超支分担); the settlement formulas are the library's synthesis of local "
        "rules, every parameter explicit.",
        status=SourceStatus.OFFICIAL,
    ),
    Document(
        "nhsa-dip-2020-45",
        "国家医疗保障局办公室 (General Office of the National Healthcare Security Administration)",
        "关于印发区域点数法总额预算和按病种分值付费试点工作方案的通知",
        title_en="Pilot scheme for regional point-based global budgets and payment by "
        "diagnosis-intervention packet (DIP)",
        number="医保办发〔2020〕45号",
        date="2020-10",
        supports="DIP as a regional point-based global budget: the year's fund budget shared by "
        "points.",
        status=SourceStatus.SECONDARY,
        note="Read in secondary summaries; the URL was not retrieved.",
    ),
    Document(
        "nhsa-dip-2020-50",
        "国家医疗保障局办公室 (General Office of the National Healthcare Security Administration)",
        "国家医疗保障按病种分值付费（DIP）技术规范",
        title_en="Technical specification of payment by diagnosis-intervention packet (DIP)",
        number="医保办发〔2020〕50号",
        date="2020-11",
        supports="The DIP point value in total-cost terms, computed “根据年度医保支付总额、"
        "医保支付比例及各医疗机构病例的总分值” (fund budget ÷ payment ratio ÷ total points).",
        status=SourceStatus.SECONDARY,
        note="Quoted by DIP definition pages (e.g. https://www.epiman.cn/wiki-12467-1.html); "
        "the specification's own text was not retrieved.",
    ),
    Document(
        "guangzhou-dip-outliers",
        "中国社会保障 (China Social Security), reporting Guangzhou's DIP scheme",
        "广州按病种分值付费的偏差病例规则",
        title_en="Outlier cases (偏差病例) in Guangzhou's DIP payment, from 2018",
        url="https://www.ppdoc.com/periodical/63ff1da03f5dcf10b02b195250e0700e.html",
        supports="DIP outlier cases: below 50 % of the group's average cost re-pointed at the "
        "cost ratio, above 2× at the ratio less one; the thresholds are local parameters.",
        status=SourceStatus.SECONDARY,
    ),
    Document(
        "nhsa-2021-48",
        "国家医疗保障局 (National Healthcare Security Administration)",
        "DRG/DIP支付方式改革三年行动计划",
        title_en="Three-year action plan for DRG/DIP payment reform",
        number="医保发〔2021〕48号",
        date="2021-11",
        supports="DRG and DIP as the payment methods to cover all eligible hospitals by 2025; "
        "DRG payment = group weight × rate (× the hospital's coefficient where used).",
        status=SourceStatus.SECONDARY,
    ),
    Document(
        "nhsa-drg-dip-2-0",
        "国家医疗保障局办公室 (General Office of the National Healthcare Security Administration)",
        "按病组和病种分值付费2.0版分组方案",
        title_en="DRG and DIP grouping schemes, version 2.0",
        date="2024-07",
        supports="The current national DRG/DIP groups; high and low cost outliers paid by local "
        "rules.",
        status=SourceStatus.SECONDARY,
        note="The document number was not verified.",
    ),
    Document(
        "shanxi-integration-regulation",
        "山西省 (Shanxi Province)",
        "山西省保障和促进县域医疗卫生一体化办法",
        title_en="Shanxi measures to safeguard and promote county health-care integration",
        supports="The provincial legal basis of Shanxi's county medical groups: governments at "
        "county level and above are responsible; coordination mechanism; the three-medical "
        "linkage (三医联动).",
        status=SourceStatus.SECONDARY,
        note="Cited by the Wanrong interview; articles 1–4 as summarised in secondary sources. "
        "The number and date were not retrieved.",
    ),
    Document(
        "chinadaily-shanxi-2023-10-10",
        "China Daily (Shanxi)",
        "Report on Shanxi's county medical groups",
        date="2023-10-10",
        supports="The six unified management dimensions (行政、人员、资金、业务、绩效、药械) "
        "as the official Shanxi wording.",
        status=SourceStatus.SECONDARY,
        note="An English-language press report; the URL was not retrieved.",
    ),
    Document(
        "chinadaily-shanxi-2024-07-19",
        "China Daily (Shanxi)",
        "Report on Shanxi's county medical groups",
        date="2024-07-19",
        supports="The six unified management dimensions, confirmed a second time.",
        status=SourceStatus.SECONDARY,
        note="An English-language press report; the URL was not retrieved.",
    ),
    Document(
        "hndaily-2017-09-03",
        "海南日报 (Hainan Daily), reporting the National Health and Family Planning Commission",
        "Report on hierarchical care",
        date="2017-09-03",
        supports="National shares of secondary- and tertiary-hospital inpatients transferred to "
        "primary facilities (0.5 % → 0.7 %, 0.6 % → 0.9 %, 2016 → 2017): one of the referral "
        "denominators.",
        status=SourceStatus.SECONDARY,
        note="A press report of national statistics; the URL was not retrieved.",
    ),
    Document(
        "flcube-2024-capability",
        "flcube.com",
        "县医院医疗服务能力评估 2024",
        url="https://flcube.com/?p=33852",
        date="2025",
        supports="In 2024, 93.35 % of 2,059 assessed county hospitals met the basic and 63.57 % "
        "the recommended capability standard.",
        status=SourceStatus.SECONDARY,
    ),
    Document(
        "wanrong-interview-2022",
        "健康县域传媒 (Health County Media), reporter 裴燕, from 健康县域传播平台",
        "直播回顾丨一体化改革，助力县域医疗资源实现“活、紧、快”",
        title_en="Live-stream review: integration reform brings county medical resources alive, "
        "tight and fast (interview with Dong Yongkai, head of the Wanrong County Medical Group)",
        date="2022-03-28",
        supports="The Wanrong dataset's counts (14 townships, 207 villages, 362,000 residents, "
        "274 village clinics, …), its governance (the management committee, the six "
        "autonomies, the six unified dimensions), and the five-up-three-down goals.",
        status=SourceStatus.SECONDARY,
        note="A press interview, figures as of 2022. It names the departments 人社、财政、编办、"
        "卫健 for Shanxi's reform as a whole, not for Wanrong's committee; its “近100名医护人员"
        "资源下沉” is about 100 doctors and nurses sent down since 2017, cumulative.",
    ),
    Document(
        "county-reform-report-template",
        "County health reform reports (common template)",
        "县域综合医改工作汇报（模板）",
        title_en="Template of a county's health reform report",
        supports="The figures a county's report opens with (基本情况: area, towns and townships, "
        "villages and residents' committees, population, the medical group, staff, beds, "
        "visits, discharges, revenue) and the order of its sections.",
        status=SourceStatus.SECONDARY,
        note="A template with XX placeholders, as such reports are circulated; it supplies the "
        "form, never a figure.",
    ),
    Document(
        "cncn-wanrong",
        "欣欣旅游 (cncn.com), travel guide",
        "万荣指南：当地介绍",
        title_en="Wanrong guide: local introduction",
        url="http://yuncheng.cncn.com/wanrong/zhinan",
        supports="The Wanrong dataset's area, 1,081.5 km² (总面积1081.5平方公里).",
        status=SourceStatus.SECONDARY,
        note="A travel site's county description, undated; the same page's older summary gives "
        "1,039 km² and 4 towns 13 townships (before the townships were merged), so only the "
        "area is taken, as a secondary figure.",
    ),
)

_BY_ID = {d.id: d for d in DOCUMENTS}


def document(doc_id: str) -> Document:
    """The document of the register with id ``doc_id``.

    Raises
    ------
    UnknownDocumentError
        When no document has that id; the message suggests the nearest ids.

    >>> document("gov-2015-70").status.value
    'official'
    """
    try:
        return _BY_ID[doc_id]
    except KeyError:
        near = difflib.get_close_matches(doc_id, _BY_ID, n=3)
        hint = f"; did you mean {', '.join(repr(n) for n in near)}?" if near else ""
        raise UnknownDocumentError(f"unknown source document {doc_id!r}{hint}") from None


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def sources_markdown() -> str:
    """The docs page "Sources", generated from :data:`DOCUMENTS`."""
    lines = [
        "# Sources",
        "",
        "<!-- Generated by `python -m countycare.sources`; edit src/countycare/sources.py. -->",
        "",
        "Every document the library relies on: who issued it, its title, number and date, where",
        "to read it, what it supports in countycare, and how far what the library takes from it",
        "can be trusted. **official**: read in the official text or a faithful copy;",
        "**secondary**: a press report, paper or reposting site. A formula that no retrieved",
        "text states is the library's *reconstruction*: the indicator catalogue flags each one.",
        "In Python: `countycare.sources.document(id)`.",
        "",
    ]
    for doc in DOCUMENTS:
        lines += [f"## {doc.title} (`{doc.id}`)", "", f"- **issuer**: {doc.issuer}"]
        if doc.title_en:
            lines.append(f"- **title in English**: {doc.title_en}")
        lines.append(f"- **number**: {doc.number or 'none, or not retrieved'}")
        lines.append(f"- **date**: {doc.date or 'not retrieved'}")
        lines.append(f"- **URL**: <{doc.url}>" if doc.url else "- **URL**: not retrieved")
        lines.append(f"- **status**: {doc.status.value}")
        lines.append(f"- **supports**: {_cell(doc.supports)}")
        if doc.note:
            lines.append(f"- **note**: {_cell(doc.note)}")
        lines.append("")
    return "\n".join(lines)


#: The page this module generates, relative to the repository root.
PAGE = "docs/reference/sources.md"


def main(argv: list[str] | None = None) -> int:
    """Write the Sources page under ``ROOT`` (default: the current directory)."""
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path.cwd()
    (root / PAGE).write_text(sources_markdown(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
