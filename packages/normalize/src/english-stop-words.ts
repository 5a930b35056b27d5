import { FrozenWordSet } from "./internal/frozen-word-set";

// The classic English list (NLTK's, from the Snowball stemmer project) minus the negations: in an error
// message "not", "no", "nor" and "n't" forms carry the cause ("found" vs "not found").
const WORDS =
  "i me my myself we our ours ourselves you you're you've you'll you'd your yours yourself yourselves he him his himself " +
  "she she's her hers herself it it's its itself they them their theirs themselves what which who whom this that that'll " +
  "these those am is are was were be been being have has had having do does did doing a an the and but if or because as " +
  "until while of at by for with about against between into through during before after above below to from up down in " +
  "out on off over under again further then once here there when where why how all any both each few more most other " +
  "some such only own same so than too very s t can will just should should've now d ll m o re ve y";

/**
 * English stop words removed from {@link tokenize}'s output and by {@link removeStopWords}: NLTK's list
 * without its negations (`not`, `no`, `nor`, `don't`, `isn't`, …), which decide what an error means.
 * Read-only (`add` and `delete` throw); extend a copy: `new Set([...englishStopWords, "please"])`.
 */
export const englishStopWords: ReadonlySet<string> = Object.freeze(new FrozenWordSet(WORDS.split(" ")));
