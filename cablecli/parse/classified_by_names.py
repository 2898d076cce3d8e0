"""Who classified the cable: the words of a `Classified By` line before its reasons, split into
the person's name and title.

It holds the vocabulary of title and office words (with their abbreviations, camel-case pieces and
a tolerance for misspellings), the tests of a word's shape (name word, initial, suffix, acronym) and
the choice of the run of words that is the name.
"""

from __future__ import annotations

from functools import lru_cache

from cablecli import compiled_re as re  # re, with the expressions ready-made

# Words of titles, offices and the places titles name, upper-cased; abbreviations too.
_TITLES = frozenset(
    """
    AMBASSADOR AMB AMBASSADOR-DESIGNATE AMBASSADOR-AT-LARGE CHARGE CHARGE' D'AFFAIRES AFFAIRES AFFAIRS
    AFFAIRE A.I. AI CDA DCM ADCM A/DCM DEPUTY CHIEF MISSION COUNSELOR COUNSELLOR COUNCILOR COUNSEL
    COUNS COUN MINISTER MIN MINISTER-COUNSELOR MINISTER-COUNSELLOR M/C MC POLITICAL ECONOMIC
    ECONOMICS ECON POL POLECON ECONPOL ECOPOL ECPO POL/ECON ECON/POL P/E E/P POLMIL POL-MIL POLMILOFF
    POLITICAL-MILITARY POLITICAL/ECONOMIC OFFICER OFF OFFICE POLOFF ECONOFF POLECONOFF POLCHIEF
    ECONCHIEF POLCOUNS ECONCOUNS POLMINCOUNS POLMINCONS MINCOUNS ECMIN EMIN POLMIN ACTING A/S DAS
    PDAS ASSISTANT SECRETARY UNDER UNDERSECRETARY U/S PRINCIPAL PO DPO IPO CONSUL CONSUL-GENERAL
    CONSUL-GENERAL CG CONGEN GENERAL DIRECTOR DIR DEPUTY-DIRECTOR REGIONAL SECURITY RSO ARSO DRSO SECTION
    HEAD UNIT SENIOR ADVISOR ADVISER SPECIAL REPRESENTATIVE REP PERMANENT ALTERNATE ENVOY COORDINATOR
    ATTACHE DEFENSE DEFENCE MILITARY PUBLIC DIPLOMACY MANAGEMENT COMMERCIAL LABOR LABOUR REFUGEE LEGAL
    LEGAT CHAIRMAN INTERIM GLOBAL BUREAU DEPT DEPARTMENT STATE EMBASSY CONSULATE MISSION TEAM LEADER
    EXECUTIVE STAFF COUNTRY DESK OPERATIONS CENTER CENTRE TASK FORCE ASSOCIATE ADMINISTRATOR AID USAID
    CHIEF-OF-MISSION COM ACM DOS USG US U.S. USUN USNATO USEU UNVIE USOSCE AIT PRT EST&H OFFICIAL
    SUPERVISORY MANAGER SPECIALIST ANALYST CHAIR VICE VICE-CONSUL SECOND FIRST THIRD SECRETARIAT
    POLITICAL-ECONOMIC ECONOMIC-POLITICAL COUNTERTERRORISM COUNTER-TERRORISM NONPROLIFERATION
    ENERGY ENVIRONMENT SCIENCE TECHNOLOGY HEALTH NARCOTICS ENFORCEMENT INL NAS CONSULAR
    INFORMATION PRESS CULTURAL PAO IO ISN INR DRL PM EEB NEA EUR WHA AF EAP SCA PRM OES CT VCI AVC
    EB S/CT S/P LTC COL MAJ CAPT CPT GEN LTG MG BG ADM RADM VADM CDR LCDR LT CWO SGT
    MSG USMC USN USA USAF ARMY NAVY AIR MARINE DATT ODC OSC JUSMAG ACTG CLASSIFICATION GUIDE
    CENTRAL SOUTH NORTH EAST WEST SOUTHERN NORTHERN EASTERN WESTERN NEAR MIDDLE ASIA ASIAN AFRICA
    AFRICAN EUROPE EUROPEAN EURASIA EURASIAN HEMISPHERE PACIFIC AMERICAS AMERICAN ARABIAN GULF
    INTERNATIONAL ORGANIZATIONS ORGANIZATION RELATIONS PROGRAMS PROGRAM DEVELOPMENT GOVERNANCE
    REGIONAL-SECURITY RESIDENT RESIDENTIAL TDY DIRECTORATE SUB-NATIONAL PROVINCIAL RECONSTRUCTION
    AGENT INSPECTOR SPOKESMAN SPOKESPERSON COMMANDER CHAIRPERSON LIAISON CONTROLLER TREASURER AUDITOR
    AIDE FELLOW IN-CHARGE OFFICER-IN-CHARGE LEAD ECONOMIST POLAD NOMINEE DESIGNATE FORMER TEMPORARY
    ADMINISTRATIVE TRADE AGRICULTURAL AGRICULTURE FINANCIAL TREASURY FAS FCS DEA FBI DHS ICE CBP LEGATT
    USTR NSC DOD DOJ DOE DAO MILGRP SAO JTF NAVAL COAST GUARD VISA FRAUD PREVENTION GROUP WORKING
    PROJECT SUPERVISOR JUNIOR CIVILIAN STAFFER COLONEL CAPTAIN ADMIRAL LIEUTENANT SERGEANT
    COMMANDING DEPUTY-CHIEF POLITICAL-ECONOMIC CONSUL-GENERAL PRINCIPAL-OFFICER MGMT ADMIN ECONCOUNS
    PUBLIC-AFFAIRS PAS PD PAO/PD IRM HR GSO FMO CLO DPAO ACTING-DIRECTOR ENVOY-DESIGNATE REFCOORD COORD
    """.split()
)  # fmt: skip
# Long title words that misspellings are matched against (`Ambasador`, `Counslor`, `Direcotr`).
_FUZZY_TITLES = tuple(
    w
    for w in """AMBASSADOR COUNSELOR COUNSELLOR COUNCILOR DIRECTOR MINISTER POLITICAL ECONOMIC DEPUTY
    ASSISTANT SECRETARY REPRESENTATIVE AFFAIRS AFFAIRES OFFICER PRINCIPAL COORDINATOR CONSUL ATTACHE
    GENERAL SECTION REGIONAL SECURITY PERMANENT SPECIAL ADVISOR MISSION MANAGEMENT COMMERCIAL CHARGE
    ACTING DEPARTMENT BUREAU EMBASSY CONSULATE""".split()
)  # fmt: skip
# Parts of compound titles (`MCOUNSELOR`, `POLMINCONS`, `E/MIN`, `ECONOFF`).
_TITLE_PART = re.compile(
    r"COUNS|COUNCIL|AMBASS|MINIST|DIRECT|SECRETAR|OFFICE|ATTACH|AFFAIR|REPRES|COORD|ECON|POLIT|(?:POL|ECON|MIL|CONS|PA)OFF$"
)
_STRONG_TITLE_PART = re.compile(r"COUNS|COUNCIL|AMBASS|MINIST|DIRECT|SECRETAR|ATTACH|AFFAIR|REPRES|COORD")
# The pieces of titles written in camel case (`PolMC`, `EconOff`, `ConGen`, `PolMinCouns`).
_CAMEL_PARTS = frozenset(
    "POL ECON ECO MIN COUNS COUN CONS CON GEN OFF MIL MC PUB DEP DIR AMB MGMT SEC EC PO DCM CG RSO PA AFF"
    " CHIEF REF COORD".split()
)
_OFFICE_WORDS = frozenset(
    {"EMBASSY", "CONSULATE", "CONGEN", "MISSION", "SECTION", "OFFICE", "DEPARTMENT", "BUREAU", "STATE",
     "DOS", "USG", "UNIT", "DESK", "CENTER", "TEAM"}
)  # fmt: skip
_STOP_WORDS = frozenset(
    {"FOR", "PER", "UNDER", "BASED", "ON", "UPON", "DUE", "TO", "OF", "AND", "THE", "BY", "IN", "AT", "WITH",
     "FROM", "AS", "A.I.", "AI", "A.I", "DE", "D", "IS", "WAS", "RE", "ACCORDING", "CONFIDENTIAL", "SECRET",
     "UNCLASSIFIED", "CLASSIFIED"}
)  # fmt: skip
# Title and place words that are also surnames.
_SURNAME_TITLES = frozenset(
    "WEST EAST NORTH SOUTH HEAD LEAD PRESS MARINE CHAIR GUARD TRADE STAFF FELLOW FORCE HEALTH VICE".split()
)
_PREPOSITIONS = frozenset({"FOR", "OF", "IN", "AT", "ON"})
_SUFFIXES = frozenset({"JR", "JR.", "SR", "SR.", "II", "III", "IV"})
_PARTICLES = frozenset(
    {"de", "van", "von", "da", "del", "della", "di", "du", "la", "le", "al", "bin", "el", "der", "den", "ter",
     "dos", "das", "do", "des", "y"}
)  # fmt: skip
_TOKEN = re.compile(r"\([^)]*\)?|\s-+\s|\s-+(?=\w)|(?<=\w)-+\s|[,;:]|[^\s,;:()]+")


def _strip_end(who: str) -> str:
    """Drop a full stop at the end, but not that of an initial or of `Jr.`."""
    while who.endswith(".") and not re.search(r"(?:\b[A-Z]|\bJr|\bJR|\bSr|\bSR)\.$", who):
        who = who[:-1].rstrip(" ,;:-")
    return who


# -- who: name and title -------------------------------------------------------------------------------

# Kinds of words: a name word, an initial, a suffix (`Jr.`), a title word, any other word, a separator.
NAME, INITIAL, SUFFIX, TITLE, OTHER, SEP = "name", "initial", "suffix", "title", "other", "sep"


def _tokens(who: str) -> list[tuple[str, int, int]]:
    """Words with their spans; separators (`,` `;` `:` ` - `) and parentheses as their own tokens.
    A title joined to the name by `/` or `:` (`DCM/Jane`, `AMB:RCROCKER`) is split off."""
    out: list[tuple[str, int, int]] = []
    for m in _TOKEN.finditer(who):
        tok, start = m.group(0), m.start()
        if "/" in tok and not tok.startswith("("):
            head, _, last = tok.rpartition("/")
            if (
                len(last) >= 3
                and last[:1].isupper()
                and _is_name_shape(last)
                and not _is_title(last, last != last.upper())
            ):
                out.append((head, start, start + len(head)))
                out.append(("/", start + len(head), start + len(head) + 1))
                out.append((last, start + len(head) + 1, m.end()))
                continue
        out.append((tok, start, m.end()))
    return out


def _particle(tok: str, mixed: bool) -> bool:
    return tok in _PARTICLES or not mixed and tok.isupper() and tok.lower() in _PARTICLES


def _is_name_shape(tok: str) -> bool:
    # Latin letters with accents belong to names too (`Ibáñez`, `Kärkkäinen`, `ÖZTÜRK`).
    return bool(
        re.fullmatch(
            r"[A-Z0À-Ö][A-Za-z0À-ÖØ-öø-ÿ'’\-]*[a-z0-9]?[A-Za-z0À-ÖØ-öø-ÿ'’\-]*\.?|[A-Z]\.[A-Z][A-Za-z]+", tok
        )
    )


@lru_cache(maxsize=8192)
def _kind(tok: str, mixed: bool) -> str:
    if tok in (",", ";", ":", "/") or tok.strip().strip("-") == "":
        return SEP
    if tok.startswith("("):
        return SEP
    if len(tok) > 2 and tok[0] in "\"“'" and tok[-1] in "\"”'" and tok[1:2].isupper():
        return NAME  # a nickname: `A. "Hoot" Baez`
    bare = tok.strip(".'’")
    up = tok.upper()
    upbare = bare.upper()
    if up in _SUFFIXES or upbare in _SUFFIXES:
        return SUFFIX
    if up in ("U.S.", "A.I.", "A.I", "U.S"):
        return TITLE
    if re.fullmatch(r"[A-Z0]\.?", tok) or re.fullmatch(r"(?:[A-Z]\.){2,3}", tok):
        return INITIAL
    if upbare in _STOP_WORDS or up in _STOP_WORDS:
        return OTHER
    if not tok[:1].isalpha() and tok[:1] != "0":
        return OTHER
    if tok[:1].islower() and tok.split("'")[-1][:1].islower():
        return OTHER
    if _is_title(tok, mixed):
        return TITLE
    if _is_name_shape(tok):
        return NAME
    return OTHER


@lru_cache(maxsize=8192)
def _is_title(tok: str, mixed: bool) -> bool:
    up = tok.upper().replace("\\", "")
    bare = up.strip(".,'’")
    if bare in _TITLES or up in _TITLES:
        return True
    for piece in re.split(r"[/\-]", bare):
        if piece and (piece in _TITLES and len(piece) > 2 or _fuzzy_title(piece)):
            return True
    if "'" in bare or "’" in bare:  # `d'Affaires`, `de'Affairs`, `D'AFFAIRES`
        after = re.split(r"['’]", bare)[-1]
        if after in _TITLES or _fuzzy_title(after):
            return True
    if "&" in bare or "/" in bare:
        return True
    letters = tok.strip(".,'’").replace("-", "")
    if mixed and letters.isalpha() and letters.isupper() and len(letters) >= 2:
        return True  # an acronym in a mixed-case line: `USTR`, `PRT`, `DPO`
    if _fuzzy_title(bare):
        return True
    if len(bare) >= 6 and _TITLE_PART.search(bare) and not mixed:
        return True
    if mixed and len(bare) >= 6 and _STRONG_TITLE_PART.search(bare):
        return True  # `Polcounselor`, `Ambassadorial`
    if mixed and re.search(r"[a-z][A-Z]", tok) and _camel_title(tok.strip(".")):
        return True  # `PolMC`, `EconOff`, `ConGen`; not `McDonald`
    if tok.endswith(".") and len(bare) >= 3 and any(t.startswith(bare) for t in _FUZZY_TITLES + ("DEPT",)):
        return True  # `COUNS.`, `Dir.`, `Amb.`
    return False


def _camel_title(tok: str) -> bool:
    parts = re.findall(r"[A-Z][a-z]*", tok)
    if "".join(parts) != tok or len(parts) < 2 or parts[0].upper() not in _CAMEL_PARTS:
        return False
    return all(len(p) == 1 or p.upper() in _CAMEL_PARTS for p in parts)


@lru_cache(maxsize=4096)
def _fuzzy_title(word: str) -> bool:
    if len(word) < 6 or not word.isalpha() and "0" not in word:
        return False
    w = word.replace("0", "O")
    if w in _FUZZY_TITLES:
        return True
    # One edit, and a short word only by a changed or swapped letter (`Gerald` is not `General`);
    # two in a long word with the same first letter (`Ambasaddor`).
    for t in _FUZZY_TITLES:
        limit = 2 if len(w) >= 9 and len(t) >= 9 and w[0] == t[0] else 1
        if len(w) < 8 and len(t) != len(w) or abs(len(t) - len(w)) > limit:
            continue
        if w[0] != t[0] and w[-1] != t[-1]:
            continue  # a misspelling keeps the first or the last letter
        if _distance(w, t, limit) <= limit:
            return True
    return False


def _distance(a: str, b: str, limit: int = 2) -> int:
    """Edit distance with transpositions (`Direcotr` is one from `Director`); past `limit`, only
    that it is more."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


_DERIVED = re.compile(r"^DERIVED\b", re.I)
_TITLE_END = re.compile(r"\s+(?:BY|FOR|OF|AND|THE|PER|UNDER)$", re.I)


def _name_and_title(who: str) -> tuple[str | None, str | None, str | None]:
    who = _strip_end(who.replace("\\", "").strip(" ,;:-").lstrip("."))
    if not who:
        return None, None, None
    if _DERIVED.match(who):
        return None, who, None  # derivative classification names a source, not a person
    # (in ASCII the lower-case letters are those `upper` changes: one call in C instead of a loop)
    mixed = who != who.upper() if who.isascii() else any(c.islower() for c in who)
    toks = _tokens(who)
    kinds = [_kind(t, mixed) for t, _, _ in toks]
    if mixed:
        _capitals_names(toks, kinds)
    # A title word that is also a surname, right after a given name and ending the span (`Jane West`).
    for k in range(1, len(toks)):
        if (
            kinds[k] == TITLE
            and toks[k][0].upper().strip(".") in _SURNAME_TITLES
            and kinds[k - 1] in (NAME, INITIAL)
        ):
            if k == len(toks) - 1 or kinds[k + 1] in (SEP, OTHER):
                kinds[k] = NAME
    # Particles inside a name (`Jan van Berg`, `Luis de la Fuente`, `HENDRIK VAN DER BERG`) belong to
    # it: a run of them between two name words; in capitals only where the line is all capitals.
    k = 1
    while k < len(toks) - 1:
        j = k
        while j < len(toks) - 1 and _particle(toks[j][0], mixed):
            j += 1
        if j > k and kinds[k - 1] == NAME and kinds[j] == NAME:
            for i in range(k, j):
                kinds[i] = NAME
        k = j + 1 if j > k else k + 1
    # A post's name after a post's title is part of the title (`CG Istanbul Dale Roe`, `PO Adana Jo Yu`).
    post = None
    for k in range(1, len(toks) - 2):
        if (
            kinds[k] == NAME
            and kinds[k - 1] == TITLE
            and toks[k - 1][0].upper().strip(".") in _POST_TITLES
            and kinds[k + 1] == NAME
            and kinds[k + 2] in (NAME, INITIAL)
            and toks[k][0].upper() in _post_names()
        ):
            kinds[k], post = TITLE, toks[k][0]
    runs = _runs(toks, kinds)
    if not runs:
        return None, who or None, None
    chosen = _choose(runs, toks, kinds)
    if chosen is None:
        return None, who or None, None
    a, b = chosen
    a, b = _trim(a, b, toks, kinds)
    doubt = None
    if a is not None and a > chosen[0]:
        doubt = f"took the last words of {who[toks[chosen[0]][1] : toks[chosen[1]][2]]!r} as the name"
    elif chosen[0] > 0 and sum(1 for r in runs if r[1] > r[0]) > 1:
        doubt = "more than one run of words looks like a name"
    if a is None:
        return None, who or None, None
    if post and doubt is None:
        doubt = f"took {post!r} as the post in the title, not a given name"
    start, end = toks[a][1], toks[b][2]
    name = who[start:end]
    name = re.sub(r"(?<![A-Za-z0-9])0\.", "O.", name)  # an initial typed as a zero
    if kinds[b] != INITIAL and toks[b][0].upper() not in ("JR.", "SR."):
        name = name.rstrip(".")
    before = who[:start].strip(" ,;:-/")
    if before:
        title = before
        while m := _TITLE_END.search(title):
            title = title[: m.start()]
    else:
        after = who[end:].strip(" ,;:-/.")
        title = re.split(r"\s*[,;:]\s*|\s+-\s+", after)[0].strip(" .") if after else ""
    return name.strip() or None, title or None, doubt


# Titles that a post's name may follow: `Consul General Istanbul`, `ConGen Adana`, `PO Chiang Mai`.
_POST_TITLES = frozenset(
    "CG CONGEN CONSUL GENERAL CONSUL-GENERAL PO DPO PRINCIPAL OFFICER PRT EMBASSY CONSULATE".split()
)


@lru_cache(maxsize=1)
def _post_names() -> frozenset[str]:
    """One-word names of embassies' and consulates' cities, from the routing table (`ISTANBUL`)."""
    from cablecli.reference.stations import routing_indicators

    prefixes = ("AMEMBASSY ", "AMCONSUL ", "USMISSION ", "AMCONGEN ", "USINT ")
    return frozenset(
        name.split(" ", 1)[1]
        for name in routing_indicators().values()
        if name.startswith(prefixes) and name.count(" ") == 1
    )


def _capitals_names(toks: list[tuple[str, int, int]], kinds: list[str]) -> None:
    """In a mixed-case line a word in capitals is an acronym (`USTR`, `PRT`), unless two or more such
    words stand together, none of them a title word: `ROBERT A. POLLARD, Minister-Counselor`."""
    k, n = 0, len(toks)
    while k < n:
        j = k
        words = 0
        while j < n and (kinds[j] == INITIAL or _capital_word(toks[j][0])):
            words += kinds[j] != INITIAL
            j += 1
        if words >= 2 and all(kinds[x] == INITIAL or not _is_title(toks[x][0], False) for x in range(k, j)):
            for x in range(k, j):
                if kinds[x] != INITIAL:
                    kinds[x] = NAME
        k = max(j, k + 1)


def _capital_word(tok: str) -> bool:
    letters = tok.rstrip(".").replace("-", "").replace("'", "")
    return len(letters) >= 3 and letters.isalpha() and letters.isupper()


def _runs(toks: list[tuple[str, int, int]], kinds: list[str]) -> list[tuple[int, int]]:
    """Maximal spans of name words, initials and suffixes; `, Jr.` continues a span."""
    runs: list[tuple[int, int]] = []
    k = 0
    n = len(toks)
    while k < n:
        if kinds[k] not in (NAME, INITIAL):
            k += 1
            continue
        a = k
        while k + 1 < n:
            if kinds[k] == NAME and toks[k][0].endswith(".") and len(toks[k][0]) > 3:
                break  # `Ambassador Jane Roe. Reasons` : a full stop ends the name
            if kinds[k + 1] in (NAME, INITIAL, SUFFIX):
                k += 1
            elif toks[k + 1][0] == "," and k + 2 < n and kinds[k + 2] == SUFFIX:
                k += 2
            else:
                break
        if any(kinds[j] == NAME and len(toks[j][0].strip(".")) >= 2 for j in range(a, k + 1)):
            runs.append((a, k))
        k += 1
    return runs


def _choose(
    runs: list[tuple[int, int]], toks: list[tuple[str, int, int]], kinds: list[str]
) -> tuple[int, int] | None:
    n = len(toks)
    longer = [r for r in runs if r[1] > r[0]]
    first = runs[0]
    # Name first (`Jane Roe, Political Counselor`): a span at the start that a separator ends.
    if first[0] == 0 and (first[1] == n - 1 or kinds[first[1] + 1] == SEP):
        if first in longer or (first[1] + 2 < n and kinds[first[1] + 2] == TITLE):
            return first  # a surname alone before its title: `ROE, CDA, DOS`
    if longer:
        plain = [r for r in longer if not _after_preposition(r, toks)] or longer
        # The first span that something other than a title word ends (a separator, `for`, the
        # end): `Kirkuk PRT Team Leader Jane Roe (acting)`, not the words of an office before it.
        for r in plain:
            if r[1] == n - 1 or kinds[r[1] + 1] in (SEP, OTHER) or toks[r[1]][0].endswith("."):
                return r
        return plain[-1]
    # A single word: a name only after a person's title (`AMB:RCROCKER`, `Dir. AFriedt`).
    last = runs[-1]
    a = last[0]
    j = a - 1
    while j >= 0 and kinds[j] == SEP and toks[j][0] in (":", "/"):
        j -= 1
    if j >= 0 and kinds[j] == TITLE and toks[j][0].upper().strip(".") not in _OFFICE_WORDS:
        return last
    return None


def _after_preposition(run: tuple[int, int], toks: list[tuple[str, int, int]]) -> bool:
    return run[0] > 0 and toks[run[0] - 1][0].upper() in _PREPOSITIONS


def _trim(a: int, b: int, toks: list[tuple[str, int, int]], kinds: list[str]) -> tuple[int | None, int]:
    """A span after `for`/`of` (`DAS for Central Asia George Krol`) or longer than a name keeps the
    name at its end: from the given name before the first initial, else the last two words."""
    words = [j for j in range(a, b + 1) if kinds[j] != SUFFIX]
    if not words:
        return None, b
    if len(words) > 4 or (_after_preposition((a, b), toks) and len(words) > 2):
        initials = [j for j in words if kinds[j] == INITIAL]
        if initials:
            j = initials[0]
            a = j - 1 if j - 1 >= a and kinds[j - 1] == NAME else j
        else:
            a = words[-2]
    # A leading lone letter without a period is not an initial of this name (`A E/MIN ...`).
    while a < b and kinds[a] == INITIAL and not toks[a][0].endswith("."):
        a += 1
    return a, b
