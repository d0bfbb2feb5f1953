"""What footback asks of a graph: paths and links, explanations, why no path, descriptions, search and the anatomy of the links."""
