"""The few words a quantity is read with that neither CLDR (Babel) nor num2words has: this module's own lexicon.

Babel gives unit names and symbols (``{0} jours``, ``{0} j``), their ``per`` forms (``{0} par jour``), the
multipliers of compact numbers (``0 mille``, ``0K``), month names, AM/PM and date patterns; num2words gives
number words. Neither has, and so this lexicon lists, for fr, en, es, de, it, pt, ar and zh:

- ``TIMES``: the word that makes a count of a number (*fois*, *times*, *veces*, *Mal*, *مرات*, *次*), and
  ``MULTIPLES``, the counts said in one word (*once*, *twice*, *einmal*, *مرتين*);
- ``EVERY``: the words that make a period of a unit name (*chaque*, *tous les*, *every*, *cada*, *al*, *jeden*,
  *alle*, *كل*, *每*), ``AFTER_COUNT``, those that do so only after a count (*twice a day*, *مرة في اليوم*), and
  ``ADVERBS``, the periods said in one word (*daily*, *täglich*, *يوميًا*, *每天*);
- ``COMPARATORS`` (*at most*, *au plus*, *no more than*, *höchstens*, *على الأكثر*, *最多*) and ``POSTFIX``, those
  written after their number; ``JOINERS``, the words of a range (*à*, *to*, *bis*, *إلى*, *至*), ``AND`` and
  ``BETWEEN`` (*entre 2 et 3*);
- ``ONE`` (*un*, *a*, *ein*: one unit only before a unit name), ``HALF`` (*demi*, *half*, *نصف*, *半*), ``VAGUE``
  (*several*, *quelques*: a word a reader cannot take for a number), ``AGE`` (*aged*, *âgé de*: a number of
  years), ``CLASSIFIERS`` (the Chinese measure words a Chinese numeral stands before) and ``DUALS`` (Arabic
  genitive duals, *يومين*; CLDR has the nominative, *يومان*);
- ``EXTRA_UNITS``: spellings CLDR lacks: *mcg*, *ng*, *IU*/*UI*, *deg F*, *fortnight*, *weekend*, *weekday*,
  German dative plurals (*Tagen*), Arabic broken plurals (*شهور*), Chinese names (*周*, *小时*);
- ``IDIOMS``: phrases with a period word that name no period (*au quotidien*, *al día siguiente*, *周期*).

Number words for Portuguese feminines (*duas*) and Arabic counted forms (*ثلاث*) are derived from num2words'
own words in ``number_words``; CLDR's unit names without a number (*يوم*, *شهران*) are read in ``units``.
Every entry is a lower-case spelling; the tests in ``tests/i18n/test_quantity_corpus.py`` read each class.
"""

from __future__ import annotations

TIMES = {"fr": ("fois",), "en": ("times", "time"), "es": ("veces", "vez"), "de": ("mal",),
         "it": ("volte", "volta"), "pt": ("vezes", "vez"), "ar": ("مرات", "مرة", "مرّات", "مرّة"), "zh": ("次",)}
MULTIPLES = {"en": {"once": 1, "twice": 2, "thrice": 3},
             "ar": {"مرتين": 2, "مرتان": 2, "مرّتين": 2, "مرة": 1, "مرّة": 1},
             "de": {"einmal": 1}, "zh": {"两次": 2}}
"""German ``zweimal`` to ``zehnmal`` are num2words' words with ``mal``: only ``einmal`` (not ``einsmal``) is here."""
EVERY = {
    "fr": ("par", "chaque", "tous les", "toutes les"),
    "en": ("per", "every", "each"),
    "es": ("por", "cada", "al", "a la", "todos los", "todas las", "por cada"),
    "de": ("pro", "jeden", "jede", "jedes", "je", "alle"),
    "it": ("al", "alla", "ogni", "tutti i", "tutte le"),
    "pt": ("por", "cada", "ao", "à", "todos os", "todas as"),
    "ar": ("كل", "في كل"),
    "zh": ("每", "每隔", "每个"),
}
"""A period is one of these words and a unit of time: *par jour*, *chaque semaine*, *al día*, *كل شهر*, *每天*."""
AFTER_COUNT = {"fr": ("le", "la", "l'", "l’", "au", "à la"), "en": ("a", "an"),
               "de": ("am", "im", "in der", "die", "den"),
               "it": ("a",), "ar": ("في",)}
"""Words that make a period only after a count: *twice a day*, *3 fois la semaine* (*a week* alone is one week)."""
ADVERBS = {
    "duration-hour": ("hourly", "stündlich", "toutes les heures", "ogni ora", "每小时", "كل ساعة"),
    "duration-day": ("daily", "quotidien", "quotidienne", "quotidiens", "quotidiennes", "quotidiennement",
                     "journalier", "journalière", "diario", "diaria", "diarios", "diarias", "diariamente",
                     "täglich", "tägliche", "täglichen", "täglicher", "tägliches", "giornaliero", "giornaliera",
                     "quotidiano", "quotidiana", "quotidianamente", "diário", "diária", "diárias", "diários",
                     "يوميا", "يومياً", "يوميًا", "每天", "每日", "天天", "nightly"),
    "duration-week": ("weekly", "hebdomadaire", "hebdomadaires", "semanal", "semanales", "semanalmente",
                      "wöchentlich", "wöchentliche", "wöchentlichen", "settimanale", "settimanali",
                      "settimanalmente", "semanais", "أسبوعيا", "أسبوعياً", "أسبوعيًا", "每周", "每星期"),
    "duration-month": ("monthly", "mensuel", "mensuelle", "mensuels", "mensuelles", "mensuellement", "mensual",
                       "mensuales", "mensualmente", "monatlich", "monatliche", "monatlichen", "mensile", "mensili",
                       "mensilmente", "mensal", "mensais", "mensalmente", "شهريا", "شهرياً", "شهريًا", "每月"),
    "duration-year": ("yearly", "annually", "annuel", "annuelle", "annuellement", "anual", "anualmente",
                      "jährlich", "jährliche", "annuale", "annualmente", "سنويا", "سنوياً", "سنويًا", "每年"),
    "duration-fortnight": ("fortnightly",),
}
COMPARATORS = {
    "at most": ("≤", "⩽", "<", "ne dépassez pas", "ne pas dépasser", "do not exceed", "don't exceed", "no exceda",
                "no supere", "nicht überschreiten", "non superare", "não exceda", "لا تتجاوز", "لا يتجاوز", "وحتى",
                "at most", "up to", "until", "till", "bis", "or lower", "or below", "or fewer",
                "or under", "no more than",
                "not more than", "less than", "fewer than", "under", "below", "sous", "en moins de", "moins d'",
                "moins d’",
                "maximum", "max", "max.", "or less", "au plus", "au maximum", "au max", "jusqu'à", "jusqu’à",
                "pas plus de", "moins de", "maximum", "ou moins", "inférieur à", "inférieure à", "en dessous de",
                "como máximo", "como mucho", "hasta", "no más de", "menos de", "máximo", "o menos", "höchstens",
                "maximal", "bis zu", "nicht mehr als", "weniger als", "unter", "al massimo", "fino a",
                "non più di", "meno di", "no máximo", "até", "não mais de", "menos de", "على الأكثر",
                "كحد أقصى", "حتى", "أو أقل", "لا يزيد عن", "لا تزيد عن", "أقل من", "最多", "最长", "不到", "不超过",
                "至多", "或更低",
                "少于", "低于",
                "以下"),
    "at least": ("≥", "⩾", ">", "at least", "minimum", "min.", "or more", "or higher", "or above", "or over",
                 "or greater", "et plus", "ou davantage", "more than", "above", "plus d'", "plus d’",
                 "greater than", "higher than", "au moins", "au minimum", "plus de", "ou plus", "supérieur à",
                 "supérieure à", "au-dessus de", "au-delà de", "dépasse", "exceeds", "exceeding", "supera",
                 "übersteigt", "تتجاوز", "يتجاوز", "تزيد على", "أعلى من", "al menos", "como mínimo", "más de",
                 "mínimo", "o más",
                 "mindestens", "über", "mehr als", "almeno", "più di", "oltre", "pelo menos", "no mínimo",
                 "mais de", "acima de", "على الأقل", "كحد أدنى", "أكثر من", "فوق", "أو أكثر", "至少", "超过",
                 "或更高", "或更久", "或更长", "或更多", "或以上",
                 "高于", "以上"),
    "about": ("~", "≈", "≃", "about", "around", "approximately", "roughly", "environ", "vers", "à peu près",
              "approximativement", "aproximadamente", "unos", "unas", "alrededor de", "cerca de", "etwa",
              "ungefähr", "ca.", "circa", "rund", "circa", "verso", "por volta de", "حوالي", "حوالى", "نحو",
              "تقريبا", "تقريبًا", "تقريباً", "约", "大约", "左右"),
    "within": ("within", "dans les", "innerhalb von", "innerhalb", "entro", "dentro de", "في غضون", "以内",
               "内"),
}
"""Strict and loose bounds are one comparator (*moins de 5* and *up to 5* are both a maximum). *Within* a time
is as much *during* it as *until* its end: it matches a maximum and no comparator (``WITHIN``)."""
WITHIN = "within"
POSTFIX_ONLY = frozenset({"内"})
"""Read only after a number (``2年内``): before one it is the 内 of 体内 (in the body)."""
POSTFIX = frozenset({"max.", "or less", "or higher", "or above", "or over", "or greater", "et plus", "ou davantage",
                     "or lower", "or below", "or fewer", "or under", "أو أكثر", "أو أقل", "au plus", "au maximum",
                     "au max", "ou moins", "ou plus", "or more",
                     "o menos", "o más", "como máximo", "como mínimo", "como mucho", "maximum", "minimum", "max",
                     "كحد أقصى", "كحد أدنى", "على الأكثر",
                     "على الأقل", "تقريبا", "تقريبًا", "تقريباً", "左右", "以内", "内", "以下", "以上", "或更高",
                     "或更久", "或更长", "或更多", "或以上", "或更低", "environ", "circa"})
"""Comparators written after their number (*4 grammes au plus*); *maximum*, *environ* may stand on either side."""
JOINERS = ("-", "–", "—", "‒", "~", "～", "à", "a", "au", "to", "till", "until", "bis", "al", "hasta", "até",
           "ou", "or", "o", "oder", "أو", "إلى", "الى", "至", "到", "或", "et", "and", "y", "und", "e", "و", "和")
"""Two numbers joined by one of these are a range (*2 à 3*, *2 or 3*): the range stays a range."""
AND = ("et", "and", "y", "und", "e", "و", "和")
BETWEEN = ("entre", "between", "zwischen", "tra", "fra", "بين", "在")
"""*et*, *and* join a range only after *entre*, *between* (*entre 2 et 3 jours*; *2 days and 3 days* are two)."""
ONE = {"fr": ("un", "une"), "en": ("a", "an", "one"), "es": ("un", "una", "uno"),
       "de": ("ein", "eine", "einen", "einem", "einer"), "it": ("un", "uno", "una"), "pt": ("um", "uma"),
       "ar": ("واحد", "واحدة", "واحدًا", "واحدةً"), "zh": ("一", "一个")}
ONE_IS_NO_ARTICLE = frozenset({"ar"})
"""Languages whose word for one is always the number (*ليلة واحدة*, one night), never an article (*un*, *a*)."""
HALF = ("demi", "demie", "moitié", "half", "medio", "media", "mitad", "halb", "halbe", "halben", "halber",
        "hälfte", "mezzo", "mezza", "metà", "meio", "meia", "metade", "نصف", "半")
VAGUE = ("several", "a few", "a couple of", "a dozen", "dozens", "many", "quelques", "plusieurs", "une douzaine",
         "varios", "varias", "algunos", "algunas", "unos cuantos", "una docena", "einige", "mehrere", "ein paar",
         "ein dutzend", "alcuni", "alcune", "diversi", "vários", "várias", "alguns", "algumas", "عدة", "بضع",
         "بضعة", "几", "数")
EXTRA_UNITS = {
    "mass-microgram": ("mcg", "μg", "microgrammes", "microgramos", "mikrogramm", "ميكروغرام"),
    "mass-milligram": ("ملغ", "ملغم", "مغ", "ملج"),
    "mass-gram": ("جرام", "جم"),
    "mass-kilogram": ("公斤",),
    "volume-milliliter": ("مل", "ملل"),
    "mass-nanogram": ("ng", "nanogramme", "nanogrammes", "nanogram", "nanograms", "nanogramo", "nanogramos",
                      "nanogramm", "نانوغرام", "纳克"),
    "unit-international": ("iu", "ui", "u.i.", "ie", "i.e.", "unités internationales", "unité internationale",
                           "international units", "international unit", "unidades internacionales",
                           "internationale einheiten", "unità internazionali", "وحدة دولية", "国际单位"),
    "temperature-fahrenheit": ("deg f", "degrees f", "degré f", "degrés f", "°f"),
    "temperature-celsius": ("deg c", "degrees c", "degrés c", "degrés", "degré", "degrees", "degree", "grados",
                            "grad", "gradi", "graus", "درجات", "درجة", "度"),
    "duration-fortnight": ("fortnight", "fortnights", "quinzaine", "quinzaines"),
    "duration-day": ("tagen", "journée", "journées", "يومين", "أيام", "يوما", "يومًا", "天", "weekday", "weekdays",
                     "jour de semaine", "jours de semaine", "jour ouvré", "jours ouvrés", "día laborable",
                     "días laborables", "wochentag", "wochentage", "werktag", "werktage", "giorno feriale",
                     "giorni feriali", "dia útil", "dias úteis", "工作日"),
    "duration-week": ("أسبوعين", "أسابيع", "周", "星期", "semaine", "semaines"),
    "duration-month": ("monaten", "شهور", "شهرين", "أشهر", "个月"),
    "duration-year": ("jahren", "année", "années", "سنتين", "عامين", "سنوات", "أعوام"),
    "duration-hour": ("ساعتين", "ساعات", "小时", "个小时"),
    "duration-minute": ("mn", "دقيقتين", "دقائق", "分钟"),
    "concentr-permille": ("per thousand", "per mille", "por mil", "pro mille"),
    "concentr-part-per-1e6": ("ppm",),
    "weekend": ("week-end", "week-ends", "weekend", "weekends", "fin de semana", "fines de semana", "wochenende",
                "wochenenden", "fine settimana", "fim de semana", "عطلة نهاية الأسبوع", "نهاية الأسبوع", "周末"),
}
"""Unit spellings CLDR lacks (a weekday is read as a day: *every weekday* is *chaque jour du lundi au vendredi*),
by CLDR unit id (``unit-international``, ``mass-nanogram``, ``weekend`` and
``duration-fortnight`` are this lexicon's own ids). A dual (*يومين*) is read as that unit, its 2 in the word."""
AGE = ("age of", "ages of", "aged", "âgé de", "âgée de", "âgés de", "âge de", "l'âge de", "edad de", "alter von",
       "im alter von", "età di", "idade de", "عمر", "سن", "岁")
"""Words that make a number an age in years: *From the age of 65* is *Dès 65 ans*."""
IDIOMS = ("al día siguiente", "a la semana siguiente", "al mes siguiente", "al año siguiente",
          "vie de tous les jours", "au quotidien", "du quotidien", "le quotidien", "votre quotidien",
          "vie quotidienne", "day to day",
          "day-to-day", "everyday", "daily life", "every day life", "vida diaria", "día a día", "alltag",
          "vita quotidiana", "dia a dia", "الحياة اليومية", "日常", "周一到周五", "周期")
"""Phrases with a period word that name no period (*comment vivre au quotidien*): left out before reading."""
CLASSIFIERS = "个片粒颗支瓶袋剂滴次回遍针杯勺盒名位周天日年月岁小时分钟秒毫升克"
"""Chinese measure words: a Chinese numeral is a number only before one (一 is also in 一起, together)."""
DUALS = frozenset({"يومين", "أسبوعين", "شهرين", "سنتين", "عامين", "ساعتين", "دقيقتين"})
