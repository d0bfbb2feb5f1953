"""How people name things: normalising and resolving typed names, the words people use, and the small grammar of generated text."""
