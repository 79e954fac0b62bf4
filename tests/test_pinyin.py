"""Pinyin of names: polyphonic company words and surnames read right, the sort key sorts in dictionary order, and
the search tokens start at syllables."""

import pytest

from fieldcrm.pinyin import name_pinyin


@pytest.mark.parametrize(
    ("name", "sort"),
    [
        ("重庆银行股份有限公司", "chong2 qing4 yin2 hang2 gu3 fen4 you3 xian4 gong1 si1"),
        ("长沙市行业协会", "chang2 sha1 shi4 hang2 ye4 xie2 hui4"),
        ("厦门航空有限公司", "xia4 men2 hang2 kong1 you3 xian4 gong1 si1"),
        ("招商银行长沙支行", "zhao1 shang1 yin2 hang2 chang2 sha1 zhi1 hang2"),  # 支行: a branch
        ("上海浦东发展银行总行", "shang4 hai3 pu3 dong1 fa1 zhan3 yin2 hang2 zong3 hang2"),
        ("长宁区华信科技", "chang2 ning2 qu1 hua2 xin4 ke1 ji4"),  # a district of Shanghai, not zhǎng
        ("单县华信食品有限公司", "shan4 xian4 hua2 xin4 shi2 pin3 you3 xian4 gong1 si1"),  # a county
        ("华信琴行", "hua2 xin4 qin2 hang2"),  # a firm
        ("华信琴行（长沙）有限公司", "hua2 xin4 qin2 hang2 chang2 sha1 you3 xian4 gong1 si1"),
        ("行远科技有限公司", "xing2 yuan3 ke1 ji4 you3 xian4 gong1 si1"),  # 行 that does not end the name
        ("单位食堂", "dan1 wei4 shi2 tang2"),  # a company's 单 is no surname
    ],
)
def test_company_names_read_their_words_right(name: str, sort: str) -> None:
    assert name_pinyin(name).sort == sort


@pytest.mark.parametrize(
    ("name", "sort"),
    [
        ("单田芳", "shan4 tian2 fang1"),
        ("曾涛", "zeng1 tao1"),
        ("曾经理", "zeng1 jing1 li3"),  # Manager Zeng, though 曾经 is a word
        ("解晓东", "xie4 xiao3 dong1"),
        ("仇晓", "qiu2 xiao3"),
        ("区志强", "ou1 zhi4 qiang2"),
        ("朴树", "piao2 shu4"),
        ("翟志刚", "zhai2 zhi4 gang1"),
        ("欧阳娜娜", "ou1 yang2 na4 na4"),
        ("尉迟恭", "yu4 chi2 gong1"),  # not 尉 wèi
        ("万俟卨", "mo4 qi2 xie4"),  # not 万 wàn
        ("张伟", "zhang1 wei3"),
        ("John Smith", "john smith"),
    ],
)
def test_a_persons_name_starts_with_the_surnames_reading(name: str, sort: str) -> None:
    assert name_pinyin(name, person=True).sort == sort


def test_initials_and_tokens_start_at_syllables() -> None:
    keys = name_pinyin("华润万家")
    assert keys.initials == "hrwj"
    assert keys.tokens.split() == ["huarunwanjia", "runwanjia", "wanjia", "jia", "hrwj", "rwj", "wj"]
    mixed = name_pinyin("ＡＢＢ（中国）有限公司 3M")  # full-width letters, brackets, a run of letters and digits
    assert mixed.sort == "abb zhong1 guo2 you3 xian4 gong1 si1 3m"
    assert mixed.initials == "abbzgyxgs3m"
    assert name_pinyin("绿地").tokens.split()[0] == "lvdi"  # ü as v, as pinyin keyboards type it


def test_sort_keys_sort_in_dictionary_order() -> None:
    """Syllable by syllable, a shorter one first, the tone after the letters (商 shāng before 上 shàng)."""
    names = ["中国", "阿里", "华润", "华", "商业", "上海", "长沙", "成都", "重庆", "厦门", "3M", "ABB", "安徽"]
    expected = ["3M", "阿里", "ABB", "安徽", "长沙", "成都", "重庆", "华", "华润", "商业", "上海", "厦门", "中国"]
    assert sorted(names, key=lambda name: name_pinyin(name).sort) == expected
