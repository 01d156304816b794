package site

import (
	"peacebuilding/internal/content"
	"peacebuilding/internal/parallel"
)

// bodyFacts are what the model reads of a file's body before it converts the body.
type bodyFacts struct {
	untranslated bool   // of a translation: content.NotYetTranslated
	textLine     int    // of a translation not yet translated, for its warning
	hash         string // of a master with translations: content.SourceHash
}

// readBodies finds, on every core, what the model reads of the files' bodies before
// converting them: whether each translation is still a copy of its source, and the source
// hash of each master that has translations. A one-off build then sets every body aside
// (content.File.SetBodyAside) until its conversion reads the file again: at 10,000
// country briefs per language the files' text was 60 MB of the live heap while the model
// was made (two thirds of it the bodies, the rest the front matter, released before the
// conversions), and the model needs only these facts of the bodies.
func (b *builder) readBodies() {
	type job struct {
		f      *content.File
		master bool
	}
	var jobs []job
	for _, key := range b.keys {
		m := b.master(key)
		translated := false
		for _, l := range b.site.Config.Languages {
			if f := b.byKey[key][l.Code]; f != nil && f != m {
				jobs, translated = append(jobs, job{f, false}), true
			}
		}
		if translated {
			jobs = append(jobs, job{m, true})
		}
	}
	facts := make([]bodyFacts, len(jobs))
	parallel.For(len(jobs), func() func(int) {
		return func(i int) {
			switch f := jobs[i].f; {
			case jobs[i].master:
				h, ok := b.memo.knownHash(f)
				if !ok {
					h = content.SourceHash(f)
				}
				facts[i].hash = h
			case content.NotYetTranslated(f):
				facts[i].untranslated, facts[i].textLine = true, f.TextLine()
			}
		}
	})
	b.bodies = make(map[*content.File]bodyFacts, len(jobs))
	for i, j := range jobs {
		b.bodies[j.f] = facts[i]
		if j.master {
			b.memo.rememberHash(j.f, facts[i].hash)
		}
	}
	if b.dropText {
		for _, key := range b.keys {
			for _, f := range b.byKey[key] {
				f.SetBodyAside()
			}
		}
	}
}
