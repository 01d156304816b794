package numbers

import (
	"math"
	"testing"
)

func TestGroup(t *testing.T) {
	tests := []struct {
		name string
		v    float64
		lang string
		want string
	}{
		{"en thousands", 181000, "en", "181,000"},
		{"en decimals as needed", 13.8, "en", "13.8"},
		{"en under a thousand", 354, "en", "354"},
		{"en millions", 13800000, "en", "13,800,000"},
		{"en zero", 0, "en", "0"},
		{"en negative zero", math.Copysign(0, -1), "en", "0"},
		{"en negative", -1300, "en", "-1,300"},
		{"en small fraction", 0.0005, "en", "0.0005"},
		{"en NaN", math.NaN(), "en", "NaN"},
		{"en infinity", math.Inf(1), "en", "+Inf"},
		{"unknown language is English", 181000, "fr", "181,000"},
		{"ja mixed units", 181000, "ja", "18万1,000"},
		{"ja under a myriad", 8140, "ja", "8,140"},
		{"ja whole myriads", 13800000, "ja", "1,380万"},
		{"ja oku and man", 125000000, "ja", "1億2,500万"},
		{"ja zero groups left out", 100000001, "ja", "1億1"},
		{"ja cho", 1.5e12, "ja", "1兆5,000億"},
		{"ja above cho stays in cho", 1.2345e16, "ja", "12,345兆"},
		{"ja decimals", 13.8, "ja", "13.8"},
		{"ja zero", 0, "ja", "0"},
		{"ja decimals after a myriad", 10000.5, "ja", "1万0.5"},
		{"ja negative", -25000, "ja", "-2万5,000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Group(tt.v, tt.lang); got != tt.want {
				t.Errorf("Group(%v, %q) = %q, want %q", tt.v, tt.lang, got, tt.want)
			}
		})
	}
}

func TestFigure(t *testing.T) {
	tests := []struct {
		name   string
		value  float64
		unit   string
		approx string
		lang   string
		want   string
	}{
		{"en people", 1300, "people", "", "en", "1,300 people"},
		{"en people without scale", 8140, "people", "", "en", "8,140 people"},
		{"en one person", 1, "people", "", "en", "1 person"},
		{"en people in millions", 13800000, "people", "", "en", "13.8 million people"},
		{"en usd billion", 4500000000, "usd", "", "en", "US$4.5 billion"},
		{"en usd million", 38600000, "usd", "", "en", "US$38.6 million"},
		{"en usd whole million", 100000000, "usd", "", "en", "US$100 million"},
		{"en usd small", 354, "usd", "", "en", "US$354"},
		{"en usd three decimals scale", 7140000, "usd", "", "en", "US$7.14 million"},
		{"en usd too many decimals to scale", 1234567, "usd", "", "en", "US$1,234,567"},
		{"en usd just below a million", 999999, "usd", "", "en", "US$999,999"},
		{"en usd exactly a million", 1000000, "usd", "", "en", "US$1 million"},
		{"en usd trillion", 2.5e12, "usd", "", "en", "US$2.5 trillion"},
		{"en usd without float artifact", 1.1e6, "usd", "", "en", "US$1.1 million"},
		{"en jpy billion", 33500000000, "jpy", "", "en", "¥33.5 billion"},
		{"en jpy million", 400000000, "jpy", "", "en", "¥400 million"},
		{"en items", 25000, "items", "", "en", "25,000"},
		{"en percent", 20, "percent", "", "en", "20%"},
		{"en percent never scaled", 2000000, "percent", "", "en", "2,000,000%"},
		{"en about", 38600000, "usd", "about", "en", "about US$38.6 million"},
		{"en nearly", 90, "percent", "nearly", "en", "nearly 90%"},
		{"en over", 4500000000, "usd", "over", "en", "over US$4.5 billion"},
		{"en up to", 100000000, "usd", "up-to", "en", "up to US$100 million"},
		{"en unknown unit is items", 25000, "tonnes", "", "en", "25,000"},
		{"en unknown approx is left out", 25000, "items", "roughly", "en", "25,000"},
		{"ja people", 1300, "people", "", "ja", "1,300人"},
		{"ja people in man", 13800000, "people", "", "ja", "1,380万人"},
		{"ja people under a myriad", 8140, "people", "", "ja", "8,140人"},
		{"ja usd oku", 4500000000, "usd", "", "ja", "45億ドル"},
		{"ja usd man", 38600000, "usd", "", "ja", "3,860万ドル"},
		{"ja usd one oku", 100000000, "usd", "", "ja", "1億ドル"},
		{"ja usd 714 man", 7140000, "usd", "", "ja", "714万ドル"},
		{"ja usd small", 354, "usd", "", "ja", "354ドル"},
		{"ja usd mixed units", 125000000, "usd", "", "ja", "1億2,500万ドル"},
		{"ja jpy 335 oku", 33500000000, "jpy", "", "ja", "335億円"},
		{"ja jpy 200 oku", 20000000000, "jpy", "", "ja", "200億円"},
		{"ja jpy 4 oku", 400000000, "jpy", "", "ja", "4億円"},
		{"ja jpy 150 oku", 15000000000, "jpy", "", "ja", "150億円"},
		{"ja items mixed units", 25000, "items", "", "ja", "2万5,000"},
		{"ja items whole man", 100000, "items", "", "ja", "10万"},
		{"ja weapons counted with 丁", 25000, "weapons", "over", "ja", "2万5,000丁超"},
		{"en weapons are items", 25000, "weapons", "over", "en", "over 25,000"},
		{"ja percent half-width", 20, "percent", "", "ja", "20%"},
		{"ja about", 4500000000, "usd", "about", "ja", "約45億ドル"},
		{"ja nearly after the number", 90, "percent", "nearly", "ja", "90%近く"},
		{"ja over", 4500000000, "usd", "over", "ja", "45億ドル超"},
		{"ja up to", 4500000000, "usd", "up-to", "ja", "最大45億ドル"},
		{"ja about jpy", 33500000000, "jpy", "about", "ja", "約335億円"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Figure(tt.value, tt.unit, tt.approx, tt.lang); got != tt.want {
				t.Errorf("Figure(%v, %q, %q, %q) = %q, want %q", tt.value, tt.unit, tt.approx, tt.lang, got, tt.want)
			}
		})
	}
}

func TestArea(t *testing.T) {
	tests := []struct {
		name string
		km2  float64
		lang string
		want string
	}{
		{"en", 181000, "en", "181,000 km²"},
		{"ja mixed units", 181000, "ja", "18万1,000km²"},
		{"en large area is not scaled", 2345410, "en", "2,345,410 km²"},
		{"ja large area", 2345410, "ja", "234万5,410km²"},
		{"en small", 14874, "en", "14,874 km²"},
		{"ja small", 14874, "ja", "1万4,874km²"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Area(tt.km2, tt.lang); got != tt.want {
				t.Errorf("Area(%v, %q) = %q, want %q", tt.km2, tt.lang, got, tt.want)
			}
		})
	}
}

func TestMillions(t *testing.T) {
	tests := []struct {
		name string
		m    float64
		lang string
		want string
	}{
		{"en", 13.8, "en", "13.8 million"},
		{"ja", 13.8, "ja", "1,380万"},
		{"en below one", 0.9, "en", "0.9 million"},
		{"ja below one", 0.9, "ja", "90万"},
		{"en large", 1300, "en", "1,300 million"},
		{"ja large", 1300, "ja", "13億"},
		{"ja without float artifact", 1.005, "ja", "100万5,000"},
		{"ja fraction of a person kept", 0.0000005, "ja", "0.5"},
		{"en NaN", math.NaN(), "en", "NaN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Millions(tt.m, tt.lang); got != tt.want {
				t.Errorf("Millions(%v, %q) = %q, want %q", tt.m, tt.lang, got, tt.want)
			}
		})
	}
}

func TestDecimalShift(t *testing.T) {
	tests := []struct {
		name string
		v    float64
		n    int
		want string
	}{
		{"up", 13.8, 6, "13,800,000"},
		{"down", 4500000000, -9, "4.5"},
		{"down past the point", 5, -3, "0.005"},
		{"up past the digits", 0.25, 1, "2.5"},
		{"zero", 0, 6, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := toDecimal(tt.v)
			if got := d.shift(tt.n).english(); got != tt.want {
				t.Errorf("toDecimal(%v).shift(%d) = %q, want %q", tt.v, tt.n, got, tt.want)
			}
		})
	}
}
