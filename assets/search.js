// The search page (/<lang>/search/): reads ?q=, searches the index that the build writes
// next to the page (internal/search: meta.json, s/<n>.json shards, t/<n>.json texts) and
// lists the results with an excerpt, the hits marked. Nothing leaves the site: every file
// is fetched relative to the page, so it works under any sub-path and offline.
//
// The tokenizer is internal/search/tokens.go's: change both together.
(function () {
  "use strict";
  var app = document.getElementById("search-app");
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-q");
  if (!app || !form || !input || !window.fetch) return;
  app.hidden = false;
  var statusEl = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var moreButton = document.getElementById("search-more");
  var root = app.getAttribute("data-root");
  var lang = document.documentElement.lang;
  var PAGE = 10;

  // The tokenizer, from here to the stemmer: internal/search's test runs this part of the
  // file with Node.js and compares the words it cuts with tokens.go's.
  var JA = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々]/u;
  var HIRAGANA = /\p{Script=Hiragana}/u;
  // Letters and decimal digits, as tokens.go's isWord: not ² or ①.
  var WORD = /[\p{L}\p{Nd}]/u;
  // A middle dot joins the parts of a Japanese run and is in none of its tokens
  // (tokens.go): クメールルージュ finds クメール・ルージュ.
  // So is the long vowel mark, which readers leave out or add (サマワ finds サマーワ).
  // The counters of a date that a number in a query carries (see terms); the units of an
  // amount or a count are the number's word itself (UNITS).
  var COUNTERS = "年月日".split("");
  function isJoiner(ch) { return ch === "・" || ch === "ー"; }
  // has reports whether the map m (a JSON object, or null) has the key k of its own.
  function has(m, k) { return !!m && Object.prototype.hasOwnProperty.call(m, k); }
  // Particles between the words of a Japanese query (カンボジアの選挙, スーダンへの支援):
  // a reader writes them, and a text need not have them where the query does.
  var PARTICLES = /^(?:[のをにへとがはでやも]+|から|まで)$/;

  // fold maps one character as tokens.go's fold does.
  function fold(ch) {
    var c = ch.codePointAt(0);
    if (c >= 0xff01 && c <= 0xff5e) ch = String.fromCodePoint(c - 0xfee0);
    var l = ch.toLowerCase();
    return Array.from(l).length === 1 ? l : ch;
  }
  function isJapanese(ch) { return JA.test(ch); }
  function isKana(s) { return /[\u3040-\u30ff]/.test(s); }
  function inRun(ch) { return isJoiner(ch) || JA.test(ch); }
  function isWord(ch) { return WORD.test(ch) && !JA.test(ch); }

  // runs splits text (an array of folded characters) into Japanese runs and words, with
  // their positions.
  function runs(chars) {
    var out = [];
    for (var i = 0; i < chars.length;) {
      var j = i;
      if (isJapanese(chars[i])) {
        while (j < chars.length && inRun(chars[j])) j++;
        out.push({ ja: true, text: chars.slice(i, j).join(""), start: i, end: j });
      } else if (isWord(chars[i])) {
        while (j < chars.length && isWord(chars[j])) j++;
        // A Japanese number with a scale is one word of its value (2万5,000 is 25000), its
        // scales left out of the runs.
        var sc = scaled(chars, i), end = sc ? sc.end : numberEnd(chars, i, j);
        // A number in groups is one word of its digits (8,140 is 8140), a decimal number
        // one word with its point (4.5).
        var run = { ja: false, text: sc ? sc.value : chars.slice(i, end).join("").replace(/,/g, ""), start: i, end: end };
        var isNumber = /^[0-9][0-9.]*$/.test(run.text);
        // A number with an English scale is one word of its value (4.5 billion:
        // 4500000000), the scale a word of its own (tokens.go's englishScale).
        var scale = !sc && isNumber ? englishScale(chars, end) : null, value = scale ? scaleDigits(run.text, scale.exp) : null;
        if (value !== null) {
          run.digits = run.text; // a word too, in the index: 350 finds US$350 million
          run.text = value.toString();
          run.markEnd = scale.end; // a mark takes the scale in: 4.5 billion
        }
        // A number with a unit written against it is one word with it (1億ドル:
        // 100000000ドル), which the index has beside the number, and so is one after a
        // currency sign (US$100 million: 100000000ドル) (tokens.go's withUnit).
        var unit = isNumber ? unitAt(chars, end) : "", currency = isNumber && !unit && i > 0 && has(CURRENCIES, chars[i - 1]) ? CURRENCIES[chars[i - 1]] : "";
        // The US of US$ is part of the currency: a query does not ask a Japanese text for it.
        var before = out[out.length - 1];
        if (currency === "ドル" && before && !before.ja && before.text === "us" && before.end === i - 1) before.sign = true;
        if (unit || currency) {
          run.num = run.text; // for marks: a query of the number alone marks it in the text
          run.numEnd = end;
          run.text += unit || currency;
          run.end += Array.from(unit).length;
        }
        out.push(run);
        j = run.end;
      } else {
        j = i + 1;
      }
      i = j;
    }
    return out;
  }

  // numberEnd is where a number whose first digits are the word chars[i:j] ends, when it
  // goes on past the word: in groups of three digits (8,140, not 1,2 or 1,0000), then
  // perhaps a decimal point and digits (4.5) (tokens.go's numberEnd).
  function numberEnd(chars, i, j) {
    var digits = function (a, b) { return b <= chars.length && /^[0-9]+$/.test(chars.slice(a, b).join("")); };
    if (!digits(i, j)) return j;
    if (j - i <= 3) {
      while (chars[j] === "," && digits(j + 1, j + 4) && (j + 4 === chars.length || !isWord(chars[j + 4]))) j += 4;
    }
    if (chars[j] === "." && digits(j + 1, j + 2)) {
      var k = j + 1;
      while (k < chars.length && isWord(chars[k])) k++;
      if (digits(j + 1, k)) j = k;
    }
    return j;
  }

  // UNITS are the currencies and counters written against a number (tokens.go's units).
  var UNITS = ["ドル", "円", "人", "丁", "隻", "台", "件", "名", "校", "回", "%"];
  // unitAt is the unit of UNITS that chars (folded characters) has at k, or "".
  function unitAt(chars, k) {
    var at = chars.slice(k, k + 2).join("");
    return UNITS.find(function (u) { return at.indexOf(u) === 0; }) || "";
  }
  // CURRENCIES are the signs written before an amount, and the unit a Japanese text writes
  // after it instead (tokens.go's currencies).
  var CURRENCIES = { "$": "ドル", "¥": "円" };
  // ENGLISH_SCALES are the words of an English number's scale (tokens.go's englishScales).
  var ENGLISH_SCALES = { million: 6, billion: 9 };
  // englishScale reads the scale word after one space (no-break or not) at chars[k], where
  // a number ends: its exponent and where it ends; null for none (tokens.go's
  // englishScale).
  function englishScale(chars, k) {
    if (chars[k] !== " " && chars[k] !== "\u00a0") return null;
    var e = k + 1;
    while (e < chars.length && isWord(chars[e])) e++;
    var w = chars.slice(k + 1, e).join("");
    return has(ENGLISH_SCALES, w) ? { exp: ENGLISH_SCALES[w], end: e } : null;
  }
  // SCALES are the exponents of the scales of a Japanese number (tokens.go's scales).
  var SCALES = { "万": 4, "億": 8, "兆": 12 };
  // scaled reads the Japanese number with a scale that starts at chars[i] as tokens.go's
  // scaled does: its value in digits (2万5,000: "25000"; 1億: "100000000") and where it
  // ends; null for none. Its digits, then a scale, perhaps more digits with a smaller one,
  // perhaps digits without one that are less than the last; not with 千, 百 or 十.
  function scaled(chars, i) {
    var total = 0n, last = 17, parts = 0, stop = i;
    for (var p = i; p < chars.length && /^[0-9]$/.test(chars[p]);) {
      var q = p;
      while (q < chars.length && isWord(chars[q])) q++;
      var end = Math.max(numberEnd(chars, p, q), q), num = chars.slice(p, end).join("");
      if (!/^[0-9.,]+$/.test(num)) return null;
      var c = chars[end];
      if (c === "千" || c === "百" || c === "十") return null;
      var isScaled = has(SCALES, c), exp = isScaled ? SCALES[c] : 0;
      if (isScaled && exp >= last || !isScaled && parts === 0) break;
      var v = scaleDigits(num, exp);
      if (v === null || !isScaled && v >= 10n ** BigInt(last)) break;
      total += v;
      parts++;
      if (!isScaled) { stop = end; break; }
      last = exp;
      p = stop = end + 1;
    }
    return parts ? { value: total.toString(), end: stop } : null;
  }
  // scaleDigits is the value of num (1,300 or 4.5) times 10^exp as a BigInt, when it is a
  // whole number below 10^16; null otherwise (tokens.go's scaleDigits).
  function scaleDigits(num, exp) {
    var digits = num.replace(/,/g, ""), point = digits.indexOf(".");
    if (point >= 0) {
      exp -= digits.length - point - 1;
      digits = digits.replace(".", "");
    }
    var v = BigInt(digits);
    if (v >= 10n ** 16n || exp < 0 || exp > 16 || v >= 10n ** BigInt(16 - exp)) return null;
    return v * 10n ** BigInt(exp);
  }

  // stem is a light English stemmer for matching, not for display: plurals, -ing, -ed,
  // the -er of a long word, and a final e, so that "landmines", "landmine" and
  // "mining"/"mine" meet, and "peacekeepers" and "peacekeeping". It runs on both the
  // query word and the indexed words, here: the index keeps words as written.
  function stem(w) {
    if (w.length <= 3 || /\d/.test(w)) return w;
    if (/ies$/.test(w)) w = w.slice(0, -3) + "y";
    else if (/(sses|xes|ches|shes|zes)$/.test(w)) w = w.slice(0, -2);
    else if (/[^su]s$/.test(w)) w = w.slice(0, -1);
    if (w.length > 5 && /ing$/.test(w)) w = w.slice(0, -3);
    else if (w.length > 4 && /ed$/.test(w)) w = w.slice(0, -2);
    else if (w.length > 8 && /[^e]er$/.test(w)) w = w.slice(0, -2);
    if (/([^aeiouls])\1$/.test(w)) w = w.slice(0, -1);
    if (w.length > 3 && /e$/.test(w)) w = w.slice(0, -1);
    return w;
  }

  function shardOf(key, n) {
    var h = 2166136261;
    for (var ch of key) {
      h ^= ch.codePointAt(0);
      h = Math.imul(h, 16777619) >>> 0;
    }
    return h % n;
  }
  function shardKey(tok) {
    var cs = Array.from(tok);
    return isJapanese(cs[0]) || cs.length <= 2 ? tok : cs.slice(0, 2).join("");
  }

  // tails are the ways to read a long word as a compound: a head of three letters or more
  // and a tail of four or more ("landmines": "land" + "mines", "landmine": "land" +
  // "mine"). match finds the words of the index that the tail is, by stem, as a weaker
  // match: a tail that is no word of the index finds nothing.
  function tails(w) {
    var cs = Array.from(w), out = [];
    if (cs.length < 8 || /\d/.test(w)) return out;
    for (var i = 3; cs.length - i >= 4; i++) out.push(cs.slice(i).join(""));
    return out;
  }

  // jaWords cuts a Japanese run of a query at its particles: the hiragana between two other
  // characters, and at its ends, that are particles alone (PARTICLES). A run of hiragana
  // alone (a reading, じらい) is one word.
  function jaWords(run) {
    var cs = Array.from(run).filter(function (c) { return !isJoiner(c); });
    if (cs.every(function (c) { return HIRAGANA.test(c); })) return [cs.join("")];
    var out = [], word = "";
    for (var i = 0; i < cs.length;) {
      var j = i;
      while (j < cs.length && HIRAGANA.test(cs[j])) j++;
      if (j === i) { word += cs[i++]; continue; }
      var kana = cs.slice(i, j).join("");
      if (PARTICLES.test(kana)) {
        if (word) out.push(word);
        word = "";
      } else {
        word += kana;
      }
      i = j;
    }
    if (word) out.push(word);
    return out;
  }

  // jaToks are the tokens a Japanese word must all have: its pairs of characters, or the
  // character itself when it is one and not hiragana.
  function jaToks(w) {
    var cs = Array.from(w), toks = [];
    if (cs.length === 1) {
      if (!HIRAGANA.test(cs[0])) toks.push(cs[0]);
    } else {
      for (var i = 0; i + 1 < cs.length; i++) toks.push(cs[i] + cs[i + 1]);
    }
    return toks;
  }

  // readingStart gives what a word in hiragana may stand for where it starts readings of
  // the glossary's terms without being one (じらい of じらいたいさく, じらいじょきょ, ...):
  // the characters all those terms start with, when two or more (地雷, found in every text
  // that writes it, not only in the terms); else the terms themselves, up to eight.
  function readingStart(read, w) {
    var found = [];
    Object.keys(read).forEach(function (k) {
      if (k.length > w.length && k.indexOf(w) === 0) found = found.concat(read[k]);
    });
    if (!found.length) return [];
    var common = Array.from(found[0]);
    found.forEach(function (t) {
      var cs = Array.from(t), n = 0;
      while (n < common.length && n < cs.length && common[n] === cs[n]) n++;
      common = common.slice(0, n);
    });
    if (common.length >= 2) return [common.join("")];
    return found.length <= 8 ? found : [];
  }

  // terms parses a query: a word, or a Japanese word with the tokens it must all have.
  // The query is NFKC-normalized first, as the texts are written: half-width katakana
  // (ｶﾝﾎﾞｼﾞｱ) and other compatibility forms become the ordinary ones. read is read.json's
  // readings of the glossary's terms, variants var.json's forms of them the site does not
  // write.
  function terms(q, stop, read, variants) {
    var out = [], prev = null;
    runs(Array.from(q.normalize("NFKC")).map(fold)).forEach(function (r) {
      // A counter written after a number (2003年, 6月) belongs to it: searched for
      // alone, 年 was found and marked in every date of the passage (2002年, 2004年), and
      // the excerpt showed those rather than 2003年. The number's mark takes it in.
      var last = prev;
      prev = r;
      // The scale of an English amount is in the number's word (7.14 million: 7140000),
      // which an index of either language has: searched for as well, "million" asked a
      // Japanese text for an English word.
      if (!r.ja && (r.sign || last && last.markEnd === r.end)) return;
      if (r.ja && last && !last.ja && last.end === r.start && COUNTERS.indexOf(r.text.charAt(0)) >= 0 && /^[0-9][0-9.]*$/.test(last.text)) {
        var num = out[out.length - 1];
        if (num && num.text === last.text) (num.units = num.units || []).push(r.text.charAt(0));
        // The rest of the run is searched as its own (2003年6月の選挙: 選挙).
        r = { ja: true, text: r.text.slice(1), start: r.start + 1, end: r.end };
        if (!r.text) return;
      }
      if (r.ja) {
        // A variant is looked up whole: 平和の固定化 would be cut at its particle.
        var whole = Array.from(r.text).filter(function (c) { return !isJoiner(c); }).join("");
        var words = has(variants, whole) ? [whole] : jaWords(r.text);
        words.forEach(function (w) {
          var cs = Array.from(w), toks = jaToks(w);
          if (!toks.length) return;
          var term = { ja: true, text: w, toks: toks, alts: [] };
          var forms = [];
          // A word in hiragana may be one the reader did not convert: a name (かんぼじあ
          // for カンボジア), whose katakana form is looked for too, or the reading of a
          // glossary term (じえいたい for 自衛隊), whose term is.
          if (cs.every(function (c) { return HIRAGANA.test(c); })) {
            if (cs.length >= 3) forms.push(cs.map(function (c) { var n = c.codePointAt(0); return n >= 0x3041 && n <= 0x3096 ? String.fromCodePoint(n + 0x60) : c; }).join(""));
            if (has(read, w)) forms = forms.concat(read[w]);
            else if (read && cs.length >= 3) forms = forms.concat(readingStart(read, w));
          }
          // A form of a glossary term that the site does not write (東チモール, 元兵士):
          // the term's form that it does is looked for too.
          if (has(variants, w)) forms = forms.concat(variants[w]);
          term.alts = forms.map(function (f) {
            var text = Array.from(f).filter(function (c) { return !isJoiner(c); }).join("");
            return { text: text, toks: jaToks(text) };
          });
          out.push(term);
        });
      } else if ((Array.from(r.text).length >= 2 || /^[0-9]$/.test(r.text)) && stop.indexOf(r.text) < 0) {
        out.push({ ja: false, text: r.text, toks: [r.text], tails: tails(r.text), start: r.start, end: r.end });
      }
    });
    return out;
  }

  // readings loads the readings of the glossary's terms (read.json) into m.read, once,
  // when q has a word all in hiragana, which one may be (じえいたい; not the particle of
  // スーダンへの支援): the rest of the queries never wait for them.
  function readings(m, q) {
    var kana = function (t) { return t.ja && Array.from(t.text).every(function (c) { return HIRAGANA.test(c); }); };
    if (!m.reads || m.read || !terms(q, m.stop).some(kana)) return Promise.resolve();
    return getJSON("read.json").then(function (r) { m.read = r; }, function () { m.read = {}; });
  }

  // variants loads the forms of the glossary's terms that the site does not write
  // (var.json) into m.var, once, when a query finds nothing: a word the site writes needs
  // none, and the first query does not wait for them. It reports whether a Japanese word
  // of the query q is one.
  function variants(m, q) {
    var load = !m.vars || m.var ? Promise.resolve() : getJSON("var.json").then(function (v) { m.var = v; }, function () { m.var = {}; });
    return load.then(function () {
      return terms(q, m.stop, m.read, m.var).some(function (t) { return t.ja && has(m.var, t.text); });
    });
  }

  var cache = {};
  function getJSON(url) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      });
    }
    return cache[url];
  }
  var metaP = null;
  function meta() {
    if (!metaP) {
      metaP = getJSON("meta.json").then(function (m) {
        // A document of meta.json is [kind, URL, title, passages]: its kind's place in
        // m.kinds, its URL, "" for the URL of the document before it, "#fragment" for
        // another place on that page or "-rest" for one whose fragment starts as the one
        // before up to its first "-" (#term-asia after #term-yasushi-akashi), the number
        // of its passages. Here it becomes [kind, URL, title, first passage].
        var at = 0, url = "";
        m.docs = m.docs.map(function (d) {
          var first = at, c = d[1].charAt(0);
          at += d[3];
          if (c === "#") url = url.split("#")[0] + d[1];
          else if (c === "-") url = url.replace(/(#[^-]*)-.*/, "$1") + d[1];
          else url = d[1] || url;
          return [m.kinds[d[0]], url, d[2], first];
        });
        // m.chunks has the number of passages in each text file; chunkOf wants the first.
        at = 0;
        m.chunkStarts = m.chunks.map(function (n) { var first = at; at += n; return first; });
        return m;
      });
    }
    return metaP;
  }
  // The digits of the postings (index.go's postingDigits): a digit's value is its place.
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", digit = {};
  DIGITS.split("").forEach(function (c, i) { digit[c] = i; });
  var decoded = {};
  // postings returns the passages of tok in shard, decoded once: each is the difference
  // from the one before in base 32, most significant digit first, a digit 32 and over
  // saying that more follow.
  function postings(n, shard, tok) {
    var key = n + "\u0000" + tok;
    if (!decoded[key]) {
      // Own keys only: "constructor" is a word, and every object has one.
      var s = has(shard, tok) ? shard[tok] : "", ids = [], at = 0, v = 0;
      for (var j = 0; j < s.length; j++) {
        var d = digit[s[j]];
        v = v * 32 + (d & 31);
        if (d < 32) { at += v; ids.push(at); v = 0; }
      }
      decoded[key] = ids;
    }
    return decoded[key];
  }
  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else { out.push(a[i]); i++; j++; }
    }
    return out;
  }

  // match finds, for each term, the passages it occurs in (and, for a word, the indexed
  // words it matched, to mark them in excerpts).
  function match(m, ts) {
    return Promise.all(ts.map(function (t) {
      var all = t.toks.concat(t.tails || []);
      (t.alts || []).forEach(function (a) { all = all.concat(a.toks); });
      var shards = all.map(function (tok) { return shardOf(shardKey(tok), m.shards); });
      return Promise.all(shards.map(function (n) { return getJSON("s/" + n + ".json"); })).then(function (loaded) {
        if (t.ja) {
          var lists = t.toks.map(function (tok, i) { return postings(shards[i], loaded[i], tok); });
          var found = function (ls) {
            return ls.reduce(function (a, p) { return a === null ? p : intersect(a, p); }, null) || [];
          };
          var ps = found(lists), parts = [t.text], at = t.toks.length;
          t.alts.forEach(function (a) {
            var also = found(a.toks.map(function (tok, i) { return postings(shards[at + i], loaded[at + i], tok); }));
            at += a.toks.length;
            if (also.length) {
              ps = union(ps, also);
              parts.push(a.text);
            }
          });
          // A compound that no text writes whole (人間安全保障 for 人間の安全保障): two
          // characters that stand side by side in no text are where the query joined two
          // words, and the term becomes its parts, of two characters or more, each found
          // in the passage.
          var split = splitAtAbsentPairs(t.text, lists);
          if (!ps.length && split.length > 1) {
            return { term: t, passages: found(lists.filter(function (p) { return p.length; })), words: null, parts: split };
          }
          return { term: t, passages: ps, words: null, parts: parts };
        }
        // A number is found as it is: 350 is not the start of 3,500.
        var s = stem(t.text), words = [], set = {}, number = /^[0-9][0-9.]*$/.test(t.text);
        var take = function (n, shard, w) {
          words.push(w);
          postings(n, shard, w).forEach(function (id) { set[id] = true; });
        };
        Object.keys(loaded[0]).forEach(function (w) {
          if (w === t.text || !number && ((t.text.length >= 3 && w.indexOf(t.text) === 0) || stem(w) === s)) take(shards[0], loaded[0], w);
        });
        var main = {};
        Object.keys(set).forEach(function (id) { main[id] = true; });
        // The tail of a compound: "landmines" also finds "mines" and "mine", as a weaker
        // match (see rank); not a word under four letters, though: "peacekeepers" is no
        // compound of "per" ("per capita").
        t.tails.forEach(function (tail, i) {
          var n = shards[i + 1], shard = loaded[i + 1], st = stem(tail);
          Object.keys(shard).forEach(function (w) {
            if (w.length >= 4 && stem(w) === st && words.indexOf(w) < 0) take(n, shard, w);
          });
        });
        var ps2 = Object.keys(set).map(Number).sort(function (a, b) { return a - b; });
        // An abbreviation also finds the passages that write its term in full (SDF:
        // "Self-Defense Forces"; internal/search, synonyms): its forms are marked too.
        var forms = [];
        var syn = m.syn || {};
        words.forEach(function (w) { if (has(syn, w)) forms = forms.concat(syn[w]); });
        return { term: t, passages: ps2, words: words, main: main, forms: forms };
      });
    }));
  }

  // union is the passages of two ascending lists, ascending, each once.
  function union(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || i < a.length && a[i] < b[j]) out.push(a[i++]);
      else if (i >= a.length || b[j] < a[i]) out.push(b[j++]);
      else { out.push(a[i++]); j++; }
    }
    return out;
  }

  // splitAtAbsentPairs cuts a Japanese word after each character whose pair with the next,
  // lists[i] being that pair's passages, is in no passage; [] if a part would be one
  // character, which says too little to search for.
  function splitAtAbsentPairs(text, lists) {
    var cs = Array.from(text), parts = [], start = 0;
    for (var i = 0; i < lists.length; i++) {
      if (lists[i].length) continue;
      parts.push(cs.slice(start, i + 1).join(""));
      start = i + 1;
    }
    parts.push(cs.slice(start).join(""));
    return parts.every(function (p) { return Array.from(p).length >= 2; }) ? parts : [];
  }

  // lastAtMost is the last i < n whose first(i), ascending in i, is at most passage.
  function lastAtMost(n, first, passage) {
    var lo = 0, hi = n - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (first(mid) <= passage) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  // docOf is the document of a passage; chunkOf the text file that holds it.
  function docOf(m, passage) {
    return lastAtMost(m.docs.length, function (i) { return m.docs[i][3]; }, passage);
  }
  function chunkOf(m, passage) {
    return lastAtMost(m.chunkStarts.length, function (i) { return m.chunkStarts[i]; }, passage);
  }

  var kindOrder = { country: 0, theme: 0, page: 1, glossary: 2, timeline: 3 };
  // A glossary term or a timeline event is short, so a word in it weighs as much as in a
  // brief's title: they count less than briefs, unless the query is their whole title. A
  // term with the query in its name ranks below a brief that uses the word twice or more
  // (地雷: the Afghanistan brief before 地雷回避教育 and 対人地雷禁止条約).
  var kindWeight = { country: 1, theme: 1, page: 1, glossary: 0.25, timeline: 0.5 };

  // rank orders the documents that have every term of matches, or with some, those that
  // have any, those with more of the terms first.
  function rank(m, q, matches, some) {
    var perDoc = {};
    matches.forEach(function (mt, ti) {
      mt.passages.forEach(function (p) {
        var d = docOf(m, p);
        var e = perDoc[d] || (perDoc[d] = { doc: d, hits: [] });
        (e.hits[ti] || (e.hits[ti] = [])).push(p);
      });
    });
    var nDocs = m.docs.length, folded = Array.from(q.trim().normalize("NFKC")).map(fold).join("");
    var results = [];
    Object.keys(perDoc).forEach(function (k) {
      var e = perDoc[k];
      if (!some) for (var i = 0; i < matches.length; i++) if (!e.hits[i]) return;
      results.push(e);
    });
    var df = matches.map(function (_, i) {
      return results.filter(function (e) { return e.hits[i]; }).length || 1;
    });
    results.forEach(function (e) {
      var d = m.docs[e.doc], score = 0;
      e.hits.forEach(function (ps, i) {
        // A doc that has the tail of a compound ("mines" for "landmines") and not the word
        // itself scores half.
        var main = matches[i].main, weight = 1;
        if (main) {
          var own = ps.filter(function (p) { return main[p]; });
          if (own.length) ps = own; else weight = 0.5;
        }
        var title = ps.indexOf(d[3]) >= 0, n = ps.length - (title ? 1 : 0);
        score += weight * Math.log(1 + nDocs / df[i]) * ((title ? 8 : 0) + 1 + Math.log2(1 + n));
      });
      // Words of a query of several that occur in the same passage ("human security")
      // are more likely the reader's phrase than words found apart.
      var present = e.hits.filter(Boolean); // with some of the terms, hits has holes
      if (present.length > 1) {
        var together = present.reduce(function (a, ps) { return a.filter(function (p) { return ps.indexOf(p) >= 0; }); });
        score += 2 * Math.log2(1 + together.length);
      }
      // A glossary term that spells out the abbreviation the query is (JICA: "Japan
      // International Cooperation Agency (JICA)") weighs as a brief: above the briefs that
      // only use the abbreviation, below one named by it (ODA: 平和構築のためのODA).
      var abbr = d[0] === "glossary" && d[2].match(/[（(]([^)）]*)[)）]\s*$/);
      if (!(abbr && Array.from(abbr[1]).map(fold).join("") === folded)) score *= kindWeight[d[0]] || 1;
      // A document whose whole title is the query comes first, whatever the others score
      // (平和構築: the glossary's term before 平和構築の人材育成, which uses it 20 times).
      var t = Array.from(d[2]).map(fold).join("");
      if (t === folded || t.replace(/\s*[（(].*[)）]\s*$/, "") === folded) {
        score += 1000;
        e.named = true;
      }
      // With some of the terms, each term a document has outweighs any score of the
      // others, whatever its kind.
      if (some) score += 1e6 * present.length;
      e.score = score;
    });
    // Ties: by kind, then the shorter title (the page about it more than a page that
    // mentions it); timeline entries, whose titles are a date and briefs, in date order.
    results.sort(function (a, b) {
      var ka = m.docs[a.doc][0], kb = m.docs[b.doc][0];
      return b.score - a.score || kindOrder[ka] - kindOrder[kb] ||
        (ka === "timeline" ? 0 : m.docs[a.doc][2].length - m.docs[b.doc][2].length) || a.doc - b.doc;
    });
    return results;
  }

  // excerptPassage picks the passage of a result to show: the one most terms occur in,
  // not the title; the first after the title if only the title matched, or if the query
  // is the title (a brief's summary: "Cambodia" showed a key figure that names it, which
  // a reader's trial read as a poor first result).
  function excerptPassage(m, e) {
    var first = m.docs[e.doc][3], count = {};
    var end = e.doc + 1 < m.docs.length ? m.docs[e.doc + 1][3] : m.passages;
    if (e.named && m.docs[e.doc][0] !== "timeline") return first + 1 < end ? first + 1 : -1;
    e.hits.forEach(function (ps) {
      ps.forEach(function (p) { if (p !== first) count[p] = (count[p] || 0) + 1; });
    });
    var best = first + 1, bestN = 0;
    Object.keys(count).map(Number).sort(function (a, b) { return a - b; }).forEach(function (p) {
      if (count[p] > bestN) { best = p; bestN = count[p]; }
    });
    return best < end ? best : -1;
  }

  // marks returns [start, end) ranges of the hits of matches in text (code points).
  function marks(chars, matches) {
    var folded = chars.map(fold), out = [];
    var words = {};
    matches.forEach(function (mt) { (mt.words || []).forEach(function (w) { words[w] = true; }); });
    var units = {};
    matches.forEach(function (mt) { (mt.term.units || []).forEach(function (u) { units[u] = true; }); });
    runs(folded).forEach(function (r) {
      if (!r.ja && words[r.text]) out.push([r.start, units[folded[r.end]] ? r.end + 1 : r.markEnd || r.end]);
      else if (!r.ja && r.num && words[r.num]) out.push([r.start, r.markEnd || r.numEnd]);
      else if (!r.ja && r.digits && words[r.digits]) out.push([r.start, r.numEnd || r.end]);
    });
    // A Japanese term is found with the text's ・ left out, as the index reads it, and
    // marked from its first character to its last in the text.
    var pos = []; // the places of the characters the index reads
    folded.forEach(function (c, i) { if (!isJoiner(c)) pos.push(i); });
    var s = pos.map(function (i) { return folded[i]; });
    matches.forEach(function (mt) {
      if (!mt.term.ja) return;
      mt.parts.forEach(function (part) {
        var needle = Array.from(part), n = needle.length;
        for (var at = 0; at + n <= s.length; at++) {
          var k = 0;
          while (k < n && s[at + k] === needle[k]) k++;
          if (k === n) {
            out.push([pos[at], pos[at + n - 1] + 1]);
            at += n - 1;
          }
        }
      });
    });
    // A term written in full for its abbreviation, from a word's start to the end of the
    // word it ends in: "self-defense force" marks "Self-Defense Forces".
    matches.forEach(function (mt) {
      (mt.forms || []).forEach(function (form) {
        var needle = Array.from(form), n = needle.length;
        for (var at = 0; at + n <= folded.length; at++) {
          if (at > 0 && isWord(folded[at - 1])) continue;
          var k = 0;
          while (k < n && folded[at + k] === needle[k]) k++;
          if (k < n) continue;
          var end = at + n;
          while (end < folded.length && isWord(folded[end])) end++;
          out.push([at, end]);
          at = end - 1;
        }
      });
    });
    return out.sort(function (a, b) { return a[0] - b[0]; });
  }

  // NUMBER is a number with what belongs to it (約2,000万ドル, 2006年12月3日), which the
  // pages keep on one line: the page's data-number, render.jaNumber itself. So does an
  // excerpt, which a phone's narrow column broke as 2006/年 and 12/月.
  var NUMBER = new RegExp(app.getAttribute("data-number"), "g");

  // kept appends text to el, each NUMBER in it kept whole.
  function kept(el, text) {
    var at = 0;
    function add(t) { if (t) el.appendChild(document.createTextNode(t)); }
    text.replace(NUMBER, function (n, i) {
      add(text.slice(at, i));
      var s = el.appendChild(document.createElement("span"));
      s.className = "nobr";
      s.textContent = n;
      at = i + n.length;
    });
    add(text.slice(at));
  }

  // marked fills el with text, the hits of matches in <mark>. A hit that cuts a number
  // (2007 of 2007年) marks all of it, so that the number stays on one line.
  function marked(el, chars, ms, start, end) {
    var at = start, text = chars.join(""), nums = [];
    if (text.length === chars.length) text.replace(NUMBER, function (n, i) { nums.push([i, i + n.length]); });
    ms.forEach(function (r) {
      nums.forEach(function (n) {
        if (r[0] > n[0] && r[0] < n[1]) r = [n[0], r[1]];
        if (r[1] > n[0] && r[1] < n[1]) r = [r[0], n[1]];
      });
      var a = Math.max(r[0], at), b = Math.min(r[1], end);
      if (a >= b) return;
      kept(el, chars.slice(at, a).join(""));
      kept(el.appendChild(document.createElement("mark")), chars.slice(a, b).join(""));
      at = b;
    });
    kept(el, chars.slice(at, end).join(""));
  }

  // excerpt is the passage text with the hits of matches marked, around the first hit.
  // other, for a glossary term's form in the other language, labels it and gives it that
  // language, so that a screen reader reads "mine clearance" on the Japanese page in
  // English.
  function excerpt(text, matches, other) {
    var chars = Array.from(text), ms = marks(chars, matches);
    var ja = lang === "ja", width = ja ? 90 : 180, before = ja ? 20 : 50;
    var start = 0;
    if (ms.length && chars.length > width) {
      // The window that shows the most of the query's words, the first of equals: a
      // passage that names one of them early and all of them later ("…Conference… the
      // Tokyo conferences") shows the later place.
      var at = 0, most = 0;
      ms.forEach(function (m) {
        var from = Math.max(0, m[0] - before), seen = {}, n = 0;
        ms.forEach(function (o) {
          var w = chars.slice(o[0], o[1]).join("").toLowerCase();
          if (o[0] >= from && o[1] <= from + width && !seen[w]) { seen[w] = true; n++; }
        });
        if (n > most) { most = n; at = m[0]; }
      });
      start = Math.max(0, Math.min(at - before, chars.length - width));
      if (!ja && start > 0) {
        while (start < at && chars[start - 1] !== " ") start++;
      }
    }
    var end = Math.min(chars.length, start + width);
    if (!ja && end < chars.length) {
      var e2 = end;
      while (e2 > start + width / 2 && chars[e2] !== " ") e2--;
      if (chars[e2] === " ") end = e2;
    }
    var p = document.createElement("p"), body = p;
    p.className = "search-excerpt";
    if (other) {
      var label = document.createElement("span");
      label.className = "search-excerpt-label";
      label.textContent = app.getAttribute("data-glossary-other");
      body = document.createElement("span");
      body.lang = app.getAttribute("data-glossary-lang");
      p.appendChild(label);
      p.appendChild(body);
    }
    if (start > 0) body.appendChild(document.createTextNode("…"));
    marked(body, chars, ms, start, end);
    if (end < chars.length) body.appendChild(document.createTextNode("…"));
    return p;
  }

  // showStatus writes the line of the UI string key with the query q and the count n in
  // it. A query in the other language's script is marked with its language, so that a
  // screen reader reads "landmines" on the Japanese page in English, and 地雷 on the
  // English page in Japanese; digits alone (2007) are either's.
  function showStatus(key, q, n) {
    withQuery(statusEl, app.getAttribute("data-" + key).replace("{n}", String(n)), q);
  }

  // withQuery sets el's text to template with the query q for its {q}, marked with its
  // language when that is not the page's (showStatus).
  function withQuery(el, template, q) {
    var ql = Array.from(q).some(isJapanese) ? "ja" : /[A-Za-z]/.test(q) ? "en" : lang;
    el.textContent = "";
    template.split("{q}").forEach(function (part, i) {
      if (i > 0) {
        var node = document.createTextNode(q);
        if (ql !== lang) {
          // In the line's face, as the site's other English words in Japanese text
          // (.inline-lang): in the serif, 「Cambodia」 stood out of the sans around it.
          node = document.createElement("span");
          node.lang = ql;
          node.className = "inline-lang";
          node.textContent = q;
        }
        el.appendChild(node);
      }
      el.appendChild(document.createTextNode(part));
    });
  }

  // announce hands the status line to the live region a screen reader reads out
  // (#search-said) once the reader stops typing (a key or a new search cancels it), not
  // at every key: typing "mine" had made
  // eight announcements in under a second, "Searching…" and a count for each letter,
  // each over the echo of the letter typed. A search the reader submitted, or arrived
  // with, is read at once. The offer of a closer word goes with it, for the ear (the link
  // under the status shows it).
  var saidEl = document.getElementById("search-said");
  var SAY_AFTER = 700; // ms without a key
  var sayTimer = 0, typing = false;
  function announce() {
    clearTimeout(sayTimer);
    sayTimer = setTimeout(function () {
      saidEl.textContent = "";
      statusEl.childNodes.forEach(function (n) { saidEl.appendChild(n.cloneNode(true)); });
      if (suggestion && !suggestion.parentNode.hidden) saidEl.appendChild(document.createTextNode(" " + suggestion.textContent));
    }, typing ? SAY_AFTER : 0);
  }

  var current = 0; // the number of the search running: an older one's answer is dropped
  var shown = [], shownCount = 0, lastM = null, lastMatches = null;

  function run(q) {
    var id = ++current;
    clearTimeout(sayTimer); // a new search: what the last one would have said is stale
    q = q.trim();
    moreButton.hidden = true;
    if (other) other.parentNode.hidden = true;
    if (suggestion) suggestion.parentNode.hidden = true;
    if (!q) { list.textContent = ""; statusEl.textContent = ""; announce(); app.setAttribute("data-done", ""); return Promise.resolve(); }
    statusEl.textContent = app.getAttribute("data-loading");
    return meta().then(function (m) {
      return readings(m, q).then(function () { return m; });
    }).then(function (m) {
      var ts = terms(q, m.stop, m.read);
      if (!ts.length) {
        // A stop word ("the"), or Japanese particles (の), and nothing else to search for:
        // say so, not "no results".
        var common = runs(Array.from(q.normalize("NFKC")).map(fold)).some(function (r) { return r.ja ? PARTICLES.test(r.text) : m.stop.indexOf(r.text) >= 0; });
        return { m: m, matches: [], results: [], common: common };
      }
      var found = function (ms) { return { m: m, matches: ms, results: rank(m, q, ms) }; };
      return match(m, ts).then(found).then(function (r) {
        if (r.results.length) return r;
        // A word the site writes otherwise (東チモール, 元兵士): the query again with the
        // glossary's forms for it, if it has a word that has some.
        return variants(m, q).then(function (some) {
          if (!some) return r;
          ts = terms(q, m.stop, m.read, m.var);
          return match(m, ts).then(found);
        });
      }).then(function (r) {
        if (r.results.length) return r;
        return suggestQuery(m, q, ts, r.matches).then(function (s) {
          r.suggestion = s;
          // No document has every word, and no mended query finds one: those with some of
          // the words ("child soldiers": fighters, not soldiers, in the Sudan brief).
          if (!s && ts.length > 1) {
            r.results = rank(m, q, r.matches, true);
            r.some = r.results.length > 0;
          }
          return r;
        });
      });
    }).then(function (r) {
      if (id !== current) return;
      lastM = r.m; lastMatches = r.matches; shown = r.results; shownCount = 0;
      var n = r.results.length;
      showStatus(r.common ? "stop" : r.some ? "some" : n === 0 ? "none" : n === 1 ? "single" : "many", q, n);
      if (r.suggestion && suggestion) {
        var u = new URL(location.href);
        u.searchParams.set("q", r.suggestion);
        suggestion.href = u.href;
        suggestion.textContent = suggestion.getAttribute("data-template").replace("{q}", function () { return r.suggestion; });
        suggestion.parentNode.hidden = false;
      }
      announce();
      offerOtherEdition(q);
      return showMore(id).then(function () {
        // For tests and scripts: the query whose results are listed, excerpts included.
        if (id === current) app.setAttribute("data-done", q);
      });
    }).catch(function () {
      // Opened from the disk (file://), a browser lets no page read other files.
      if (id !== current) return;
      list.textContent = "";
      statusEl.textContent = app.getAttribute(location.protocol === "file:" ? "data-file" : "data-failed");
      announce();
    });
  }

  // suggest finds, for a word that finds nothing, the word of the index closest to it: at
  // most one edit away (two for a word of seven letters or more), a swap of two letters
  // counting one (cambodai: cambodia), the one in the most passages at an equal distance.
  // Only words of the query word's shard are compared: a typo in the first two letters
  // finds none.
  var suggestion = document.getElementById("search-suggest");
  // suggestQuery offers, for a query that found nothing, the query with each of its words
  // that found nothing replaced by its closest word of the index (suggest), if every such
  // word has one and the new query finds something: "Self-Defence Forces" is offered
  // "Self-Defense Forces", "Ottowa" "Ottawa". The rest of the query stays as typed.
  function suggestQuery(m, q, ts, matches) {
    var missing = ts.filter(function (t, i) { return !matches[i].passages.length; });
    if (!missing.length) return Promise.resolve("");
    return Promise.all(missing.map(function (t) { return suggest(m, t); })).then(function (words) {
      if (words.some(function (w) { return !w; })) return "";
      // terms reads the query NFKC-normalized, one folded character for each: a word's
      // start and end are its place in these characters.
      var chars = Array.from(q.normalize("NFKC"));
      for (var i = missing.length - 1; i >= 0; i--) {
        var t = missing[i], was = chars.slice(t.start, t.end).join(""), w = words[i];
        // A capital stays: "Ottowa" is offered "Ottawa", "UNTAK" "UNTAC".
        if (was.length > 1 && was === was.toUpperCase() && was !== was.toLowerCase()) w = w.toUpperCase();
        else if (was.charAt(0) !== was.charAt(0).toLowerCase()) w = w.charAt(0).toUpperCase() + w.slice(1);
        chars.splice(t.start, t.end - t.start, w);
      }
      var fixed = chars.join("");
      return match(m, terms(fixed, m.stop, m.read, m.var)).then(function (ms) { return rank(m, fixed, ms).length ? fixed : ""; });
    });
  }

  function suggest(m, t) {
    if (t.ja || !suggestion) return Promise.resolve("");
    var w = Array.from(t.text);
    if (w.length < 4 || /\d/.test(t.text)) return Promise.resolve("");
    var n = shardOf(shardKey(t.text), m.shards), most = w.length >= 7 ? 2 : 1;
    return getJSON("s/" + n + ".json").then(function (shard) {
      var best = "", bestD = most + 1, bestN = 0;
      Object.keys(shard).sort().forEach(function (c) {
        if (isJapanese(c[0])) return;
        var d = distance(w, Array.from(c), most);
        if (d > most) return;
        var k = postings(n, shard, c).length;
        if (d < bestD || d === bestD && k > bestN) { best = c; bestD = d; bestN = k; }
      });
      return best;
    });
  }
  // distance is the optimal string alignment distance of a and b (arrays of characters):
  // insertions, deletions, substitutions and swaps of neighbours; most + 1, uncounted,
  // when their lengths alone differ by more than most.
  function distance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      for (var k = 1; k <= b.length; k++) {
        var v = Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + (a[i - 1] === b[k - 1] ? 0 : 1));
        if (prev2 && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) v = Math.min(v, prev2[k - 2] + 1);
        cur.push(v);
      }
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  // offerOtherEdition links the same search in the other edition when the query is
  // written for it: Japanese script on the English edition (its briefs are in the
  // Japanese one; here only the glossary has the words), or Latin letters and no Japanese
  // on the Japanese edition, whatever it found there: its briefs have the acronyms (DDR,
  // JICA) but not the English words, which only the glossary and the English titles give
  // ("election" found the Elections theme and one term, where 選挙 finds 14 pages).
  var other = document.getElementById("search-other");
  function offerOtherEdition(q) {
    if (!other) return;
    var nfkc = q.normalize("NFKC");
    var japanese = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/.test(nfkc);
    var offer = other.getAttribute("data-lang") === "ja" ? japanese : !japanese && /[A-Za-z]/.test(nfkc);
    other.parentNode.hidden = !offer;
    if (!offer) return;
    var u = new URL(other.href);
    u.searchParams.set("q", q);
    other.href = u.href;
    withQuery(other, other.getAttribute("data-template"), q);
  }

  // showMore lists the next PAGE results, with their excerpts.
  // textFragment is a text directive (#:~:text=) that opens a result's page at the passage
  // of its excerpt, marked, where the browser knows it (Chromium, Safari, Firefox): found
  // deep in a brief, a result opened its page at the top. Elsewhere the page opens at the
  // top, as before. It gives the passage's first and last words, whole: a browser matches
  // a directive's words at word boundaries only, which in Japanese are the ones its word
  // segmenter finds (Intl.Segmenter; without it, a Japanese result gets no directive).
  function textFragment(text) {
    var enc = function (s) { return encodeURIComponent(s).replace(/-/g, "%2D"); };
    var t = text.replace(/\s+/g, " ").trim(), words;
    if (JA.test(t)) {
      if (!window.Intl || !Intl.Segmenter) return "";
      words = Array.from(new Intl.Segmenter(lang, { granularity: "word" }).segment(t), function (x) { return x.segment; });
    } else {
      words = t.split(/(?= )/);
    }
    // Its first words up to 20 characters, which a page rarely has twice (a browser takes
    // the first place they are found), and its last up to 12: the passage whole if short.
    var upTo = function (ws, most) { var out = [], n = 0; for (var i = 0; i < ws.length && n < most; i++) { out.push(ws[i]); n += ws[i].trim().length; } return out; };
    var head = upTo(words, 20), tail = upTo(words.slice(head.length).reverse(), 12).reverse();
    if (head.length + tail.length >= words.length) return "#:~:text=" + enc(t);
    return "#:~:text=" + enc(head.join("").trim()) + "," + enc(tail.join("").trim());
  }

  // showMore lists the next batch of results, each with its excerpt. A batch goes into the
  // list whole, once its excerpts are in (the first replacing the last search's results):
  // listed at once and filled as each text file came, the results moved down under a
  // reader's finger a third of a second later (a layout shift of 0.4 on a phone). On a
  // slow network the titles come after slowWait, and the excerpts as they arrive.
  var slowWait = 800;
  function showMore(id) {
    var m = lastM, matches = lastMatches, first = shownCount === 0;
    var batch = shown.slice(shownCount, shownCount + PAGE);
    shownCount += batch.length;
    var items = batch.map(function (e) {
      var d = m.docs[e.doc];
      var li = document.createElement("li");
      li.className = "search-result";
      var a = document.createElement("a");
      a.className = "search-hit";
      a.href = root + d[1];
      var tc = Array.from(d[2]);
      marked(a, tc, marks(tc, matches), 0, tc.length);
      var kind = document.createElement("span");
      kind.className = "search-kind search-kind-" + d[0];
      kind.textContent = app.getAttribute("data-kind-" + d[0]);
      var h = document.createElement("h2");
      h.appendChild(a);
      li.appendChild(h);
      li.appendChild(kind);
      var passage = excerptPassage(m, e);
      // A glossary term's first passage after its title is its form in the other language.
      // A brief's result leads to the passage of its excerpt (textFragment), not a title
      // or an entry, whose address is its own.
      var here = passage > d[3] && d[1].indexOf("#") < 0 ? a : null;
      return { li: li, passage: passage, other: d[0] === "glossary" && passage === d[3] + 1, link: here };
    });
    var filled = Promise.all(items.map(function (it) {
      if (it.passage < 0) return null;
      var c = chunkOf(m, it.passage);
      return getJSON("t/" + c + ".json").then(function (texts) {
        if (id !== current) return;
        var text = texts[it.passage - m.chunkStarts[c]];
        if (text) it.li.appendChild(excerpt(text, matches, it.other));
        if (text && it.link) it.link.href += textFragment(text);
      });
    }));
    var slow = new Promise(function (done) { setTimeout(done, slowWait); });
    return Promise.race([filled, slow]).then(function () {
      if (id !== current) return;
      if (first) list.textContent = "";
      items.forEach(function (it) { list.appendChild(it.li); });
      moreButton.hidden = shownCount >= shown.length;
      return filled;
    });
  }

  var timer = 0;
  // The history keeps each search the reader submitted (Enter) or arrived with: typing
  // after one starts an entry of its own, which goes on being replaced while the reader
  // types, so that Back returns to the submitted search, not to the one before it.
  var keep = false;
  function update(push) {
    var q = input.value;
    var url = new URL(location.href);
    if (q.trim()) url.searchParams.set("q", q); else url.searchParams.delete("q");
    if (url.href !== location.href) {
      // The entry left keeps where it was scrolled, for Back (restore).
      if (push || keep) remember({ y: window.scrollY });
      history[push || keep ? "pushState" : "replaceState"](null, "", url.href);
      keep = false;
    }
    if (push) keep = true;
    carryQuery(q);
    return run(q);
  }
  // The language switch opens the same search in the other language.
  function carryQuery(q) {
    document.querySelectorAll(".lang-switch a[href]").forEach(function (a) {
      var u = new URL(a.href);
      if (q.trim()) u.searchParams.set("q", q); else u.searchParams.delete("q");
      a.href = u.href;
    });
  }
  // A Japanese input method sends an input event for each kana before the word is
  // converted: the search waits for the converted text (compositionend). A phone's
  // keyboard composes Latin words too; those are searched as they are typed.
  function typed(ev) {
    if (ev.isComposing && isKana(input.value)) return;
    typing = true;
    clearTimeout(timer);
    clearTimeout(sayTimer); // the pause is counted from the last key
    timer = setTimeout(function () { update(false); }, 120);
  }
  input.addEventListener("input", typed);
  input.addEventListener("compositionend", typed);
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    clearTimeout(timer);
    typing = false;
    update(true);
  });
  moreButton.addEventListener("click", function () {
    var before = shownCount, listed = showMore(current);
    remember({ shown: shownCount });
    listed.then(function () {
      var links = list.querySelectorAll(".search-hit");
      if (links[before]) links[before].focus();
    });
  });
  // Back from a result: the page is loaded again (unless the browser kept it) and its
  // results listed again; the history entry remembers how many were shown and where the
  // page was scrolled, so that the reader is back at the result they left, not at the
  // first ten and the top.
  function remember(more) {
    var st = Object.assign({}, history.state, more, { q: new URL(location.href).searchParams.get("q") || "" });
    history.replaceState(st, "", location.href);
  }
  if ("scrollRestoration" in history) history.scrollRestoration = "manual"; // restore's
  window.addEventListener("pagehide", function () { remember({ y: window.scrollY }); });
  function restore(q) {
    var st = history.state;
    if (!st || st.q !== q) return Promise.resolve();
    var id = current;
    var more = function () {
      if (id !== current || shownCount >= Math.min(st.shown || 0, shown.length)) return Promise.resolve();
      return showMore(id).then(more);
    };
    return more().then(function () {
      if (id === current) window.scrollTo(0, st.y || 0);
    });
  }
  window.addEventListener("popstate", function () {
    var q = input.value = new URL(location.href).searchParams.get("q") || "";
    keep = !!q.trim();
    typing = false;
    carryQuery(q);
    run(q).then(function () { return restore(q); });
  });

  // Keyboard: arrows move between the box and the results, Esc clears the box or returns
  // to it; Enter on a result follows its link (the browser's own).
  function links() { return Array.prototype.slice.call(list.querySelectorAll(".search-hit")); }
  input.addEventListener("keydown", function (ev) {
    // While an input method composes (Japanese), its keys are its own: Down picks the next
    // candidate and Esc cancels the conversion, not the query. Chromium and Safari send
    // keyCode 229 for the key that ends a composition, with isComposing already false.
    if (ev.isComposing || ev.keyCode === 229) return;
    if (ev.key === "ArrowDown") {
      var l = links();
      if (l.length) { ev.preventDefault(); l[0].focus(); }
    } else if (ev.key === "Escape" && input.value) {
      ev.preventDefault();
      input.value = "";
      update(false);
    }
  });
  list.addEventListener("keydown", function (ev) {
    var l = links(), i = l.indexOf(document.activeElement);
    if (i < 0) return;
    if (ev.key === "ArrowDown" && i + 1 < l.length) { ev.preventDefault(); l[i + 1].focus(); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); (i > 0 ? l[i - 1] : input).focus(); }
    else if (ev.key === "Escape") { ev.preventDefault(); input.focus(); }
  });

  var q0 = new URL(location.href).searchParams.get("q") || "";
  input.value = q0;
  keep = !!q0.trim();
  // The box is not focused on load: the first Tab stop of every page is its skip link.
  // Coming from the header's box, Down still leads into the results, as the first key
  // pressed once they are listed (Shift and the like are no key pressed); after any
  // other key the arrows scroll the page, as on any other.
  function firstKey(ev) {
    if (/^(Shift|Control|Alt|Meta)$/.test(ev.key) || !links().length) return;
    document.removeEventListener("keydown", firstKey);
    var a = document.activeElement;
    if (ev.key !== "ArrowDown" || (a && a !== document.body && a.tagName !== "MAIN")) return;
    ev.preventDefault();
    links()[0].focus();
  }
  document.addEventListener("keydown", firstKey);
  if (q0) {
    carryQuery(q0);
    run(q0).then(function () { return restore(q0); });
  } else if (new URL(location.href).searchParams.has("q")) {
    // The header's search button pressed with nothing typed (a phone's header shows the
    // button alone): the reader came to type, and the box takes the focus.
    input.focus();
  }
})();
