// Package numbers writes numbers and dates as English and Japanese texts
// write them, and reads them back out of such texts, so that the translator
// check can compare the numbers of an English page with those of its
// Japanese translation as values: "4.5 billion U.S. dollars" and 45億ドル are
// the same number, "December 2006" and 2006年12月 the same date.
//
// It uses only the standard library and does no I/O. lang is "en" or "ja";
// any other value is treated as "en" (the config package decides which
// languages exist).
//
// # Formatting
//
// Formatting works on the decimal digits of a value's shortest
// representation (strconv 'f', -1), moving the decimal point instead of
// doing float arithmetic, so a value is never written with artifacts such as
// 38.599999999999994.
//
//	                               en                      ja
//	Group(181000)                  181,000                 18万1,000
//	Group(13.8)                    13.8                    13.8
//	Area(181000)                   181,000 km²             18万1,000km²
//	Millions(13.8)                 13.8 million            1,380万
//	Figure(1300, people)           1,300 people            1,300人
//	Figure(4.5e9, usd, over)       over US$4.5 billion     45億ドル超
//	Figure(38.6e6, usd, about)     about US$38.6 million   約3,860万ドル
//	Figure(3.35e10, jpy, up-to)    up to ¥33.5 billion     最大335億円
//	Figure(25000, items)           25,000                  2万5,000
//	Figure(20, percent)            20%                     20%
//	FormatDate("2006")             2006                    2006年
//	FormatDate("2006-12")          December 2006           2006年12月
//	FormatDate("1991-10-23")       23 October 1991         1991年10月23日
//
// English groups digits by three and, in Figure, writes million, billion or
// trillion from 1,000,000 on when the scaled number needs at most three
// decimals (US$38.6 million, but US$1,234,567). Japanese always groups by
// four digits with 万, 億 and 兆, remainder included (1億2,500万, never
// 1.25億), and keeps the comma inside a group (1,380万); this is how MOFA
// texts write such numbers, for counts of items too (2万5,000丁). Japanese
// uses the half-width % and 超 for "over".
//
// Dates are "YYYY", "YYYY-MM" or "YYYY-MM-DD". ParseDate returns a Date,
// which Compare orders; an impossible date (month 13, 31 April, 29 February
// 2007) is an error that says what is wrong.
//
// # Extraction
//
// Extract returns the numbers of a Markdown text in order, each with its
// value, Kind, currency Unit, Approx flag, and the exact source Text at its
// byte Offset. Equal compares two Numbers by value (allowing for float
// rounding), kind and unit.
//
// Each language's words are read only in texts of that language (a
// Japanese page that quotes "US$4.5 billion" yields US$4.5, which then
// fails to match); signs and digits are read in both. It reads, in both languages: digits with thousands separators and
// decimals, full-width digits and punctuation included (１，３００, ３８．６);
// the currency signs US$, $ and ¥ before a number; % and ％ after it; and
// ISO dates (2006-12-31). In English it also reads a scale word after the
// number (thousand, million, billion, trillion); currency words after it
// (U.S. dollars, US dollars, dollars, yen) and percent or per cent; the
// approximation words about, approximately, around, roughly, some, nearly,
// almost, less than, fewer than, more than, over, exceeding, at least and up
// to before it; the number words ten to ninety-nine ("ten-year", "twenty");
// fractions in words (one half, half of, one-third, a third of, two-thirds,
// one quarter, a quarter of, three-quarters; "half of" and "a third of" need
// their "of", and "the first half of" is a period, not a fraction);
// and
// dates with a capitalized month name: "December 2006", "23 October 1991",
// "October 23, 1991", "FY 2005", and two months of one year ("April and May
// 2006", "April to May 2006", "April–May 2006": both of 2006). In Japanese it reads the units 十, 百, 千, 万,
// 億 and 兆 between digits (1億2,500万, 18万1,000, 3千万, 2万5千); ドル, 米ドル,
// 円 and パーセント after the number, and 割 (2割 is 20 percent); 約, およそ
// and 最大 before it; 以上, 超, を超, を上回, 余り, 余, 強, 近く, 弱, 未満, 以下,
// 程度, 前後, ほど, 規模, あまり and 足らず after it, also after a counter of up to three
// letters (2万5,000丁以上, 1万人を超える, 1,000人規模, 30通り以上; a particle such as の
// ends it, and a one-kanji marker does not start a word: 3万人強制送還); kanji numerals,
// positional or with 十, 百 and 千 (二〇〇七, 千三百, 六千万; a single kanji
// only before 万, 億, 兆, 人, 名, 年, 月 or 日, and none after 数, 何 or 幾:
// 一部, 十分 and 数千 are words); fractions (半数, 半分, 3分の1, 三分の二; not 過半数,
// a majority); and the dates 2006年, 2006年度, 2006年12月,
// 1991年10月23日, era years (昭和, 平成, 令和: 平成18年 is 2006) and two months
// of one year (2006年4～5月, 2006年4月から5月, 2006年の4月と5月: both of 2006).
//
// Approx says a marker was written, and Bound which: "about" (about, 約,
// 程度, 前後, ほど, 規模), "over" (more than, over, 以上, を超える, 余り, あまり, 強),
// "under" (nearly, less than, 近く, 弱, 未満, 以下, 足らず) or "up to" (最大), so that a
// check can tell "more than 400 million yen" from 約4億円.
//
// A year is Year, a month of a year Month, a day Day, with Value year,
// year*100+month and year*10000+month*100+day, so that the two languages'
// forms of a date are Equal. A four-digit number without separators between
// 1800 and 2099, with no scale, unit or percent, is taken for a Year: "in
// 2006" and "2006 through 2008" are years, "2003-2005" is two years. That is
// a guess ("2000 troops"), so Equal does not tell Year from Plain.
//
// In a range, the first number takes the scale and the currency or percent
// sign written only after the second, as the other language may repeat them:
// "10 to 15 billion yen" is 100億円から150億円, "10-15%" is 10%～15%. The
// numbers must be joined by nothing but a dash, "to", "or" ("and" after
// "between"), or ～, から, ないし; a scale passes on only to a smaller number
// without one, and a Japanese scale only from a number with one group of
// digits (15億, not 1億2,500万).
//
// # What is not a number
//
// Extract leaves out, because the other language would not have the same
// number in the same form:
//
//   - a Plain number below 10 (no scale, unit, percent or date): English
//     writes small counts as words ("three pillars", "the sixth round"),
//     Japanese as digits or kanji (3つ, 三つ, 第6回);
//   - number words below ten ("three", 三つ), like digits below ten;
//   - numbers touching a Latin letter, which are names, ordinals or units:
//     G8, UNSCR1325, 6th, 1990s, km2 (but FY2005 is a year);
//   - Japanese ordinals: 第 and a number (第12回), and a number before 周年,
//     回目, 番目 or 度目 (50周年, "50th anniversary"), which English writes
//     as a word or glued ordinal;
//   - a day or month without its year ("23 October", 12月5日, 6月), whose
//     month English writes as a word, and decades (1990年代, like 1990s);
//   - page references: "p. 12", "pp. 12-15";
//   - in Markdown, the digits of link destinations ("[Cambodia](cambodia.md#1991)"),
//     URLs, {#heading-ids}, reference definitions and ordered-list markers
//     ("1. " at the start of a line, as CommonMark reads it: a line that
//     starts with "2006. " is a list item too).
//
// The text outside these is read as prose: code spans are not set apart.
package numbers
