"""Figures in news text: money, percentages and points, counts with units, multipliers, periods.

Patterns (surface forms kept as written, whitespace collapsed):

- money: a currency symbol or code before the number (``$830 million``, ``$830M``, ``US$3.5
  billion``, ``€500m``, ``£40 billion``, ``¥2 trillion``, ``EUR 20 million``, ``₹4,000 crore``,
  ``DKK 3.1 billion``) or a currency word after it (``500 million euros``);
- percent: ``23%``, ``4.5 per cent``, ``12 percent``; points: ``1.5 percentage points``,
  ``25 basis points``, ``25bps``;
- counts with a unit: energy and size units (``1.2 GW``, ``300 MW``, ``40 GWh``,
  ``28-nanometre``) and counted nouns, with up to two words between (``12,000 GPUs``,
  ``40,000 employees``, ``12 million British customers``);
- multipliers: ``2.3x``, ``14×``;
- periods: ``Q3 2026``, ``Q3``, ``H1 2025``, ``FY2026``, ``FY26``, ``3Q26``.

Years, dates, ordinals, model names (``H100``) and bare numbers are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FIG_MONEY = "money"
FIG_PERCENT = "percent"
FIG_POINTS = "points"
FIG_COUNT = "count"
FIG_MULTIPLIER = "multiplier"
FIG_PERIOD = "period"

# Weight of each sort of figure when ranking (money first).
WEIGHTS = {FIG_MONEY: 1.0, FIG_PERCENT: 0.8, FIG_POINTS: 0.75, FIG_COUNT: 0.7,
           FIG_MULTIPLIER: 0.6, FIG_PERIOD: 0.5}

_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_LEFT = r"(?<![\w.,/@#%$€£¥₹₩-])"
_MAG_WORD = r"(?:trillion|billion|million|thousand|crore|lakh|tn|bn|mn|mln)"
_MAG = (r"(?:\s?" + _MAG_WORD + r"\b|(?:[mMbBkKT])\b)")
_CODES = (r"USD|EUR|GBP|JPY|CNY|RMB|INR|KRW|CHF|DKK|SEK|NOK|AUD|CAD|HKD|SGD|NZD|BRL|ZAR|"
          r"MXN|TRY|RUB|SAR|AED|PLN|TWD|ILS|IDR")
_PREFIX = (r"(?:(?:US|USD|A|AU|C|CA|HK|S|NZ|R|NT|Mex)\$|\$|€|£|¥|₹|₩|₽|₺|₪|₫|₱|元|"
           r"(?:" + _CODES + r"|Rs\.?|Rp|CHF|Fr\.)\s?)")
_CURRENCY_WORDS = (r"(?:(?:US |Australian |Canadian |Hong Kong |Singapore |New Zealand )?"
                   r"dollars|euros?|pounds(?: sterling)?|sterling|yen|yuan|renminbi|rupees|"
                   r"won|(?:Swiss )?francs|kronor|kroner|krona|crowns|reais|pesos|rand|"
                   r"dirhams|riyals|rubles|roubles|lira|zloty|ringgit|baht|rupiah|" + _CODES
                   + r")")
_UNITS = (r"(?:GW|MW|kW|KW|TW|GWh|MWh|kWh|TWh|GJ|PJ|Mt|Gt|bcm|mtpa|TB|PB|EB|GB|Tbps|Gbps|nm|"
          r"km|mph|kph|TOPS|TFLOPS|PFLOPS|EFLOPS|exaflops|petaflops|teraflops|qubits?)")
_LONG_UNITS = (r"(?:nanometres?|nanometers?|gigawatts?|megawatts?|kilowatts?|terawatts?|"
               r"gigawatt-hours?|megawatt-hours?|terawatt-hours?|kilometres?|kilometers?|"
               r"miles?|square (?:feet|metres|meters|miles|kilometres|kilometers)|acres?|"
               r"hectares?|tonnes?|tons?|barrels?|ounces?|litres?|liters?|gallons?|"
               r"cubic (?:metres|meters|feet))")
_NOUNS = (r"(?:GPUs?|chips?|accelerators?|servers?|racks?|wafers?|processors?|jobs?|"
          r"employees?|workers?|staff(?:ers)?|people|persons?|roles?|positions?|layoffs?|"
          r"users?|customers?|subscribers?|members?|clients?|accounts?|households?|homes?|"
          r"vehicles?|cars?|trucks?|units?|shares?|parameters?|tokens?|downloads?|stores?|"
          r"branches?|sites?|data cent(?:er|re)s?|factories|factory|plants?|fabs?|"
          r"satellites?|robots?|devices?|phones?|smartphones?|patients?|students?|companies|"
          r"start-?ups?|contracts?|orders?|flights?|passengers?|visitors?|barrels?|tonnes?|"
          r"tons?|ounces?|homes?|beds?|rooms?|miles?|acres?|hectares?|countries|cities|"
          r"markets?|languages?|models?|apps?|games?|titles?|episodes?|hours?|doses?|"
          r"vaccines?|cases?|deaths?|troops?|soldiers?|refugees?|migrants?|voters?|"
          r"votes?|seats?|lawsuits?|complaints?|patents?|engineers?|researchers?|"
          r"developers?|drivers?|teachers?|nurses?|doctors?|farmers?|investors?|banks?|"
          r"firms?|startups?|suppliers?|partners?|stations?|chargers?|turbines?|panels?|"
          r"reactors?|mines?|wells?|ships?|aircraft|planes?|jets?|drones?|missiles?|"
          r"qubits?|cores?|nodes?|lines?)")
_STOP_BETWEEN = (r"(?:the|a|an|of|in|to|for|and|or|its|their|his|her|by|at|on|with|from|than|"
                 r"that|this|these|those|is|are|was|were|be|been|as|per|about|over|under|"
                 r"into|onto|up|down|out|more|less|new)")
_BETWEEN = r"(?:\s(?!" + _STOP_BETWEEN + r"\b)(?![\d])[\w'’-]+){0,2}"
_RATE = r"(?:\s(?:a|per)\s(?:day|week|month|year|annum|hour))?"

_PATTERNS: list[tuple[str, str]] = [
    (FIG_MONEY, _LEFT + _PREFIX + _NUM + _MAG + r"?(?![\w%])"),
    (FIG_MONEY, _LEFT + _NUM + r"(?:\s?" + _MAG_WORD + r")?\s" + _CURRENCY_WORDS + r"\b"),
    (FIG_POINTS, _LEFT + r"[+\-−]?" + _NUM + r"(?:\s?(?:percentage|pct\.?|%)[\s-]?points?"
                 r"|\s?(?:basis points?|bps|bp|pp)\b)"),
    (FIG_PERCENT, _LEFT + r"[+\-−]?" + _NUM + r"(?:\s?%|\s?per\s?cent\b|\s?percent\b)"),
    (FIG_PERIOD, r"\b(?:Q[1-4]|H[12])(?:\s(?:FY\s?)?['’]?|\s?['’])(?:\d{4}|\d{2})\b"
                 r"|\b[1-4][QH]\s?['’]?(?:\d{4}|\d{2})\b|\bFY\s?['’]?(?:\d{4}|\d{2})\b"
                 r"|\bQ[1-4]\b"),
    (FIG_COUNT, _LEFT + _NUM + r"(?:\s?" + _MAG_WORD + r")?(?:\s?|-)" + _UNITS + r"\b"),
    (FIG_COUNT, _LEFT + _NUM + r"(?:\s?" + _MAG_WORD + r")?(?:\s|-)" + _LONG_UNITS + r"\b"
                + _RATE),
    (FIG_COUNT, _LEFT + r"(?!(?:19|20)\d\d\b)" + _NUM + r"(?:\s?" + _MAG_WORD + r")?"
                + _BETWEEN + r"\s" + _NOUNS + r"\b" + _RATE),
    (FIG_MULTIPLIER, _LEFT + _NUM + r"\s?[x×](?![\w])"),
]
# One alternation, tried only just before each run of digits (every figure holds a digit and
# starts at most _LOOKBACK characters before its first one: "Mex$", "EUR ", "FY").
_COMBINED = re.compile("|".join(f"(?P<{kind}{i}>{pattern})"
                                for i, (kind, pattern) in enumerate(_PATTERNS)))
_LOOKBACK = 5
_DIGITS = re.compile(r"\d+")
_KIND = re.compile(r"\d+$")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure found in a text.

    Attributes:
        kind: ``money``, ``percent``, ``points``, ``count``, ``multiplier`` or ``period``.
        text: the surface form, whitespace collapsed.
        start / end: character offsets of the figure itself in the searched text.
    """

    kind: str
    text: str
    start: int
    end: int


def _starts(text: str, digit: int, floor: int) -> list[int]:
    """Where a figure holding the digit at ``digit`` may start: its word, the word before
    when that is a currency code (``EUR 20``), or the digit itself."""
    lo = max(floor, digit - _LOOKBACK)
    word = digit
    while word > lo and not text[word - 1].isspace():
        word -= 1
    starts = [word] if word == digit else [word, digit]
    if word - 1 > lo and text[word - 1] == " ":
        prev = word - 1
        while prev > lo and not text[prev - 1].isspace():
            prev -= 1
        starts.insert(0, prev)
    return starts


def find_figures(text: str) -> list[Figure]:
    """Find every figure in ``text``.

    Args:
        text: plain text.

    Returns:
        Non-overlapping figures in text order. At one starting point the first pattern in the
        list above wins (money before points, percentages, periods, counts, multipliers).
    """
    found: list[Figure] = []
    pos = 0
    for d in _DIGITS.finditer(text):
        if d.start() < pos:
            continue
        m = None
        for start in _starts(text, d.start(), pos):
            m = _COMBINED.match(text, start)
            if m is not None and m.end() > d.start():
                break
            m = None
        if m is None:
            continue
        kind = _KIND.sub("", m.lastgroup or "")
        found.append(Figure(kind, _SPACE.sub(" ", m.group(0)).strip(), m.start(), m.end()))
        pos = m.end()
    return found
