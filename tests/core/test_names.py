"""Names in several scripts: a person typed twice in different spellings must be found as one."""

from __future__ import annotations

import re
import time

import pytest

from oralman_desk.names import (
    Scheme,
    fold_kazakh,
    name_key,
    name_tokens,
    similarity,
    transliterate,
)

# Each group is one name as it appears in Kazakh Cyrillic, Russian-style Cyrillic, the Kazakh ID
# card, foreign passports (Uzbek, Turkish-like, Chinese, Mongolian) and staff's own spellings.
SAME_NAME = [
    ("Жанар", "Zhanar", "Janar", "ЖАНАР", "жанар"),
    ("Нұрсұлтан", "Нурсултан", "Nursultan", "Nursoltan", "NURSULTAN"),
    ("Қайрат", "Кайрат", "Qairat", "Kairat", "Kayrat"),
    ("Ерлан", "Yerlan", "Erlan", "Ierlan"),
    ("Ахмет", "Akhmet", "Axmet", "Ahmet"),
    ("Ұлжан", "Улжан", "Ulzhan", "Uljan"),
    ("Айгүл", "Айгуль", "Aigul", "Aygul", "Aygül"),
    ("Шыңғыс", "Шынгыс", "Shyngys", "Shynghys", "Şıñğıs", "Shinggʻis"),
    ("Әлия", "Алия", "Aliya", "Alia"),
    ("Юсуп", "Yusup", "Iusup"),
    ("Мұхаммед", "Мухаммед", "Mukhammed", "Muhammed", "Muhamed"),
    ("Серік", "Серик", "Serik", "Seryk"),
    ("Оғылай", "Oʻgʻilay", "Ogilai"),
    ("Жәнібек", "Джанибек", "Zhanibek", "Janibek", "Djanibek", "Dzhanibek"),
    ("Теңіз", "Teniz", "Tengiz"),
    ("Бауыржан", "Bauyrzhan", "Bauirjan", "Bauyrjan"),
    ("Төлеген", "Толеген", "Tolegen", "Tölegen", "Toʻlegen"),
    ("Алёна", "Алена", "Alyona", "Alena"),
    ("Цой", "Tsoy", "Tsoi"),
    ("Болат", "Булат", "Bolat", "Bulat"),
    ("Жұмабай", "Джумабай", "Zhumabai", "Jumabay", "Cumabay"),  # Turkish c is ж
    ("Ақхан", "Akkhan", "Aqxan", "Akhan"),
    ("Исхак", "Iskhak", "Ishak"),
]

DIFFERENT_NAMES = [
    ("Жанар", "Жанат"),
    ("Серік", "Берік"),
    ("Нұрлан", "Нұржан"),
    ("Ерлан", "Ержан"),
    ("Әсем", "Әсел"),
    ("Айгүл", "Айгерім"),
    ("Ахметов", "Ахметова"),
    ("Қанат", "Асқар"),
]

# Common Kazakh given names and surnames, for the transliteration round trip.
KAZAKH_NAMES = [
    "Айгерім", "Ерболат", "Нұрлан", "Гүлнар", "Дәулет", "Жанерке", "Қуаныш", "Мөлдір", "Ақбота",
    "Бауыржан", "Сәуле", "Ғалым", "Төлеген", "Шынар", "Еркебұлан", "Әсем", "Ұлан", "Күлпаш",
    "Жәнібек", "Серікқали", "Нұржан", "Аружан", "Ботагөз", "Мейіржан", "Айдана", "Дархан", "Ерасыл",
    "Жұлдыз", "Қанат", "Зарина", "Бекзат", "Асқар", "Әйгерім", "Сұлтан", "Тоқтар", "Өмірзақ",
    "Құдайберген", "Ұлпан", "Інжу", "Хамит", "Ахметов", "Сейітқалиұлы", "Нұрмағамбетова",
    "Жақсылықов", "Оспанова", "Жанар", "Нұрсұлтан", "Қайрат", "Ерлан", "Ахмет", "Ұлжан", "Айгүл",
    "Шыңғыс", "Әлия", "Юсуп", "Мұхаммед", "Серік", "Оғылай", "Теңіз", "Һарун", "Ильяс", "Щукин",
    "Нұрлан Ерболатұлы Сейітқалиев", "Жан-Ерке",
]  # fmt: skip


@pytest.mark.parametrize("spellings", SAME_NAME, ids=lambda g: g[0])
def test_spellings_of_one_name_share_a_key(spellings: tuple[str, ...]) -> None:
    keys = {s: name_key(s) for s in spellings}
    assert len(set(keys.values())) == 1, keys
    assert keys[spellings[0]]


@pytest.mark.parametrize(
    "oguilay",
    ["Oʻgʻilay", "O‘g‘ilay", "O’g’ilay", "O'g'ilay", "O`g`ilay", "Oʼgʼilay", "Ogʻilay"],
)
def test_every_uzbek_apostrophe_is_accepted(oguilay: str) -> None:
    assert name_key(oguilay) == name_key("Оғылай")
    assert " " not in name_key(oguilay)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_NAMES)
def test_different_names_have_different_keys(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)
    assert name_key(transliterate(a, Scheme.KZ_ID)) != name_key(b)


def test_key_examples() -> None:
    assert name_key("Нұрсұлтан") == "nursultan"
    assert name_key("Жанар") == "janar"
    assert name_key("Мұхаммед") == "muhamed"  # doubled letters collapse
    assert name_key("Ерлан") == "erlan"
    assert name_key("Юсуп") == "iusup"


def test_key_of_several_words() -> None:
    assert name_key("  Сейітқалиұлы   Нұрлан\tЕрболатұлы ") == "seitkaliuli nurlan erbulatuli"
    assert name_key("Жан-Ерке") == name_key("Zhan-Yerke") == "jan erke"
    assert name_key("Жан–Ерке") == "jan erke"  # en dash typed by Word
    assert name_key("Ахметов (Akhmetov)") == "ahmetuv ahmetuv"


def test_key_drops_digits_and_signs() -> None:
    assert name_key("Нұрлан2!") == "nurlan"
    assert name_key("«Нұрлан»") == "nurlan"
    assert name_key("") == ""
    assert name_key("   ") == ""
    assert name_key("123 - 45") == ""
    assert name_key("努尔兰") == ""  # letters of other scripts are not spelled


def test_key_survives_mixed_scripts_and_decomposed_letters() -> None:
    # Latin i and o typed in a Cyrillic word (same-looking keys on the keyboard).
    assert name_key("Серiк") == name_key("Серік")
    assert name_key("Бoлат") == name_key("Болат")
    # Decomposed letters (u + combining diaeresis, и + combining breve, s + cedilla).
    assert name_key("Aygu\u0308l") == name_key("Айгүл")
    assert name_key("Каи\u0306рат") == name_key("Қайрат")
    assert name_key("S\u0327inar") == name_key("Шынар")
    # The Turkish capital İ and the schwa used for ә.
    assert name_key("İnju") == name_key("Інжу")
    assert name_key("Əsem") == name_key("Әсем")


def test_key_has_only_lowercase_latin_and_single_spaces() -> None:
    allowed = re.compile(r"\A[a-z]+( [a-z]+)*\Z")
    for name in KAZAKH_NAMES + [s for group in SAME_NAME for s in group]:
        assert allowed.match(name_key(name)), (name, name_key(name))


def test_key_is_idempotent() -> None:
    for name in KAZAKH_NAMES + [s for group in SAME_NAME for s in group]:
        key = name_key(name)
        assert name_key(key) == key


def test_tokens_for_the_search_index() -> None:
    assert name_tokens("Сейітқалиұлы Нұрлан-Ерке 123 !") == ["seitkaliuli", "nurlan", "erke"]
    assert name_tokens("") == []
    assert name_tokens(" - ") == []
    assert name_tokens("Zhanar") == name_tokens("Жанар") == ["janar"]


def test_similarity_of_one_typo_in_a_seven_letter_name() -> None:
    s = similarity(name_key("Айгерім"), name_key("Айгерум"))  # one letter wrong
    assert 0.8 <= s <= 0.9
    assert s == pytest.approx(6 / 7)


def test_similarity_counts_a_swap_of_neighbours_as_one_typo() -> None:
    assert similarity("nursultan", "nursulatn") == pytest.approx(8 / 9)
    assert similarity("aigerim", "iagerim") == pytest.approx(6 / 7)


def test_similarity_bounds() -> None:
    assert similarity("janar", "janar") == 1.0
    assert similarity("", "") == 1.0
    assert similarity("janar", "") == 0.0
    assert similarity("abc", "xyz") == 0.0
    assert similarity(name_key("Жанар"), name_key("Жанат")) == pytest.approx(0.8)
    assert similarity(name_key("Серік"), name_key("Берік")) == pytest.approx(0.8)
    # Clearly different names are far apart.
    assert similarity(name_key("Нұрсұлтан"), name_key("Айгерім")) < 0.3
    assert similarity(name_key("Ахметов"), name_key("Оспанова")) < 0.5


def test_similarity_is_symmetric() -> None:
    pairs = [("janar", "janat"), ("nursultan", "nurlan"), ("ahmetuv", "ahmetuva"), ("ab", "bca")]
    for a, b in pairs:
        assert similarity(a, b) == similarity(b, a)
        assert 0.0 <= similarity(a, b) <= 1.0


@pytest.mark.parametrize("scheme", list(Scheme))
@pytest.mark.parametrize("name", KAZAKH_NAMES)
def test_transliteration_keeps_the_key(name: str, scheme: Scheme) -> None:
    spelled = transliterate(name, scheme)
    assert name_key(spelled) == name_key(name), spelled
    if scheme is not Scheme.RUSSIAN:
        assert re.fullmatch(r"[^\u0400-\u04ff]+", spelled), spelled  # no Cyrillic left


@pytest.mark.parametrize(
    ("name", "scheme", "expected"),
    [
        ("Нұрсұлтан", Scheme.KZ_ID, "Nursultan"),
        ("Ерлан", Scheme.KZ_ID, "Yerlan"),
        ("Жанар", Scheme.KZ_ID, "Zhanar"),
        ("Қуаныш", Scheme.KZ_ID, "Kuanysh"),
        ("Хамит", Scheme.KZ_ID, "Khamit"),
        ("Щукин", Scheme.KZ_ID, "Shchukin"),
        ("Алёна", Scheme.KZ_ID, "Alyona"),
        ("Мейіржан", Scheme.KZ_ID, "Meiirzhan"),
        ("Оғылай", Scheme.UZBEK, "Ogʻilay"),  # О is plain O; only Ө is Oʻ
        ("Өмірзақ", Scheme.UZBEK, "Oʻmirzaq"),
        ("Хамит", Scheme.UZBEK, "Xamit"),
        ("Жанар", Scheme.UZBEK, "Janar"),
        ("Шынар", Scheme.TURKISH, "Şınar"),
        ("Інжу", Scheme.TURKISH, "İnju"),
        ("Ботагөз", Scheme.TURKISH, "Botagöz"),
        ("Ғалым", Scheme.TURKISH, "Ğalım"),
        ("Жұлдыз", Scheme.PINYIN_LIKE, "Juldiz"),
        ("Нұрсұлтан", Scheme.RUSSIAN, "Нурсултан"),
        ("НҰРСҰЛТАН Әбішұлы", Scheme.RUSSIAN, "НУРСУЛТАН Абишулы"),
        ("Нұрлан Ерболатұлы", Scheme.KZ_ID, "Nurlan Yerbolatuly"),
        ("Жан-Ерке", Scheme.KZ_ID, "Zhan-Yerke"),
        ("ЖАНАР", Scheme.KZ_ID, "Zhanar"),
        ("жанар", Scheme.KZ_ID, "zhanar"),
    ],
)
def test_transliteration_examples(name: str, scheme: Scheme, expected: str) -> None:
    assert transliterate(name, scheme) == expected


def test_transliteration_leaves_latin_alone() -> None:
    assert transliterate("Aigul", Scheme.KZ_ID) == "Aigul"
    assert transliterate("  Нұрлан   Aigul ", Scheme.UZBEK) == "Nurlan Aigul"


def test_fold_kazakh() -> None:
    assert fold_kazakh("  Нұрсұлтан   Әбішұлы ") == "нурсултан абишулы"
    assert fold_kazakh("ӘӨҮҰҚҢҒҺІЁ") == "аоуукнгхие"
    assert fold_kazakh("Шыңғыс") == "шынгыс"
    assert fold_kazakh("Кари\u0306на") == "карйна"  # NFC: и + breve is й
    assert fold_kazakh("Aigul 12") == "aigul 12"
    assert fold_kazakh("") == ""


def test_name_key_is_fast() -> None:
    # Demo data calls name_key about five million times; the target is a few µs per name.
    names = KAZAKH_NAMES + [transliterate(n, Scheme.KZ_ID) for n in KAZAKH_NAMES]
    rounds = 200
    start = time.perf_counter()
    for _ in range(rounds):
        for n in names:
            name_key(n)
    per_call = (time.perf_counter() - start) / (rounds * len(names))
    assert per_call < 20e-6  # generous for slow CI machines; about 1.5 µs on a laptop
