"""Where graphs are kept: the built output, the cache of validated data, the FalkorDB database and new data folders."""
