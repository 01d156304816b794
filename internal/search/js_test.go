package search

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The query side of the tokenizer is assets/search.js's: it must cut a text into the
// words that tokens.go cuts the index into, or a query finds nothing where the text has
// it. TestTokenizerAgreesWithSearchJS runs search.js's tokenizer (the part of the file
// between its two markers) with Node.js on generated texts of digits, separators,
// scales, letters and Japanese, and compares the words, numbers and values each side
// makes. (Japanese runs are cut into pairs of characters by both, from the same runs; a
// scale after a number is part of the number's run in search.js, which then does not
// need it: the index has more tokens than any query asks for, never fewer.)
func TestTokenizerAgreesWithSearchJS(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		msg := "no Node.js to run search.js's tokenizer: apt-get install nodejs"
		if os.Getenv("REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s (REQUIRE_TOOLS=1: the tool is required)", msg)
		}
		t.Skip(msg)
	}
	src, err := os.ReadFile("../../assets/search.js")
	if err != nil {
		t.Fatal(err)
	}
	const from, to = "  var JA = ", "  // stem is a light English stemmer"
	start, end := strings.Index(string(src), from), strings.Index(string(src), to)
	if start < 0 || end < start {
		t.Fatalf("search.js has no tokenizer between %q and %q", from, to)
	}
	// Texts of the characters the rules are about, in every order.
	alphabet := []rune("0123456789,.,.1 1 １，．万億兆千百十aZé あア漢ー・円人ドル%％")
	rng := rand.New(rand.NewPCG(1, 2))
	texts := []string{"2万5,000丁", "1億ドル", "7億5,000万", "4.5億", "3千万", "2万3億", "１，３００人", "8,140", "1.5a", "2006年", "354ドル", "4.5人", "12a人", "ドル5",
		"US$7.14 million", "¥400\u00a0million", "4.5 billion", "$1,300 million", "5 millions", "$5", "¥1億", "$3人", "9,999,999,999 billion"}
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(14) {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	// And of the parts of English amounts, in every order.
	parts := []string{"1", "4.5", "1,300", "9,999,999,999", " ", "\u00a0", "million", "billion", "millions", "$", "¥", "us", "億", "ドル", "円", ",", "."}
	for range 5000 {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		texts = append(texts, b.String())
	}
	in, _ := json.Marshal(map[string]any{"texts": texts, "stop": stopWords})
	prog := string(src[start:end]) + `
const input = JSON.parse(require("fs").readFileSync(0, "utf8")), stop = new Set(input.stop);
process.stdout.write(JSON.stringify(input.texts.map(s => runs(Array.from(s).map(fold))
	.filter(r => !r.ja && (Array.from(r.text).length >= 2 || /^[0-9]$/.test(r.text)) && !stop.has(r.text))
	.flatMap(r => r.digits ? [r.digits, r.text] : [r.text]))));
`
	cmd := exec.Command(node, "-e", prog)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var js [][]string
	if err := json.Unmarshal(out, &js); err != nil || len(js) != len(texts) {
		t.Fatalf("node wrote %d results (%v), want %d", len(js), err, len(texts))
	}
	var tz tokenizer
	bad := 0
	for i, text := range texts {
		var words []string
		tz.tokens(text, func(tok []byte, _ uint32) {
			w := string(tok)
			if r := []rune(w); isJapanese(r[0]) {
				return
			}
			// A number with its unit: the index has the number too, which the query
			// does not cut.
			if n := len(words); n > 0 && strings.HasPrefix(w, words[n-1]) && unitAt([]rune(w), len([]rune(words[n-1]))) != "" {
				words[n-1] = w
				return
			}
			words = append(words, w)
		})
		if got := js[i]; !slices.Equal(words, got) && !(len(words) == 0 && len(got) == 0) {
			if bad++; bad <= 10 {
				t.Errorf("%q: tokens.go cuts the words %q, search.js %q", text, words, got)
			}
		}
	}
	if bad > 10 {
		t.Errorf("and %d texts more", bad-10)
	}
}
