"""The teaching tools: quiz, lessons, what-if and common causes, the
printable handout and the Anki deck, and the wording they share
(:mod:`graph.teaching.wording`)."""
